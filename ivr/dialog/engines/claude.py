"""The Claude engine: free conversation through the Messages API, with actions as tool calls.

A phone call punishes every failure of a model, so each one degrades to the menu engine with a
short apology: the caller keeps talking to the line, and the turn records what went wrong. The
answer is streamed, so that its first sentence can be said while the model writes the rest."""

from __future__ import annotations

import functools
import logging
import re
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import anthropic
import httpx2

from ivr.assistant import Assistant
from ivr.dialog import texts, wording
from ivr.dialog.actions import ActionSpec, Outcome, spoken_outcome
from ivr.dialog.engines import prompt
from ivr.dialog.engines.menu import MenuEngine, choose, take_message
from ivr.dialog.notes import Note
from ivr.dialog.types import ActionRequest, Announce, CallerInput, Hangup, Listen, PastTurn, Reply, Transfer

log = logging.getLogger("ivr.claude")
MAX_TOKENS = 300  # a spoken reply of a few sentences; more would be a monologue on the phone
SPOKEN_LIMIT = 700
RETRYABLE = {500, 502, 503, 529}
# An error inside a stream comes after the 200, as an `error` event naming its type
# (https://docs.claude.com/en/docs/build-with-claude/streaming#error-events).
STREAM_ERROR_STATUS = {"overloaded_error": 529, "api_error": 500}


REFUSED_KEY = frozenset({"status-401", "status-403"})


class ModelFailure(Exception):
    """The model gave nothing usable: an error, a timeout, or an answer we cannot act on."""


class ClaudeEngine:
    name = "claude"

    def __init__(self, client: anthropic.Anthropic, model: str, timeout: float) -> None:
        self.client, self.model, self.timeout = client, model, timeout
        self.fallback = MenuEngine()

    def reply(
        self,
        assistant: Assistant,
        history: list[PastTurn],
        said: CallerInput,
        caller: str = "",
        early: Announce | None = None,
    ) -> Reply:
        began = time.perf_counter()
        try:
            message = self._ask(assistant, history, said, caller, FirstSentence(assistant, early))
            reply = self._act(assistant, message)
        except (AttributeError, TypeError) as error:  # a 200 whose body is not a message
            return self._fall_back(assistant, history, said, f"malformed-{type(error).__name__}")
        except ModelFailure as failure:
            if str(failure) in REFUSED_KEY:  # every turn will fail alike: say what to fix
                log.error(
                    "event=model-fallback reason=%s: the Messages API refused ANTHROPIC_API_KEY; "
                    "callers get the menu until it is fixed (check it with `ivr doctor`)",
                    failure,
                )
            else:
                log.warning("event=model-fallback reason=%s", failure)
            return self._fall_back(assistant, history, said, str(failure))
        usage = _usage(message, began)
        return replace(reply, usage=usage)

    def after_action(
        self,
        assistant: Assistant,
        history: list[PastTurn],
        said: CallerInput,
        request: ActionRequest,
        outcome: Outcome,
        caller: str = "",
    ) -> Reply:
        """The model, told how the action went, says so in the assistant's voice; if the model
        fails now, the owner's own words for the outcome are said instead."""
        if request.name == prompt.SEND_TEXT and not request.tool_use_id:  # a menu option's text
            return self.fallback.after_action(assistant, history, said, request, outcome, caller)
        began = time.perf_counter()
        spec = assistant.action(request.name)
        note = (Note.ACTION if outcome.ok else Note.ACTION_FAILED).of(request.name)
        exchange = prompt.action_exchange(request, outcome, spec)
        try:
            message = self._ask(assistant, history, said, caller, FirstSentence(assistant, None), exchange)
            reply = self._act(assistant, message, acting=False)
        except (AttributeError, TypeError, ModelFailure) as failure:
            log.warning("event=model-fallback reason=%s after=action", failure)
            if request.name == prompt.SEND_TEXT:
                return Reply(Listen(texts.owner_words(assistant, outcome)), note)
            return Reply(Listen(owner_words(assistant, spec, outcome)), note)
        if reply.note == Note.MODEL:
            reply = replace(reply, note=note)
        return replace(reply, usage=_usage(message, began))

    def _ask(
        self,
        assistant: Assistant,
        history: list[PastTurn],
        said: CallerInput,
        caller: str,
        first: FirstSentence,
        after: list[dict[str, Any]] | None = None,
    ) -> Any:
        """One request, and one quick retry if the API is overloaded, time allows, and the caller
        has not heard the start of the first answer (a second one would not go on from it)."""
        deadline = time.monotonic() + self.timeout * 1.5
        request = {
            "model": self.model,
            "max_tokens": MAX_TOKENS,
            "system": prompt.system_prompt(assistant)
            + prompt.opening(assistant)
            + prompt.about_caller(caller),
            "tools": prompt.tools(assistant),
            "messages": prompt.messages(history, prompt.caller_words(said.kind, said.text)) + (after or []),
        }
        for attempt in (1, 2):
            remaining = min(self.timeout, deadline - time.monotonic())
            try:
                return self._stream(request, remaining, first)
            except anthropic.APIStatusError as error:
                status = _status(error)
                if attempt == 2 or status not in RETRYABLE or remaining < 1.0 or first.told:
                    raise ModelFailure(f"status-{status}") from error
            except (anthropic.APITimeoutError, httpx2.TimeoutException) as error:
                raise ModelFailure("timeout") from error
            except (anthropic.APIError, httpx2.TransportError, ValueError) as error:
                raise ModelFailure(type(error).__name__) from error
        raise ModelFailure("unreachable")

    def _stream(self, request: dict[str, Any], timeout: float, first: FirstSentence) -> Any:
        """One streamed request and its final message, the whole of it within `timeout` as an
        answer that is not streamed would be. The SDK times out each read, not the whole stream,
        and raises its HTTP library's errors, not its own, for a stream that stalls or is cut."""
        give_up_at = time.monotonic() + timeout
        with self.client.messages.stream(**request, timeout=timeout) as stream:
            if not stream.response.headers.get("content-type", "").startswith("text/event-stream"):
                raise ModelFailure("malformed-not-a-stream")  # a proxy's page, say: no events at all
            finished = False
            for event in stream:
                if time.monotonic() > give_up_at:
                    raise ModelFailure("timeout")
                first.hear(event)
                finished = event.type == "message_stop"
            if not finished:
                raise ModelFailure("cut-off")
            return stream.get_final_message()

    def _act(self, assistant: Assistant, message: Any, acting: bool = True) -> Reply:
        """The reply a message makes; `acting` False once an action ran this turn: one is enough."""
        text = spoken(" ".join(b.text for b in message.content if b.type == "text"))
        calls = [b for b in message.content if b.type == "tool_use"]
        if calls and calls[0].name == prompt.SEND_TEXT and acting:  # to the caller: never another number
            arguments = calls[0].input if isinstance(calls[0].input, dict) else {}
            request = ActionRequest(prompt.SEND_TEXT, arguments, calls[0].id, text)
            failed = texts.owner_words(assistant, Outcome("failed"))
            return Reply(Listen(failed), Note.ACTION.of(prompt.SEND_TEXT), request=request)
        spec = assistant.action(calls[0].name) if calls else None
        if spec is not None and spec.run_on == "request" and acting:
            arguments = calls[0].input if isinstance(calls[0].input, dict) else {}
            request = ActionRequest(spec.name, arguments, calls[0].id, text)
            return Reply(Listen(spec.say_while_waiting), Note.ACTION.of(spec.name), request=request)
        if calls and spec is None and calls[0].name != prompt.SEND_TEXT:
            return tool_action(assistant, calls[0].name, calls[0].input, text)
        if calls:
            log.warning(
                "event=tool-refused tool=%s reason=%s",
                calls[0].name,
                "second-action" if acting is False else "not-on-request",
            )
            if not text:
                return Reply(Listen(wording.of(assistant).CANNOT_DO), note=Note.REFUSED_TOOL)
        if not text:
            raise ModelFailure("empty-reply")
        if leaks_instructions(assistant, text):
            log.warning("event=refused-leak")
            return Reply(Listen(wording.of(assistant).WONT_SHARE), Note.REFUSED_LEAK)
        return Reply(Listen(text), note=Note.MODEL)

    def _fall_back(self, assistant: Assistant, history: list[PastTurn], said: CallerInput, why: str) -> Reply:
        fallback = self.fallback.reply(assistant, history, said)
        sorry = wording.of(assistant).MODEL_TROUBLE
        # The menu may ask for an action or a text to go first (an action's last value, an option
        # that texts): the apology then leads what the caller hears once it has run.
        request = replace(fallback.request, lead=sorry) if fallback.request else None
        action = fallback.action
        return Reply(
            replace(action, say=f"{sorry} {action.say}"), Note.MODEL_FALLBACK.of(why), request=request
        )


class FirstSentence:
    """Tells `early`, once, an answer's first sentence as soon as it is complete, if no action
    began before it and it gives nothing of the instructions away."""

    def __init__(self, assistant: Assistant, early: Announce | None) -> None:
        self.assistant, self.early = assistant, early
        self.done = False  # told, or too late to tell: an action began first
        self.told = False

    def hear(self, event: Any) -> None:
        if self.done or self.early is None:
            return
        if event.type == "content_block_start" and event.content_block.type != "text":
            self.done = True
        elif event.type == "text":
            sentence = first_sentence(event.snapshot)
            if sentence is None:
                return
            self.done = True
            if not leaks_instructions(self.assistant, sentence):
                self.told = True
                self.early(sentence)


MIN_FIRST_WORDS = 3  # "Sure." alone is not worth a round trip: it goes with the next sentence
NOT_AN_END = {"dr", "mr", "mrs", "ms", "st", "jr", "sr", "prof", "no", "mt", "ave", "rd", "vs"}
SENTENCE_END = re.compile(r"(?<=\w)([.!?][\"')\]]*)\s+(\S)")


def first_sentence(text: str) -> str | None:
    """The first sentence of text still being written, as it will be spoken, once it is complete:
    ended by . ! or ? and followed by the capital of another. None until then, and for a first
    sentence too long to be said apart. Titles ("Dr. Patel"), initials and "a.m." end nothing."""
    for end in SENTENCE_END.finditer(text):
        if not _ends_sentence(text[: end.start()].split()[-1], end.group(2)):
            continue
        opening = spoken(text[: end.end(1)])
        if len(opening.split()) >= MIN_FIRST_WORDS:
            return opening if len(opening) < SPOKEN_LIMIT else None
    return None


def _ends_sentence(word: str, next_char: str) -> bool:
    """Whether a stop after `word`, followed by `next_char`, ends a sentence."""
    if not (next_char.isupper() or next_char in "¿¡"):
        return False
    initial = len(word) == 1 and word.isalpha()
    return not (initial or "." in word or word.lower() in NOT_AN_END)


def _status(error: anthropic.APIStatusError) -> int:
    """The HTTP status of an error, or for an error event inside a stream, the one it stands for."""
    if error.status_code != 200:
        return error.status_code
    body = error.body if isinstance(error.body, dict) else {}
    kind = body.get("error", {}).get("type") if isinstance(body.get("error"), dict) else None
    return STREAM_ERROR_STATUS.get(kind or "", 500)


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
        say = spoken(str(args.get("say") or text)) or wording.of(assistant).connecting(target)
        return Reply(Transfer(say, target), note=Note.MODEL_TRANSFER)
    if name == prompt.END_CALL:
        return Reply(Hangup(spoken(str(args.get("goodbye") or "")) or assistant.goodbye), note=Note.MODEL_END)
    if name == prompt.MESSAGE and str(args.get("message") or "").strip():
        number = re.sub(r"[^\d+]", "", str(args.get("callback_number") or ""))
        name_given = str(args.get("name") or "").strip()[:200] or None
        return take_message(
            assistant, str(args["message"])[:2000], name_given, number if 7 <= len(number) <= 16 else None
        )
    if name == prompt.MENU_OPTION:
        option = next((o for o in assistant.menu if o.name == args.get("option")), None)
        if option is not None:
            return choose(assistant, option)
    log.warning("event=tool-refused tool=%s", name)
    return Reply(Listen(wording.of(assistant).CANNOT_DO), note=Note.REFUSED_TOOL)


def owner_words(assistant: Assistant, spec: ActionSpec | None, outcome: Outcome) -> str:
    """The assistant file's words for an action's outcome, for when the model cannot say it."""
    if spec is None or outcome.status == "refused":
        return wording.of(assistant).CANNOT_DO
    said = spoken_outcome(spec.say_on_success, outcome.fields) if outcome.ok else None
    return f"{said[0] if said else spec.say_on_failure} {wording.of(assistant).ANYTHING_ELSE}"


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
