"""What Twilio's <Say> and <Gather> accept: languages, voices, speech models and size limits, as
plain tables the assistant file is checked against (ivr/assistant.py).

Compiled on 2026-11-30 from stored copies of these pages (the live web was out of reach):
- <Gather> https://www.twilio.com/docs/voice/twiml/gather and warnings 13512, 13331, 13330:
  `language` takes BCP-47 tags ("en" is invalid, "en-US" valid); `hints` at most 500 entries of
  at most 100 characters; the generic and provider `speechModel` values. Twilio's language table
  could not be read whole; GATHER_LANGUAGES is the Google Speech-to-Text locale list it reproduces.
- <Say> https://www.twilio.com/docs/voice/twiml/say and warning 13521: man, woman, alice, Polly.*
  and Google.* voices; a voice is used with a language it speaks; text at most 4,096 bytes for
  basic voices, 3,000 for Polly, 5,000 for Google. Twilio's voice table (/say/text-speech) could
  not be read, so Polly voices come from Amazon's (docs.aws.amazon.com/polly/latest/dg/
  available-voices.html, partly readable, and the VoiceId list of botocore's Polly model) under
  Twilio's names Polly.<Id>, Polly.<Id>-Neural, Polly.<Id>-Generative; engines were not confirmed
  for every voice, so a missing engine is only a warning. Google voices are checked by pattern,
  Google.<locale>-<kind>-<variant>, with Google's kinds and the Chirp3-HD names.
A voice released since is refused as unknown: add it here.
"""

from __future__ import annotations

import difflib
import re

# <Gather> speech recognition: Twilio's language table, the Google Speech-to-Text locales.
GATHER_LANGUAGES = frozenset(
    """
    af-ZA am-ET hy-AM az-AZ id-ID ms-MY bn-BD bn-IN ca-ES cs-CZ da-DK de-DE en-AU en-CA en-GH en-GB
    en-IN en-IE en-KE en-NZ en-NG en-PH en-ZA en-TZ en-US es-AR es-BO es-CL es-CO es-CR es-EC es-SV
    es-ES es-US es-GT es-HN es-MX es-NI es-PA es-PY es-PE es-PR es-DO es-UY es-VE eu-ES fil-PH fr-CA
    fr-FR gl-ES ka-GE gu-IN hr-HR zu-ZA is-IS it-IT jv-ID kn-IN km-KH lo-LA lv-LV lt-LT hu-HU ml-IN
    mr-IN nl-NL ne-NP nb-NO pl-PL pt-BR pt-PT ro-RO si-LK sk-SK sl-SI su-ID sw-TZ sw-KE fi-FI sv-SE
    ta-IN ta-SG ta-LK ta-MY te-IN vi-VN tr-TR ur-PK ur-IN el-GR bg-BG ru-RU sr-RS uk-UA he-IL ar-IL
    ar-JO ar-AE ar-BH ar-DZ ar-SA ar-IQ ar-KW ar-MA ar-TN ar-OM ar-PS ar-QA ar-LB ar-EG fa-IR hi-IN
    th-TH ko-KR cmn-Hant-TW yue-Hant-HK ja-JP cmn-Hans-HK cmn-Hans-CN
    """.split()
)

# What people write instead of a tag ("english", "Spanish"): the language subtag they mean.
LANGUAGE_NAMES = {
    "afrikaans": "af", "amharic": "am", "armenian": "hy", "azerbaijani": "az", "indonesian": "id",
    "malay": "ms", "bengali": "bn", "bangla": "bn", "catalan": "ca", "czech": "cs", "danish": "da",
    "german": "de", "english": "en", "spanish": "es", "basque": "eu", "filipino": "fil",
    "tagalog": "fil", "french": "fr", "galician": "gl", "georgian": "ka", "gujarati": "gu",
    "croatian": "hr", "zulu": "zu", "icelandic": "is", "italian": "it", "javanese": "jv",
    "kannada": "kn", "khmer": "km", "lao": "lo", "latvian": "lv", "lithuanian": "lt",
    "hungarian": "hu", "malayalam": "ml", "marathi": "mr", "dutch": "nl", "nepali": "ne",
    "norwegian": "nb", "polish": "pl", "portuguese": "pt", "romanian": "ro", "sinhala": "si",
    "slovak": "sk", "slovenian": "sl", "sundanese": "su", "swahili": "sw", "finnish": "fi",
    "swedish": "sv", "tamil": "ta", "telugu": "te", "vietnamese": "vi", "turkish": "tr",
    "urdu": "ur", "greek": "el", "bulgarian": "bg", "russian": "ru", "serbian": "sr",
    "ukrainian": "uk", "hebrew": "he", "arabic": "ar", "persian": "fa", "farsi": "fa",
    "hindi": "hi", "thai": "th", "korean": "ko", "chinese": "cmn", "mandarin": "cmn",
    "cantonese": "yue", "japanese": "ja",
}  # fmt: skip

REGION_ALIASES = {"UK": "GB"}  # en-UK is a common slip (Twilio's own <Say> page uses it)

# The tag to offer first when a language is spoken in several places.
PREFERRED_TAGS = {
    "en": "en-US", "es": "es-US", "pt": "pt-BR", "ar": "ar-SA", "cmn": "cmn-Hans-CN",
    "zh": "cmn-Hans-CN", "yue": "yue-Hant-HK", "sw": "sw-KE", "ta": "ta-IN", "ur": "ur-PK",
    "bn": "bn-IN", "he": "he-IL", "fil": "fil-PH",
}  # fmt: skip

# The basic voices and the languages each speaks (Twilio's legacy voice tables).
BASIC_VOICES = {
    "man": frozenset({"en-US", "en-GB", "es-ES", "fr-FR", "de-DE"}),
    "woman": frozenset({"en-US", "en-GB", "es-ES", "fr-FR", "de-DE"}),
    "alice": frozenset(
        """
        da-DK de-DE en-AU en-CA en-GB en-IN en-US ca-ES es-ES es-MX fi-FI fr-CA fr-FR it-IT ja-JP
        ko-KR nb-NO nl-NL pl-PL pt-BR pt-PT ru-RU sv-SE zh-CN zh-HK zh-TW
        """.split()
    ),
}

STANDARD, NEURAL, GENERATIVE = "S", "N", "G"
# Twilio's suffix for each Polly engine: Polly.Joanna, Polly.Joanna-Neural, Polly.Joanna-Generative.
POLLY_SUFFIXES = {STANDARD: "", NEURAL: "-Neural", GENERATIVE: "-Generative"}

# Amazon Polly voices by language: voice -> its engines (S standard, N neural, G generative).
# Aditi and Kajal are bilingual and appear under both of their languages.
POLLY_VOICES = {
    "arb": {"Zeina": "S"},
    "ar-AE": {"Hala": "N", "Zayd": "N"},
    "ca-ES": {"Arlet": "N"},
    "cmn-CN": {"Zhiyu": "SN"},
    "cs-CZ": {"Jitka": "N"},
    "cy-GB": {"Gwyneth": "S"},
    "da-DK": {"Naja": "S", "Mads": "S", "Sofie": "N"},
    "de-AT": {"Hannah": "N"},
    "de-CH": {"Sabrina": "N"},
    "de-DE": {"Vicki": "SNG", "Marlene": "S", "Hans": "S", "Daniel": "NG"},
    "en-AU": {"Olivia": "NG", "Nicole": "S", "Russell": "S"},
    "en-GB": {"Amy": "SNG", "Emma": "SN", "Brian": "SNG", "Arthur": "N"},
    "en-GB-WLS": {"Geraint": "S"},
    "en-IE": {"Niamh": "NG"},
    "en-IN": {"Kajal": "NG", "Aditi": "S", "Raveena": "S"},
    "en-NZ": {"Aria": "NG"},
    "en-SG": {"Jasmine": "N"},
    "en-US": {
        "Joanna": "SNG", "Matthew": "SNG", "Danielle": "NG", "Gregory": "N", "Ivy": "SN",
        "Joey": "SN", "Justin": "SN", "Kendra": "SN", "Kevin": "SN", "Kimberly": "SN",
        "Ruth": "NG", "Salli": "SN", "Stephen": "NG",
    },
    "en-ZA": {"Ayanda": "NG"},
    "es-ES": {"Lucia": "SNG", "Sergio": "NG", "Conchita": "S", "Enrique": "S"},
    "es-MX": {"Mia": "SNG", "Andres": "NG"},
    "es-US": {"Lupe": "SNG", "Pedro": "NG", "Penelope": "S", "Miguel": "S"},
    "fi-FI": {"Suvi": "N"},
    "fr-BE": {"Isabelle": "N"},
    "fr-CA": {"Gabrielle": "N", "Liam": "N", "Chantal": "S"},
    "fr-FR": {"Lea": "SNG", "Remi": "NG", "Celine": "S", "Mathieu": "S"},
    "hi-IN": {"Kajal": "NG", "Aditi": "S"},
    "is-IS": {"Dora": "S", "Karl": "S"},
    "it-IT": {"Bianca": "SNG", "Adriano": "NG", "Carla": "S", "Giorgio": "S"},
    "ja-JP": {"Takumi": "SN", "Kazuha": "N", "Tomoko": "N", "Mizuki": "S"},
    "ko-KR": {"Seoyeon": "SN", "Jihye": "N"},
    "nb-NO": {"Ida": "N", "Liv": "S"},
    "nl-BE": {"Lisa": "NG"},
    "nl-NL": {"Laura": "NG", "Lotte": "S", "Ruben": "S"},
    "pl-PL": {"Ola": "N", "Ewa": "S", "Maja": "S", "Jacek": "S", "Jan": "S"},
    "pt-BR": {"Camila": "SN", "Vitoria": "SN", "Thiago": "N", "Ricardo": "S"},
    "pt-PT": {"Ines": "SN", "Cristiano": "S"},
    "ro-RO": {"Carmen": "S"},
    "ru-RU": {"Tatyana": "S", "Maxim": "S"},
    "sv-SE": {"Elin": "N", "Astrid": "S"},
    "tr-TR": {"Burcu": "N", "Filiz": "S"},
    "yue-CN": {"Hiujin": "N"},
}  # fmt: skip

# Google voices: Google.<locale>-<family>-<variant>, e.g. Google.en-US-Neural2-F. Variants are a
# letter (a digit for Polyglot), except Chirp3-HD's, which are names.
GOOGLE_FAMILIES = (
    "Standard",
    "Wavenet",
    "Neural2",
    "News",
    "Studio",
    "Polyglot",
    "Journey",
    "Chirp-HD",
    "Chirp3-HD",
)
CHIRP3_HD_VOICES = frozenset(
    """
    Achernar Achird Algenib Algieba Alnilam Aoede Autonoe Callirrhoe Charon Despina Enceladus
    Erinome Fenrir Gacrux Iapetus Kore Laomedeia Leda Orus Puck Pulcherrima Rasalgethi Sadachbia
    Sadaltager Schedar Sulafat Umbriel Vindemiatrix Zephyr Zubenelgenubi
    """.split()
)

# <Say> text limits in UTF-8 bytes (Twilio warning 13521), by kind of voice.
SAY_LIMIT_BYTES = {"basic": 4096, "Polly": 3000, "Google": 5000}

# <Gather> hints (warning 13330).
HINTS_MAX_ENTRIES = 500
HINT_MAX_CHARS = 100

# <Gather> speechModel: the generic models, and provider_model values (Google STT V2, Deepgram).
SPEECH_MODELS = frozenset(
    {
        "default", "numbers_and_commands", "phone_call", "experimental_conversations",
        "experimental_utterances", "googlev2_long", "googlev2_short", "googlev2_telephony",
        "googlev2_telephony_short", "deepgram_nova-2", "deepgram_nova-3",
    }
)  # fmt: skip
SPEECH_MODEL_PROVIDERS = ("googlev2_", "deepgram_")  # newer models of these providers are accepted


def polly_engines(name: str) -> dict[str, str]:
    """A Polly voice's languages, each with the engines it has there ("SNG"); {} if unknown."""
    return {language: voices[name] for language, voices in POLLY_VOICES.items() if name in voices}


def polly_voice_names() -> list[str]:
    """Every Polly voice as Twilio names it: Polly.Joanna, Polly.Joanna-Neural, ..."""
    found = {
        f"Polly.{name}{POLLY_SUFFIXES[engine]}"
        for voices in POLLY_VOICES.values()
        for name, engines in voices.items()
        for engine in engines
    }
    return sorted(found)


def language_subtag(tag: str) -> str:
    return tag.split("-")[0].lower()


def closest_language(text: str) -> str | None:
    """The <Gather> language tag `text` most likely means: "english" -> en-US, "en-uk" -> en-GB,
    "cmn-CN" -> cmn-Hans-CN; None when nothing is close."""
    parts = text.strip().replace("_", "-").split("-")
    if len(parts) > 1:
        parts[-1] = REGION_ALIASES.get(parts[-1].upper(), parts[-1])
    wanted = "-".join(parts)
    by_folded = {tag.casefold(): tag for tag in GATHER_LANGUAGES}
    if wanted.casefold() in by_folded:
        return by_folded[wanted.casefold()]
    subtag = _named_language(wanted) or parts[0].casefold()
    tags = sorted(tag for tag in GATHER_LANGUAGES if language_subtag(tag) == subtag)
    if len(parts) > 1 and tags:
        close = difflib.get_close_matches(wanted, tags, n=1, cutoff=0.7)
        if close:
            return close[0]
    if subtag in PREFERRED_TAGS:
        return PREFERRED_TAGS[subtag]
    if tags:
        return next((tag for tag in tags if tag.endswith(f"-{subtag.upper()}")), tags[0])
    close = difflib.get_close_matches(wanted, sorted(GATHER_LANGUAGES), n=1)
    return close[0] if close else None


def _named_language(text: str) -> str | None:
    name = difflib.get_close_matches(text.casefold(), list(LANGUAGE_NAMES), n=1, cutoff=0.8)
    return LANGUAGE_NAMES[name[0]] if name else None


def is_speech_model(model: str) -> bool:
    provider_model = model.startswith(SPEECH_MODEL_PROVIDERS) and re.fullmatch(r"[a-z0-9_.-]+", model)
    return model in SPEECH_MODELS or bool(provider_model)


def same_locale(voice_language: str, language: str) -> bool:
    """A voice's language against the line's: cmn-CN matches cmn-Hans-CN (script aside)."""
    voice, line = voice_language.split("-"), language.split("-")
    return voice[0] == line[0] and voice[-1] == line[-1]
