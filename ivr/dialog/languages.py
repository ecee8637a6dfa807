"""A second language: how a caller chooses it, how the line offers it, and how the menu engine's
matcher hears it. Pure.

A line that offers Spanish ([languages.es]) says its offer ("para español, diga español u oprima
nueve") after the greeting and whenever it did not understand, in the Spanish voice. The caller
chooses by the offer's key or by saying one of its words, which the line's own recogniser hears
("español", "espanol", "Spanish"); from then on the call runs in Spanish.

The matcher's rules (spoken keys, negations, corrections, a request for a person, a goodbye) are
written for English words. Spanish callers' function words are read as their English counterparts
("oprima tres" as "press three", "no quiero" as "not want", "una persona" as "a person"), so the
same rules hold; the words that name options are the owner's own, in Spanish, and match as they are.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import replace

from ivr.assistant import Assistant, Language
from ivr.dialog.notes import MISSES, Note
from ivr.dialog.types import CallerInput, Listen, PastTurn, Reply

# Spanish words and phrases as the matcher's English vocabulary (accents already folded). Longer
# phrases are read first. A word mapped to "" is a filler and dropped.
SPANISH = {
    # spoken keys, ordinals and the words around them
    "cero": "zero", "uno": "one", "dos": "two", "tres": "three", "cuatro": "four", "cinco": "five",
    "seis": "six", "siete": "seven", "ocho": "eight", "nueve": "nine", "numeral": "pound",
    "gato": "pound", "asterisco": "star", "estrella": "star",
    "primero": "first", "primera": "first", "primer": "first", "segundo": "second",
    "segunda": "second", "tercero": "third", "tercera": "third", "tercer": "third",
    "cuarto": "fourth", "cuarta": "fourth", "quinto": "fifth", "quinta": "fifth", "sexto": "sixth",
    "sexta": "sixth", "septimo": "seventh", "septima": "seventh", "octavo": "eighth",
    "octava": "eighth", "noveno": "ninth", "novena": "ninth", "ultimo": "last", "ultima": "last",
    "opcion": "option", "oprima": "press", "oprimo": "press", "oprimir": "press",
    "presione": "press", "presiono": "press", "marque": "press", "marco": "press", "pulse": "press",
    "pulso": "press", "tecla": "key", "numero": "number", "boton": "button",
    "quiza": "maybe", "quizas": "maybe", "tal vez": "maybe", "creo que": "think",
    "digo": "mean", "quiero decir": "mean", "perdon": "sorry", "mejor dicho": "rather",
    "en realidad": "actually", "espere": "wait", "espera": "wait",
    # negation and what it carries
    "no": "no", "nunca": "never", "sin": "without", "excepto": "except", "menos": "except",
    "olvide": "forget", "olvidelo": "forget", "ya": "already", "en vez de": "instead of",
    "en lugar de": "instead of", "quiero": "want", "queria": "want", "quisiera": "want",
    "necesito": "need", "necesitaba": "need", "tengo": "have", "tiene": "has", "tenia": "had",
    "llamo": "calling", "llamando": "calling", "hablar": "talk", "hable": "talk",
    "pregunta": "question", "problema": "problem",
    "pero": "but", "y": "and", "o": "or", "u": "or", "que": "that", "porque": "because",
    "cuando": "when", "donde": "where", "como": "how", "cual": "which", "quien": "who",
    "por que": "why",
    # a person, the machine, checks that someone is there
    "persona": "person", "operador": "operator", "operadora": "operator", "alguien": "someone",
    "humano": "human", "humana": "human", "recepcionista": "receptionist",
    "representante": "representative", "agente": "agent", "asesor": "agent", "asesora": "agent",
    "maquina": "machine", "grabacion": "machine", "robot": "robot", "computadora": "computer",
    "sigue ahi": "you still there", "sigues ahi": "you still there", "esta ahi": "you there",
    "hay alguien ahi": "anyone there", "hay alguien": "anyone there", "me escucha": "can you hear me",
    "me oye": "can you hear me",
    # goodbyes
    "adios": "goodbye", "hasta luego": "bye", "chao": "bye", "chau": "bye", "gracias": "thanks",
    "eso es todo": "that is all", "es todo": "that is all", "nada mas": "nothing else",
    "estoy bien": "i am good", "todo bien": "all good", "listo": "all set", "ya esta": "all set",
    "no es necesario": "no need", "cuelgue": "hang up", "que le vaya bien": "have a good day",
    "cuidese": "take care", "ahora no": "not right now",
    # function words
    "el": "the", "la": "the", "los": "the", "las": "the", "un": "a", "una": "a", "unos": "some",
    "unas": "some", "de": "of", "del": "of", "a": "to", "al": "to", "en": "in", "con": "with",
    "por": "for", "para": "for", "sobre": "about", "mi": "my", "mis": "my", "su": "your",
    "sus": "your", "es": "is", "son": "are", "esta": "is", "estoy": "am", "soy": "am", "me": "me",
    "le": "you", "lo": "it", "se": "it", "yo": "i", "usted": "you", "este": "this", "eso": "that",
    "esto": "this", "ese": "that", "esa": "that", "aqui": "here", "ahi": "there", "puedo": "can",
    "puede": "can", "podria": "could", "hacer": "make", "saber": "know", "ver": "see",
    "algo": "something", "muy": "very", "tambien": "also", "por favor": "please", "favor": "please",
    # fillers
    "eh": "", "em": "", "mmm": "", "bueno": "", "pues": "", "si": "", "hola": "", "oiga": "",
    "mire": "", "okey": "", "vale": "", "senorita": "", "senor": "",
}  # fmt: skip
GLOSSARIES = {"es": SPANISH}
_PHRASES = {
    code: re.compile(r"\b(" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")\b")
    for code, words in GLOSSARIES.items()
}


def fold(text: str) -> str:
    """Lowercase without accents: "Español" and "espanol" are the same word to a recogniser."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def as_heard(text: str, language: str) -> str:
    """What the matcher reads of `text` said in `language` (a tag like "es-US"): English as it is;
    another language with its function words as the English ones the matcher's rules know."""
    code = language.split("-")[0].lower()
    glossary = GLOSSARIES.get(code)
    if glossary is None:
        return text
    return _PHRASES[code].sub(lambda found: glossary[found.group(1)], fold(text))


def chosen(assistant: Assistant, said: CallerInput) -> Language | None:
    """The language the caller chose while the line speaks its own: its key, or one of its words."""
    if said.kind == "digits":
        return next((lang for lang in assistant.languages if said.text.rstrip("#") == lang.key), None)
    if said.kind != "speech" or not assistant.languages:
        return None
    heard = " " + " ".join(re.findall(r"\w+", fold(said.text))) + " "
    return next(
        (lang for lang in assistant.languages if any(f" {fold(word)} " in heard for word in lang.words)), None
    )


def offered(assistant: Assistant, reply: Reply, history: Sequence[PastTurn] = ()) -> Reply:
    """The other languages' offers after the greeting, and after each turn that did not understand
    the caller until one did, while the line speaks its own."""
    action = reply.action
    if not assistant.languages or not isinstance(action, Listen):
        return reply
    if not (_greets(reply.note) or (reply.note in MISSES and not _understood(history))):
        return reply
    offers = " ".join(language.offer for language in assistant.languages)
    return replace(reply, action=replace(action, say=f"{action.say} {offers}"))


def _greets(note: str | None) -> bool:
    return note in (Note.GREETING, Note.GREETING_CLOSED) or Note.GREETING_LOOKUP.marks(note)


def _understood(history: Sequence[PastTurn]) -> bool:
    """Whether the line understood the caller at least once already."""
    return any(t.role == "assistant" and not _greets(t.note) and t.note not in MISSES for t in history)
