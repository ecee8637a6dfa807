"""The web layer: Twilio's voice webhooks (`voice`), their parameters parsed in one place
(`twilio_form`), the signature check (`signatures`), and actions rendered as TwiML (`twiml`)."""
