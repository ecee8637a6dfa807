"""Every sentence the line says on its own, in one place to read and review as a whole.

What the business wrote (greeting, answers, goodbye) comes from the assistant file; what the model
says is its own. Everything else a caller can hear is here."""

from __future__ import annotations

from ivr.assistant import Assistant, MenuOption
from ivr.dialog.hours import Closed

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

DIAL_ENDED = {"busy": "is busy", "no-answer": "isn't answering", "not-accepted": "isn't available"}
# The whisper: what the person answering a transfer hears before the caller is put through.
WHISPER_DECLINED = "Okay, the caller will hear that you're not available. Goodbye."

# Directory names are what the owner calls a person or a team. English puts "the" before a desk,
# a line or a team ("the front desk", "the pharmacy"), but not before a name ("Dr. Patel"), a name
# that has its own ("our night nurse") or a department named for its work ("billing", "sales").
DETERMINERS = frozenset({"the", "a", "an", "our", "my", "your", "their", "his", "her", "this", "that"})
DEPARTMENT_ENDINGS = ("ing", "ology", "ics", "ance")  # billing, radiology, pediatrics, maintenance
DEPARTMENTS = frozenset(
    {"sales", "support", "reception", "accounts", "admissions", "dispatch", "security", "payroll",
     "finance", "legal", "operations", "records", "customer service", "hr", "it", "service"}
)  # fmt: skip


def the(name: str) -> str:
    """A directory name as said mid-sentence: 'the pharmacy', 'billing', 'Dr. Patel'."""
    first = name.split()[0] if name.split() else name
    if not name or first[0].isupper() or first.lower() in DETERMINERS or "'s " in name:
        return name
    if name.lower() in DEPARTMENTS or (" " not in name and name.lower().endswith(DEPARTMENT_ENDINGS)):
        return name
    return f"the {name}"


def connecting(target: str) -> str:
    return f"Connecting you to {the(target)}."


def handing_to_operator(lead: str, operator: str) -> str:
    return f"{lead} Let me connect you to {the(operator)}."


def transfer_ended(target: str, dial_status: str) -> str:
    why = DIAL_ENDED.get(dial_status, "can't be reached")
    return f"I'm sorry, {the(target)} {why} right now. {ANYTHING_ELSE}"


def whisper(who: str, why: str) -> str:
    return f"Call from {who}, {why}. Press 1 to take the call."


def answered(option: MenuOption) -> str:
    return f"{option.say} {ANYTHING_ELSE}"


def message_passed_on() -> str:
    return f"Thank you, I've passed your message on. {ANYTHING_ELSE}"


def which_of(first: MenuOption, second: MenuOption) -> str:
    return (
        f"Sorry, is that about {the(first.name)}, or {the(second.name)}? "
        f"You can also press {first.key} or {second.key}."
    )


def not_an_option(key: str, assistant: Assistant) -> str:
    return f"Sorry, {key} is not an option. {choices(assistant)}"


def nobody_available(assistant: Assistant) -> str:
    return f"I'm sorry, nobody is available to take your call right now. {choices(assistant)}"


def cannot_help_here(assistant: Assistant) -> str:
    return f"Sorry, I can't help with that here. {choices(assistant)}"


def choices(assistant: Assistant) -> str:
    """The menu read aloud: 'You can choose: for ..., say appointments or press 1; ...'."""
    spoken = [f"for {o.description}, say {o.name} or press {o.key}" for o in assistant.menu]
    if assistant.operator:
        spoken.append(f"to speak with {the(assistant.operator)}, press 0")
    return "You can choose: " + "; ".join(spoken) + "."


def something_went_wrong(assistant: Assistant) -> str:
    """The fallback's first words: what a caller hears when anything failed on our side."""
    if assistant.operator:
        return f"I'm sorry, something went wrong. Let me connect you to {the(assistant.operator)}."
    return f"I'm sorry, something went wrong and we can't help right now. {assistant.goodbye}"


def closed_greeting(assistant: Assistant, closed: Closed) -> str:
    """The owner's closed greeting, with when the business opens next for its {opens}."""
    text = assistant.hours.closed_greeting if assistant.hours else assistant.greeting
    return text.format(opens=closed.reopens or "soon")


def closed_now(target: str, closed: Closed) -> str:
    """Why a person cannot be reached: the business is closed, today or at this hour."""
    why = f"we're closed today for {closed.holiday}" if closed.holiday else "we're closed right now"
    opens = f" We open again {closed.reopens}." if closed.reopens else ""
    return f"I'm sorry, {why}, so I can't connect you to {the(target)}.{opens}"


def leave_message_after(lead: str) -> str:
    offer = "If you'd like to leave a message, say your name and your message, and we'll call you back."
    return after_the_tone(f"{lead} {offer}")


def after_the_tone(prompt: str) -> str:
    """A voice message's prompt: the beep comes next (<Record playBeep>), and pound ends it."""
    return f"{prompt} Please speak after the tone, and press pound when you're done."


def call_back_later(assistant: Assistant) -> str:
    return f"If we couldn't connect you, please call back a little later. {assistant.goodbye}"
