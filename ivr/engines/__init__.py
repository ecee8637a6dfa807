"""Dialog engines: Claude when an API key is configured, otherwise the menu engine."""

from __future__ import annotations

import anthropic

from ivr.config import Settings
from ivr.dialog import Engine
from ivr.engines.claude import ClaudeEngine
from ivr.engines.menu import MenuEngine


def build_engine(settings: Settings) -> Engine:
    if not settings.anthropic_api_key:
        return MenuEngine()
    client = anthropic.Anthropic(
        api_key=settings.anthropic_api_key,
        base_url=settings.anthropic_base_url,
        max_retries=0,  # the engine retries once itself, within the caller's time budget
        timeout=settings.model_timeout,
    )
    return ClaudeEngine(client, settings.anthropic_model, settings.model_timeout)
