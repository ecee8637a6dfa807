"""What Claude is told: the system prompt and tools built from the assistant file, and the call's
history as messages. The system prompt and tools are identical on every turn of every call to the
same assistant, so they form one cached prefix (https://docs.claude.com/en/docs/build-with-claude/prompt-caching);
anything that varies per call goes after it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ivr.assistant import Assistant
from ivr.dialog.types import PastTurn

GUIDE = (Path(__file__).parent / "phone_guide.md").read_text(encoding="utf-8")


def guide_rules(guide: str = GUIDE) -> str:
    """The guide without what it wants said aloud: its example sections and quoted phrasings.
    What is left is how the assistant works inside, which callers must never hear recited."""
    sections = re.split(r"(?m)^(?=## )", guide)
    rules = "".join(section for section in sections if "xamples" not in section.split("\n", 1)[0])
    return re.sub(r'"[^"]*"', " ", rules)


HISTORY_BUDGET_CHARS = 2400  # about 600 tokens: the last eight to ten short phone exchanges
MESSAGE_OVERHEAD_CHARS = 16  # each message costs a few tokens of framing beyond its words
CACHED = {"type": "ephemeral"}

TRANSFER, END_CALL, MENU_OPTION, MESSAGE = "transfer_call", "end_call", "choose_menu_option", "take_message"


def system_prompt(assistant: Assistant) -> list[dict[str, Any]]:
    """The stable prefix: the phone guide, then this line's persona, facts, menu and directory."""
    facts = "\n".join(f"- {fact}" for fact in assistant.facts) or "- (none given)"
    menu = "\n".join(
        f"- {o.name} (key {o.key}): {o.description}; "
        + (f"meant for: {o.intent.rstrip('.')}; " if o.intent else "")
        + (f"answer: {o.say}" if o.say else f"handled by transfer to '{o.transfer}'")
        for o in assistant.menu
    )
    directory = "\n".join(f"- {name}" for name in assistant.directory)
    operator = (
        f"'{assistant.operator}'" if assistant.operator else "nobody (there is no operator on this line)"
    )
    line = (
        f"# This line: {assistant.name}\n\n{assistant.instructions}\n\n"
        f"## Facts you may tell callers\n{facts}\n\n## The menu\n{menu}\n\n"
        f"## Who you can transfer to (names only; you never know or say their numbers)\n{directory}\n"
        f"The operator for anything you cannot handle is {operator}.\n\n"
        f"## Greeting callers heard\n{assistant.greeting}\n\n## How to end a call\nSay: {assistant.goodbye}"
    )
    return [{"type": "text", "text": GUIDE}, {"type": "text", "text": line, "cache_control": CACHED}]


def about_caller(caller: str) -> list[dict[str, Any]]:
    """What the business knows about this caller: after the cache breakpoint, since it differs
    from call to call, so the shared prefix is still read from the cache."""
    if not caller:
        return []
    note = "Use it to help them; don't read it out as a list, and never mention that you have a file."
    return [{"type": "text", "text": f"## The caller\n{caller}\n{note}"}]


def tools(assistant: Assistant) -> list[dict[str, Any]]:
    """The actions Claude may take, with strict schemas: a target outside the directory cannot
    even be expressed, and our own check refuses it again if it is."""
    found = [
        _tool(
            TRANSFER,
            "Connect the caller to a person or team in the directory. Use it when the caller asks for "
            "someone, or when their request needs a person (bookings, records, bills, results).",
            {
                "target": {"type": "string", "enum": list(assistant.directory)},
                "say": {"type": "string", "description": "One short sentence said before connecting."},
            },
        ),
        _tool(
            END_CALL,
            "End the call when the caller is done or says goodbye.",
            {"goodbye": {"type": "string", "description": "One short, warm closing sentence."}},
        ),
    ]
    found.append(
        _tool(
            MESSAGE,
            "Record a message or a call-back request for the business, once the caller has said it. "
            "Ask for their name and message first if they have not given them.",
            {
                "name": {"type": "string", "description": "The caller's name, or empty if not given."},
                "callback_number": {
                    "type": "string",
                    "description": "Digits of a number to call back, or empty for the caller's own number.",
                },
                "message": {"type": "string", "description": "The message, in the caller's words."},
            },
        )
    )
    if assistant.menu:
        found.append(
            _tool(
                MENU_OPTION,
                "Carry out a menu option exactly as configured (its answer or its transfer). Prefer it "
                "when the caller's request is one of the menu's options.",
                {"option": {"type": "string", "enum": [o.name for o in assistant.menu]}},
            )
        )
    return found


def _tool(name: str, description: str, properties: dict[str, Any]) -> dict[str, Any]:
    schema = {"type": "object", "properties": properties, "required": list(properties)}
    return {
        "name": name,
        "description": description,
        "strict": True,
        "input_schema": schema | {"additionalProperties": False},
    }


def messages(history: list[PastTurn], said: str) -> list[dict[str, Any]]:
    """The newest turns that fit the budget, as alternating user/assistant messages ending with
    the caller's latest input. A 40-turn call costs about what a 10-turn call costs."""
    lines = [(_role(t), _content(t)) for t in history] + [("user", said)]
    kept: list[tuple[str, str]] = []
    used = 0
    for role, content in reversed(lines):
        used += len(content) + MESSAGE_OVERHEAD_CHARS
        if kept and used > HISTORY_BUDGET_CHARS:
            break
        kept.append((role, content))
    kept.reverse()
    if len(kept) < len(lines):
        kept.insert(0, ("user", "[Earlier turns of this call are omitted.]"))
    elif kept[0][0] != "user":
        kept.insert(0, ("user", "[The call is connected.]"))
    return _alternating(kept)


def caller_words(kind: str, text: str) -> str:
    """The caller's input as Claude sees it: speech as said, keys and events in brackets."""
    if kind == "digits":
        return f"[The caller pressed {text} on the keypad.]"
    if kind == "dial":
        return f"[The transfer ended: {text}. The caller is back with you.]"
    if kind == "silence":
        return "[The caller said nothing.]"
    return text


def _role(turn: PastTurn) -> str:
    return "user" if turn.role == "caller" else "assistant"


def _content(turn: PastTurn) -> str:
    if turn.role == "caller":
        return caller_words(turn.input_kind or "speech", turn.text)
    return turn.text or "[silence]"


def _alternating(lines: list[tuple[str, str]]) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = []
    for role, content in lines:
        if result and result[-1]["role"] == role:
            result[-1]["content"] += "\n" + content
        else:
            result.append({"role": role, "content": content})
    return result
