"""Making the line better from a call: the call written as a scenario file that replays what the
caller did and expects what happened (run with `ivr test-calls`), and the TOML lines that would
teach a menu option words it did not understand. The console shows these; it never edits the
assistant file."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from ivr.assistant import Assistant, MenuOption
from ivr.console import formats
from ivr.console.queries import CallStory
from ivr.dialog.notes import Note
from ivr.record.models import Call, Turn


def file_name(call: Call) -> str:
    return f"call-{call.call_sid[-8:].lower()}.toml"


def scenario_toml(story: CallStory, assistant: Assistant, zone: str) -> str:
    """A scenario file for `ivr test-calls`: the caller's inputs and dial results as they came,
    and what the line did as the expectations. A caller who hung up cannot be scripted, so then
    the replay goes on in silence and only what happened before is expected."""
    inputs = [_input(turn, assistant.policy.min_confidence) for turn in _caller_turns(story.turns)]
    dials = story.row.dials
    lines = [
        f"# Saved from the console: call {story.call.call_sid}, "
        f"{formats.local(story.call.started_at, zone):%Y-%m-%d %H:%M %Z}.",
        f"description = {_string(_description(story))}",
        f"inputs = [{', '.join(inputs)}]",
    ]
    if dials:
        lines.append(f"dial = [{', '.join(_string(_dial_word(d.result)) for d in dials)}]")
    lines += ["", "[expect]"]
    lines.append(f"dialed = [{', '.join(_string(d.target or '') for d in dials)}]")
    connected = [d.target for d in dials if d.result in ("completed", "answered")]
    lines.append(f"transferred_to = {_string(connected[-1] or '') if connected else 'false'}")
    said = _last_words(story.turns)
    if said:
        lines.append(f"heard = [{_string(said)}]")
    if _line_hung_up(story.turns):
        lines.append('ended = "hangup"')
        lines.append(f"turns = {len(inputs)}")
    return "\n".join(lines) + "\n"


def _line_hung_up(turns: Sequence[Turn]) -> bool:
    """Whether the line ended the call (a replay ends the same way), not the caller."""
    return bool(turns) and turns[-1].role == "assistant" and turns[-1].action == "hangup"


def _caller_turns(turns: Sequence[Turn]) -> list[Turn]:
    return [t for t in turns if t.role == "caller" and t.input_kind != "dial"]


def _input(turn: Turn, min_confidence: float) -> str:
    if turn.input_kind == "digits":
        return _string(f"#{turn.text}")
    if turn.input_kind != "speech" or not turn.text.strip():
        return '""'
    if turn.confidence is not None and turn.confidence < min_confidence:
        return f"{{ say = {_string(turn.text)}, confidence = {turn.confidence:g} }}"
    return _string(turn.text)


def _dial_word(result: str) -> str:
    """A dial result as a scenario's `dial` writes it; one that never came back counts as failed."""
    return result if result in ("completed", "busy", "no-answer", "failed", "canceled") else "failed"


def _description(story: CallStory) -> str:
    row = story.row
    said = [t.text for t in _caller_turns(story.turns) if t.input_kind == "speech" and t.text][:1]
    start = f"The caller said '{said[0][:60]}'" if said else "A call"
    detail = f" ({row.detail})" if row.detail else ""
    return f"{start}; {row.outcome.replace('-', ' ')}{detail}"


def _last_words(turns: Sequence[Turn]) -> str:
    """The first sentence of the last thing the line said: what the replay must say again."""
    spoken = [t.text for t in turns if t.role == "assistant" and t.text.strip()]
    if not spoken:
        return ""
    first = spoken[-1].replace("? ", "?|").replace(". ", ".|").replace("! ", "!|").split("|")[0]
    return first.strip()[:120]


def _string(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


# Teaching the menu


def unmatched_turns(turns: Sequence[Turn]) -> set[int]:
    """The seq of each caller turn the menu did not understand (the answer re-asked or re-offered)."""
    answers = {t.seq: t.note for t in turns if t.role == "assistant"}
    return {
        t.seq
        for t in turns
        if t.role == "caller"
        and t.input_kind == "speech"
        and t.text.strip()
        and answers.get(t.seq + 1) in (Note.NO_MATCH, Note.LOW_CONFIDENCE)
    }


def phrase_lines(option: MenuOption, said: str, assistant_path: str) -> str:
    """The option's [[menu]] entry with the caller's words added to its phrases, to paste over
    the one in the assistant file."""
    phrases = [*option.phrases, " ".join(said.lower().split())]
    phrases = list(dict.fromkeys(phrases))
    return "\n".join(
        [
            f"# In {Path(assistant_path).name}, option {option.key} ({option.name}): its phrases become",
            "[[menu]]",
            f"key = {_string(option.key)}",
            f"name = {_string(option.name)}",
            f"phrases = [{', '.join(_string(p) for p in phrases)}]",
        ]
    )
