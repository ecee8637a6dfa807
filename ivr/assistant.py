"""The assistant file: one TOML document that describes a phone assistant, validated at start-up."""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, NoReturn

from ivr import twilio_speech as twilio
from ivr.dialog import actions as declared_actions
from ivr.dialog import hours as opening
from ivr.dialog.actions import ActionSpec, Parameter
from ivr.dialog.hours import Closed, Hours

SAMPLE_PATH = Path(__file__).parent / "assistants" / "riverside-clinic.toml"

E164 = re.compile(r"^\+[1-9]\d{6,14}$")
EMERGENCY_NUMBER = re.compile(r"\d{2,6}")  # 911, 999, 112, 000, 119, 10111
TEXT_MAX_CHARS = 1600  # a text's body: Twilio's limit for one message (it splits it into segments)
KEYS = set("123456789*#")  # "0" is the operator escape everywhere


class AssistantError(ValueError):
    """The assistant file is unusable; each problem is one line naming the file, the field, what is
    wrong and what to write instead."""

    def __init__(self, *problems: str) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Problem:
    """One line about the file: fatal ones stop the line from starting, the others are warnings."""

    text: str
    fatal: bool = True


@dataclass(frozen=True)
class MenuOption:
    key: str
    name: str
    description: str
    phrases: tuple[str, ...]
    say: str | None = None
    transfer: str | None = None
    message: str | None = None  # a prompt: the caller's next words are taken as a message
    intent: str = ""  # what the option is for, in the owner's words: for meaning, not for speech
    action: str | None = None  # a declared action, run with values the caller is asked for
    text: str | None = None  # beside `say`: texted to the caller's own number when chosen

    @property
    def own_words(self) -> str:
        """All the owner wrote of what the option is for (name, description, intent, phrases), as
        one text in clauses: what the rules read to tell which option serves what."""
        return " , ".join((self.name, self.description, self.intent, *self.phrases))


@dataclass(frozen=True)
class Policy:
    reprompts: int = 2
    min_confidence: float = 0.45
    max_turns: int = 20


@dataclass(frozen=True)
class Speech:
    """Settings for Twilio's <Gather>; see https://www.twilio.com/docs/voice/twiml/gather.

    model: None lets Twilio choose the provider and fail over on an outage, which is what a
    small line wants. timeout: "auto" ends the caller's turn at a natural pause; Twilio rejects
    it together with an explicit speechModel (warning 13335), so then it must be seconds.
    input_timeout: seconds of silence before Gather gives up and the no-input path runs.
    """

    model: str | None = None
    timeout: str = "auto"
    input_timeout: int = 6
    profanity_filter: bool = True


@dataclass(frozen=True)
class ContactSource:
    """Where callers are looked up when a call comes in: our contacts table, the business's HTTP
    endpoint (GET url?phone=+1555...), or nowhere."""

    kind: str = "table"  # table, http or off
    url: str | None = None
    timeout_ms: int = 300


@dataclass(frozen=True)
class Language:
    """Another language the line speaks ([languages.es]): how a caller chooses it while the line
    speaks its own (a key, or one of its words said), what offers it, and the line in it."""

    code: str  # "es"
    key: str
    words: tuple[str, ...]
    offer: str  # said after the greeting and when the caller is not understood, in its own voice
    assistant: Assistant


@dataclass(frozen=True)
class Assistant:
    name: str
    greeting: str
    voice: str
    language: str
    menu: tuple[MenuOption, ...]
    directory: dict[str, str]
    goodbye: str
    operator: str | None = None
    filler: str = "One moment, please."
    greeting_known: str = "Hi {first_name}! Thanks for calling. How can I help you today?"
    instructions: str = ""
    facts: tuple[str, ...] = ()
    policy: Policy = field(default_factory=Policy)
    speech: Speech = field(default_factory=Speech)
    contacts: ContactSource = field(default_factory=ContactSource)
    webhooks: tuple[str, ...] = ()  # where post-call events are delivered
    actions: tuple[ActionSpec, ...] = ()  # the business's API: the only calls the line may make
    hours: Hours | None = None  # None: always open
    numbers: tuple[str, ...] = ()  # the numbers it answers, when IVR_ASSISTANT is a folder
    default: bool = False  # in a folder: answers the numbers no file claims
    sms_from: str | None = None  # the number texts come from; None: the number the caller called
    emergency_number: str | None = None  # told to a caller whose life is in danger; None: by region
    languages: tuple[Language, ...] = ()  # the others it speaks, if the caller chooses one
    chosen: str | None = None  # in a language's copy of the line: that language's code
    names: tuple[tuple[str, str], ...] = ()  # directory names as said in this language, if not as written
    # Not from the file: set for the moment of a turn while the business is closed (hours.as_of).
    closed: Closed | None = None

    def option(self, key: str) -> MenuOption | None:
        return next((o for o in self.menu if o.key == key), None)

    def action(self, name: str) -> ActionSpec | None:
        return next((a for a in self.actions if a.name == name), None)

    def hints(self) -> str:
        """Gather hints: the menu's phrases and the words that choose another language,
        deduplicated, each at most 100 characters."""
        words = (w for language in self.languages for w in language.words)
        phrases = dict.fromkeys([*(p for o in self.menu for p in (o.name, *o.phrases)), *words])
        return ", ".join(p[:100] for p in phrases)

    def speaking(self, code: str | None) -> Assistant:
        """The line in the language a caller chose (its own if `code` is None or not offered),
        at the same moment (closed or not)."""
        found = next((language.assistant for language in self.languages if language.code == code), None)
        return self if found is None else replace(found, closed=self.closed)


def load(path: str | Path) -> Assistant:
    """Read and validate an assistant file; raise AssistantError naming what is wrong."""
    return parse(read_toml(path), source=str(path))


def read_toml(path: str | Path) -> dict[str, Any]:
    """A TOML file's contents, or an AssistantError naming the file and what is wrong with it."""
    path = Path(path)
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise AssistantError(f"{path}: cannot read the file ({exc.strerror})") from None
    except tomllib.TOMLDecodeError as exc:
        raise AssistantError(f"{path}: not valid TOML ({exc})") from None


def parse(data: dict[str, Any], source: str = "assistant") -> Assistant:
    fields = Fields(data, source)
    directory = _directory(fields)
    actions = tuple(_actions(fields))
    operator = fields.text("operator", required=False)
    if operator is not None and operator not in directory:
        fields.fail("operator", f"'{operator}' is not a name in [directory]")
    assistant = Assistant(
        name=fields.text("name"),
        greeting=fields.text("greeting"),
        voice=fields.text("voice", default="Polly.Joanna"),
        language=fields.text("language", default="en-US"),
        goodbye=fields.text("goodbye", default="Thank you for calling. Goodbye."),
        operator=operator,
        filler=fields.text("filler", default="One moment, please."),
        greeting_known=_greeting_known(fields),
        instructions=fields.text("instructions", default=""),
        facts=tuple(fields.text_list("facts")),
        directory=directory,
        menu=tuple(_menu(fields, directory, actions)),
        policy=_policy(fields),
        speech=_speech(fields),
        contacts=_contacts(fields),
        webhooks=tuple(_webhooks(fields)),
        actions=actions,
        hours=_hours(fields, directory),
        numbers=tuple(_numbers(fields)),
        default=fields.get("default", bool, False),
        sms_from=_sms_from(fields),
        emergency_number=_emergency_number(fields),
    )
    assistant = replace(assistant, languages=tuple(_languages(fields, assistant)))
    fields.reject_unknown()
    errors = [problem.text for problem in review(assistant, source) if problem.fatal]
    if errors:
        raise AssistantError(*errors)
    return assistant


def warnings(
    assistant: Assistant, source: str = "assistant", *, model_takes_messages: bool = False
) -> list[str]:
    """What works but may surprise the owner, one line each. `model_takes_messages`: the Claude
    engine runs, and its take_message tool lets any caller leave a message."""
    found = [problem.text for problem in review(assistant, source) if not problem.fatal]
    takes_messages = model_takes_messages or any(o.message is not None for o in assistant.menu)
    if takes_messages and not assistant.webhooks:
        found.append(
            f"{source}: [events]: webhooks: messages are kept in the database only: read them with "
            "`ivr messages` (or the console), or add an [events] webhook to deliver them"
        )
    return found


class Fields:
    """Typed access to a TOML table that remembers which keys were read and names bad ones."""

    def __init__(self, data: dict[str, Any], where: str) -> None:
        self.data, self.where = data, where
        self.read: set[str] = set()

    def fail(self, key: str, problem: str) -> NoReturn:
        raise AssistantError(f"{self.where}: {key}: {problem}")

    def get(
        self, key: str, kind: type | tuple[type, ...], default: Any = None, required: bool = False
    ) -> Any:
        self.read.add(key)
        if key not in self.data:
            if required:
                self.fail(key, "is required")
            return default
        value = self.data[key]
        if not isinstance(value, kind) or (isinstance(value, bool) and bool not in _as_tuple(kind)):
            self.fail(key, f"must be {_kind_name(kind)}, not {type(value).__name__}")
        return value

    def text(self, key: str, default: str | None = None, required: bool | None = None) -> Any:
        value = self.get(key, str, default, required=default is None if required is None else required)
        if isinstance(value, str) and not value.strip() and default != "":
            self.fail(key, "must not be empty")
        return value

    def text_list(self, key: str) -> list[str]:
        values = self.get(key, list, [])
        if not all(isinstance(v, str) and v.strip() for v in values):
            self.fail(key, "must be a list of non-empty strings")
        return values

    def table(self, key: str, suffix: str = "") -> Fields:
        return Fields(self.get(key, dict, {}), f"{self.where}: [{key}{suffix}]")

    def reject_unknown(self) -> None:
        unknown = sorted(set(self.data) - self.read)
        if unknown:
            self.fail(unknown[0], f"is not a known field; {_did_you_mean(unknown[0], sorted(self.read))}")


def _did_you_mean(wrong: str, known: list[str]) -> str:
    close = difflib.get_close_matches(wrong, known, n=1, cutoff=0.6)
    return f"did you mean {close[0]}?" if close else f"the known ones are {', '.join(known)}"


def _as_tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _kind_name(kind: type | tuple[type, ...]) -> str:
    names = {str: "text", int: "a whole number", float: "a number", bool: "true or false"}
    names |= {list: "a list", dict: "a table"}
    return " or ".join(names.get(k, k.__name__) for k in _as_tuple(kind))


def _directory(fields: Fields) -> dict[str, str]:
    table = fields.table("directory")
    directory = {}
    for name in table.data:
        if not name.strip():
            table.fail('""', 'a name must not be empty: write "front desk" = "+15555550100"')
        number = table.text(name)
        if not E164.match(number):
            table.fail(name, f"'{number}' is not an E.164 number like +15555550100")
        directory[name] = number
    return directory


def _menu(
    fields: Fields, directory: dict[str, str], actions: tuple[ActionSpec, ...] = ()
) -> list[MenuOption]:
    entries = fields.get("menu", list, [])
    options: list[MenuOption] = []
    for index, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            fields.fail("menu", f"entry {index} must be a table ([[menu]])")
        table = Fields(entry, f"{fields.where}: [[menu]] #{index}")
        option = _menu_option(table, directory, actions)
        for number, other in enumerate(options, start=1):
            if other.key == option.key:
                free = sorted(KEYS - {o.key for o in options})
                table.fail(
                    "key", f"reuses key {option.key} of #{number}; give it a free key: {', '.join(free)}"
                )
            if other.name.casefold() == option.name.casefold():
                table.fail("name", f"'{option.name}' is also #{number}'s name; give each option its own name")
        options.append(option)
    return options


def _menu_option(
    table: Fields, directory: dict[str, str], actions: tuple[ActionSpec, ...] = ()
) -> MenuOption:
    if isinstance(table.data.get("key"), int) and not isinstance(table.data["key"], bool):
        table.fail("key", f'must be text: write key = "{table.data["key"]}"')
    key = table.text("key")
    if key not in KEYS:
        table.fail("key", f"'{key}' must be one keypad key of 1-9, * or # (0 is the operator)")
    option = MenuOption(
        key=key,
        name=table.text("name"),
        description=table.text("description", default="", required=False) or table.data.get("name", ""),
        phrases=tuple(table.text_list("phrases")),
        say=table.text("say", required=False),
        transfer=table.text("transfer", required=False),
        message=table.text("message", required=False),
        intent=table.text("intent", default="", required=False) or "",
        action=table.text("action", required=False),
        text=table.text("text", required=False),
    )
    if sum(kind is not None for kind in (option.say, option.transfer, option.message, option.action)) != 1:
        table.fail(
            "say",
            "give exactly one of say (an answer), transfer (a directory name), message (a prompt) "
            "or action (a name in [[actions]])",
        )
    if option.transfer is not None and option.transfer not in directory:
        table.fail("transfer", f"'{option.transfer}' is not a name in [directory]")
    if option.action is not None:
        _check_menu_action(table, option.action, actions)
    if option.text is not None:
        _check_text(table, option)
    table.reject_unknown()
    return option


def _check_text(table: Fields, option: MenuOption) -> None:
    """An option's text goes beside its answer, to the caller's phone: one message's worth."""
    if option.say is None:
        table.fail("text", "goes with say (an answer): the caller hears the answer and gets it by text")
    if len(option.text or "") > TEXT_MAX_CHARS:
        table.fail("text", f"is {len(option.text or ''):,} characters; a text is at most {TEXT_MAX_CHARS:,}")


def _sms_from(fields: Fields) -> str | None:
    number = fields.text("sms_from", required=False)
    if number is not None and not E164.match(number):
        fields.fail("sms_from", f"'{number}' is not an E.164 number like +15555550100")
    return number


def _emergency_number(fields: Fields) -> str | None:
    number = fields.text("emergency_number", required=False)
    if number is not None and not EMERGENCY_NUMBER.fullmatch(number):
        fields.fail("emergency_number", f"'{number}' is not a phone number's digits, like 911 or 112")
    return number


# --- [[actions]]: the business's API ------------------------------------------------------------

BUILT_IN_TOOLS = frozenset({"transfer_call", "end_call", "choose_menu_option", "take_message", "send_text"})
VARIABLE = re.compile(r"\$\{([A-Z_][A-Z0-9_]*)\}")
RESERVED_HEADERS = frozenset(
    {"content-type", "content-length", "host", "idempotency-key", "user-agent", "accept"}
)  # ours to set; and the Standard Webhooks ones (webhook-*) sign the request
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]"})
TYPE_KEYS = {
    "string": {"max_length", "pattern", "enum"},
    "integer": {"min", "max"},
    "digits": {"length"},
}


def _actions(fields: Fields) -> list[ActionSpec]:
    entries = fields.get("actions", list, [])
    found: list[ActionSpec] = []
    for index, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            fields.fail("actions", f"entry {index} must be a table ([[actions]])")
        table = Fields(entry, f"{fields.where}: [[actions]] #{index}")
        spec = _action(table)
        if any(other.name == spec.name for other in found):
            table.fail("name", f"'{spec.name}' is declared twice; give each action its own name")
        found.append(spec)
    return found


def _action(table: Fields) -> ActionSpec:
    name = table.text("name")
    if not declared_actions.NAME.match(name) or name in BUILT_IN_TOOLS:
        table.fail(
            "name",
            f"'{name}' must be lowercase letters, digits and underscores (at most 24), not a built-in tool",
        )
    table.where += f" ({name})"
    defaults = ActionSpec(name, "", "")
    spec = ActionSpec(
        name=name,
        description=table.text("description"),
        url=_action_url(table),
        method=table.text("method", default="POST").upper(),
        headers=_headers(table),
        timeout_ms=table.get("timeout_ms", int, defaults.timeout_ms),
        say_while_waiting=table.text("say_while_waiting", default=defaults.say_while_waiting),
        say_on_success=table.text("say_on_success", default=defaults.say_on_success),
        say_on_failure=table.text("say_on_failure", default=defaults.say_on_failure),
        run_on=table.text("run_on", default="request"),
        parameters=(),
    )
    if spec.method not in ("POST", "GET"):
        table.fail("method", f"'{spec.method}' must be POST (sends JSON) or GET (sends query parameters)")
    if not 100 <= spec.timeout_ms <= 10000:
        table.fail("timeout_ms", "must be between 100 and 10000 milliseconds (Twilio waits 15 s at most)")
    if spec.run_on not in declared_actions.MOMENTS:
        table.fail("run_on", f"'{spec.run_on}' must be request, call-start or call-end")
    for key in ("say_while_waiting", "say_on_success", "say_on_failure"):
        _check_template(table, key, getattr(spec, key), allowed=None if key == "say_on_success" else set())
    parameters = tuple(_parameters(table, spec.run_on))
    table.reject_unknown()
    return replace(spec, parameters=parameters)


def _action_url(table: Fields) -> str:
    url = table.text("url")
    scheme, _, rest = url.partition("://")
    host = rest.split("/", 1)[0].rsplit(":", 1)[0] if not rest.startswith("[") else rest.split("]")[0] + "]"
    if (scheme == "https" and host) or (scheme == "http" and host in LOCAL_HOSTS):
        return url
    table.fail("url", f"'{url}' must be an https:// URL (http:// only for localhost)")
    return url


def _headers(table: Fields) -> tuple[tuple[str, str], ...]:
    headers = table.table("headers")
    found = []
    for name in headers.data:
        value = headers.text(name)
        if name.lower() in RESERVED_HEADERS or name.lower().startswith("webhook-"):
            headers.fail(name, "is set by ivr itself; leave it out")
        if "$" in VARIABLE.sub("", value):
            headers.fail(name, "may name environment variables only as ${NAME} (capitals, digits, _)")
        found.append((name, value))
    return tuple(found)


def _check_template(table: Fields, key: str, text: str, allowed: set[str] | None) -> None:
    """A spoken text's {placeholders}: fields of the answer (`allowed` None) or the given names."""
    names = declared_actions.placeholders(text)
    if text.count("{") != len(names) or text.count("}") != len(names):
        table.fail(key, "has a stray { or }")
    for name in names:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) or (allowed is not None and name not in allowed):
            what = (
                "a field of the answer, like {confirmation}"
                if allowed is None
                else f"one of {', '.join(sorted(allowed)) or 'nothing'}"
            )
            table.fail(key, f"{{{name}}} must be {what}")


def _parameters(table: Fields, run_on: str) -> list[Parameter]:
    params = table.table("parameters")
    found = []
    for name in params.data:
        if not declared_actions.NAME.match(name):
            params.fail(name, "a parameter name is lowercase letters, digits and underscores (at most 24)")
        entry = params.get(name, dict)
        found.append(_parameter(Fields(entry, f"{params.where}: {name}"), name, run_on))
    return found


def _parameter(field: Fields, name: str, run_on: str) -> Parameter:
    kind = field.text("type", default="string")
    if kind not in declared_actions.TYPES:
        field.fail("type", f"'{kind}' must be one of {', '.join(declared_actions.TYPES)}")
    present = set(field.data) & {k for keys in TYPE_KEYS.values() for k in keys}
    for key in sorted(present - TYPE_KEYS.get(kind, set())):
        field.fail(key, f"does not apply to type {kind}")
    parameter = Parameter(
        name=name,
        type=kind,
        description=field.text("description", default=""),
        required=field.get("required", bool, False),
        max_length=field.get("max_length", int),
        pattern=field.text("pattern", required=False),
        enum=tuple(field.text_list("enum")),
        min=field.get("min", int),
        max=field.get("max", int),
        length=field.get("length", int),
        ask=field.text("ask", required=False),
        value=field.text("value", required=False),
    )
    if parameter.pattern is not None:
        try:
            re.compile(parameter.pattern)
        except re.error as error:
            field.fail("pattern", f"is not a regular expression ({error})")
    if parameter.value is not None:
        known = declared_actions.END_FIELDS if run_on == "call-end" else declared_actions.CALL_FIELDS
        _check_template(field, "value", parameter.value, allowed=set(known))
    elif run_on != "request":
        field.fail("value", f"is required for an action run at {run_on}: nobody is there to give it")
    field.reject_unknown()
    return parameter


def _check_menu_action(table: Fields, name: str, actions: tuple[ActionSpec, ...]) -> None:
    spec = next((a for a in actions if a.name == name), None)
    if spec is None or spec.run_on != "request":
        table.fail("action", f"'{name}' is not an action in [[actions]] that runs on request")
        return
    unasked = [p.name for p in spec.given if p.required and not p.ask]
    if unasked:
        table.fail("action", f"{name}'s parameter {unasked[0]} is required: give it an ask (the prompt)")


def _policy(fields: Fields) -> Policy:
    table = fields.table("policy")
    policy = Policy(
        reprompts=table.get("reprompts", int, Policy.reprompts),
        min_confidence=float(table.get("min_confidence", (int, float), Policy.min_confidence)),
        max_turns=table.get("max_turns", int, Policy.max_turns),
    )
    if not 0 <= policy.reprompts <= 5:
        table.fail("reprompts", "must be between 0 and 5")
    if not 0.0 <= policy.min_confidence <= 1.0:
        table.fail("min_confidence", "must be between 0.0 and 1.0")
    if not 1 <= policy.max_turns <= 200:
        table.fail("max_turns", "must be between 1 and 200")
    table.reject_unknown()
    return policy


def _speech(fields: Fields) -> Speech:
    table = fields.table("speech")
    model = table.text("model", required=False)
    if model is not None and not twilio.is_speech_model(model):
        close = difflib.get_close_matches(model, sorted(twilio.SPEECH_MODELS), n=1)
        hint = f'did you mean "{close[0]}"?' if close else "leave it out to let Twilio choose"
        table.fail("model", f"{model!r} is not a Twilio speechModel; {hint}")
    timeout = table.get("timeout", (str, int), Speech.timeout)
    if timeout != "auto" and not (isinstance(timeout, int) and 1 <= timeout <= 60):
        table.fail("timeout", 'must be "auto" or a whole number of seconds from 1 to 60')
    if model is not None and timeout == "auto":
        table.fail("timeout", "must be a number of seconds when model is set (Twilio warning 13335)")
    speech = Speech(
        model=model,
        timeout=str(timeout),
        input_timeout=table.get("input_timeout", int, Speech.input_timeout),
        profanity_filter=table.get("profanity_filter", bool, Speech.profanity_filter),
    )
    if not 1 <= speech.input_timeout <= 60:
        table.fail("input_timeout", "must be between 1 and 60 seconds")
    table.reject_unknown()
    return speech


def _contacts(fields: Fields) -> ContactSource:
    table = fields.table("contacts")
    source = ContactSource(
        kind=table.text("source", default=ContactSource.kind),
        url=table.text("url", required=False),
        timeout_ms=table.get("timeout_ms", int, ContactSource.timeout_ms),
    )
    if source.kind not in ("table", "http", "off"):
        table.fail("source", f"'{source.kind}' must be table, http or off")
    if source.kind == "http" and not (source.url or "").startswith(("https://", "http://")):
        table.fail("url", "an http(s) URL is required when source is http")
    if not 50 <= source.timeout_ms <= 3000:
        table.fail("timeout_ms", "must be between 50 and 3000 milliseconds")
    table.reject_unknown()
    return source


def _webhooks(fields: Fields) -> list[str]:
    table = fields.table("events")
    urls = table.text_list("webhooks")
    for url in urls:
        if not url.startswith(("https://", "http://")):
            table.fail("webhooks", f"'{url}' is not an http(s) URL")
    table.reject_unknown()
    return urls


def _numbers(fields: Fields) -> list[str]:
    numbers = fields.text_list("numbers")
    for number in numbers:
        if not E164.match(number):
            fields.fail("numbers", f"'{number}' is not an E.164 number like +15555550100")
    if len(set(numbers)) != len(numbers):
        fields.fail("numbers", "lists a number twice")
    return numbers


def _hours(fields: Fields, directory: dict[str, str]) -> Hours | None:
    if "hours" not in fields.data:
        fields.read.add("hours")
        return None
    table = fields.table("hours")
    zone = table.text("timezone")
    if zone not in _time_zones():
        close = difflib.get_close_matches(zone, sorted(_time_zones()), n=1)
        hint = f"did you mean {close[0]}?" if close else 'write an IANA name such as "America/New_York"'
        table.fail("timezone", f"'{zone}' is not a time zone; {hint}")
    week = []
    for day in opening.DAYS:
        try:
            week.append(opening.spans(table.text(day, default="closed")))
        except opening.HoursError as error:
            table.fail(day, str(error))
    if not any(week):
        table.fail("monday", 'every day is closed: give the days\' hours, like monday = "08:00-18:00"')
    reachable = table.text_list("always_reachable")
    for name in reachable:
        if name not in directory:
            table.fail("always_reachable", f"'{name}' is not a name in [directory]")
    greeting = table.text("closed_greeting")
    try:
        greeting.format(opens="tomorrow at 8 AM")
    except (KeyError, IndexError, ValueError):
        table.fail("closed_greeting", "may use {opens} (when it opens next) and no other {placeholder}")
    hours = Hours(zone, tuple(week), _holidays(table), greeting, frozenset(reachable))
    table.reject_unknown()
    return hours


def _holidays(table: Fields) -> tuple[tuple[date, str], ...]:
    """holidays = [2026-12-25, { date = 2027-01-01, name = "New Year's Day" }]"""
    found: list[tuple[date, str]] = []
    for index, entry in enumerate(table.get("holidays", list, []), start=1):
        if isinstance(entry, dict) and set(entry) <= {"date", "name"}:
            day, name = entry.get("date"), entry.get("name", "")
        else:
            day, name = entry, ""
        if isinstance(day, date) and not isinstance(day, datetime) and isinstance(name, str):
            found.append((day, name))
            continue
        table.fail(
            "holidays",
            f"entry {index} must be a date like 2026-12-25 (no quotes) or "
            '{ date = 2026-12-25, name = "Christmas Day" }',
        )
    return tuple(found)


def _time_zones() -> set[str]:
    import zoneinfo

    return zoneinfo.available_timezones()


def _greeting_known(fields: Fields) -> str:
    text = fields.text("greeting_known", default=Assistant.greeting_known)
    try:
        text.format(first_name="Maria")
    except (KeyError, IndexError, ValueError):
        fields.fail("greeting_known", "may use {first_name} and no other {placeholder}")
    return text


# --- [languages.xx]: a second language -----------------------------------------------------------

# The languages ivr has its own sentences in (ivr/dialog/wording.py): a line may offer any of them.
SPOKEN_LANGUAGES = {"en": "English", "es": "Spanish"}
FILLERS = {"en": Assistant.filler, "es": "Un momento, por favor."}
SPEAK_ONLY = (
    "\n\nThe caller chose to speak {language}: answer in {language} only, whatever language the "
    "facts, the menu or the caller's earlier words are in."
)


def _languages(fields: Fields, main: Assistant) -> list[Language]:
    table = fields.table("languages")
    own = main.language.split("-")[0].lower()
    found: list[Language] = []
    for code in table.data:
        entry = table.get(code, dict)
        if code not in SPOKEN_LANGUAGES or code == own:
            others = [f"[languages.{c}] ({name})" for c, name in SPOKEN_LANGUAGES.items() if c != own]
            table.fail(code, f"is not a language the line can offer; it can offer {', '.join(others)}")
        language = _language(Fields(entry, f"{fields.where}: [languages.{code}]"), code, main)
        if any(other.key == language.key for other in found):
            table.fail(code, f"key {language.key} also chooses another language; give each its own key")
        found.append(language)
    return found


def _language(table: Fields, code: str, main: Assistant) -> Language:
    spoken = SPOKEN_LANGUAGES[code]
    key = table.text("key")
    free = sorted(KEYS - {o.key for o in main.menu})
    if key not in free:
        table.fail("key", f"'{key}' must be a key no menu option uses, one of {', '.join(free)}")
    words = tuple(table.text_list("words"))
    if not words:
        table.fail("words", f'list what a caller says to choose {spoken}, like ["español", "spanish"]')
    tag = table.text("language")
    if tag.split("-")[0].lower() != code:
        table.fail("language", f"'{tag}' is not a {spoken} speech-recognition tag; write one like {code}-US")
    names = Fields(table.get("names", dict, {}), f"{table.where[:-1]}.names]")
    for name in names.data:
        if name not in main.directory:
            names.fail(name, "is not a name in [directory]")
        names.text(name)
    hours = main.hours
    if hours is not None:
        hours = replace(hours, closed_greeting=table.text("closed_greeting"))
    extra = table.text("instructions", default="")
    line = replace(
        main,
        greeting=table.text("greeting"),
        greeting_known=table.text("greeting"),
        voice=table.text("voice"),
        language=tag,
        goodbye=table.text("goodbye"),
        filler=table.text("filler", default=FILLERS[code]),
        instructions=main.instructions + SPEAK_ONLY.format(language=spoken) + (f"\n{extra}" if extra else ""),
        menu=_translated_menu(table, main),
        hours=hours,
        names=tuple(names.data.items()),
        chosen=code,
    )
    offer = table.text("offer")
    table.reject_unknown()
    return Language(code, key, words, offer, line)


def _translated_menu(table: Fields, main: Assistant) -> tuple[MenuOption, ...]:
    """Each option's words in the language; what it does (transfer, action) stays the option's."""
    entries = table.get("menu", list, [])
    given: dict[str, MenuOption] = {}
    where = table.where.replace(": [languages.", ": [[languages.")[:-1] + ".menu]]"  # [[languages.es.menu]]
    for index, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            table.fail("menu", f"entry {index} must be a table ({where.rsplit(': ', 1)[-1]})")
        fields = Fields(entry, f"{where} #{index}")
        option = main.option(fields.text("key"))
        if option is None:
            fields.fail("key", f"'{entry['key']}' is not a key of the line's [[menu]]")
        if option.key in given:
            fields.fail("key", f"{option.key} is translated twice")
        given[option.key] = replace(
            option,
            name=fields.text("name"),
            description=fields.text("description"),
            phrases=tuple(fields.text_list("phrases")),
            intent=fields.text("intent", default=""),
            say=fields.text("say", required=option.say is not None) if option.say is not None else None,
            message=fields.text("message") if option.message is not None else None,
            text=(fields.text("text", required=False) or option.text) if option.text is not None else None,
        )
        fields.reject_unknown()
    return tuple(given.get(o.key, o) for o in main.menu)  # untranslated: a warning (review)


def review(assistant: Assistant, source: str = "assistant") -> list[Problem]:
    """What Twilio would reject or misread in a well-formed file: the language and voice, the
    length of every text the line speaks, and the speech hints; in each language it speaks."""
    return [
        *_language_problems(assistant, source),
        *_voice_problems(assistant, source),
        *_spoken_length_problems(assistant, source),
        *_hint_problems(assistant, source),
        *_intent_problems(assistant, source),
        *(p for language in assistant.languages for p in _language_review(assistant, language, source)),
    ]


MIN_INTENT_WORDS = 6


def _intent_problems(assistant: Assistant, source: str) -> list[Problem]:
    """The menu engine's semantic tier reads an option's intent to understand a caller who names no
    phrase: without one, or with a few words, it places almost nothing (on made-up lines of eleven
    trades, intents of two or three words placed no more than none at all). English lines only:
    the tier knows English words."""
    if not assistant.language.startswith("en"):
        return []
    return [
        Problem(
            f"{source}: [[menu]] #{index}: intent: {'is missing' if not option.intent else 'is a few words'};"
            f' write one sentence on who {option.name!r} is for, as the sample does ("Someone who ..."):'
            " the menu engine reads it to understand callers who say none of its phrases",
            fatal=False,
        )
        for index, option in enumerate(assistant.menu, start=1)
        if len(option.intent.split()) < MIN_INTENT_WORDS
    ]


def _language_review(main: Assistant, language: Language, source: str) -> list[Problem]:
    """The line in another language, reviewed as the line itself is; and a warning for the options
    left in the line's own words."""
    where = f"{source}: [languages.{language.code}]"
    untranslated = [f"{o.key} ({o.name})" for o in language.assistant.menu if o in main.menu]
    warning = Problem(
        f"{where}: menu: option {', '.join(untranslated)} has no [[languages.{language.code}.menu]] "
        f"entry: {SPOKEN_LANGUAGES[language.code]} callers hear it in the line's own words",
        fatal=False,
    )
    return [*review(language.assistant, where), *([warning] if untranslated else [])]


def _language_problems(assistant: Assistant, source: str) -> list[Problem]:
    if assistant.language in twilio.GATHER_LANGUAGES:
        return []
    close = twilio.closest_language(assistant.language)
    fix = f'did you mean "{close}"?' if close else 'write a tag such as "en-US" or "es-MX"'
    text = f"{assistant.language!r} is not a language tag Twilio's speech recognition knows; {fix}"
    return [Problem(f"{source}: language: {text}")]


def _voice_problems(assistant: Assistant, source: str) -> list[Problem]:
    voice, language = assistant.voice, assistant.language
    if language not in twilio.GATHER_LANGUAGES:
        language = ""  # the language's own problem comes first; the voice is matched to it after
    if voice in twilio.BASIC_VOICES:
        spoken = twilio.BASIC_VOICES[voice]
        problem = None if language in spoken or not language else _other_language(voice, spoken, language)
    elif voice.startswith("Polly."):
        problem = _polly_problem(voice, language)
    elif voice.startswith("Google."):
        problem = _google_problem(voice, language)
    else:
        known = [*twilio.BASIC_VOICES, *twilio.polly_voice_names()]
        fix = _closest(voice, known) or f"write one such as {_voice_for(language)}"
        problem = Problem(f"{voice!r} is not a Twilio voice (man, woman, alice, Polly.*, Google.*); {fix}")
    if problem is None:
        return []
    return [Problem(f"{source}: voice: {problem.text}", problem.fatal)]


def _polly_problem(voice: str, language: str) -> Problem | None:
    name, dash, suffix = voice.removeprefix("Polly.").partition("-")
    engine = {end: engine for engine, end in twilio.POLLY_SUFFIXES.items()}.get(dash + suffix)
    engines = twilio.polly_engines(name)
    if not engines or engine is None:
        fix = _closest(voice, twilio.polly_voice_names()) or f"write one such as {_voice_for(language)}"
        return Problem(f"{voice!r} is not an Amazon Polly voice Twilio offers; {fix}")
    spoken = next((lang for lang in engines if not language or twilio.same_locale(lang, language)), None)
    if spoken is None:
        return _other_language(voice, frozenset(engines), language, engine)
    if engine in engines[spoken]:
        return None
    # A warning: the engines are the table's knowledge, and Polly gains engines over time.
    offered = " or ".join(f"Polly.{name}{twilio.POLLY_SUFFIXES[e]}" for e in engines[spoken])
    return Problem(
        f"{voice}: {name} has no {_ENGINE_NAMES[engine]} voice in ivr/twilio_speech.py's table, "
        f"and Twilio refuses a voice without its engine; write {offered}",
        fatal=False,
    )


_ENGINE_NAMES = {twilio.STANDARD: "standard", twilio.NEURAL: "neural", twilio.GENERATIVE: "generative"}


def _google_problem(voice: str, language: str) -> Problem | None:
    parts = voice.removeprefix("Google.").split("-")
    if len(parts) < 4:
        example = f"Google.{language}-Neural2-F"
        return Problem(f"{voice!r} is not a Google voice; write Google.<locale>-<kind>-<variant> ({example})")
    locale, kind, variant = "-".join(parts[:2]), "-".join(parts[2:-1]), parts[-1]
    kinds = {family.casefold(): family for family in twilio.GOOGLE_FAMILIES}
    if kind.casefold() not in kinds:
        close = difflib.get_close_matches(kind, twilio.GOOGLE_FAMILIES, n=1, cutoff=0.5)
        fix = f"did you mean Google.{locale}-{close[0]}-{variant}?" if close else "see GOOGLE_FAMILIES"
        return Problem(f"{voice!r} is not a Google voice: {kind!r} is not a kind of voice; {fix}")
    kind = kinds[kind.casefold()]
    if kind == "Chirp3-HD" and variant not in twilio.CHIRP3_HD_VOICES:
        names = [f"Google.{locale}-Chirp3-HD-{name}" for name in sorted(twilio.CHIRP3_HD_VOICES)]
        fix = _closest(voice, names) or f"write one such as Google.{locale}-Chirp3-HD-Aoede"
        return Problem(f"{voice!r} is not a Chirp3-HD voice; {fix}")
    if kind != "Chirp3-HD" and not re.fullmatch(r"[A-Z]|\d", variant):
        return Problem(
            f"{voice!r} is not a Google voice: the variant is one letter, as in Google.{locale}-{kind}-A"
        )
    if language and not twilio.same_locale(locale, language):
        return _other_language(
            voice, frozenset({locale}), language, instead=f"Google.{language}-{kind}-{variant}"
        )
    return None


def _other_language(
    voice: str, spoken: frozenset[str], language: str, engine: str = twilio.NEURAL, instead: str = ""
) -> Problem:
    """A voice of another language: Twilio refuses the combination, so the caller hears nothing."""
    instead = instead or _voice_for(language, engine)
    usable = sorted(spoken & twilio.GATHER_LANGUAGES, key=lambda tag: (tag != "en-US", tag))
    other = f' or language = "{usable[0]}"' if usable else ""
    return Problem(
        f"{voice} speaks {', '.join(sorted(spoken))}, not {language}; "
        f"write a voice for {language} such as {instead}{other}"
    )


def _voice_for(language: str, engine: str = twilio.NEURAL) -> str:
    """A voice to suggest for a language: its first Polly voice with the engine, if any."""
    language = language or "en-US"
    voices = next((v for lang, v in twilio.POLLY_VOICES.items() if twilio.same_locale(lang, language)), {})
    if not voices:
        return f"Google.{language}-Standard-A"
    name, engines = min(voices.items(), key=lambda voice: engine not in voice[1])
    return f"Polly.{name}{twilio.POLLY_SUFFIXES[engine if engine in engines else engines[0]]}"


def _closest(wrong: str, known: list[str]) -> str | None:
    folded = {name.casefold(): name for name in known}
    close = difflib.get_close_matches(wrong.casefold(), list(folded), n=1, cutoff=0.7)
    return f"did you mean {folded[close[0]]}?" if close else None


LONGEST_OPENING = Closed("on Wednesday, September 30 at 12:30 PM", "a holiday")
FIRST_NAME_ROOM = "Maximiliana"  # a long first name, for greeting_known's {first_name}


def _spoken_length_problems(assistant: Assistant, source: str) -> list[Problem]:
    kind = assistant.voice.split(".")[0] if "." in assistant.voice else "basic"
    limit = twilio.SAY_LIMIT_BYTES.get(kind, min(twilio.SAY_LIMIT_BYTES.values()))
    return [
        Problem(
            f"{source}: {field}: {what} is {size:,} bytes; Twilio's {kind} voices say at most "
            f"{limit:,} (warning 13521), so the rest is cut off: shorten it"
        )
        for field, what, text in _spoken_texts(assistant)
        if (size := len(text.encode())) > limit
    ]


def _spoken_texts(assistant: Assistant) -> Iterator[tuple[str, str, str]]:
    """(field, what the caller hears, its longest wording) for every text the file makes spoken."""
    from ivr.dialog import wording  # wording builds on this module, so it comes in late

    words = wording.of(assistant)
    yield "greeting", "the greeting", assistant.greeting
    yield "greeting_known", "the greeting", assistant.greeting_known.format(first_name=FIRST_NAME_ROOM)
    goodbyes = [f"{words.TOO_MANY_CALLS} {assistant.goodbye}", words.call_back_later(assistant)]
    yield "goodbye", "the goodbye", max(goodbyes, key=len)
    yield "filler", "the filler", assistant.filler
    if assistant.hours is not None:
        yield "[hours]: closed_greeting", "the greeting", words.closed_greeting(assistant, LONGEST_OPENING)
    for index, option in enumerate(assistant.menu, start=1):
        if option.say is not None:
            yield f"[[menu]] #{index}: say", "the answer", words.answered(option)
        if option.message is not None:
            yield f"[[menu]] #{index}: message", "the prompt", option.message
    menu = max(words.nobody_available(assistant), words.cannot_help_here(assistant), key=len)
    yield "[[menu]]", "the menu read aloud (each option's description and name)", menu


def _hint_problems(assistant: Assistant, source: str) -> list[Problem]:
    """Twilio ignores hints past its limits (warning 13330), and hints() cuts a long one short."""
    limit, most = twilio.HINT_MAX_CHARS, twilio.HINTS_MAX_ENTRIES
    problems = [
        Problem(
            f"{source}: [[menu]] #{index}: {key}: {phrase[:30] + '...'!r} is {len(phrase)} characters; "
            f"a speech hint is at most {limit} (Twilio warning 13330): shorten it"
        )
        for index, option in enumerate(assistant.menu, start=1)
        for key, phrase in [("name", option.name), *(("phrases", p) for p in option.phrases)]
        if len(phrase) > limit
    ]
    count = len({p for o in assistant.menu for p in (o.name, *o.phrases)})
    if count > most:
        problems.append(
            Problem(
                f"{source}: [[menu]]: names and phrases make {count} speech hints; Twilio takes at "
                f"most {most} (warning 13330): remove {count - most} phrases"
            )
        )
    return problems
