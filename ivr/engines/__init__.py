"""Dialog engines: the menu engine always, Claude when an API key is configured."""

from __future__ import annotations

from ivr.config import Settings
from ivr.dialog import Engine
from ivr.engines.menu import MenuEngine


def build_engine(settings: Settings) -> Engine:
    return MenuEngine()
