"""The rules Twilio applies to a TwiML voice document, checked offline: `check` lists, in words a
developer can act on, what Twilio would reject, warn about or silently ignore. Pure: no HTTP."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable

Rule = Callable[[str], str | None]  # an attribute value -> why it is wrong, or None

VERBS = frozenset(
    {
        "Say", "Play", "Pause", "Gather", "Dial", "Redirect", "Hangup", "Reject", "Record",
        "Enqueue", "Leave", "Connect", "Start", "Stop", "Pay", "Refer", "Echo", "Sms",
    }
)  # fmt: skip
# Twilio's warning 13320 says only Say and Play nest in <Gather>; the <Gather> page and the
# helper library also allow Pause.
GATHER_NESTABLE = frozenset({"Say", "Play", "Pause"})
DIAL_NOUNS = frozenset({"Number", "Client", "Sip", "Conference", "Queue", "Sim", "Application", "WhatsApp"})
SSML_TAGS = frozenset({"break", "emphasis", "lang", "p", "phoneme", "prosody", "s", "say-as", "sub", "w"})
# /docs/voice/twiml/redirect, /hangup, /reject: "All verbs after ... are unreachable and ignored".
ENDS_DOCUMENT = frozenset({"Hangup", "Reject", "Redirect"})

E164 = re.compile(r"\+[1-9]\d{1,14}")
LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")
VOICE = re.compile(
    r"man|woman|alice|Polly\.[^\W\d_]+(-(Neural|Generative|LongForm))?|Google\.[a-z]{2,3}-[A-Z]{2}-\S+"
)
KEYS = re.compile(r"[0-9*#wW]+")
# Warning 13521: Basic voices take 4096 UTF-8 bytes, Polly 3000, Google 5000.
SAY_LIMITS = {"Polly.": 3000, "Google.": 5000}
SAY_LIMIT = 4096


def check(document: str) -> list[str]:
    """Every way `document` breaks Twilio's TwiML voice rules; empty when Twilio would run it as meant."""
    try:
        root = ET.fromstring(document)
    except ET.ParseError as error:
        return [f"not well-formed XML ({error}): Twilio fails the call with error 12100"]
    if root.tag != "Response":
        return [f"the root element is <{root.tag}>; a TwiML document must be one <Response>"]
    problems = _stray_text(root)
    for verb in root:
        problems += _check_verb(verb)
    return problems + _unreachable(root)


def _check_verb(verb: ET.Element) -> list[str]:
    if verb.tag not in VERBS:
        return [_not_a_verb(verb.tag)]
    problems = _check_attributes(verb)
    checker = CONTENT_CHECKS.get(verb.tag)
    return problems + (checker(verb) if checker else [])


def _not_a_verb(tag: str) -> str:
    if tag in DIAL_NOUNS:
        return f"<{tag}> is not a verb: it belongs inside <Dial>"
    near = next((verb for verb in VERBS if verb.lower() == tag.lower()), None)
    if near:
        return f"<{tag}> is not a TwiML verb (TwiML is case-sensitive: <{near}>)"
    return f"<{tag}> is not a TwiML voice verb"


def _check_attributes(element: ET.Element) -> list[str]:
    rules = ATTRIBUTES.get(element.tag)
    if rules is None:
        return []
    problems = []
    for name, value in element.attrib.items():
        if name not in rules:
            problems.append(f"<{element.tag}> has no attribute {name!r}; Twilio ignores it")
            continue
        reason = rules[name](value)
        if reason:
            problems.append(f'<{element.tag} {name}="{value}"> {reason}{_rendering_hint(value)}')
    if element.tag == "Gather":
        problems += _gather_speech_settings(element)
    return problems


def _rendering_hint(value: str) -> str:
    if value.startswith(("[", "(")):
        return " (a Python list rendered with str(); pass a space-separated string)"
    if value in ("True", "False"):
        return " (a Python bool; TwiML wants lowercase true/false)"
    return ""


def _gather_speech_settings(gather: ET.Element) -> list[str]:
    if gather.get("speechTimeout") == "auto" and gather.get("speechModel"):
        return [
            '<Gather speechTimeout="auto"> cannot be used with speechModel: Twilio warning 13335 '
            "asks for a positive integer speechTimeout when a speech model is set"
        ]
    return []


# Content: text and nested elements, verb by verb.


def _say(say: ET.Element) -> list[str]:
    problems = [
        f"<{child.tag}> cannot be nested in <Say> (only SSML tags)"
        for child in say
        if child.tag not in SSML_TAGS
    ]
    text = " ".join("".join(say.itertext()).split())
    if not text:
        return [*problems, "<Say> is empty: the caller hears nothing"]
    voice = say.get("voice") or ""
    limit = next((n for prefix, n in SAY_LIMITS.items() if voice.startswith(prefix)), SAY_LIMIT)
    size = len(text.encode("utf-8"))
    if size > limit:
        problems.append(
            f"<Say> text is {size} bytes; {voice or 'the basic voice'} takes at most {limit} (warning 13521)"
        )
    return problems


def _play(play: ET.Element) -> list[str]:
    problems = _no_children(play)
    if not (play.text or "").strip() and not play.get("digits"):
        problems.append("<Play> needs a media URL or a digits attribute")
    return problems


def _leaf(verb: ET.Element) -> list[str]:
    problems = _no_children(verb)
    text = (verb.text or "").strip()
    if text:
        problems.append(f"<{verb.tag}> takes no text, found {text!r}")
    return problems


def _redirect(redirect: ET.Element) -> list[str]:
    problems = _no_children(redirect)
    if not (redirect.text or "").strip():
        problems.append("<Redirect> needs a URL as its text")
    return problems


def _gather(gather: ET.Element) -> list[str]:
    problems = _stray_text(gather)
    for child in gather:
        if child.tag in GATHER_NESTABLE:
            problems += _check_verb(child)
        else:
            problems.append(f"<{child.tag}> cannot be nested in <Gather> (only Say, Play and Pause)")
    return problems


def _dial(dial: ET.Element) -> list[str]:
    problems = []
    text = (dial.text or "").strip()
    nouns = list(dial)
    if text and nouns:
        problems.append("<Dial> mixes a plain-text number with nested nouns")
    if not text and not nouns:
        problems.append("<Dial> has nothing to dial")
    if text:
        problems += _e164(text, "<Dial>")
    for noun in nouns:
        problems += _dial_noun(noun)
    return problems


def _dial_noun(noun: ET.Element) -> list[str]:
    if noun.tag not in DIAL_NOUNS:
        return [f"<{noun.tag}> cannot be nested in <Dial> (only {', '.join(sorted(DIAL_NOUNS))})"]
    problems = _check_attributes(noun)
    text = (noun.text or "").strip()
    if noun.tag == "Number":
        return problems + _e164(text, "<Number>")
    if not text and noun.tag != "Application":
        problems.append(f"<{noun.tag}> is empty")
    return problems


def _e164(number: str, where: str) -> list[str]:
    if E164.fullmatch(number):
        return []
    return [f"{where} number {number!r} is not E.164 (+ country code and digits, like +15551234567)"]


def _no_children(verb: ET.Element) -> list[str]:
    return [f"<{child.tag}> cannot be nested in <{verb.tag}>" for child in verb]


def _stray_text(parent: ET.Element) -> list[str]:
    pieces = [parent.text, *(child.tail for child in parent)]
    stray = " ".join(" ".join(piece.split()) for piece in pieces if piece and piece.strip())
    return (
        [f"text {stray!r} directly inside <{parent.tag}> is not a verb; Twilio ignores it"] if stray else []
    )


def _unreachable(root: ET.Element) -> list[str]:
    verbs = list(root)
    problems = []
    if any(verb.tag == "Reject" for verb in verbs[1:]):
        problems.append("<Reject> only declines a call as the first verb; here the call is already answered")
    for index, verb in enumerate(verbs):
        # /docs/voice/twiml/dial: verbs after a <Dial> that has an action are unreachable.
        if verb.tag in ENDS_DOCUMENT or (verb.tag == "Dial" and verb.get("action")):
            rest = verbs[index + 1 :]
            if rest:
                names = ", ".join(f"<{v.tag}>" for v in rest)
                problems.append(f"unreachable: {names} after <{verb.tag}> never run")
            break
    return problems


CONTENT_CHECKS: dict[str, Callable[[ET.Element], list[str]]] = {
    "Say": _say,
    "Play": _play,
    "Pause": _leaf,
    "Record": _leaf,
    "Hangup": _leaf,
    "Reject": _leaf,
    "Redirect": _redirect,
    "Gather": _gather,
    "Dial": _dial,
}


# Attribute values.


def _one_of(*allowed: str) -> Rule:
    quoted = [repr(a) for a in allowed]
    choices = " or ".join(quoted) if len(quoted) == 2 else "one of " + ", ".join(quoted)
    return lambda value: None if value in allowed else f"must be {choices}"


def _positive_int(value: str) -> str | None:
    return None if value.isdigit() and int(value) > 0 else "must be a positive integer"


def _count(value: str) -> str | None:
    return None if value.isdigit() else "must be zero or a positive integer"


def _speech_timeout(value: str) -> str | None:
    return None if value == "auto" or _positive_int(value) is None else "must be 'auto' or a positive integer"


def _url(value: str) -> str | None:
    return None if value.strip() and not any(c.isspace() for c in value) else "must be a URL"


def _keys(value: str) -> str | None:
    return None if KEYS.fullmatch(value) else "must be keypad digits (0-9, *, #, w)"


def _finish_on_key(value: str) -> str | None:
    return None if re.fullmatch(r"[0-9*#]?", value) else "must be one key (0-9, *, #) or empty"


def _language(value: str) -> str | None:
    return None if LANGUAGE.fullmatch(value) else "is not a language tag like en-US"


def _voice(value: str) -> str | None:
    if VOICE.fullmatch(value):
        return None
    return "is not a Twilio voice (man, woman, alice, Polly.Name[-Neural], Google.xx-XX-...)"


def _anything(value: str) -> str | None:
    return None


METHOD = _one_of("GET", "POST")
BOOLEAN = _one_of("true", "false")

ATTRIBUTES: dict[str, dict[str, Rule]] = {
    "Say": {"voice": _voice, "language": _language, "loop": _count},
    "Play": {"loop": _count, "digits": _keys},
    "Pause": {"length": _positive_int},
    "Gather": {
        "input": _one_of("dtmf", "speech", "dtmf speech", "speech dtmf"),
        "action": _url,
        "method": METHOD,
        "timeout": _positive_int,
        "speechTimeout": _speech_timeout,
        "maxSpeechTime": _positive_int,
        "profanityFilter": BOOLEAN,
        "finishOnKey": _finish_on_key,
        "numDigits": _positive_int,
        "partialResultCallback": _url,
        "partialResultCallbackMethod": METHOD,
        "language": _language,
        "hints": _anything,
        "bargeIn": BOOLEAN,
        "debug": BOOLEAN,
        "actionOnEmptyResult": BOOLEAN,
        "speechModel": _anything,
        "enhanced": BOOLEAN,
    },
    "Dial": {
        "action": _url,
        "method": METHOD,
        "timeout": _positive_int,
        "hangupOnStar": BOOLEAN,
        "timeLimit": _positive_int,
        "callerId": _anything,
        "record": _one_of(
            "do-not-record",
            "record-from-answer",
            "record-from-ringing",
            "record-from-answer-dual",
            "record-from-ringing-dual",
            "true",
            "false",
        ),
        "trim": _one_of("trim-silence", "do-not-trim"),
        "recordingStatusCallback": _url,
        "recordingConfigurationId": _anything,
        "recordingStatusCallbackMethod": METHOD,
        "recordingStatusCallbackEvent": _anything,
        "answerOnBridge": BOOLEAN,
        "ringTone": _anything,
        "recordingTrack": _one_of("both", "inbound", "outbound"),
        "sequential": BOOLEAN,
        "referUrl": _url,
        "referMethod": METHOD,
        "events": _anything,
        "passports": _anything,
    },
    "Number": {
        "sendDigits": _keys,
        "url": _url,
        "method": METHOD,
        "statusCallbackEvent": _anything,
        "statusCallback": _url,
        "statusCallbackMethod": METHOD,
        "byoc": _anything,
        "machineDetection": _one_of("Enable", "DetectMessageEnd"),
        "amdStatusCallback": _url,
        "amdStatusCallbackMethod": METHOD,
        "machineDetectionTimeout": _positive_int,
        "machineDetectionSpeechThreshold": _positive_int,
        "machineDetectionSpeechEndThreshold": _positive_int,
        "machineDetectionSilenceTimeout": _positive_int,
    },
    "Record": {
        "action": _url,
        "method": METHOD,
        "timeout": _count,
        "finishOnKey": _anything,
        "maxLength": _positive_int,
        "playBeep": BOOLEAN,
        "trim": _one_of("trim-silence", "do-not-trim"),
        "recordingStatusCallback": _url,
        "recordingStatusCallbackMethod": METHOD,
        "recordingStatusCallbackEvent": _anything,
        "recordingChannels": _one_of("mono", "dual"),
        "recordingTrack": _one_of("inbound", "outbound", "both"),
        "transcribe": BOOLEAN,
        "transcribeCallback": _url,
        "storageUrl": _url,
        "storageUrlMethod": METHOD,
    },
    "Redirect": {"method": METHOD},
    "Hangup": {},
    "Reject": {"reason": _one_of("rejected", "busy")},
}
