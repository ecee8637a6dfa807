"""The business's declared actions as the dialog core sees them: what each one takes, the check
every value passes before anything is sent, the schema Claude is given, and the words said once
one ran. The model never chooses a URL or a header, and a value this module refuses is never sent.

Pure, and below the assistant file (which builds these values), so it imports nothing of ivr: the
HTTP call is `ivr.business.actions`', the menu's collecting of values `ivr.dialog.collecting`'."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

import phonenumbers

NAME = re.compile(r"^[a-z][a-z0-9_]{0,23}$")  # action and parameter names: short enough for a note
TYPES = ("string", "integer", "boolean", "phone", "digits", "date")
MOMENTS = ("request", "call-start", "call-end")  # on request (Claude, a menu option), or at a moment
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
# What a parameter's `value` may name: facts of the call, filled in by the line, never by the caller.
CALL_FIELDS = frozenset({"call_sid", "caller", "called", "caller_name", "started_at"})
END_FIELDS = CALL_FIELDS | {"outcome", "summary", "duration_s"}  # known once the call has ended
SPOKEN_VALUE_CHARS = 200  # one field of the business's answer, as said to the caller
DIGIT_WORDS = {
    "zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4",
    "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
}  # fmt: skip
YES = frozenset({"1", "yes", "yeah", "yep", "yup", "true", "correct", "right", "sure", "y"})
NO = frozenset({"2", "no", "nope", "false", "wrong", "n"})
DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y")


@dataclass(frozen=True)
class Parameter:
    """One value an action takes. `ask` is how the menu engine asks the caller for it; `value`,
    a template over CALL_FIELDS, fills it from the call instead (the caller and the model cannot)."""

    name: str
    type: str = "string"
    description: str = ""
    required: bool = False
    max_length: int | None = None  # string
    pattern: str | None = None  # string: the whole value must match
    enum: tuple[str, ...] = ()  # string
    min: int | None = None  # integer
    max: int | None = None  # integer
    length: int | None = None  # digits
    ask: str | None = None
    value: str | None = None


@dataclass(frozen=True)
class ActionSpec:
    """An action as the assistant file declares it. `headers` keep their ${VAR} templates: the
    values are read at start-up by the business layer and never reach the dialog or the model."""

    name: str
    description: str
    url: str
    method: str = "POST"
    headers: tuple[tuple[str, str], ...] = ()
    timeout_ms: int = 3000
    say_while_waiting: str = "One moment while I take care of that."
    say_on_success: str = "That's done."
    say_on_failure: str = "Sorry, I couldn't do that right now."
    parameters: tuple[Parameter, ...] = ()
    run_on: str = "request"

    def parameter(self, name: str) -> Parameter | None:
        return next((p for p in self.parameters if p.name == name), None)

    @property
    def given(self) -> tuple[Parameter, ...]:
        """The parameters the caller (or the model) gives; the others come from the call."""
        return tuple(p for p in self.parameters if p.value is None)


@dataclass(frozen=True)
class Checked:
    """Arguments checked against an action's parameters: the values to send, normalised (a phone
    number in E.164, a date in ISO form), or what is wrong, one line per parameter."""

    values: dict[str, Any]
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Outcome:
    """How an action went, as the dialog needs it: done (with the top-level fields of the
    business's JSON answer), failed (timeout, non-2xx, not JSON...), or refused before sending."""

    status: Literal["ok", "failed", "refused"]
    fields: dict[str, Any] = field(default_factory=dict)
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "ok"


class Invalid(ValueError):
    """A value does not fit its parameter; the message says why, in a few words."""


def check(
    spec: ActionSpec, arguments: Any, call: Mapping[str, str] | None = None, region: str = "US"
) -> Checked:
    """The arguments the caller or the model gave, checked against `spec`, with the parameters
    that come from the call filled from `call`. Unknown or line-filled names given by the caller,
    a missing required value and a value of the wrong kind are each a problem."""
    if not isinstance(arguments, Mapping):
        return Checked({}, ("the arguments are not an object",))
    problems = [f"{name}: not a parameter of {spec.name}" for name in sorted(set(arguments) - _names(spec))]
    problems += [
        f"{p.name}: set by the line, not given" for p in spec.parameters if p.value and p.name in arguments
    ]
    values: dict[str, Any] = {}
    for parameter in spec.parameters:
        raw = fill(parameter.value, call or {}) if parameter.value else arguments.get(parameter.name)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if parameter.required:
                problems.append(f"{parameter.name}: required")
            continue
        try:
            values[parameter.name] = coerce(parameter, raw, region)
        except Invalid as problem:
            problems.append(f"{parameter.name}: {problem}")
    return Checked(values, tuple(problems))


def _names(spec: ActionSpec) -> set[str]:
    return {p.name for p in spec.parameters}


def coerce(parameter: Parameter, raw: Any, region: str = "US", spoken: bool = False) -> Any:
    """The value of `raw` for `parameter`, normalised, or Invalid. `spoken`: raw is what a caller
    said or keyed, so an enum value may be buried in a sentence and a number said in words."""
    kind = parameter.type
    if kind == "boolean":
        return _boolean(raw)
    if kind == "integer":
        return _integer(parameter, raw)
    if isinstance(raw, bool) or not isinstance(raw, str | int):
        raise Invalid(f"must be {_a(kind)}")
    text = str(raw).strip()
    if kind == "phone":
        return _phone(text, region)
    if kind == "digits":
        return _digits(parameter, text)
    if kind == "date":
        return _date(text)
    if not isinstance(raw, str):
        raise Invalid("must be text")
    return _string(parameter, text.rstrip(".!?") if spoken else text, spoken)


def _a(kind: str) -> str:
    return {"integer": "a whole number", "boolean": "true or false", "phone": "a phone number"}.get(
        kind, "text" if kind == "string" else f"a {kind}"
    )


def _boolean(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    words = set(re.findall(r"[a-z0-9]+", str(raw).lower()))
    if words & YES and not words & NO:
        return True
    if words & NO and not words & YES:
        return False
    raise Invalid("must be yes or no")


def _integer(parameter: Parameter, raw: Any) -> int:
    if isinstance(raw, bool):
        raise Invalid("must be a whole number")
    if isinstance(raw, int):
        number = raw
    elif isinstance(raw, str) and re.fullmatch(r"\s*-?[\d,]+\s*", raw) and re.search(r"\d", raw):
        number = int(raw.replace(",", ""))
    else:
        raise Invalid("must be a whole number")
    if parameter.min is not None and number < parameter.min:
        raise Invalid(f"must be at least {parameter.min}")
    if parameter.max is not None and number > parameter.max:
        raise Invalid(f"must be at most {parameter.max}")
    return number


def _phone(text: str, region: str) -> str:
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        raise Invalid("is not a phone number") from None
    # Possible, not "valid": a valid number is one assigned today, and the 555-01xx numbers of
    # films, tests and demos are not; the business's own system judges the rest.
    if not phonenumbers.is_possible_number(number):
        raise Invalid("is not a valid phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _digits(parameter: Parameter, text: str) -> str:
    """Digits keyed or said: "1234", "12-34", "one two three four"; nothing else between them."""
    words = re.findall(r"[a-z]+|\d+|[^\sa-z\d]", text.lower())
    digits = []
    for word in words:
        if word.isdigit():
            digits.append(word)
        elif word in DIGIT_WORDS:
            digits.append(DIGIT_WORDS[word])
        elif word not in "-.,/":
            raise Invalid("must be digits only")
    found = "".join(digits)
    if not found:
        raise Invalid("must be digits")
    if parameter.length is not None and len(found) != parameter.length:
        raise Invalid(f"must be {parameter.length} digits, not {len(found)}")
    return found


def _date(text: str) -> str:
    cleaned = " ".join(re.sub(r"(?<=\d)(st|nd|rd|th)\b|,", "", text).split())
    for form in DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, form).date().isoformat()
        except ValueError:
            continue
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise Invalid("must be a date like 2026-12-01") from None


def _string(parameter: Parameter, text: str, spoken: bool) -> str:
    if parameter.enum:
        return _choice(parameter.enum, text, spoken)
    if parameter.max_length is not None and len(text) > parameter.max_length:
        raise Invalid(f"must be at most {parameter.max_length} characters")
    if parameter.pattern is not None and not re.fullmatch(parameter.pattern, text):
        raise Invalid("is not in the expected form")
    return text


def _choice(allowed: tuple[str, ...], text: str, spoken: bool) -> str:
    folded = text.casefold()
    exact = next((value for value in allowed if value.casefold() == folded), None)
    if exact is not None:
        return exact
    if spoken:  # "a checkup please": the one allowed value said, whole words, in a sentence
        said = [v for v in allowed if re.search(rf"(?<!\w){re.escape(v.casefold())}(?!\w)", folded)]
        if len(said) == 1:
            return said[0]
    raise Invalid(f"must be one of {', '.join(allowed)}")


def fill(template: str, call: Mapping[str, Any]) -> str:
    """A `value` template filled from the call's facts; a fact not known is empty."""
    return PLACEHOLDER.sub(lambda found: str(call.get(found.group(1), "") or ""), template)


def placeholders(template: str) -> list[str]:
    return PLACEHOLDER.findall(template)


def spoken_outcome(template: str, fields: Mapping[str, Any]) -> tuple[str, tuple[str, ...]] | None:
    """`say_on_success` with its {field}s from the answer, and the fields it said; None when the
    answer lacks one or holds something that cannot be said (a list, an object, a long text)."""
    names = tuple(dict.fromkeys(placeholders(template)))
    said: dict[str, str] = {}
    for name in names:
        value = fields.get(name)
        if value is None or isinstance(value, dict | list):
            return None
        text = ("yes" if value else "no") if isinstance(value, bool) else str(value).strip()
        if not text or len(text) > SPOKEN_VALUE_CHARS:
            return None
        said[name] = text
    return PLACEHOLDER.sub(lambda found: said[found.group(1)], template), names


def input_schema(spec: ActionSpec) -> dict[str, Any]:
    """The tool's input schema for Claude: the caller-given parameters only, their limits in the
    descriptions too (strict tool schemas ignore minimum, maxLength and the like). Our own check
    refuses whatever the schema lets through."""
    properties = {p.name: _property(p) for p in spec.given}
    return {
        "type": "object",
        "properties": properties,
        "required": [p.name for p in spec.given if p.required],
        "additionalProperties": False,
    }


def _property(parameter: Parameter) -> dict[str, Any]:
    kind = {"integer": "integer", "boolean": "boolean"}.get(parameter.type, "string")
    found: dict[str, Any] = {"type": kind}
    if parameter.enum:
        found["enum"] = list(parameter.enum)
    if parameter.type == "date":
        found["format"] = "date"
    description = " ".join(part for part in (parameter.description, _limits(parameter)) if part)
    if description:
        found["description"] = description
    return found


def _limits(parameter: Parameter) -> str:
    limits = {
        "phone": "A phone number.",
        "digits": f"{parameter.length} digits." if parameter.length else "Digits only.",
        "date": "A date, YYYY-MM-DD.",
    }.get(parameter.type, "")
    if parameter.max_length:
        limits += f" At most {parameter.max_length} characters."
    if parameter.min is not None:
        limits += f" At least {parameter.min}."
    if parameter.max is not None:
        limits += f" At most {parameter.max}."
    return limits.strip()
