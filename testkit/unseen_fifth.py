"""Made-up lines of eight more trades (a car wash and valeting centre, a scaffolding hire firm, a
swimming pool and leisure centre, a private tutoring agency, a wedding and portrait photographer, a
furniture shop with delivery, a boiler and central heating engineer, a dog walking and pet sitting
service), 32 requests each in the labelled sets' kinds,
written on 2026-12-02 by a helper given only this file's format and the kinds, who never saw the
matcher, its rules, another line's phrases or any result. Routed as they came (phrases only / with
the tier / with the deep tier too): 124 / 140 / 156 of 256 at c0491fb; 121 / 137 / 153 at e0d5023,
where the stop that wrote testkit.unseen_third and unseen_fourth began, and 124 / 140 / 156 at
bcad84f, after the rules drawn from the third batch and before those drawn from the fourth: the
third batch's rules carried three rows here, the fourth's none. Once its misses are read, this is
development data too, with a floor in tests/test_routing_accuracy.py."""

# ruff: noqa: E501 (a long request is kept on one line, as the caller said it)
from __future__ import annotations

from testkit.lines import made_up_line

CAR_WASH = made_up_line(
    "Sparkle Bay Car Wash and Valeting",
    (
        "car wash",
        "Exterior wash by hand or through the machine, while you wait",
        ["car wash", "hand wash", "quick wash", "outside wash"],
        "The caller wants the outside of their vehicle washed.",
    ),
    (
        "full valet",
        "Full valet inside and out, including seats, carpets and boot",
        ["full valet", "interior clean", "valeting", "shampoo seats"],
        "The caller wants the inside of the car deep cleaned, on its own or with the outside.",
    ),
    (
        "polish and protection",
        "Machine polishing, waxing and ceramic coating for paintwork",
        ["polish", "wax", "ceramic coating", "paint correction"],
        "The caller wants the paintwork polished, corrected or protected.",
    ),
    (
        "wash club",
        "Monthly unlimited wash membership",
        ["wash club", "membership", "monthly plan", "cancel membership"],
        "The caller wants to join, change or cancel the monthly wash membership.",
    ),
    (
        "fleet accounts",
        "Regular cleaning for business vehicles, billed on account",
        ["fleet", "business account", "company vans", "account invoice"],
        "A business wants its company vehicles cleaned regularly on account.",
    ),
    (
        "damage claims",
        "Report damage to a vehicle caused at our site",
        ["damage", "scratched my car", "damage claim"],
        "The caller says their vehicle was damaged while being washed or valeted here.",
    ),
)

SCAFFOLDING = made_up_line(
    "Hightower Scaffolding Hire",
    (
        "quotes and surveys",
        "Price and site survey for a new scaffolding job",
        ["quote", "price", "site survey", "estimate"],
        "The caller wants a price or a survey for scaffolding on a new job.",
    ),
    (
        "put up and take down",
        "Book a date for your scaffolding to go up, be altered or come down",
        ["put up", "take down", "dismantle", "alteration"],
        "An existing customer wants to arrange when their scaffolding goes up, is changed or comes down.",
    ),
    (
        "hire extensions",
        "Keep scaffolding up beyond the agreed hire period",
        ["extend hire", "hire period", "keep it longer"],
        "The caller wants to keep the scaffolding for longer than originally agreed.",
    ),
    (
        "emergencies",
        "Unsafe, damaged or fallen scaffolding, 24 hours a day",
        ["emergency", "unsafe scaffold", "storm damage", "collapsed"],
        "Scaffolding is damaged, unstable or dangerous and needs making safe now.",
    ),
    (
        "accounts",
        "Invoices, payments and credit accounts",
        ["invoice", "payment", "credit account", "bill"],
        "The caller has a question about a bill, a payment or their trade account.",
    ),
    (
        "tower hire",
        "Self-build aluminium towers and access equipment, collected or delivered",
        ["tower hire", "mobile tower", "alloy tower", "podium steps"],
        "The caller wants to hire a mobile access tower to put up themselves.",
    ),
)

POOL = made_up_line(
    "Riverside Pool and Leisure Centre",
    (
        "swimming lessons",
        "Learn-to-swim lessons for children and adults",
        ["swimming lessons", "learn to swim", "kids lessons", "adult lessons"],
        "The caller wants to book, move or ask about swimming lessons.",
    ),
    (
        "pool times",
        "Public swim, lane swimming and opening times",
        ["pool times", "lane swimming", "public swim", "opening hours"],
        "The caller wants to know when the pool is open or when a session runs.",
    ),
    (
        "gym and classes",
        "Gym inductions and fitness classes such as spin and yoga",
        ["gym", "fitness class", "spin", "induction"],
        "The caller wants to use the gym or book a fitness class.",
    ),
    (
        "memberships",
        "Join, freeze or cancel a leisure membership",
        ["membership", "join", "cancel membership", "direct debit"],
        "The caller wants to start, change, pause or end a membership.",
    ),
    (
        "parties and hire",
        "Pool parties and room or pool hire for groups",
        ["pool party", "birthday party", "hire the pool", "room hire"],
        "The caller wants to book a party or hire a space at the centre.",
    ),
    (
        "lost property",
        "Items left behind at the centre",
        ["lost property", "left my", "lost item"],
        "The caller left something behind at the centre.",
    ),
)

TUTORING = made_up_line(
    "Bright Minds Tutoring",
    (
        "find a tutor",
        "Match a child or adult with a one-to-one tutor in any subject",
        ["find a tutor", "book a tutor", "maths tutor", "English tutor"],
        "The caller wants to be matched with a private tutor.",
    ),
    (
        "revision courses",
        "Group holiday revision courses and mock exam days",
        ["revision course", "Easter revision", "mock exam", "group course"],
        "The caller asks about group revision courses or mock exam days.",
    ),
    (
        "change a lesson",
        "Reschedule or cancel an existing lesson",
        ["reschedule", "cancel lesson", "change time", "move lesson"],
        "The caller wants to move or cancel a lesson already booked.",
    ),
    (
        "fees and invoices",
        "Lesson prices, invoices and payments",
        ["fees", "invoice", "payment", "how much"],
        "The caller has a question about prices or paying.",
    ),
    (
        "progress and concerns",
        "Progress reports and problems with a tutor",
        ["progress report", "complaint", "problem with tutor", "feedback"],
        "The caller wants an update on progress or has a concern about a tutor.",
    ),
    (
        "tutor jobs",
        "Apply to tutor for the agency",
        ["become a tutor", "tutor jobs", "apply", "work for you"],
        "The caller wants to work as a tutor for the agency.",
    ),
)

PHOTOGRAPHER = made_up_line(
    "Emma Lyle Photography",
    (
        "weddings",
        "Wedding photography packages and date availability",
        ["wedding", "wedding photographer", "check my date", "wedding package"],
        "The caller is planning a wedding and wants to book or ask about wedding photography.",
    ),
    (
        "portrait sessions",
        "Family, newborn, headshot and couple portrait shoots",
        ["portrait", "family photos", "headshots", "newborn shoot"],
        "The caller wants to book a portrait shoot.",
    ),
    (
        "prints and albums",
        "Order prints, canvases and wedding albums",
        ["prints", "album", "canvas", "order prints"],
        "The caller wants physical prints, canvases or an album.",
    ),
    (
        "online gallery",
        "Access and downloads for your finished photos",
        ["online gallery", "download", "password", "when will my photos be ready"],
        "The caller asks about getting or downloading their finished photos.",
    ),
    (
        "payments",
        "Deposits, balances and invoices",
        ["deposit", "balance", "invoice", "pay"],
        "The caller has a question about paying.",
    ),
    (
        "change a booking",
        "Move or cancel a shoot or wedding booking",
        ["reschedule", "change date", "cancel booking", "postpone"],
        "The caller wants to move or cancel an existing booking.",
    ),
    (
        "on the day",
        "Urgent help for a wedding or shoot happening today",
        ["today", "running late", "can't find you", "urgent"],
        "It's the day of the wedding or shoot and something needs sorting right now.",
    ),
)

FURNITURE = made_up_line(
    "Oakhouse Furniture",
    (
        "new orders",
        "Check stock and order sofas, beds, tables and more",
        ["order", "in stock", "buy a sofa", "place an order"],
        "The caller wants to buy furniture or check if something is available.",
    ),
    (
        "delivery",
        "Delivery dates, tracking and rebooking",
        ["delivery", "where is my order", "delivery date", "rebook delivery"],
        "The caller asks when their furniture will arrive or wants to change the delivery.",
    ),
    (
        "returns and faults",
        "Return an item or report damage or a fault",
        ["return", "damaged", "faulty", "refund"],
        "The caller wants to send something back or reports a problem with an item.",
    ),
    (
        "assembly",
        "Home assembly of flat-pack and large items",
        ["assembly", "put together", "build", "fitting"],
        "The caller wants us to build or assemble furniture in their home.",
    ),
    (
        "made to order",
        "Custom sizes and fabrics, and fabric samples",
        ["made to order", "custom size", "fabric samples", "choose fabric"],
        "The caller wants a piece made in their own size, fabric or finish.",
    ),
    (
        "old furniture removal",
        "Take away and dispose of your old furniture",
        ["take away old sofa", "removal", "dispose", "collect old furniture"],
        "The caller wants their old furniture taken away.",
    ),
)

BOILER = made_up_line(
    "Warmfield Heating",
    (
        "emergency breakdown",
        "No heating or hot water, leaks and boiler faults, same day",
        ["no heating", "no hot water", "boiler broken down", "emergency"],
        "The caller's boiler or heating has failed or is leaking and needs someone out urgently.",
    ),
    (
        "boiler service",
        "Annual boiler service and landlord gas safety certificates",
        ["boiler service", "annual service", "gas safety certificate", "landlord certificate"],
        "The caller wants a routine service or a gas safety check.",
    ),
    (
        "new boilers",
        "Quotes for replacement boilers and new installations",
        ["new boiler", "replacement boiler", "quote", "installation"],
        "The caller wants a new or replacement boiler fitted.",
    ),
    (
        "radiators and controls",
        "Radiators, thermostats, smart controls and power flushing",
        ["radiator", "thermostat", "power flush", "smart controls"],
        "The caller wants work on radiators, thermostats or heating controls.",
    ),
    (
        "cover plans",
        "Monthly boiler cover and maintenance plans",
        ["cover plan", "boiler cover", "monthly plan", "renew cover"],
        "The caller asks about joining, using or renewing a cover plan.",
    ),
    (
        "billing and warranty",
        "Invoices, payments and warranty registration",
        ["invoice", "payment", "warranty", "pay my bill"],
        "The caller has a question about a bill or a boiler warranty.",
    ),
)

DOG_WALKING = made_up_line(
    "Happy Tails Dog Walking and Pet Sitting",
    (
        "dog walks",
        "Solo and group dog walks on weekdays",
        ["dog walk", "group walk", "solo walk", "book a walk"],
        "The caller wants their dog walked.",
    ),
    (
        "pet sitting",
        "Home visits to feed and care for cats and other pets while you're away",
        ["pet sitting", "home visits", "feed my cat", "holiday cover"],
        "The caller wants someone to visit their home to look after pets.",
    ),
    (
        "overnight boarding",
        "Your dog stays overnight in one of our sitters' homes",
        ["boarding", "overnight stay", "dog stays with you"],
        "The caller wants their dog to stay over at a sitter's home.",
    ),
    (
        "new clients",
        "Free meet and greet to get started",
        ["meet and greet", "new client", "sign up", "first visit"],
        "Someone who isn't a client yet wants to get started.",
    ),
    (
        "changes and cancellations",
        "Change your days, cancel a walk or visit, or sort out keys",
        ["change my days", "cancel a walk", "skip a visit", "keys"],
        "An existing client wants to change or cancel a booked walk or visit.",
    ),
    (
        "urgent pet help",
        "A pet in our care is lost, hurt or unwell, or today's visit hasn't happened",
        ["lost dog", "dog hurt", "walker didn't turn up", "urgent"],
        "Something has gone wrong today with a pet in our care and needs sorting now.",
    ),
)

ROWS = [
    # ---------------- CAR_WASH ----------------
    (CAR_WASH, "Hi, I just want a car wash please.", "car wash"),  # plain
    (CAR_WASH, "Can I book a full valet for Friday?", "full valet"),  # plain
    (CAR_WASH, "I'm ringing about the wash club.", "wash club"),  # plain
    (CAR_WASH, "Hello, do you do ceramic coating?", "polish and protection"),  # plain
    (
        CAR_WASH,
        "Can you get all this mud off my Land Rover while I wait? Don't need you to go inside it.",
        "car wash",
    ),  # paraphrase
    (
        CAR_WASH,
        "The kids have trodden crisps into the footwells and there's juice all over the upholstery, can you make it nice again?",
        "full valet",
    ),  # paraphrase
    (
        CAR_WASH,
        "The paint's gone really dull and there's swirl marks everywhere, can you bring the shine back?",
        "polish and protection",
    ),  # paraphrase
    (
        CAR_WASH,
        "Is there a thing where I pay the same each month and come in as often as I like?",
        "wash club",
    ),  # paraphrase
    (
        CAR_WASH,
        "We run eight delivery vans and want them done every fortnight, billed to us at the end of the month, is that something you do?",
        "fleet accounts",
    ),  # paraphrase
    (
        CAR_WASH,
        "Your machine's left a long scrape down my passenger door and I want to know what you're going to do about it.",
        "damage claims",
    ),  # paraphrase
    (
        CAR_WASH,
        "Hi, yeah, um, so basically I'm selling the car next week and the bloke's coming to look at it on Saturday, and, er, the inside's a right state with dog hair everywhere, could you do the whole thing properly?",
        "full valet",
    ),  # long
    (
        CAR_WASH,
        "Morning, sorry, bit of a strange one, I've been coming to you for about a year on that monthly deal, but I'm moving to Leeds next month so I need to, um, stop it, how do I do that?",
        "wash club",
    ),  # long
    (
        CAR_WASH,
        "So I run a small plumbing firm, we've got, um, five vans and a couple of pickups, and the lads never clean them, so I was wondering if you do some kind of regular arrangement we could settle up monthly?",
        "fleet accounts",
    ),  # long
    (
        CAR_WASH,
        "Yeah hi, I was in on Tuesday, um, got the cheap one through the machine, and when I got home I noticed the wing mirror's cracked and there's a dent by the fuel cap that definitely wasn't there before.",
        "damage claims",
    ),  # long
    (
        CAR_WASH,
        "Hiya, um, I've just bought a car, well, new to me, and the dealer was trying to sell me some fancy paint sealant for eight hundred quid, so, er, do you do something like that to keep it looking good?",
        "polish and protection",
    ),  # long
    (
        CAR_WASH,
        "Your brushes have just ripped the aerial clean off my roof and I'm still sat in the bay, can someone come out?",
        "damage claims",
    ),  # urgent
    (
        CAR_WASH,
        "I'm driving the bride in an hour and a pigeon's absolutely plastered the bonnet, can you fit me in right now for just a rinse?",
        "car wash",
    ),  # urgent
    (
        CAR_WASH,
        "The lease company's collecting the car first thing tomorrow and the inside's covered in dog hair and mud, they'll charge me a fortune, can you do it today?",
        "full valet",
    ),  # urgent
    (
        CAR_WASH,
        "I don't want the full valet, just run it through the machine please.",
        "car wash",
    ),  # negation
    (
        CAR_WASH,
        "It's not about the monthly membership, it's for our business, we've got a dozen pool cars for the office.",
        "fleet accounts",
    ),  # negation
    (
        CAR_WASH,
        "I'm not after a wash at all, I want the paintwork machined and sealed before winter.",
        "polish and protection",
    ),  # negation
    (
        CAR_WASH,
        "I'd like to book the inside and out valet for Saturday, and while I'm on, how much is the monthly club?",
        "full valet",
    ),  # two-topic
    (
        CAR_WASH,
        "Mainly I want to report that my number plate got snapped off in your machine yesterday, but also do you do polishing?",
        "damage claims",
    ),  # two-topic
    (
        CAR_WASH,
        "I need to cancel my monthly membership, that's the main thing, and then maybe book one last wash.",
        "wash club",
    ),  # two-topic
    (CAR_WASH, "Do you do MOTs as well?", "none"),  # none
    (CAR_WASH, "Can you fix a chip in my windscreen?", "none"),  # none
    (CAR_WASH, "I need two new tyres fitting, can I get them done there?", "none"),  # none
    (CAR_WASH, "Do you do car hire? Mine's in the garage for a week.", "none"),  # none
    (CAR_WASH, "Can I book in for a full valley on Thursday?", "full valet"),  # misrecognition
    (CAR_WASH, "I'd like to join the watch club please.", "wash club"),  # misrecognition
    (CAR_WASH, "Can I speak to the manager please?", "operator"),  # operator
    (CAR_WASH, "Is Darren in? I'd rather talk to him directly.", "operator"),  # operator
    # ---------------- SCAFFOLDING ----------------
    (SCAFFOLDING, "Hi, I'd like a quote for some scaffolding please.", "quotes and surveys"),  # plain
    (SCAFFOLDING, "I need to extend the hire on my scaffold.", "hire extensions"),  # plain
    (SCAFFOLDING, "Calling about tower hire.", "tower hire"),  # plain
    (SCAFFOLDING, "I've got a question about an invoice.", "accounts"),  # plain
    (
        SCAFFOLDING,
        "We're having the chimney repointed and I need to know roughly what it'd cost to get access up there.",
        "quotes and surveys",
    ),  # paraphrase
    (
        SCAFFOLDING,
        "The roofers have finished, so when can your lads come and clear everything away?",
        "put up and take down",
    ),  # paraphrase
    (
        SCAFFOLDING,
        "The builders are running behind, can we hang onto the poles for another three weeks?",
        "hire extensions",
    ),  # paraphrase
    (
        SCAFFOLDING,
        "I'm painting the side of my house myself and want one of those wheelie frames I can climb, just for the weekend.",
        "tower hire",
    ),  # paraphrase
    (
        SCAFFOLDING,
        "I paid by bank transfer a fortnight ago but I've had a letter saying I still owe you.",
        "accounts",
    ),  # paraphrase
    (
        SCAFFOLDING,
        "The plasterers need an extra lift adding on the back elevation of the job you've already got up, who sorts that?",
        "put up and take down",
    ),  # paraphrase
    (
        SCAFFOLDING,
        "Hiya, um, so we're getting a loft conversion done, the builder said we'd need scaffolding on the front and one side, and, er, he said to ring round and get a few prices, so yeah, could somebody come and look?",
        "quotes and surveys",
    ),  # long
    (
        SCAFFOLDING,
        "Yeah, it's Mark from Bennett Builders, er, the job on Elm Road you did in March, we've hit a snag with the windows so, um, basically we're gonna need it there a bit longer than we said, like another month?",
        "hire extensions",
    ),  # long
    (
        SCAFFOLDING,
        "Hi, um, not sure I've got the right people, but my neighbour had your scaffold and I've, er, got a small job on my gutters and just want something on wheels I can build myself for a couple of days?",
        "tower hire",
    ),  # long
    (
        SCAFFOLDING,
        "Right, so, er, I do the books at Hollis Homes and, um, we've had three statements from you this month and the figures don't match, so I need someone to go through it with me.",
        "accounts",
    ),  # long
    (
        SCAFFOLDING,
        "Hello, um, so the roof on number twelve is all done now, signed off and everything, so basically we're ready for your lads to strip it whenever your team's free next week, if that's alright?",
        "put up and take down",
    ),  # long
    (
        SCAFFOLDING,
        "The wind last night's blown half the boards off your scaffold and they're hanging over the pavement right now.",
        "emergencies",
    ),  # urgent
    (
        SCAFFOLDING,
        "One of the poles has come loose and it's leaning against my neighbour's window, it could go any minute.",
        "emergencies",
    ),  # urgent
    (
        SCAFFOLDING,
        "A lorry's just clipped the corner of the scaffold outside our shop and the whole thing's swaying.",
        "emergencies",
    ),  # urgent
    (
        SCAFFOLDING,
        "I don't want it coming down yet, we need it for another fortnight at least.",
        "hire extensions",
    ),  # negation
    (
        SCAFFOLDING,
        "Not a proper scaffold, just one of the little frames on castors I can put together myself.",
        "tower hire",
    ),  # negation
    (
        SCAFFOLDING,
        "It's not a new job, I just want to settle what I owe on the last one.",
        "accounts",
    ),  # negation
    (
        SCAFFOLDING,
        "Can I get a price for scaffolding round a bungalow, and also do you hire out podium steps?",
        "quotes and surveys",
    ),  # two-topic
    (
        SCAFFOLDING,
        "Your scaffold on Church Street has got a bent pole that looks really dangerous, and also I'd like a price for my own house sometime.",
        "emergencies",
    ),  # two-topic
    (
        SCAFFOLDING,
        "I need the invoice for the Harbour Road job sending again, and then can we book the strike date for the end of the month?",
        "accounts",
    ),  # two-topic
    (SCAFFOLDING, "While the scaffold's up could your lads retile the roof as well?", "none"),  # none
    (SCAFFOLDING, "Do you hire out skips?", "none"),  # none
    (SCAFFOLDING, "Can you do a loft conversion for us?", "none"),  # none
    (SCAFFOLDING, "Do you sell second-hand ladders?", "none"),  # none
    (SCAFFOLDING, "I'd like to hire a mobile tour for the weekend.", "tower hire"),  # misrecognition
    (
        SCAFFOLDING,
        "Can somebody come and do a sight survey on my house?",
        "quotes and surveys",
    ),  # misrecognition
    (SCAFFOLDING, "Can I just talk to a real person please?", "operator"),  # operator
    (SCAFFOLDING, "Put me through to Gary in the office, would you?", "operator"),  # operator
    # ---------------- POOL ----------------
    (POOL, "I'm calling about swimming lessons for my son.", "swimming lessons"),  # plain
    (POOL, "What are the pool times tomorrow?", "pool times"),  # plain
    (POOL, "I want to book a spin class.", "gym and classes"),  # plain
    (POOL, "Is there any lost property? I think I left my goggles.", "lost property"),  # plain
    (
        POOL,
        "My daughter's six and she's still scared of the water, have you got anything to get her confident?",
        "swimming lessons",
    ),  # paraphrase
    (
        POOL,
        "When can I come and do some lengths on my own without kids splashing around?",
        "pool times",
    ),  # paraphrase
    (
        POOL,
        "I'd like to start using the weights room, do I need someone to show me round first?",
        "gym and classes",
    ),  # paraphrase
    (
        POOL,
        "I'm going travelling for three months, can I put my monthly payments on hold?",
        "memberships",
    ),  # paraphrase
    (
        POOL,
        "My twins turn eight in June and they'd love to bring their whole class for a splash and some food afterwards.",
        "parties and hire",
    ),  # paraphrase
    (
        POOL,
        "I was in the changing rooms this morning and I think my wedding ring came off in one of the lockers.",
        "lost property",
    ),  # paraphrase
    (
        POOL,
        "Hi, so I've just moved to the area and I used to go to the baths in, er, Bristol, and I'm wondering, like, how much it is to sign up with you and whether that includes the gym and everything?",
        "memberships",
    ),  # long
    (
        POOL,
        "Yeah hello, um, so I'm forty-three and I've never actually been able to swim, which is a bit embarrassing, and my doctor's been on at me to exercise, so, er, do you teach grown-ups?",
        "swimming lessons",
    ),  # long
    (
        POOL,
        "Morning, so basically my work's got a team-building day coming up in September and someone suggested, um, having the pool to ourselves for an hour with the inflatable thing, is that something you can do?",
        "parties and hire",
    ),  # long
    (
        POOL,
        "Hiya, um, it's probably a silly question but we came to the family splash session last Saturday and the kids loved it, so, er, are you open on bank holiday Monday and when's the next one?",
        "pool times",
    ),  # long
    (
        POOL,
        "Hi there, so I've been doing the, um, Tuesday evening yoga with Claire for a while now but my shifts have changed, so basically is there a weekend one I could switch to?",
        "gym and classes",
    ),  # long
    (
        POOL,
        "My son left his insulin pen in the changing rooms an hour ago and he needs it tonight, has anyone handed it in?",
        "lost property",
    ),  # urgent
    (
        POOL,
        "We're stuck in traffic and her lesson starts in ten minutes, will she lose her place if we're late?",
        "swimming lessons",
    ),  # urgent
    (
        POOL,
        "The party's meant to start in forty minutes and there's nobody here to let us into the function room.",
        "parties and hire",
    ),  # urgent
    (POOL, "Not the gym, I only want to know when I can swim laps.", "pool times"),  # negation
    (
        POOL,
        "I don't want to cancel my membership, I just want a place on Thursday's Pilates.",
        "gym and classes",
    ),  # negation
    (
        POOL,
        "It's not for a party, it's a school group, we'd like the pool to ourselves one morning for Year 5.",
        "parties and hire",
    ),  # negation
    (
        POOL,
        "I want to sign my daughter up for lessons, and do you have a family membership as well?",
        "swimming lessons",
    ),  # two-topic
    (
        POOL,
        "Mostly I'm ringing because I lost my car keys here yesterday, but also what time do you open Sunday?",
        "lost property",
    ),  # two-topic
    (
        POOL,
        "Can I freeze my membership while I've got a broken ankle, and maybe find out when I can do gentle swims after?",
        "memberships",
    ),  # two-topic
    (POOL, "Do you do physiotherapy appointments?", "none"),  # none
    (POOL, "Is your ice rink open for skating this weekend?", "none"),  # none
    (POOL, "Do you do hydrotherapy sessions for dogs?", "none"),  # none
    (POOL, "Is there a crèche I can leave my toddler in while I swim?", "none"),  # none
    (POOL, "What time's lean swimming tonight?", "pool times"),  # misrecognition
    (POOL, "I'd like to cancel my member ship.", "memberships"),  # misrecognition
    (POOL, "Can I speak to someone on reception please?", "operator"),  # operator
    (POOL, "I'd like to speak to the duty manager.", "operator"),  # operator
    # ---------------- TUTORING ----------------
    (TUTORING, "Hi, I'm looking to find a tutor for my son.", "find a tutor"),  # plain
    (TUTORING, "I need to reschedule Thursday's lesson.", "change a lesson"),  # plain
    (TUTORING, "I'd like to become a tutor with you.", "tutor jobs"),  # plain
    (TUTORING, "Do you run an Easter revision course?", "revision courses"),  # plain
    (
        TUTORING,
        "My daughter's really struggling with algebra, can someone come and help her once a week?",
        "find a tutor",
    ),  # paraphrase
    (
        TUTORING,
        "We're away on holiday the week after next, so Lily won't make her sessions.",
        "change a lesson",
    ),  # paraphrase
    (TUTORING, "What do you charge per hour for GCSE chemistry?", "fees and invoices"),  # paraphrase
    (
        TUTORING,
        "I'm a retired physics teacher and I'd like to earn a bit on the side helping students.",
        "tutor jobs",
    ),  # paraphrase
    (
        TUTORING,
        "Honestly I'm not sure my son's getting anything from the sessions, his marks haven't moved at all.",
        "progress and concerns",
    ),  # paraphrase
    (
        TUTORING,
        "Do you do those days where the kids sit practice papers under proper exam conditions?",
        "revision courses",
    ),  # paraphrase
    (
        TUTORING,
        "Hi, um, so my son's doing his A levels next year and, er, his school's been a bit rubbish with chemistry, the teacher left, so basically we're after someone who can sit with him weekly, ideally in person?",
        "find a tutor",
    ),  # long
    (
        TUTORING,
        "Hello, yeah, so, er, I got an email with a bill on it for October but I'm sure I paid that already by card, so, um, I think it might have gone out twice, could someone check?",
        "fees and invoices",
    ),  # long
    (
        TUTORING,
        "Hiya, um, so my daughter's been seeing Mr Patel for French since September, and parents' evening is next week, so, er, I was hoping to hear how he thinks she's getting on before then?",
        "progress and concerns",
    ),  # long
    (
        TUTORING,
        "Oh hello, um, I'm a student at the uni, second year medicine, and my flatmate said you sometimes take on, er, people like me to teach biology to GCSE kids, so how do I get involved?",
        "tutor jobs",
    ),  # long
    (
        TUTORING,
        "Yeah hi, so basically, um, she's got her mocks in January and the school suggested something over the Christmas break, like, er, a few days in a small group going through past papers, do you do anything like that?",
        "revision courses",
    ),  # long
    (
        TUTORING,
        "Our tutor's due at four today but my son's just been sent home from school with a temperature, can you let her know?",
        "change a lesson",
    ),  # urgent
    (
        TUTORING,
        "Her 11+ is on Saturday and she's in tears over verbal reasoning, is there anyone who could sit with her tomorrow night?",
        "find a tutor",
    ),  # urgent
    (
        TUTORING,
        "The tutor who came today made some really inappropriate comments to my daughter and I need someone to deal with it now.",
        "progress and concerns",
    ),  # urgent
    (
        TUTORING,
        "I'm not looking for group classes, I want someone just for her, one to one.",
        "find a tutor",
    ),  # negation
    (
        TUTORING,
        "It's not about money, I want to shift next week's session to the Wednesday.",
        "change a lesson",
    ),  # negation
    (
        TUTORING,
        "I don't want to cancel anything, I just want to raise something about how the tutor's been behaving.",
        "progress and concerns",
    ),  # negation
    (
        TUTORING,
        "I'd like someone to help my lad with his maths, and roughly what does that cost?",
        "find a tutor",
    ),  # two-topic
    (
        TUTORING,
        "I need to call off tonight's session, and could you also send me last month's bill again?",
        "change a lesson",
    ),  # two-topic
    (
        TUTORING,
        "Mainly I want to know how Josh is getting on, but while I've got you, are there any spaces on the summer course?",
        "progress and concerns",
    ),  # two-topic
    (TUTORING, "Do you do driving lessons?", "none"),  # none
    (TUTORING, "Can you write my dissertation for me? I'll pay whatever.", "none"),  # none
    (TUTORING, "Is this the school admissions office? I need to appeal a secondary place.", "none"),  # none
    (TUTORING, "Do you do after-school childcare, like somewhere I can leave them till six?", "none"),  # none
    (TUTORING, "I'd like to find a tooter for my daughter.", "find a tutor"),  # misrecognition
    (TUTORING, "Have you got any revision curses over half term?", "revision courses"),  # misrecognition
    (TUTORING, "Can I speak to the person who runs the agency?", "operator"),  # operator
    (
        TUTORING,
        "Could you put me through to Helen, please? She set everything up for us.",
        "operator",
    ),  # operator
    # ---------------- PHOTOGRAPHER ----------------
    (PHOTOGRAPHER, "Hi, I'd like to ask about wedding photography.", "weddings"),  # plain
    (PHOTOGRAPHER, "I want to book a portrait session for the family.", "portrait sessions"),  # plain
    (PHOTOGRAPHER, "Can I order some prints?", "prints and albums"),  # plain
    (PHOTOGRAPHER, "I need to change a booking.", "change a booking"),  # plain
    (
        PHOTOGRAPHER,
        "We're getting married next August and wondered if you're still free on the 14th.",
        "weddings",
    ),  # paraphrase
    (
        PHOTOGRAPHER,
        "My partner needs a decent picture of herself for LinkedIn, do you do that sort of thing?",
        "portrait sessions",
    ),  # paraphrase
    (
        PHOTOGRAPHER,
        "We'd love a big framed one of the first dance to hang over the fireplace.",
        "prints and albums",
    ),  # paraphrase
    (
        PHOTOGRAPHER,
        "It's been six weeks since you did the christening and we still haven't seen any of the pictures.",
        "online gallery",
    ),  # paraphrase
    (
        PHOTOGRAPHER,
        "How much is left to settle before the big day, and when's it due?",
        "payments",
    ),  # paraphrase
    (
        PHOTOGRAPHER,
        "My mum's having an operation so we've had to push the wedding back to next spring.",
        "change a booking",
    ),  # paraphrase
    (
        PHOTOGRAPHER,
        "Hi, so we've just had a baby, she's two weeks old, and, er, everyone says you have to get the photos done in the first few weeks while they're all sleepy and curly, so, um, have you got anything soon?",
        "portrait sessions",
    ),  # long
    (
        PHOTOGRAPHER,
        "Hello, yeah, so you did our wedding in June, it was amazing, and, um, I've got the link but basically it keeps saying the code's wrong when I try and get the pictures off it, so I'm a bit stuck?",
        "online gallery",
    ),  # long
    (
        PHOTOGRAPHER,
        "Hiya, um, so my sister's wedding was last year, you did her photos, and we're planning a surprise for her anniversary, like a proper leather book with all the best ones in, er, is that possible?",
        "prints and albums",
    ),  # long
    (
        PHOTOGRAPHER,
        "Right so, er, we've got you booked for next year at the Barn at Hollow Farm and, um, I think we paid the first bit but I never got a receipt, so could you check what we've paid?",
        "payments",
    ),  # long
    (
        PHOTOGRAPHER,
        "Hi, so me and my fiancé are still looking at venues and stuff but, er, a friend recommended you, and we wanted to know sort of what you charge for the whole day and if that includes an engagement shoot?",
        "weddings",
    ),  # long
    (
        PHOTOGRAPHER,
        "We're at the church, the ceremony starts in fifteen minutes and there's no sign of your photographer.",
        "on the day",
    ),  # urgent
    (
        PHOTOGRAPHER,
        "I'm the best man, the venue's moved the ceremony to a different room at the last minute and I need to tell Emma before she arrives this afternoon.",
        "on the day",
    ),  # urgent
    (
        PHOTOGRAPHER,
        "Our family shoot is at the beach in half an hour and it's started chucking it down, what do we do?",
        "on the day",
    ),  # urgent
    (
        PHOTOGRAPHER,
        "It's not a wedding, it's just a few shots of me and the dog in the park.",
        "portrait sessions",
    ),  # negation
    (
        PHOTOGRAPHER,
        "I don't want to cancel, I just want to clear the rest of what we owe.",
        "payments",
    ),  # negation
    (
        PHOTOGRAPHER,
        "Not digital files, I want actual photos I can hold in my hand.",
        "prints and albums",
    ),  # negation
    (
        PHOTOGRAPHER,
        "Can we move our engagement shoot to a Sunday, and also how do I order a canvas from the last one?",
        "change a booking",
    ),  # two-topic
    (
        PHOTOGRAPHER,
        "I'm after a photographer for our wedding next June, and could you tell me if you do albums as well?",
        "weddings",
    ),  # two-topic
    (
        PHOTOGRAPHER,
        "Mainly I need the link sending again because it's expired and I can't get into our pictures, and then I might want some of them printed.",
        "online gallery",
    ),  # two-topic
    (PHOTOGRAPHER, "Do you film weddings as well, like a proper video?", "none"),  # none
    (PHOTOGRAPHER, "Can you fix my camera? The lens won't go back in.", "none"),  # none
    (PHOTOGRAPHER, "Can you do the flowers for our wedding too?", "none"),  # none
    (PHOTOGRAPHER, "Do you do a DJ for the evening reception?", "none"),  # none
    (
        PHOTOGRAPHER,
        "I'd like to book a new born shoot for next month.",
        "portrait sessions",
    ),  # misrecognition
    (PHOTOGRAPHER, "I want to order some prince of our wedding.", "prints and albums"),  # misrecognition
    (PHOTOGRAPHER, "Can I just speak to Emma herself?", "operator"),  # operator
    (PHOTOGRAPHER, "Is there an actual human I can talk to?", "operator"),  # operator
    # ---------------- FURNITURE ----------------
    (FURNITURE, "I'd like to place an order for a dining table.", "new orders"),  # plain
    (FURNITURE, "When's my delivery coming?", "delivery"),  # plain
    (FURNITURE, "I want to return a chair.", "returns and faults"),  # plain
    (FURNITURE, "Do you offer assembly?", "assembly"),  # plain
    (
        FURNITURE,
        "Have you still got that grey corner settee from the website, the one with the chaise?",
        "new orders",
    ),  # paraphrase
    (
        FURNITURE,
        "The van was supposed to come Tuesday and nobody's been, what's going on?",
        "delivery",
    ),  # paraphrase
    (
        FURNITURE,
        "The leg on the coffee table you sent has snapped off already.",
        "returns and faults",
    ),  # paraphrase
    (
        FURNITURE,
        "The wardrobe's in about forty pieces and I haven't got a clue, can someone come and do it?",
        "assembly",
    ),  # paraphrase
    (
        FURNITURE,
        "Could I have the armchair in a mustard velvet rather than the blue, and a bit wider?",
        "made to order",
    ),  # paraphrase
    (
        FURNITURE,
        "When the new bed comes, can your men take the old one off my hands?",
        "old furniture removal",
    ),  # paraphrase
    (
        FURNITURE,
        "Hi, so we came in on Saturday and had a look at the, er, the oak sideboard, the big one, and, um, my husband's measured up now and it fits, so basically we'd like to go ahead and get it?",
        "new orders",
    ),  # long
    (
        FURNITURE,
        "Hello, yeah, so I've got the sofa coming on Friday but, um, I've just found out I'm working that day and there's nobody to let them in, so could we, er, move it to the Monday?",
        "delivery",
    ),  # long
    (
        FURNITURE,
        "Hiya, so, um, the bed frame turned up last week and we've had a go ourselves but, er, honestly the instructions are useless and we've given up, could you send somebody round to finish it off?",
        "assembly",
    ),  # long
    (
        FURNITURE,
        "Oh hi, er, so we're doing up the front room and, um, we've got this odd alcove, like a hundred and seventy wide, and nothing off the shelf fits, so could you, um, do a sofa to that size?",
        "made to order",
    ),  # long
    (
        FURNITURE,
        "Right, so, um, my mum's going into a care home and we're clearing her house, and basically there's a three-piece suite and a dresser that need to go, er, can you take them?",
        "old furniture removal",
    ),  # long
    (
        FURNITURE,
        "The tall bookcase you brought yesterday is tipping forward and I'm scared it's going to land on my toddler.",
        "returns and faults",
    ),  # urgent
    (
        FURNITURE,
        "The van's meant to be here in an hour but I've been called into hospital, can they come earlier or do I lose the slot?",
        "delivery",
    ),  # urgent
    (
        FURNITURE,
        "I'm moving out tomorrow and the landlord wants the old bed gone before he inspects, can anyone come today?",
        "old furniture removal",
    ),  # urgent
    (
        FURNITURE,
        "I'm not buying anything, I just want to know where my sofa's got to.",
        "delivery",
    ),  # negation
    (
        FURNITURE,
        "It's not faulty, I just changed my mind and want my money back.",
        "returns and faults",
    ),  # negation
    (
        FURNITURE,
        "I don't want one off the shop floor, I want it made up in my own material.",
        "made to order",
    ),  # negation
    (
        FURNITURE,
        "I'd like to order the king-size bed, and can your team put it together when it arrives?",
        "new orders",
    ),  # two-topic
    (
        FURNITURE,
        "The mirror came smashed and I want a replacement, and also can I change the address for the rest of the order?",
        "returns and faults",
    ),  # two-topic
    (
        FURNITURE,
        "Can someone take away the old dining set, that's the main thing, oh and is the new one still coming Thursday?",
        "old furniture removal",
    ),  # two-topic
    (FURNITURE, "Do you sell carpets and fit them?", "none"),  # none
    (FURNITURE, "Can you fit a new kitchen for us?", "none"),  # none
    (FURNITURE, "Do you do man and van? I'm moving house next week.", "none"),  # none
    (FURNITURE, "Do you sell washing machines?", "none"),  # none
    (FURNITURE, "Have you got this so far in stock in green?", "new orders"),  # misrecognition
    (
        FURNITURE,
        "The drawers on my chest are fall tea, I want them swapped.",
        "returns and faults",
    ),  # misrecognition
    (FURNITURE, "Can I speak to someone in the showroom, please?", "operator"),  # operator
    (FURNITURE, "I'd like to talk to a manager about my order.", "operator"),  # operator
    # ---------------- BOILER ----------------
    (BOILER, "Hi, I need to book a boiler service.", "boiler service"),  # plain
    (BOILER, "I'd like a quote for a new boiler.", "new boilers"),  # plain
    (BOILER, "I need a new radiator fitting in the bedroom.", "radiators and controls"),  # plain
    (BOILER, "I want to ask about your cover plan.", "cover plans"),  # plain
    (
        BOILER,
        "It's been twelve months since anyone looked at the boiler, can someone come and check it over?",
        "boiler service",
    ),  # paraphrase
    (
        BOILER,
        "Our combi's twenty years old and guzzling gas, what would it cost to swap it for something modern?",
        "new boilers",
    ),  # paraphrase
    (
        BOILER,
        "The ones upstairs are hot at the bottom and cold at the top, I think they need bleeding or something.",
        "radiators and controls",
    ),  # paraphrase
    (
        BOILER,
        "I've got tenants moving in on the first and I need the yearly gas paperwork sorting.",
        "boiler service",
    ),  # paraphrase
    (
        BOILER,
        "Is there a way I can pay so much a month and you'll come out free if it goes wrong?",
        "cover plans",
    ),  # paraphrase
    (
        BOILER,
        "The manufacturer says the guarantee on our boiler was never registered, can you sort that?",
        "billing and warranty",
    ),  # paraphrase
    (
        BOILER,
        "Hiya, um, so we've just bought the house and the survey said the boiler's, er, getting on a bit and we should think about changing it, so basically could someone come and give us a price?",
        "new boilers",
    ),  # long
    (
        BOILER,
        "Hello, yeah, so, um, we had the engineer out last Wednesday for the leak, and I've had the bill through, but, er, I think we've been charged for two hours when he was only here forty minutes?",
        "billing and warranty",
    ),  # long
    (
        BOILER,
        "Oh hi, so I'm, um, trying to get the heating to come on before I get home from work, and someone said I could run it from my phone, er, is that something you can fit?",
        "radiators and controls",
    ),  # long
    (
        BOILER,
        "Right, so, er, I'm a landlord with four flats in town and all the gas checks are due in March, so, um, I was hoping to get them all booked in together if possible?",
        "boiler service",
    ),  # long
    (
        BOILER,
        "Hi there, so, um, we've got the yearly plan with you, I think it runs out next month, and basically I just want to keep it going but maybe move to the one that includes the radiators?",
        "cover plans",
    ),  # long
    (
        BOILER,
        "There's water pouring out the bottom of the boiler and all over the kitchen floor.",
        "emergency breakdown",
    ),  # urgent
    (
        BOILER,
        "The pressure keeps dropping to zero and we've got a newborn in a freezing house.",
        "emergency breakdown",
    ),  # urgent
    (
        BOILER,
        "It's minus three out and the boiler's flashing a red light and banging, and nothing's coming on at all.",
        "emergency breakdown",
    ),  # urgent
    (
        BOILER,
        "It hasn't packed up or anything, I just need the yearly check doing.",
        "boiler service",
    ),  # negation
    (
        BOILER,
        "I'm not after a new boiler, just the big rad in the lounge swapping.",
        "radiators and controls",
    ),  # negation
    (
        BOILER,
        "I don't want the cover, I just want to pay for the repair you did.",
        "billing and warranty",
    ),  # negation
    (
        BOILER,
        "Our heating's been completely dead since this morning, and once that's sorted I'd like a price for a new boiler.",
        "emergency breakdown",
    ),  # two-topic
    (
        BOILER,
        "Can I book the annual service, and could you also look at a noisy thermostat while you're here?",
        "boiler service",
    ),  # two-topic
    (
        BOILER,
        "I want to sign up for the monthly cover, and can you check when my warranty runs out?",
        "cover plans",
    ),  # two-topic
    (BOILER, "Do you fit air conditioning units?", "none"),  # none
    (BOILER, "My fuse box keeps tripping, can you send an electrician?", "none"),  # none
    (BOILER, "Do you install solar panels?", "none"),  # none
    (BOILER, "Can you unblock my kitchen sink?", "none"),  # none
    (BOILER, "I'd like to book a boiler surface.", "boiler service"),  # misrecognition
    (BOILER, "Can you do a power flesh on my system?", "radiators and controls"),  # misrecognition
    (BOILER, "Could I speak to Steve, the engineer who came out yesterday?", "operator"),  # operator
    (BOILER, "I'd just like to talk to someone, please, not a machine.", "operator"),  # operator
    # ---------------- DOG_WALKING ----------------
    (DOG_WALKING, "Hi, I'd like to book a dog walk for tomorrow.", "dog walks"),  # plain
    (DOG_WALKING, "Do you do pet sitting?", "pet sitting"),  # plain
    (DOG_WALKING, "I'd like to arrange a meet and greet.", "new clients"),  # plain
    (DOG_WALKING, "Can I ask about overnight boarding?", "overnight boarding"),  # plain
    (
        DOG_WALKING,
        "My spaniel's got far too much energy, could someone take him out at lunchtimes while I'm at work?",
        "dog walks",
    ),  # paraphrase
    (
        DOG_WALKING,
        "We're off to Spain for a week, could someone pop in twice a day and see to the cats?",
        "pet sitting",
    ),  # paraphrase
    (
        DOG_WALKING,
        "Instead of putting Rolo in kennels, could he go and live with one of your lot while we're away?",
        "overnight boarding",
    ),  # paraphrase
    (
        DOG_WALKING,
        "We've just got a rescue greyhound and we'd love to start using you, how does it work?",
        "new clients",
    ),  # paraphrase
    (
        DOG_WALKING,
        "Can we move Biscuit from Mondays and Wednesdays to Tuesdays and Thursdays from next week?",
        "changes and cancellations",
    ),  # paraphrase
    (
        DOG_WALKING,
        "My rabbit needs feeding while I'm in hospital for a few days.",
        "pet sitting",
    ),  # paraphrase
    (
        DOG_WALKING,
        "So I've just started a new job and it's, er, longer hours than I thought, so basically Milo's on his own from eight till six and I feel awful, could somebody take him out in the middle of the day?",
        "dog walks",
    ),  # long
    (
        DOG_WALKING,
        "Hello, yeah, so we've used you before for walks, um, but this time we're off to a wedding in Scotland for the weekend, and we were wondering if, er, Poppy could sleep at one of your walkers' houses?",
        "overnight boarding",
    ),  # long
    (
        DOG_WALKING,
        "Morning, um, so my friend Jo uses you for her labradors and she's always saying how good you are, and, er, I've got a cockapoo who's nearly one, so I'd like to get him on your books?",
        "new clients",
    ),  # long
    (
        DOG_WALKING,
        "Hi, so, um, the kids have got a week off school at half term and, er, we'll be around the whole time, so basically there's no need for anyone to come for Bruno that week.",
        "changes and cancellations",
    ),  # long
    (
        DOG_WALKING,
        "Hi, um, it's a bit of an odd one, we've got two cats and a tortoise and we're, er, going to my mum's for Christmas, and we need someone to pop round, feed them and check the heat lamp?",
        "pet sitting",
    ),  # long
    (
        DOG_WALKING,
        "Your walker's just texted to say Bella slipped her lead in the park and she's run off.",
        "urgent pet help",
    ),  # urgent
    (
        DOG_WALKING,
        "Nobody's come to let Max out today and he's been shut in since seven this morning.",
        "urgent pet help",
    ),  # urgent
    (
        DOG_WALKING,
        "I've just got home and Luna's limping and there's blood on her paw after this morning's walk.",
        "urgent pet help",
    ),  # urgent
    (
        DOG_WALKING,
        "I don't need anyone to walk her, I need someone to look in on the cat while I'm away.",
        "pet sitting",
    ),  # negation
    (
        DOG_WALKING,
        "It's not a new booking, I want to drop Friday's walk this week.",
        "changes and cancellations",
    ),  # negation
    (
        DOG_WALKING,
        "Not the pop-in visits, we want him to actually stay with you for the nights.",
        "overnight boarding",
    ),  # negation
    (
        DOG_WALKING,
        "I'd like to book walks for my two terriers, and also do you look after hamsters?",
        "dog walks",
    ),  # two-topic
    (
        DOG_WALKING,
        "Can we pause the walks for the next fortnight, and also could you have him overnight on the 20th?",
        "changes and cancellations",
    ),  # two-topic
    (
        DOG_WALKING,
        "The main thing is we've never used you and want someone to come and meet the dog, but I'd also like to know your prices for group walks.",
        "new clients",
    ),  # two-topic
    (DOG_WALKING, "Do you do dog grooming? He really needs a trim.", "none"),  # none
    (DOG_WALKING, "Can you train my puppy to stop biting?", "none"),  # none
    (DOG_WALKING, "Can I book my dog in for his vaccinations?", "none"),  # none
    (DOG_WALKING, "Do you sell dog food?", "none"),  # none
    (DOG_WALKING, "I'd like to book a meat and greet for my puppy.", "new clients"),  # misrecognition
    (DOG_WALKING, "Do you do pet setting over Easter?", "pet sitting"),  # misrecognition
    (DOG_WALKING, "Can I speak to whoever runs the business?", "operator"),  # operator
    (DOG_WALKING, "Is Sophie there? She normally walks our dog.", "operator"),  # operator
]
