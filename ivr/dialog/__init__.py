"""The dialog core: what the line does next, decided from plain values.

It imports no Flask, SQLAlchemy or twilio (tests/test_layers.py checks): `types` is its vocabulary,
`rules` the turn rules every engine is held to, `wording` every sentence the line says on its own,
`matching` speech to menu options, `redaction` what is masked before anything is stored, and
`engines` the menu engine and Claude."""
