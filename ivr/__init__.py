"""ivr: an AI assistant on a phone number, answering Twilio's <Gather> webhooks.

Importing this package costs nothing: the factory imports what the app needs when it builds one."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask

    from ivr.config import Settings

MAX_REQUEST_BYTES = 64 * 1024  # Twilio's webhooks are a few KB; a bigger body is not Twilio
MODEL_CALLS_PER_PROCESS = 256  # model calls in flight per process, most of them waiting on the network


def create_app(settings: Settings | None = None) -> Flask:
    """Build the app from settings (read from the environment and .env when not given)."""
    import logging
    from concurrent.futures import ThreadPoolExecutor

    from flask import Flask
    from twilio.request_validator import RequestValidator
    from werkzeug.middleware.proxy_fix import ProxyFix

    from ivr import console, lines, logs
    from ivr.answering.leases import Leases
    from ivr.answering.turns import Answerer
    from ivr.business.actions import ActionClient
    from ivr.config import Settings
    from ivr.dialog.engines import build_engine
    from ivr.dialog.engines.menu import MenuEngine
    from ivr.record.db import make_engine, session_factory
    from ivr.texting import TextSender
    from ivr.web import voice
    from ivr.web.state import VoiceService

    settings = settings or Settings.from_env()
    settings.check()
    logs.configure(settings.log_level)
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    if settings.trusted_proxy_hops:
        hops = settings.trusted_proxy_hops
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops)  # type: ignore[method-assign]
    engine = build_engine(settings)
    found = lines.load(settings.assistant_path)
    if isinstance(engine, MenuEngine) and engine.understanding is not None:
        for line in found.assistants:  # the options' meanings, before the first caller
            engine.understanding.prepare(line)
    sessions = session_factory(make_engine(settings.database_url))
    clients = {
        line.name: ActionClient(line.actions, settings.environment, settings.events_signing_secret)
        for line in found.assistants
        if line.actions
    }
    # A model answers in seconds, and so may the business's API: decide those in the background,
    # so a late answer becomes a filler.
    # So may Twilio's Messages API, for an option that texts the caller.
    texts = TextSender.from_settings(settings)
    texting = texts is not None and any(o.text for line in found.assistants for o in line.menu)
    background = not isinstance(engine, MenuEngine) or bool(clients) or texting
    executor = ThreadPoolExecutor(MODEL_CALLS_PER_PROCESS) if background else None
    leases = Leases(sessions) if background else None
    answerers = {
        line.name: Answerer(
            assistant=line,
            engine=engine,
            sessions=sessions,
            executor=executor,
            budget_s=settings.reply_budget,
            leases=leases,
            first_words=settings.stream_replies,
            actions=clients.get(line.name),
            decides_inline=isinstance(engine, MenuEngine),
            texts=texts,
        )
        for line in found.assistants
    }
    validator = RequestValidator(settings.twilio_auth_token) if settings.validate_signatures else None
    app.extensions["ivr"] = VoiceService(
        settings,
        answerers[found.first.name],
        validator,
        by_number={number: answerers[line.name] for number, line in found.by_number.items()},
        answers_all=found.default is not None,
    )
    if any(not client.signed for client in clients.values()):
        logging.getLogger("ivr").warning(
            "EVENTS_SIGNING_SECRET is not set: the business's actions are called unsigned"
        )
    if not settings.validate_signatures:
        logging.getLogger("ivr").warning("TWILIO_VALIDATE_SIGNATURES=false: anyone can post to /voice/*")
    app.register_blueprint(voice.voice)
    app.teardown_appcontext(voice.close_db)
    console.register(app, settings)
    return app
