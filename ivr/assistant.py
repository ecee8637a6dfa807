"""The assistant file: one TOML document that describes a phone assistant, validated at start-up."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SAMPLE_PATH = Path(__file__).parent / "assistants" / "riverside-clinic.toml"

E164 = re.compile(r"^\+[1-9]\d{6,14}$")
KEYS = set("123456789*#")  # "0" is the operator escape everywhere


class AssistantError(ValueError):
    """The assistant file is unusable; the message names the file, the field and the problem."""


@dataclass(frozen=True)
class MenuOption:
    key: str
    name: str
    description: str
    phrases: tuple[str, ...]
    say: str | None = None
    transfer: str | None = None
    message: str | None = None  # a prompt: the caller's next words are taken as a message


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

    def option(self, key: str) -> MenuOption | None:
        return next((o for o in self.menu if o.key == key), None)

    def hints(self) -> str:
        """Gather hints: the menu's phrases, deduplicated, each at most 100 characters."""
        phrases = dict.fromkeys(p for o in self.menu for p in (o.name, *o.phrases))
        return ", ".join(p[:100] for p in phrases)


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
        menu=tuple(_menu(fields, directory)),
        policy=_policy(fields),
        speech=_speech(fields),
        contacts=_contacts(fields),
        webhooks=tuple(_webhooks(fields)),
    )
    fields.reject_unknown()
    return assistant


class Fields:
    """Typed access to a TOML table that remembers which keys were read and names bad ones."""

    def __init__(self, data: dict[str, Any], where: str) -> None:
        self.data, self.where = data, where
        self.read: set[str] = set()

    def fail(self, key: str, problem: str) -> None:
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
            self.fail(unknown[0], "is not a known field (check its spelling)")


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
        number = table.text(name)
        if not E164.match(number):
            table.fail(name, f"'{number}' is not an E.164 number like +15555550100")
        directory[name] = number
    return directory


def _menu(fields: Fields, directory: dict[str, str]) -> list[MenuOption]:
    entries = fields.get("menu", list, [])
    options, seen = [], set()
    for index, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            fields.fail("menu", f"entry {index} must be a table ([[menu]])")
        option = _menu_option(Fields(entry, f"{fields.where}: [[menu]] #{index}"), directory)
        if option.key in seen:
            fields.fail("menu", f"entry {index} reuses key {option.key}")
        seen.add(option.key)
        options.append(option)
    return options


def _menu_option(table: Fields, directory: dict[str, str]) -> MenuOption:
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
    )
    if sum(kind is not None for kind in (option.say, option.transfer, option.message)) != 1:
        table.fail(
            "say", "give exactly one of say (an answer), transfer (a directory name) or message (a prompt)"
        )
    if option.transfer is not None and option.transfer not in directory:
        table.fail("transfer", f"'{option.transfer}' is not a name in [directory]")
    table.reject_unknown()
    return option


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


def _greeting_known(fields: Fields) -> str:
    text = fields.text("greeting_known", default=Assistant.greeting_known)
    try:
        text.format(first_name="Maria")
    except (KeyError, IndexError, ValueError):
        fields.fail("greeting_known", "may use {first_name} and no other {placeholder}")
    return text
