"""The console: the line's calls, messages, overview and health in a browser, for the people who
run the line. Server-rendered pages in the same app as the webhooks, behind a login.

`register` adds it to an app; nothing here is imported until the factory asks for it."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask

    from ivr.config import Settings


def register(app: Flask, settings: Settings) -> None:
    """Mount the console at /console/, /healthz, and the count of refused webhook signatures."""
    from ivr.console import auth, formats, health, views

    auth.configure(app, settings)
    formats.register(app)
    app.register_blueprint(views.console)
    app.register_blueprint(health.healthz)
    app.after_request(health.count_rejected_webhooks)
