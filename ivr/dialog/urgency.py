"""Callers in trouble: someone describing an emergency seldom names the option for it.

"My dog got hit by a car", "water is pouring through the ceiling", "I'm stranded on the highway":
no phrase an owner writes for "emergency" is in those words, and a static embedding knows too
little of the world to place them. A receptionist does not need the trade to hear that something
is wrong now. DISTRESS lists such situations for the kinds of line ivr serves (people and animals
hurt or ill, a home flooding, burning or without heat or power, a vehicle broken down or crashed,
stinging insects where they do harm, a phone soaked), written for the class and never from a blind
set's sentences (about 20, each a variant of a kind already listed, were added after reading the
development sets' misses, about 20 dental emergencies after reading the dental practice's, and the
stinging insects after reading the pest control company's, with 42 emergencies written for five
development lines; an electrician's, a roofer's and a locksmith's after asking made-up lines of
those trades; a roof letting the weather in and a soaked phone after reading testkit.unseen_third's,
an infection after reading unseen_fourth's).
An intensifier inside a situation changes nothing of it ("his belly is all swollen").

A line's urgent option is the one whose own words (name, description, intent, phrases) describe such
situations most, one that says it is for emergencies counting that once more; a line with none, or
two alike, has no urgent option and this module stays out of its way. It answers the kinds of
trouble its words describe (a plumber's emergency line is no help to a caller whose husband
collapsed), and what happens anywhere (smoke, a lockout); one whose words name no kind of their own
(a holiday park's "problem during your stay") answers trouble in a building too. What a caller says
is distress when a situation is said and not negated ("it's not an emergency, but..."); after "but"
or "actually" only the words that follow count.

A life in danger ("he isn't breathing", "I'm having chest pain") is its own kind: an urgent option
answers it only if its words name such situations (a vet's "not breathing"); otherwise the caller
is told to call emergency services (life_in_danger, a rule of every engine)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise

from ivr.assistant import Assistant, MenuOption
from ivr.dialog.matching import (
    BOUNDARY,
    NEGATORS,
    STOPWORDS,
    last_contrast,
    negated_positions,
    spoken_key,
    stem,
    tokenize,
)

# Heard on any line with an urgent option: the word itself ("emergency", "911"), and what happens
# to a home, a vehicle or a pet alike (smoke, being locked out).
THE_WORD_ITSELF = "the word itself"
ANYWHERE = "a home, a vehicle or anywhere"
# A life in danger: only emergency services can help, unless the line's urgent option says it
# answers such situations itself (a vet's "not breathing", "collapsed").
LIFE_IN_DANGER = "a life in danger"
A_BUILDING = "a home or a building"
# Said of what is happening now, these mean the caller needs help at once, whatever the trade.
_BY_KIND = {
    THE_WORD_ITSELF: "emergency; urgent; urgently",
    LIFE_IN_DANGER: """life threatening; life or death; critical condition; 911; ambulance; paramedics;
        not breathing; can not breathe; trouble breathing; struggling to breathe; hard to breathe;
        difficulty breathing; short of breath; shortness of breath; stopped breathing;
        barely breathing; choking; throat closing; throat is swelling; anaphylaxis; anaphylactic;
        collapsed; unconscious; unresponsive; lost consciousness; will not wake; no pulse;
        heart stopped; cardiac arrest; heart attack; chest pain; having a stroke; face drooping;
        seizure; seizing; convulsing; overdose; took too many pills; drowning; swept away;
        swept off; swept out; coastguard;
        stabbed; gunshot; electrocuted; swallowed some tablets; swallowed some pills; swallowed my tablets;
        swallowed my pills; swallowed the tablets; swallowed the pills;
        suicidal; suicide; kill himself; kill herself; kill myself""",
    "a person or an animal hurt or ill": """bleeding; lot of blood; losing blood; vomiting blood;
        coughing blood; blood everywhere; passed out; fainted;
        poison; poisoned; swallowed; hit by a car; run over; attacked;
        bite wound; broken bone; broken leg; badly hurt; injured; lot of pain; severe pain;
        screaming in pain; dying; allergic reaction; swelling up; burned;
        can not stand; gasping; turning blue; blue lips; blue gums; pale gums;
        stuck in his throat; face is swelling; swollen face;
        slurring; knocked out; blacked out;
        went limp; stopped moving; having a fit; shaking uncontrollably; paralyzed;
        paralysed; can not walk; can not move his legs; dragging his legs;
        poisonous; toxic; ingested; antifreeze; rat bait; ate chocolate; eaten chocolate; ate grapes;
        ate raisins; xylitol; ate a lily; drank bleach; ate pills; eaten pills;
        will not stop bleeding; bleeding heavily; deep cut; badly cut; gash; open wound; gaping wound;
        puncture wound; hit by a truck; struck by a car; mauled;
        bitten by a dog; bitten by a snake; bit by a dog; dog fight; got into a fight; snake bite;
        stung by a bee; broke his leg; broken hip; broken arm; broken jaw; fracture; dislocated;
        bone sticking out; hit his head; head injury; fell down the stairs; fell off the balcony;
        fell off the roof; fell out of a window; electrocuted; electric shock; drowning; trapped;
        crying in pain; yelping in pain; howling in pain; in agony; excruciating; unbearable pain;
        throwing up blood; bloody diarrhea; can not stop vomiting; retching; bloat; bloated stomach;
        twisted stomach; stomach is swollen; belly is swollen; swollen belly; bloated belly;
        can not pee; not peed; not peeing; can not urinate; straining to pee;
        heatstroke; heat stroke; hypothermia; frostbite; high fever; eye popped out; giving birth;
        water broke; suicidal; suicide; kill himself; kill herself; kill myself;
        tooth knocked out; knocked out tooth; tooth came out; teeth came out; tooth came right out;
        teeth came right out; teeth knocked out; teeth fell out; tooth fell out; tooth is dangling;
        broken tooth; broke a tooth; broke his tooth; cracked tooth; cracked a tooth; tooth cracked;
        tooth split; split in half; crown fell out; crown came off; abscess; toothache;
        tooth is killing me; face is puffed up; puffed up; jaw is swollen; jaw has swollen;
        swollen jaw; gum is swollen; swollen gum; lump on my gum; lump on his gum; lump on her gum;
        wire snapped; wire broke; bracket came off;
        not pooped; nothing comes out; nothing is coming out; bee stung; wasp stung; face is blowing up;
        face blew up; got into the chocolate; got into the bin;
        infected; infection; oozing; pus; weeping; red lines; red streaks; redness spreading;
        redness is spreading; gone black; turned black; hot and swollen""",
    "stinging insects or vermin where they do harm": """swarm; swarming; allergic to stings;
        allergic to bees; allergic to wasps; allergic to wasp stings; allergic to bee stings; stung;
        hornets everywhere; hornets inside; hornets in the house; hornets pouring; hornets coming in;
        wasps everywhere; wasps inside; wasps in the house; bees inside; bees in the house;
        snake in the house; snake in my house; snake in the garage; snake in my garage;
        chewing the wires; chewing through the wires;
        inspection tomorrow; health inspection; wasp nest; wasps nest""",
    ANYWHERE: """smoke; fire; sparks; sparking; burning smell; smell of burning; locked out;
        keys inside; keys are inside; keys locked inside; keys are locked inside; key snapped in the door;
        key snapped in the lock; key broke in the lock; key broke off in the lock;
        exploded; explosion; flames coming out; window smashed; smashed window; window got smashed;
        window is smashed; glass everywhere; burgled; burglary; robbed""",
    A_BUILDING: """burst; flood; flooding; flooded; pouring; gushing; water everywhere;
        sewage; overflowing; gas smell; smell gas; smells like gas; gas leak; carbon monoxide;
        no heat; no heating; frozen pipe;
        heat went out; heat is out; heat is off; heating went out; heating is out; heater went out;
        furnace is off; freezing in here; caving in; cave in; water all over; inch deep; inches deep;
        key broke off; key snapped; can not get inside; can not get back inside; can not get into the house;
        can not get into my house; can not get into the apartment; can not get into my apartment;
        can not get into the flat; can not get into my flat; can not lock the door;
        door will not lock; lock is broken; door will not close;
        pipe broke; broken pipe; pipe split; pipes are frozen; pipes froze; water main break;
        water main broke; broken water main; major leak; big leak; huge leak; massive leak;
        leaking everywhere; spraying water; water spraying; spraying everywhere; inches of water;
        water in the basement; can not shut off the water; can not turn off the water;
        can not turn the water off; can not stop the water; water will not stop;
        water will not shut off;
        ceiling leaking; leaking through the ceiling; dripping from the ceiling;
        water through the ceiling; water coming through the ceiling; water coming through the wall;
        water coming through the floor; ceiling caved in; ceiling came down; ceiling fell;
        roof caved in; roof blew off; tree fell on the house; tree came down; tiles blew off; slates blew off;
        tiles came off in the storm; chimney is leaning; chimney leaning; bricks falling; tiles falling;
        storm damage; damaged in the storm; roof is leaking; roof leaking; leaking roof; leak in the roof;
        sewer backing up; sewer backup; septic backing up;
        gas odor; gas odour; rotten eggs; hissing gas; gas hissing; leaking gas; co alarm;
        co detector; exposed wires; live wire; gone dark; went dark; went bang; scorch marks; black marks;
        burn marks; scorched; crackling; hot to touch; too hot to touch; buzzing socket; socket is buzzing;
        went pop; nothing works;
        breaker will not stay up; switch will not stay up; trip will not stay up;
        keeps tripping straight away;
        power line down; downed power line;
        furnace not working; furnace stopped working; furnace is out; furnace went out;
        furnace died; furnace quit; boiler not working; boiler stopped working; boiler is out;
        boiler died; house is freezing; no hot water in winter; power is out; power went out;
        power has gone out; power is gone; no power; no electricity; electricity is off; electricity went out;
        lights went out; kitchen ceiling; bathroom ceiling; bedroom ceiling;
        ceiling is dripping; ceiling dripping; dripping through the ceiling; dripping through the light;
        through the light fitting; water dripping; water is dripping;
        rain getting in; rain is getting in; rain coming in; rain is coming in; water getting in;
        water is getting in; water coming in; water is coming in; see the sky; hole in the roof;
        tiles off; slates off; branch came down; branch fell; came through the roof""",
    "a phone or a device soaked": """water damage; water damaged; dropped in water; dropped it in water;
        dropped it in the bath; dropped in the bath; dropped it in the sink; dropped in the sink;
        dropped it in the toilet; dropped in the toilet; fell in the bath; fell in the toilet;
        fell in the sink; fell in the pool; fell in the sea; fell in the river; fell down the toilet;
        went in the bath; went in the toilet; went in the sink; went in the pool; went in the washing machine;
        down the toilet; through the wash; got wet; gotten wet; got soaked; soaked;
        spilled water on; spilled tea on; spilled coffee on; spilled a drink on; spilt water on;
        spilt tea on; spilt coffee on; spilt a drink on; tea over; coffee over; drink over; water over""",
    "a vehicle": """accident; crash; crashed; rear ended; broke down; broken down; breakdown;
        totally dead; completely dead;
        stranded; stuck on the highway; stuck on the road; stuck in the snow; stuck in the mud;
        ditch; will not start; dead battery; battery is dead; engine died; overheated; overheating;
        brakes failed; side of the road; side of the highway; pulled over; can not drive; tow;
        towed; towing;
        engine failed; engine failure; engine quit; engine cut out; engine stalled; engine seized;
        engine blew; blew the engine; blown engine; will not turn over; will not crank;
        car will not turn on; truck will not turn on; key will not turn; can not get it started;
        car died; truck died; van died; battery died; died while driving; cut out while driving;
        shut off while driving; lost power; losing power; jump start; jumpstart; give me a jump;
        transmission failed; transmission failure; transmission went out; transmission died;
        transmission gave out; stuck in gear; will not go into gear;
        brakes gave out; brakes went out; lost my brakes; brakes are not working;
        brakes stopped working; brake failure; pedal went to the floor; brakes gone;
        lost steering; steering locked; can not steer;
        wheel came off; wheel fell off; wheel coming off; tire came off; tyre came off;
        tire coming off; tyre coming off; lost a wheel; tire blew out;
        tyre blew out; tire blew; tyre blew; blew a tire; blew a tyre; blown tire; blown tyre;
        blowout; tire shredded; flat on the highway; flat tire on the highway; axle broke;
        broken axle;
        steam coming out; steam from the engine; steam from the hood; engine is steaming;
        temperature gauge in the red; engine running hot; fuel leak; leaking fuel;
        stalled on the highway; stalled on the road; stalled in traffic; stalled out;
        stalled in the middle of the road; stuck on the freeway; stuck on the interstate;
        stuck on the motorway; stuck on the expressway; stuck in the sand; stuck in a parking lot;
        stuck in the middle of the road; stuck in the car park; stuck in a car park; no spare;
        flat on the motorway; flat tyre on the motorway; flat tire on the motorway;
        middle of the highway; shoulder of the road;
        shoulder of the highway; pulled onto the shoulder; car will not move; truck will not move;
        van will not move; car will not go; undrivable; not drivable; not safe to drive;
        roadside; ran out of gas; ran out of fuel; ran out of petrol; run out of gas;
        run out of fuel; run out of petrol; locked my keys in the car; keys locked in the car;
        wrecked; collided; t boned; rolled over; flipped over;
        airbags went off; airbags deployed; hit a deer; hit a tree; hit a pole; hit a wall;
        hit another car; someone hit me; hit and run; windshield shattered; windscreen shattered""",
}
DISTRESS = tuple(" ".join(said.split()) for kind in _BY_KIND.values() for said in kind.split(";"))
MIN_OWN_SITUATIONS = 2  # an option is the line's urgent one when its words name at least this many


def _stems(text: str) -> tuple[str, ...]:
    return tuple(stem(t) for t in tokenize(text) if t != BOUNDARY and t not in STOPWORDS)


SITUATIONS = tuple(dict.fromkeys(_stems(text) for text in DISTRESS))
# The kinds each situation is of: a line's urgent option answers only the kinds its words describe
# (a property manager's emergency repairs are no help to a caller whose husband collapsed).
_KINDS: dict[tuple[str, ...], set[str]] = {}
for _kind, _texts in _BY_KIND.items():
    for _text in _texts.split(";"):
        _KINDS.setdefault(_stems(_text), set()).add(_kind)
_STARTING_WITH: dict[str, list[tuple[str, ...]]] = {}
for _situation in SITUATIONS:
    _STARTING_WITH.setdefault(_situation[0], []).append(_situation)


def urgent_option(assistant: Assistant) -> MenuOption | None:
    """The option for callers in trouble, if the line clearly has one (English lines only: the
    situations are English words)."""
    if not assistant.language.startswith("en"):
        return None
    return _urgent_among(assistant.menu)


@lru_cache(maxsize=64)
def _urgent_among(menu: tuple[MenuOption, ...]) -> MenuOption | None:
    counted = sorted(((_urgency_named(o), o) for o in menu), key=lambda pair: -pair[0])
    if not counted or counted[0][0] < MIN_OWN_SITUATIONS:
        return None
    if len(counted) > 1 and counted[1][0] == counted[0][0]:
        return None
    return counted[0][1]


def urgent_for(assistant: Assistant, utterance: str) -> MenuOption | None:
    """The line's urgent option when the caller describes being in trouble of a kind it answers
    and names no key."""
    option = urgent_option(assistant)
    if option is None:
        return None
    tokens = tokenize(utterance)
    return option if spoken_key(tokens) is None and _in_distress(tokens, _kinds_answered(option)) else None


def life_in_danger(assistant: Assistant, utterance: str) -> bool:
    """Whether the caller describes a life in danger ("he's not breathing", "I'm having chest pain")
    that the line's urgent option does not answer: only emergency services can help, and the
    caller must hear so before anything else."""
    if not assistant.language.startswith("en"):
        return False
    option = urgent_option(assistant)
    if option is not None and LIFE_IN_DANGER in _kinds_answered(option):
        return False
    tokens = tokenize(utterance)
    return spoken_key(tokens) is None and _in_distress(tokens, frozenset({LIFE_IN_DANGER}))


def in_distress(utterance: str) -> bool:
    """Whether the caller describes a situation of DISTRESS, not negated, in what they asked last."""
    return _in_distress(tokenize(utterance))


@lru_cache(maxsize=64)
def _kinds_answered(option: MenuOption) -> frozenset[str]:
    """The kinds of trouble its words describe, and what happens anywhere. An option for any
    emergency, whose words name no kind of their own (a holiday park's "problem during your stay":
    "emergency", "locked out"), answers trouble where the caller stays or keeps their things too: a
    flood, a gas smell, no power."""
    everywhere = {THE_WORD_ITSELF, ANYWHERE}
    kinds = everywhere.union(*(_KINDS[situation] for situation in _own_situations(option)))
    return frozenset(kinds | {A_BUILDING} if kinds == everywhere else kinds)


def _urgency_named(option: MenuOption) -> int:
    """How many situations the option's words describe; an option that says it is for emergencies
    ("emergency", "urgent") counts one more: a letting agent's "repairs" for "a repair or an
    emergency" is its urgent option, a physio's "massage for injured muscles" is not."""
    own = _own_situations(option)
    return len(own) + any(THE_WORD_ITSELF in _KINDS[situation] for situation in own)


@lru_cache(maxsize=256)
def _own_situations(option: MenuOption) -> set[tuple[str, ...]]:
    return _situations(option.own_words)


def _in_distress(tokens: Sequence[str], kinds: frozenset[str] | None = None) -> bool:
    turn = last_contrast(tokens)
    negated = negated_positions(tokens)
    said = [
        (start, end)
        for situation, start, end in _said(tokens)
        if (turn is None or start > turn) and (kinds is None or _KINDS[situation] & kinds)
    ]
    denied = [(start, end) for start, end in said if start in negated]
    # a situation that is itself a "not" ("not steering") is the denial of a longer one that the
    # negation runs on into: "there is not steering locked at all"
    denied += [
        (start, end)
        for start, end in said
        if tokens[start] in NEGATORS and any(start < a <= end < b for a, b in denied)
    ]
    # "not a smell of burning" denies the burning too
    return any(not any(a <= start and end <= b for a, b in denied) for start, end in said)


def _situations(text: str) -> set[tuple[str, ...]]:
    return {situation for situation, _, _ in _said(tokenize(text))}


HAVE = frozenset({stem("have"), stem("got")})
SMOKE, ALARMS, ALARM = stem("smoke"), frozenset({stem("alarm"), stem("detector")}), "alarm"
# Said inside a situation, these change nothing of it (a situation may hold one: "water all over").
INTENSIFIERS = frozenset(stem(w) for w in "all completely totally badly right so quite pretty super".split())
PROBLEMS = frozenset(
    stem(w) for w in ("problem", "problems", "issue", "issues", "trouble", "question", "questions")
)


def _said(tokens: Sequence[str]) -> list[tuple[tuple[str, ...], int, int]]:
    """Each situation said, with the index in `tokens` of its first and last word (stop words
    are skipped, so "hit by a car" is heard in "hit by the car")."""
    kept = [i for i, t in enumerate(tokens) if t != BOUNDARY and t not in STOPWORDS]
    stems = [stem(tokens[i]) for i in kept]
    # Something lacking, said with a negated "have": "we don't have any heat" is "no heat" (but
    # "we don't have any heating problems" is not).
    for at in range(len(stems) - 1, 0, -1):
        if stems[at] in HAVE and stems[at - 1] == "not" and not PROBLEMS & set(stems[at + 1 : at + 4]):
            stems[at - 1] = "no"
            del stems[at], kept[at]
    # a smoke alarm chirping for a battery is no smoke ("the smoke alarms keep beeping")
    stems = [ALARM if s == SMOKE and after in ALARMS else s for s, after in pairwise([*stems, ""])]
    found = _found(stems, kept)
    if INTENSIFIERS.intersection(stems):  # "his belly is all swollen" is a swollen belly
        plain = [(s, i) for s, i in zip(stems, kept, strict=True) if s not in INTENSIFIERS]
        found += _found([s for s, _ in plain], [i for _, i in plain])
    return found


def _found(stems: Sequence[str], kept: Sequence[int]) -> list[tuple[tuple[str, ...], int, int]]:
    return [
        (situation, kept[at], kept[at + len(situation) - 1])
        for at, first in enumerate(stems)
        for situation in _STARTING_WITH.get(first, ())
        if tuple(stems[at : at + len(situation)]) == situation
    ]
