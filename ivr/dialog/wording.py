"""Every sentence the line says on its own, in one place to read and review as a whole, in each
language it speaks: English, and Spanish for the callers who choose it ([languages.es]).

What the business wrote (greeting, answers, goodbye) comes from the assistant file; what the model
says is its own. Everything else a caller can hear is here. `of(assistant)` gives the words of the
language an assistant speaks."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import datetime
from typing import ClassVar

from ivr.assistant import Assistant, MenuOption
from ivr.dialog.hours import Closed


class Words:
    """English. A directory name is said as the assistant file's `names` give it, if they do."""

    ANYTHING_ELSE = "Is there anything else I can help you with?"
    # Reprompts: the caller was not heard or not understood.
    NOT_HEARD = "Sorry, I didn't hear anything."
    STILL_THERE = "Are you still there? How can I help?"
    STILL_HERE = "Yes, I'm here."
    NOT_CAUGHT = "Sorry, I didn't quite catch that."
    SAY_AGAIN = "Could you say that again?"
    # The end of what the line can do for this caller.
    TALKED_LONG = "We've been talking for a while."
    COULD_NOT_HELP = "I'm sorry I couldn't help with that."
    CANNOT_CONNECT_THERE = f"I'm sorry, I can't connect you there. {ANYTHING_ELSE}"
    # The Claude engine's own words when the model fails or oversteps.
    MODEL_TROUBLE = "Sorry, I'm having a little trouble right now."
    WONT_SHARE = "I can't share that, but I'm happy to help with anything else."
    CANNOT_DO = f"I'm sorry, I can't do that. {ANYTHING_ELSE}"
    # Waiting for a slow answer.
    STILL_WORKING = "Thanks for waiting, I'm nearly there."
    GAVE_UP = "I'm sorry, that took too long on my side. Could you say that again?"
    LOST_PLACE = "Sorry, where were we? How can I help?"
    ENGINE_ERROR = "Sorry, something went wrong on my side. Could you say that again?"
    # Asking a caller for a value a declared action needs (an account number, a day).
    NOT_VALID = "Sorry, that doesn't look right."
    COULD_NOT_TAKE = "Sorry, I couldn't take that down."
    # Calls the line will not take, or cannot.
    TOO_MANY_CALLS = "We're receiving a lot of calls from your number. Please try again in a few minutes."
    NO_ASSISTANT = "We're sorry, we can't take your call right now. Please try again later. Goodbye."
    # Texts to the caller (an option's `text`, Claude's send_text): whether one went, said honestly.
    TEXT_SENT = "I've also sent that to you by text."
    TEXT_SENT_ALONE = "I've sent you a text."
    TEXT_NOT_SENT = "I'm sorry, I couldn't send you a text just now."
    TEXT_UNCONFIRMED = "I'm sorry, I can't tell whether my text to you went through."
    TEXT_UNREACHABLE = "I'm sorry, I can't send a text to the number you're calling from."
    TEXT_LIMIT = "I'm sorry, I can't send you any more texts on this call."
    # The whisper: what the person answering a transfer hears before the caller is put through.
    WHISPER_DECLINED = "Okay, the caller will hear that you're not available. Goodbye."

    DIAL_ENDED: ClassVar[dict[str, str]] = {
        "busy": "is busy",
        "no-answer": "isn't answering",
        "not-accepted": "isn't available",
        "failed": "can't be reached",  # and any other way a transfer can end unanswered
    }
    # Directory names are what the owner calls a person or a team. English puts "the" before a desk,
    # a line or a team ("the front desk", "the pharmacy"), but not before a name ("Dr. Patel"), a
    # name that has its own ("our night nurse") or a department named for its work ("billing").
    DETERMINERS = frozenset({"the", "a", "an", "our", "my", "your", "their", "his", "her", "this", "that"})
    DEPARTMENT_ENDINGS = ("ing", "ology", "ics", "ance")  # billing, radiology, pediatrics, maintenance
    DEPARTMENTS = frozenset(
        {"sales", "support", "reception", "accounts", "admissions", "dispatch", "security", "payroll",
         "finance", "legal", "operations", "records", "customer service", "hr", "it", "service"}
    )  # fmt: skip

    def __init__(self, names: Mapping[str, str] | None = None) -> None:
        self.names = dict(names or {})

    def the(self, name: str) -> str:
        """A directory name as said mid-sentence: 'the pharmacy', 'billing', 'Dr. Patel'."""
        if name in self.names:
            return self.names[name]
        first = name.split()[0] if name.split() else name
        if not name or first[0].isupper() or first.lower() in self.DETERMINERS or "'s " in name:
            return name
        lowered = name.lower()
        if lowered in self.DEPARTMENTS or (" " not in name and lowered.endswith(self.DEPARTMENT_ENDINGS)):
            return name
        return f"the {name}"

    def connecting(self, target: str) -> str:
        return f"Connecting you to {self.the(target)}."

    def handing_to_operator(self, lead: str, operator: str) -> str:
        return f"{lead} Let me connect you to {self.the(operator)}."

    def transfer_ended(self, target: str, dial_status: str) -> str:
        why = self.DIAL_ENDED.get(dial_status, self.DIAL_ENDED["failed"])
        return f"I'm sorry, {self.the(target)} {why} right now. {self.ANYTHING_ELSE}"

    def whisper(self, who: str, why: str) -> str:
        return f"Call from {who}, {why}. Press 1 to take the call."

    # Who is calling and why, in the whisper.
    a_caller = "a caller"
    asking_for_person = "asking for a person"
    not_helped = "whom the assistant could not help"

    def about(self, option: MenuOption) -> str:
        return f"about {option.name}"

    def who_said(self, words: str) -> str:
        return f'who said: "{words}"'

    def answered(self, option: MenuOption) -> str:
        return f"{option.say} {self.ANYTHING_ELSE}"

    MESSAGE_PASSED = "Thank you, I've passed your message on."

    def message_passed_on(self) -> str:
        return f"{self.MESSAGE_PASSED} {self.ANYTHING_ELSE}"

    def which_of(self, first: MenuOption, second: MenuOption) -> str:
        return (
            f"Sorry, is that about {self.the(first.name)}, or {self.the(second.name)}? "
            f"You can also press {first.key} or {second.key}."
        )

    def not_an_option(self, key: str, assistant: Assistant) -> str:
        return f"Sorry, {key} is not an option. {self.choices(assistant)}"

    def nobody_available(self, assistant: Assistant) -> str:
        return f"I'm sorry, nobody is available to take your call right now. {self.choices(assistant)}"

    def cannot_help_here(self, assistant: Assistant) -> str:
        return f"Sorry, I can't help with that here. {self.choices(assistant)}"

    def life_in_danger(self, assistant: Assistant) -> str:
        number = emergency_number(assistant)
        return (
            f"If someone's life is in danger, please hang up and call {number} now. "
            "Otherwise, how can I help?"
        )

    def choices(self, assistant: Assistant) -> str:
        """The menu read aloud: 'You can choose: for ..., say appointments or press 1; ...'."""
        spoken = [f"for {o.description}, say {o.name} or press {o.key}" for o in assistant.menu]
        if assistant.operator:
            spoken.append(f"to speak with {self.the(assistant.operator)}, press 0")
        return "You can choose: " + "; ".join(spoken) + "."

    def something_went_wrong(self, assistant: Assistant) -> str:
        """The fallback's first words: what a caller hears when anything failed on our side."""
        if assistant.operator:
            return f"I'm sorry, something went wrong. Let me connect you to {self.the(assistant.operator)}."
        return f"I'm sorry, something went wrong and we can't help right now. {assistant.goodbye}"

    def closed_greeting(self, assistant: Assistant, closed: Closed) -> str:
        """The owner's closed greeting, with when the business opens next for its {opens}."""
        text = assistant.hours.closed_greeting if assistant.hours else assistant.greeting
        return text.format(opens=self.reopens(closed) or self.soon)

    soon = "soon"  # when a closed business opens, if not within a year

    def reopens(self, closed: Closed) -> str:
        """When the business opens next, in words: "tomorrow at 8 AM"."""
        return closed.reopens

    def closed_now(self, target: str, closed: Closed) -> str:
        """Why a person cannot be reached: the business is closed, today or at this hour."""
        why = f"we're closed today for {closed.holiday}" if closed.holiday else "we're closed right now"
        opens = f" We open again {self.reopens(closed)}." if closed.reopens else ""
        return f"I'm sorry, {why}, so I can't connect you to {self.the(target)}.{opens}"

    def leave_message_after(self, lead: str) -> str:
        offer = "If you'd like to leave a message, say your name and your message, and we'll call you back."
        return self.after_the_tone(f"{lead} {offer}")

    def after_the_tone(self, prompt: str) -> str:
        """A voice message's prompt: the beep comes next (<Record playBeep>), and pound ends it."""
        return f"{prompt} Please speak after the tone, and press pound when you're done."

    def call_back_later(self, assistant: Assistant) -> str:
        return f"If we couldn't connect you, please call back a little later. {assistant.goodbye}"


class Spanish(Words):
    """Spanish, as a receptionist speaks to a caller: formal (usted), short."""

    ANYTHING_ELSE = "¿Hay algo más en lo que le pueda ayudar?"
    NOT_HEARD = "Disculpe, no escuché nada."
    STILL_THERE = "¿Sigue ahí? ¿En qué le puedo ayudar?"
    STILL_HERE = "Sí, aquí estoy."
    NOT_CAUGHT = "Disculpe, no le entendí bien."
    SAY_AGAIN = "¿Me lo puede repetir?"
    TALKED_LONG = "Llevamos un buen rato hablando."
    COULD_NOT_HELP = "Lo siento, no pude ayudarle con eso."
    CANNOT_CONNECT_THERE = f"Lo siento, no puedo comunicarle ahí. {ANYTHING_ELSE}"
    MODEL_TROUBLE = "Disculpe, estoy teniendo un pequeño problema en este momento."
    WONT_SHARE = "Eso no lo puedo compartir, pero con gusto le ayudo con otra cosa."
    CANNOT_DO = f"Lo siento, eso no lo puedo hacer. {ANYTHING_ELSE}"
    STILL_WORKING = "Gracias por esperar, ya casi termino."
    GAVE_UP = "Lo siento, tardé demasiado. ¿Me lo puede repetir?"
    LOST_PLACE = "Disculpe, ¿en qué estábamos? ¿En qué le puedo ayudar?"
    ENGINE_ERROR = "Disculpe, algo falló de nuestro lado. ¿Me lo puede repetir?"
    NOT_VALID = "Disculpe, eso no parece correcto."
    COULD_NOT_TAKE = "Disculpe, no pude anotarlo."
    TOO_MANY_CALLS = (
        "Estamos recibiendo muchas llamadas de su número. Por favor, intente de nuevo en unos minutos."
    )
    TEXT_SENT = "También se lo envié por mensaje de texto."
    TEXT_SENT_ALONE = "Le envié un mensaje de texto."
    TEXT_NOT_SENT = "Lo siento, no pude enviarle un mensaje de texto en este momento."
    TEXT_UNCONFIRMED = "Lo siento, no sé si mi mensaje de texto le llegó."
    TEXT_UNREACHABLE = "Lo siento, no puedo enviar mensajes de texto al número desde el que llama."
    TEXT_LIMIT = "Lo siento, no puedo enviarle más mensajes de texto en esta llamada."
    NO_ASSISTANT = "Lo sentimos, no podemos atender su llamada ahora. Por favor, intente más tarde. Adiós."

    DIAL_ENDED: ClassVar[dict[str, str]] = {
        "busy": "tiene la línea ocupada",
        "no-answer": "no contesta",
        "not-accepted": "no está disponible",
        "failed": "no está disponible",
    }
    soon = "pronto"
    DAYS = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")
    MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
              "octubre", "noviembre", "diciembre")  # fmt: skip

    def the(self, name: str) -> str:
        """Spanish has no rule to guess an article by: the file's `names` say it ("la recepción")."""
        return self.names.get(name, name)

    def connecting(self, target: str) -> str:
        return f"Le comunico con {self.the(target)}."

    def handing_to_operator(self, lead: str, operator: str) -> str:
        return f"{lead} Le comunico con {self.the(operator)}."

    def transfer_ended(self, target: str, dial_status: str) -> str:
        why = self.DIAL_ENDED.get(dial_status, self.DIAL_ENDED["failed"])
        return f"Lo siento, {self.the(target)} {why} en este momento. {self.ANYTHING_ELSE}"

    MESSAGE_PASSED = "Gracias, ya pasé su mensaje."

    def whisper(self, who: str, why: str) -> str:
        return f"Llamada de {who}, {why}. Oprima 1 para tomar la llamada."

    WHISPER_DECLINED = "Muy bien, la persona que llama sabrá que usted no está disponible. Adiós."
    a_caller = "una persona"
    asking_for_person = "que pide hablar con alguien"
    not_helped = "a quien el asistente no pudo ayudar"

    def about(self, option: MenuOption) -> str:
        return f"sobre {option.name}"

    def who_said(self, words: str) -> str:
        return f'que dijo: "{words}"'

    def which_of(self, first: MenuOption, second: MenuOption) -> str:
        return (
            f"Disculpe, ¿es sobre {self.the(first.name)} o sobre {self.the(second.name)}? "
            f"También puede oprimir {first.key} o {second.key}."
        )

    def not_an_option(self, key: str, assistant: Assistant) -> str:
        return f"Disculpe, el {key} no es una opción. {self.choices(assistant)}"

    def nobody_available(self, assistant: Assistant) -> str:
        return f"Lo siento, no hay nadie disponible para atenderle ahora. {self.choices(assistant)}"

    def cannot_help_here(self, assistant: Assistant) -> str:
        return f"Disculpe, con eso no le puedo ayudar por aquí. {self.choices(assistant)}"

    def life_in_danger(self, assistant: Assistant) -> str:
        number = emergency_number(assistant)
        return (
            f"Si la vida de alguien corre peligro, cuelgue y llame al {number} ahora. "
            "Si no, ¿en qué le puedo ayudar?"
        )

    def choices(self, assistant: Assistant) -> str:
        """'Puede elegir: para ..., diga citas u oprima 1; ...'."""
        spoken = [f"para {o.description}, diga {o.name} u oprima {o.key}" for o in assistant.menu]
        if assistant.operator:
            spoken.append(f"para hablar con {self.the(assistant.operator)}, oprima 0")
        return "Puede elegir: " + "; ".join(spoken) + "."

    def something_went_wrong(self, assistant: Assistant) -> str:
        if assistant.operator:
            return f"Lo siento, algo falló. Le comunico con {self.the(assistant.operator)}."
        return f"Lo siento, algo falló y no podemos ayudarle ahora. {assistant.goodbye}"

    def reopens(self, closed: Closed) -> str:
        """ "hoy a la 1 de la tarde", "mañana a las 8 de la mañana", "el lunes 2 de enero a las 8..."."""
        opening, today = closed.opening, closed.today
        if opening is None or today is None:
            return ""
        days = (opening.date() - today).days
        if days == 0:
            when = "hoy"
        elif days == 1:
            when = "mañana"
        elif days < 7:
            when = f"el {self.DAYS[opening.weekday()]}"
        else:
            when = f"el {self.DAYS[opening.weekday()]} {opening.day} de {self.MONTHS[opening.month - 1]}"
        return f"{when} {self._clock(opening)}"

    @staticmethod
    def _clock(moment: datetime) -> str:
        hour = moment.hour % 12 or 12
        minutes = f":{moment.minute:02d}" if moment.minute else ""
        part = "de la mañana" if moment.hour < 12 else "de la tarde" if moment.hour < 20 else "de la noche"
        return f"{'a la' if hour == 1 else 'a las'} {hour}{minutes} {part}"

    def closed_now(self, target: str, closed: Closed) -> str:
        why = f"hoy cerramos por {closed.holiday}" if closed.holiday else "en este momento estamos cerrados"
        opens = self.reopens(closed)
        again = f" Abrimos de nuevo {opens}." if opens else ""
        return f"Lo siento, {why}, así que no puedo comunicarle con {self.the(target)}.{again}"

    def leave_message_after(self, lead: str) -> str:
        offer = "Si desea dejar un mensaje, diga su nombre y su mensaje, y le devolveremos la llamada."
        return self.after_the_tone(f"{lead} {offer}")

    def after_the_tone(self, prompt: str) -> str:
        return f"{prompt} Por favor, hable después del tono y oprima la tecla de numeral cuando termine."

    def call_back_later(self, assistant: Assistant) -> str:
        return f"Si no pudimos comunicarle, por favor llame de nuevo un poco más tarde. {assistant.goodbye}"


# Emergency services by the region of the line's language ("en-GB": 999); 112 where none is listed,
# which mobile phones put through to emergency services in most countries.
EMERGENCY_NUMBERS = {
    "US": "911",
    "CA": "911",
    "MX": "911",
    "PR": "911",
    "GB": "999",
    "AU": "000",
    "NZ": "111",
}


def emergency_number(assistant: Assistant) -> str:
    """What a caller whose life is in danger is told to call: the line's own `emergency_number`, or
    the one of its language's region."""
    if assistant.emergency_number:
        return assistant.emergency_number
    language = assistant.language
    region = language.split("-")[-1].upper() if "-" in language else "US"
    return EMERGENCY_NUMBERS.get(region, "112")


ENGLISH = Words()
SPANISH = Spanish()
SPOKEN = {"en": Words, "es": Spanish}  # the languages whose sentences are written here


def of(assistant: Assistant) -> Words:
    """The words of the language `assistant` speaks (its recognition language: "es-US" is Spanish)."""
    return _words(assistant.language.split("-")[0].lower(), assistant.names)


@functools.lru_cache(maxsize=32)
def _words(language: str, names: tuple[tuple[str, str], ...]) -> Words:
    return SPOKEN.get(language, Words)(dict(names))
