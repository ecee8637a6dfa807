"""What tests/ and bench/ share: loopback stand-ins of the services ivr talks to, the Procfile's
processes started as a host starts them, real databases, and Twilio's side of a call."""
