"""What Claude is told: the system prompt and tools built from the assistant file, and the call's
history as messages. The system prompt and tools are identical on every turn of every call to the
same assistant, so they form one cached prefix (https://docs.claude.com/en/docs/build-with-claude/prompt-caching);
anything that varies per call goes after it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ivr.assistant import Assistant
from ivr.dialog import texts
from ivr.dialog.actions import ActionSpec, Outcome, input_schema, spoken_outcome
from ivr.dialog.types import ActionRequest, PastTurn

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
SEND_TEXT = texts.SEND_TEXT


def system_prompt(assistant: Assistant) -> list[dict[str, Any]]:
    """The stable prefix: the phone guide, then this line's persona, facts, menu and directory."""
    facts = "\n".join(f"- {fact}" for fact in assistant.facts) or "- (none given)"
    menu = "\n".join(
        f"- {o.name} (key {o.key}): {o.description}; "
        + (f"meant for: {o.intent.rstrip('.')}; " if o.intent else "")
        + _handled(o.say, o.transfer, o.action, o.message)
        + (f"; choosing it also texts the caller: {o.text}" if o.text else "")
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
        + (ACTIONS_NOTE if any(a.run_on == "request" for a in assistant.actions) else "")
        + TEXTS_NOTE
    )
    return [{"type": "text", "text": GUIDE}, {"type": "text", "text": line, "cache_control": CACHED}]


ACTIONS_NOTE = (
    "\n\n## Actions in the business's systems\nSome tools act in the business's own systems. Use one "
    "only once the caller has asked for it and given every value it needs; ask for what is missing "
    "first, one question at a time. The caller hears a short waiting phrase while it runs. Its result "
    "comes back to you: tell the caller the outcome in one or two sentences (a suggested reply is "
    "given). If it failed or was refused, apologise briefly and offer another way: a person, or the menu."
)


TEXTS_NOTE = (
    "\n\n## Texts to the caller\nsend_text texts the caller at the number they are calling from, and "
    "only there: it takes no number, so a text can never go to a number the caller gives you (say so "
    "if they ask). Use it when the caller asks for something to keep (the address, the hours, what "
    "to bring) or agrees to your offer, with a short plain body, never private notes. At most "
    f"{texts.MAX_PER_CALL} texts per call. Its result comes back to you: say in one sentence whether "
    "it was sent, and if not, say so plainly."
)


def _handled(say: str | None, transfer: str | None, action: str | None, message: str | None) -> str:
    if say:
        return f"answer: {say}"
    if transfer:
        return f"handled by transfer to '{transfer}'"
    if action:
        return f"handled by the tool {action}"
    return "handled by taking a message"


def opening(assistant: Assistant) -> list[dict[str, Any]]:
    """Whether the business is open now and when it opens next: after the cache breakpoint, since
    it changes with the hour. Nothing for a line without [hours]."""
    if assistant.hours is None:
        return []
    if assistant.closed is None:
        return [{"type": "text", "text": "## Right now\nThe business is open: people can take transfers."}]
    closed = assistant.closed
    why = f"closed today for {closed.holiday}" if closed.holiday else "closed right now"
    opens = f"It opens again {closed.reopens}." if closed.reopens else "It has no opening hours ahead."
    reachable = ", ".join(f"'{name}'" for name in sorted(assistant.hours.always_reachable))
    transfers = (
        f"Only {reachable} can take a transfer now; a transfer to anyone else becomes an offer to leave "
        "a message."
        if reachable
        else "Nobody can take a transfer now; a transfer becomes an offer to leave a message."
    )
    return [{"type": "text", "text": f"## Right now\nThe business is {why}. {opens} {transfers}"}]


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
    options = [o.name for o in assistant.menu if o.action is None]  # an action's option: its own tool
    if options:
        found.append(
            _tool(
                MENU_OPTION,
                "Carry out a menu option exactly as configured (its answer or its transfer). Prefer it "
                "when the caller's request is one of the menu's options.",
                {"option": {"type": "string", "enum": options}},
            )
        )
    found.extend(action_tool(spec) for spec in assistant.actions if spec.run_on == "request")
    found.append(
        {
            "name": SEND_TEXT,
            "description": "Text the caller, at the number they are calling from (no other number is "
            "possible), something to keep: an address, hours, a confirmation. Only when they ask or agree.",
            "strict": True,
            "input_schema": texts.input_schema(),
        }
    )
    return found


def action_tool(spec: ActionSpec) -> dict[str, Any]:
    """A declared action as a tool: its name, its description and its caller-given parameters.
    The URL, the headers and the values the line fills in are not in it."""
    return {
        "name": spec.name,
        "description": spec.description,
        "strict": True,
        "input_schema": input_schema(spec),
    }


def action_exchange(
    request: ActionRequest, outcome: Outcome, spec: ActionSpec | None
) -> list[dict[str, Any]]:
    """The model's tool call and its result, to append to the messages for the reply after it."""
    call: list[dict[str, Any]] = [{"type": "text", "text": request.lead}] if request.lead else []
    call.append(
        {"type": "tool_use", "id": request.tool_use_id, "name": request.name, "input": request.arguments}
    )
    result: dict[str, Any] = {
        "type": "tool_result",
        "tool_use_id": request.tool_use_id,
        "content": _result_text(outcome, spec),
    }
    if not outcome.ok:
        result["is_error"] = True
    return [{"role": "assistant", "content": call}, {"role": "user", "content": [result]}]


def _result_text(outcome: Outcome, spec: ActionSpec | None) -> str:
    """What the model learns of the outcome: the answer's fields, or why it failed, and the
    owner's words for it as a suggestion."""
    if outcome.ok:
        said = spoken_outcome(spec.say_on_success, outcome.fields) if spec else None
        found = {"status": "done", "result": outcome.fields}
        if said is not None:
            found["suggested_reply"] = said[0]
    elif outcome.status == "refused":
        found = {"status": "refused, nothing was done", "problems": outcome.detail}
    else:
        found = {"status": "failed, nothing is known to have been done", "reason": outcome.detail}
        if spec is not None:
            found["suggested_reply"] = spec.say_on_failure
    return json.dumps(found, ensure_ascii=False, default=str)[:4000]


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
