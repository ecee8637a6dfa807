"""Dialog engines: Claude when an API key is configured, otherwise the menu engine.

The Claude engine's module, and with it the Anthropic SDK, is imported only when one is built:
a menu line never loads it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ivr.config import Settings
from ivr.dialog.engines.menu import MenuEngine

if TYPE_CHECKING:
    from ivr.dialog.types import Engine


def build_engine(settings: Settings) -> Engine:
    if settings.menu_tier is not None:
        from ivr.dialog.understanding import Understanding

        return MenuEngine(Understanding.load(deep=settings.menu_tier == "deep"))
    if not settings.anthropic_api_key:
        return MenuEngine()
    import anthropic

    from ivr.dialog.engines.claude import ClaudeEngine

    client = anthropic.Anthropic(
        api_key=settings.anthropic_api_key,
        base_url=settings.anthropic_base_url,
        max_retries=0,  # the engine retries once itself, within the caller's time budget
        timeout=settings.model_timeout,
    )
    return ClaudeEngine(client, settings.anthropic_model, settings.model_timeout)


def post_call_summariser(engine: Engine) -> Callable[[dict[str, Any]], str | None] | None:
    """Claude's summary of a call for its post-call event; None with the menu engine."""
    if isinstance(engine, MenuEngine):
        return None
    from ivr.dialog.engines.claude import ClaudeEngine, summariser

    return summariser(engine) if isinstance(engine, ClaudeEngine) else None
