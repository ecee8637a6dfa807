"""The Claude engine: free conversation through the Messages API, with actions as tool calls.

A phone call punishes every failure of a model, so each one degrades to the menu engine with a
short apology: the caller keeps talking to the line, and the turn records what went wrong."""

from __future__ import annotations

import functools
import logging
import re
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import anthropic

from ivr.assistant import Assistant
from ivr.dialog import CallerInput, Hangup, Listen, Reply, Transfer, Turn
from ivr.engines import prompt
from ivr.engines.menu import MenuEngine, choose, take_message

log = logging.getLogger("ivr.claude")
MAX_TOKENS = 300  # a spoken reply of a few sentences; more would be a monologue on the phone
SPOKEN_LIMIT = 700
RETRYABLE = {500, 502, 503, 529}
SORRY = "Sorry, I'm having a little trouble right now."


class ModelFailure(Exception):
    """The model gave nothing usable: an error, a timeout, or an answer we cannot act on."""


class ClaudeEngine:
    name = "claude"

    def __init__(self, client: anthropic.Anthropic, model: str, timeout: float) -> None:
        self.client, self.model, self.timeout = client, model, timeout
        self.fallback = MenuEngine()

    def reply(self, assistant: Assistant, history: list[Turn], said: CallerInput, caller: str = "") -> Reply:
        began = time.perf_counter()
        try:
            message = self._ask(assistant, history, said, caller)
            reply = self._act(assistant, message)
        except (AttributeError, TypeError) as error:  # a 200 whose body is not a message
            return self._fall_back(assistant, history, said, f"malformed-{type(error).__name__}")
        except ModelFailure as failure:
            log.warning("event=model-fallback reason=%s", failure)
            return self._fall_back(assistant, history, said, str(failure))
        usage = _usage(message, began)
        return replace(reply, usage=usage)

    def _ask(self, assistant: Assistant, history: list[Turn], said: CallerInput, caller: str) -> Any:
        """One request, and one quick retry if the API is overloaded and time allows."""
        deadline = time.monotonic() + self.timeout * 1.5
        request = {
            "model": self.model,
            "max_tokens": MAX_TOKENS,
            "system": prompt.system_prompt(assistant) + prompt.about_caller(caller),
            "tools": prompt.tools(assistant),
            "messages": prompt.messages(history, prompt.caller_words(said.kind, said.text)),
        }
        for attempt in (1, 2):
            remaining = min(self.timeout, deadline - time.monotonic())
            try:
                return self.client.messages.create(**request, timeout=remaining)
            except anthropic.APIStatusError as error:
                if attempt == 2 or error.status_code not in RETRYABLE or remaining < 1.0:
                    raise ModelFailure(f"status-{error.status_code}") from error
            except anthropic.APITimeoutError as error:
                raise ModelFailure("timeout") from error
            except (anthropic.APIError, ValueError) as error:
                raise ModelFailure(type(error).__name__) from error
        raise ModelFailure("unreachable")

    def _act(self, assistant: Assistant, message: Any) -> Reply:
        text = spoken(" ".join(b.text for b in message.content if b.type == "text"))
        calls = [b for b in message.content if b.type == "tool_use"]
        if calls:
            return tool_action(assistant, calls[0].name, calls[0].input, text)
        if not text:
            raise ModelFailure("empty-reply")
        if leaks_instructions(assistant, text):
            log.warning("event=refused-leak")
            return Reply(
                Listen("I can't share that, but I'm happy to help with anything else."), "refused-leak"
            )
        return Reply(Listen(text), note="model")

    def _fall_back(self, assistant: Assistant, history: list[Turn], said: CallerInput, why: str) -> Reply:
        action = self.fallback.reply(assistant, history, said).action
        return Reply(replace(action, say=f"{SORRY} {action.say}"), note=f"model-fallback:{why}"[:40])


SUMMARY_PROMPT = (
    "Summarise this phone call for the business in one or two plain sentences: who called, what "
    "they wanted, and what happened. No preamble, no lists."
)


def summariser(engine: ClaudeEngine) -> Callable[[dict[str, Any]], str | None]:
    """A post-call summary from the event's transcript; None (keep the plain one) on any failure."""

    def summarise(event: dict[str, Any]) -> str | None:
        lines = "\n".join(f"{t['role']}: {t['text']}" for t in event.get("transcript", []) if t.get("text"))
        try:
            message = engine.client.messages.create(
                model=engine.model,
                max_tokens=120,
                system=SUMMARY_PROMPT,
                messages=[{"role": "user", "content": lines[-8000:] or "(nothing was said)"}],
                timeout=10,
            )
            text = " ".join(b.text for b in message.content if b.type == "text")
        except (anthropic.APIError, ValueError, AttributeError, TypeError):
            log.warning("event=summary-failed")
            return None
        return spoken(text) or None

    return summarise


def tool_action(assistant: Assistant, name: str, arguments: Any, text: str) -> Reply:
    """Turn a tool call into an action, checking it again: the schema is a promise, not a guard."""
    args = arguments if isinstance(arguments, dict) else {}
    if name == prompt.TRANSFER and args.get("target") in assistant.directory:
        target = args["target"]
        say = spoken(str(args.get("say") or text)) or f"Connecting you to {target}."
        return Reply(Transfer(say, target), note="model-transfer")
    if name == prompt.END_CALL:
        return Reply(Hangup(spoken(str(args.get("goodbye") or "")) or assistant.goodbye), note="model-end")
    if name == prompt.MESSAGE and str(args.get("message") or "").strip():
        number = re.sub(r"[^\d+]", "", str(args.get("callback_number") or ""))
        name_given = str(args.get("name") or "").strip()[:200] or None
        return take_message(
            str(args["message"])[:2000], name_given, number if 7 <= len(number) <= 16 else None
        )
    if name == prompt.MENU_OPTION:
        option = next((o for o in assistant.menu if o.name == args.get("option")), None)
        if option is not None:
            return choose(assistant, option)
    log.warning("event=tool-refused tool=%s", name)
    return Reply(
        Listen("I'm sorry, I can't do that. Is there anything else I can help you with?"), note="refused-tool"
    )


def spoken(text: str) -> str:
    """Model text made fit to be heard: no markdown or lists, and short."""
    text = re.sub(r"^\s*(?:[-*•]|\d+[.)])\s+", "", text, flags=re.MULTILINE)
    text = " ".join(re.sub(r"[*_#`>|]+", " ", text).split())
    if len(text) <= SPOKEN_LIMIT:
        return text
    cut = text[:SPOKEN_LIMIT]
    end = max(cut.rfind(". "), cut.rfind("? "), cut.rfind("! "))
    return cut[: end + 1] if end > 0 else cut.rsplit(" ", 1)[0] + "."


LEAK_RUN = 8  # words in a row; shorter runs are everyday phrases


def leaks_instructions(assistant: Assistant, text: str) -> bool:
    """True when the reply recites a run of words from the private instructions or the guide's
    rules (not its examples, which are there to be said)."""
    reply = _words(text)
    secret = _secret_runs(assistant.instructions)
    return any(tuple(reply[i : i + LEAK_RUN]) in secret for i in range(len(reply) - LEAK_RUN + 1))


@functools.lru_cache(maxsize=16)
def _secret_runs(instructions: str) -> frozenset[tuple[str, ...]]:
    words = _words(instructions + " " + prompt.guide_rules())
    return frozenset(tuple(words[i : i + LEAK_RUN]) for i in range(len(words) - LEAK_RUN + 1))


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def _usage(message: Any, began: float) -> dict[str, int]:
    usage = message.usage
    return {
        "model_ms": round((time.perf_counter() - began) * 1000),
        "input_tokens": usage.input_tokens,
        "output_tokens": usage.output_tokens,
        "cache_read_tokens": usage.cache_read_input_tokens or 0,
        "cache_write_tokens": usage.cache_creation_input_tokens or 0,
    }
