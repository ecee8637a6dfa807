"""Made-up lines of eight more trades (estate agent, appliance repair, golf club, pet shop with
aquatics, dance school, tattoo and piercing studio, window cleaner, podiatrist), 32 requests each in
the labelled sets' kinds, written on 2026-12-02 by a helper given only this file's format and the
kinds, who never saw the matcher, its rules, another line's phrases or any result. Routed as they
came (phrases only / with the tier / with the deep tier too): 145 / 160 / 182 of 256 at bcad84f,
and 144 / 159 / 181 at e0d5023, before the rules drawn from testkit.unseen_third's misses (which
took that batch from 139 to 163 with the tier): those rules carried one row to these trades.
Once its misses are read, this is development data too, with a floor in
tests/test_routing_accuracy.py."""

# ruff: noqa: E501 (a long request is kept on one line, as the caller said it)
from __future__ import annotations

from testkit.lines import made_up_line

AGENT = made_up_line(
    "Harbourside Homes",
    (
        "selling",
        "Selling your home: valuations and putting a property on the market",
        ["sell my house", "valuation", "selling"],
        "I want to sell my property or find out what it's worth.",
    ),
    (
        "buying",
        "Buying a home: properties for sale, viewings and offers",
        ["buy a house", "viewing", "make an offer"],
        "I want to buy a property that's for sale with you.",
    ),
    (
        "renting",
        "Renting a home: properties to let, viewings and tenant applications",
        ["rent a flat", "to let", "tenant application"],
        "I'm looking for a place to rent.",
    ),
    (
        "landlords",
        "Letting your property with us, our management service and landlord statements",
        ["landlord", "let my property", "property management"],
        "I'm a landlord and want you to let or manage my property.",
    ),
    (
        "repairs",
        "Report a repair or an emergency in a property we manage",
        ["report a repair", "maintenance", "emergency"],
        "I rent a property you manage and something needs fixing.",
    ),
    (
        "rent and deposits",
        "Paying rent, rent arrears and getting your tenancy deposit back",
        ["pay rent", "deposit", "rent payment"],
        "I have a question about paying my rent or getting my deposit back.",
    ),
)

APPLIANCES = made_up_line(
    "Fixwell Appliance Repairs",
    (
        "book a repair",
        "Book an engineer to repair a washing machine, dishwasher, dryer, oven, fridge or other appliance",
        ["book a repair", "engineer visit", "broken appliance"],
        "I want an engineer to come and fix an appliance.",
    ),
    (
        "existing booking",
        "Change, cancel or check the time of an engineer visit already booked",
        ["reschedule", "cancel my appointment", "what time is the engineer coming"],
        "I already have an engineer booked and want to change or check it.",
    ),
    (
        "urgent repair",
        "Same-day callout for a leaking appliance, a fridge or freezer that's stopped with food in it, or an appliance that's unsafe",
        ["emergency", "same day", "leaking"],
        "My appliance is leaking, unsafe or my fridge or freezer has stopped and I need someone today.",
    ),
    (
        "spare parts",
        "Buy spare parts and accessories: filters, seals, shelves, oven bulbs",
        ["spare part", "buy parts", "filter"],
        "I want to buy a part for my appliance.",
    ),
    (
        "warranty",
        "Guarantee on a repair we did and extended appliance cover plans",
        ["warranty", "guarantee", "cover plan"],
        "A repair you did has gone wrong again or I want to ask about cover.",
    ),
    (
        "prices",
        "Callout charges and repair quotes before booking",
        ["how much", "price", "quote"],
        "I want to know what a repair or callout costs.",
    ),
)

GOLF = made_up_line(
    "Oakmere Golf Club",
    (
        "tee times",
        "Book or change a tee time for members and visitors",
        ["tee time", "book a round", "play golf"],
        "I want to book or change a time to play.",
    ),
    (
        "membership",
        "Joining the club, membership types and subscriptions",
        ["membership", "join the club", "annual subs"],
        "I want to join the club or ask about my membership.",
    ),
    (
        "lessons",
        "Lessons with the club professional and junior coaching",
        ["golf lesson", "coaching", "lesson with the pro"],
        "I want a golf lesson or coaching.",
    ),
    (
        "pro shop",
        "Pro shop: clubs, balls, clothing, club fitting and buggy hire",
        ["pro shop", "buy clubs", "buggy hire"],
        "I want to buy or hire golf equipment.",
    ),
    (
        "functions",
        "Weddings, parties, society days and corporate golf days",
        ["function room", "wedding", "society day"],
        "I want to book an event or a group day at the club.",
    ),
    (
        "restaurant",
        "Clubhouse bar and restaurant bookings",
        ["restaurant", "book a table", "Sunday lunch"],
        "I want to book a table in the clubhouse restaurant.",
    ),
)

PETS = made_up_line(
    "Fins & Paws Pet Centre",
    (
        "pet food and supplies",
        "Food, bedding, toys and accessories for dogs, cats, small animals and birds",
        ["pet food", "dog food", "cat litter"],
        "I want to buy food or supplies for my pet.",
    ),
    (
        "aquatics",
        "Tropical and coldwater fish, tanks, pond supplies and water testing",
        ["fish", "aquarium", "fish tank"],
        "I have a question about fish, tanks or ponds.",
    ),
    (
        "animals for sale",
        "Rabbits, guinea pigs, hamsters, birds and reptiles for sale, and what's in stock",
        ["buy a rabbit", "hamster", "reptile"],
        "I want to buy a pet or see what animals you have.",
    ),
    (
        "dog grooming",
        "Dog grooming appointments",
        ["dog grooming", "groomer", "haircut for my dog"],
        "I want to book my dog in to be groomed.",
    ),
    (
        "orders and delivery",
        "Online orders, home delivery and click and collect",
        ["delivery", "my order", "click and collect"],
        "I have a question about an order I placed.",
    ),
)

DANCE = made_up_line(
    "Step Ahead Dance Academy",
    (
        "children's classes",
        "Ballet, tap, jazz and street dance classes for children and teens",
        ["kids classes", "ballet", "children"],
        "I want my child to join a dance class.",
    ),
    (
        "adult classes",
        "Adult classes: salsa, contemporary, tap and beginners' ballroom",
        ["adult classes", "salsa", "beginners"],
        "I'm an adult and want to join a class.",
    ),
    (
        "wedding dance",
        "Private lessons for a couple's first dance",
        ["first dance", "wedding", "private lesson"],
        "We want lessons for our wedding first dance.",
    ),
    (
        "exams and shows",
        "Dance exams, the summer show, costumes and show tickets",
        ["exam", "show tickets", "costume"],
        "I have a question about an exam or the show.",
    ),
    (
        "fees and accounts",
        "Term fees, payments and invoices",
        ["term fees", "pay", "invoice"],
        "I want to pay or ask about fees.",
    ),
    (
        "studio hire",
        "Hiring a studio for rehearsals or classes",
        ["hire a studio", "room hire", "rehearsal space"],
        "I want to hire one of your studios.",
    ),
)

TATTOO = made_up_line(
    "Black Lotus Tattoo",
    (
        "tattoo booking",
        "Book a tattoo appointment or consultation with one of our artists",
        ["book a tattoo", "tattoo appointment", "consultation"],
        "I want to book a tattoo.",
    ),
    (
        "piercing",
        "Ear, nose and body piercings, walk-ins and jewellery changes",
        ["piercing", "get my ears pierced", "nose piercing"],
        "I want to get something pierced.",
    ),
    (
        "aftercare",
        "Healing advice and problems with a new tattoo or piercing",
        ["aftercare", "healing", "infected"],
        "I have a question or a problem with a new tattoo or piercing.",
    ),
    (
        "prices and deposits",
        "Prices, deposits and gift vouchers",
        ["price", "deposit", "gift voucher"],
        "I want to know how much something costs or buy a voucher.",
    ),
    (
        "change appointment",
        "Move or cancel a booked appointment",
        ["reschedule", "cancel", "change my appointment"],
        "I need to move or cancel my appointment.",
    ),
    (
        "laser removal",
        "Laser tattoo removal and fading before a cover-up",
        ["laser removal", "remove a tattoo", "fading"],
        "I want a tattoo removed or faded.",
    ),
)

WINDOWS = made_up_line(
    "Crystal Clear Window Cleaning",
    (
        "new quote",
        "A quote for window cleaning at a new home or business, regular or one-off",
        ["quote", "new customer", "how much to clean my windows"],
        "I'm not a customer yet and want my windows cleaned.",
    ),
    (
        "regular cleans",
        "Changes to your regular clean: missed visits, changing your day, pausing",
        ["missed clean", "change my day", "pause"],
        "I want to change or ask about my regular clean.",
    ),
    (
        "payments",
        "Paying your bill, direct debit and receipts",
        ["pay", "bill", "direct debit"],
        "I want to pay or ask about my bill.",
    ),
    (
        "gutters",
        "Gutter clearing, fascia and soffit cleaning",
        ["gutter", "fascia", "soffit"],
        "I want my gutters cleared or cleaned.",
    ),
    (
        "conservatory and solar",
        "Conservatory roof and solar panel cleaning",
        ["conservatory roof", "solar panels"],
        "I want my conservatory roof or solar panels cleaned.",
    ),
    (
        "complaints",
        "Complaint about a clean: streaks, damage or a missed window",
        ["complaint", "streaky", "damage"],
        "I'm unhappy with a clean or something was damaged.",
    ),
)

FEET = made_up_line(
    "Stepwell Foot Clinic",
    (
        "appointments",
        "Book a podiatry or chiropody appointment: nails, corns, hard skin",
        ["book an appointment", "chiropody", "nail cutting"],
        "I want to book a routine foot appointment.",
    ),
    (
        "existing appointment",
        "Move or cancel an appointment already booked",
        ["cancel", "reschedule"],
        "I need to change or cancel my appointment.",
    ),
    (
        "urgent foot problem",
        "Same-day help for an infected toe, a wound or ulcer that won't heal, or a diabetic foot that's changed colour",
        ["urgent", "infected", "ulcer"],
        "I have a foot problem that needs seeing today.",
    ),
    (
        "orthotics",
        "Custom insoles, gait analysis and biomechanical assessments",
        ["insoles", "orthotics", "gait analysis"],
        "I want insoles or an assessment of how I walk.",
    ),
    (
        "nail surgery",
        "Ingrown toenail surgery and verruca treatment",
        ["ingrown toenail", "nail surgery", "verruca"],
        "I want an ingrown toenail or a verruca treated.",
    ),
    (
        "home visits",
        "Home visits for patients who can't get to the clinic",
        ["home visit", "housebound", "visit at home"],
        "I need a podiatrist to come to the house.",
    ),
    (
        "prices and insurance",
        "Treatment prices, health insurance and receipts",
        ["price", "insurance", "receipt"],
        "I want to know the cost or ask about insurance.",
    ),
)

ROWS = [
    # ---------------- AGENT ----------------
    (AGENT, "I'd like to sell my house please", "selling"),  # plain
    (AGENT, "Hi, I'm calling about renting a flat", "renting"),  # plain
    (AGENT, "I need to report a repair", "repairs"),  # plain
    (AGENT, "I'm a landlord, I'd like to talk about letting my property", "landlords"),  # plain
    (AGENT, "How much do you reckon my place is worth these days?", "selling"),  # paraphrase
    (
        AGENT,
        "We'd like to bid on the semi on Mill Lane, the one listed at two eighty-five",
        "buying",
    ),  # paraphrase
    (
        AGENT,
        "The boiler in the flat I'm renting from you keeps cutting out every couple of days",
        "repairs",
    ),  # paraphrase
    (
        AGENT,
        "I moved out three weeks ago and I still haven't had the money back that I put down when I moved in",
        "rent and deposits",
    ),  # paraphrase
    (
        AGENT,
        "I've got a two-bed and I want someone to find people to live in it and look after it for me",
        "landlords",
    ),  # paraphrase
    (
        AGENT,
        "Have you got any one-bedroom places I could move into next month? I can't afford to buy",
        "renting",
    ),  # paraphrase
    (
        AGENT,
        "Um hi yeah so basically my mum's gone into a care home and we've, er, we've decided her bungalow's got to go, so we need someone to come round and, you know, put it on the market for us",
        "selling",
    ),  # long
    (
        AGENT,
        "Hiya, so I'm in one of your flats on Station Road, and er the landlord said to ring you because the bathroom fan's stopped working and there's mould coming up on the ceiling now",
        "repairs",
    ),  # long
    (
        AGENT,
        "Yeah hello, um, we're relocating from Leeds for my husband's job in the spring and we're first-time buyers, so basically we want to get on your list for anything three bed under three hundred",
        "buying",
    ),  # long
    (
        AGENT,
        "Hi, sorry, bit of a strange one, I've got my flats with another agent at the moment and honestly they're useless, so I'm wondering what you'd charge to take over looking after the two of them",
        "landlords",
    ),  # long
    (
        AGENT,
        "Oh hi, um, it's Priya in flat four at Kingsway Court, I think I set up my standing order wrong and the, er, the money for this month's gone out twice, can someone sort that out",
        "rent and deposits",
    ),  # long
    (
        AGENT,
        "There's water pouring through my kitchen ceiling from the flat upstairs, you manage both of them",
        "repairs",
    ),  # urgent
    (
        AGENT,
        "The lock on our front door's snapped and we can't secure the house, it's ten at night",
        "repairs",
    ),  # urgent
    (
        AGENT,
        "We've had no heating or hot water in the house we rent from you since yesterday and I've got a newborn, it's freezing",
        "repairs",
    ),  # urgent
    (AGENT, "I'm not looking to buy, I want to rent somewhere in town", "renting"),  # negation
    (AGENT, "It's not about my rent, the oven in the flat's stopped heating up", "repairs"),  # negation
    (
        AGENT,
        "I don't want to sell the house, I'd rather let it out and have you look after it",
        "landlords",
    ),  # negation
    (
        AGENT,
        "Mainly I need to get my flat valued because I'm putting it up for sale, and also is there a way to see what else you've got for sale round here?",
        "selling",
    ),  # two-topic
    (
        AGENT,
        "I need to report the dripping tap in my flat, and also while I'm on, when's the rent due this month?",
        "repairs",
    ),  # two-topic
    (
        AGENT,
        "I'd like to see the flat to rent on Park Street, and also would you value my current house at some point?",
        "renting",
    ),  # two-topic
    (AGENT, "Do you do removals? I need a van and a couple of lads on the twelfth", "none"),  # none
    (AGENT, "Can I hire a skip through you for clearing out the garden?", "none"),  # none
    (AGENT, "Is this the council? I need to get on the housing register", "none"),  # none
    (AGENT, "I'm after a quote for a loft conversion", "none"),  # none
    (
        AGENT,
        "Is that the let things department? I'm looking for a one bed to move into in May",
        "renting",
    ),  # misrecognition
    (AGENT, "Can I book a valley ation on my semi please?", "selling"),  # misrecognition
    (AGENT, "Could you put me through to Gemma Watts please?", "operator"),  # operator
    (AGENT, "I'd just like to talk to an actual person, not a machine", "operator"),  # operator
    # ---------------- APPLIANCES ----------------
    (APPLIANCES, "I need to book a repair for my washing machine", "book a repair"),  # plain
    (APPLIANCES, "I'm ringing about buying a spare part for my cooker", "spare parts"),  # plain
    (APPLIANCES, "It's about the warranty on my dishwasher repair", "warranty"),  # plain
    (APPLIANCES, "Can I get a price for a callout?", "prices"),  # plain
    (
        APPLIANCES,
        "My tumble dryer's stopped spinning, can somebody come out and have a look at it?",
        "book a repair",
    ),  # paraphrase
    (
        APPLIANCES,
        "What time's your bloke turning up tomorrow? I've got to pop out",
        "existing booking",
    ),  # paraphrase
    (
        APPLIANCES,
        "The rubber round my oven door has perished, can I just get a new one posted out?",
        "spare parts",
    ),  # paraphrase
    (
        APPLIANCES,
        "You fixed my dishwasher last month and it's doing exactly the same thing again",
        "warranty",
    ),  # paraphrase
    (
        APPLIANCES,
        "Roughly what would it cost to have someone swap the heating element in a Bosch oven?",
        "prices",
    ),  # paraphrase
    (
        APPLIANCES,
        "Something's come up, I won't be in on Thursday when your man's meant to come",
        "existing booking",
    ),  # paraphrase
    (
        APPLIANCES,
        "Hi um so we moved in last week and the, er, the previous owners left this built-in dishwasher that makes a horrible grinding noise, so I'd like someone to come out and take a look at some point",
        "book a repair",
    ),  # long
    (
        APPLIANCES,
        "Yeah hi, basically I had a text saying the engineer's coming between eight and one on Friday but I'm actually in the office that day, so could we move it to the Monday instead?",
        "existing booking",
    ),  # long
    (
        APPLIANCES,
        "Hello, I'm a landlord with a few rentals, and um, one of my tenants has snapped the shelf in the fridge door, so I just need to order that bit, the model number's on the sticker",
        "spare parts",
    ),  # long
    (
        APPLIANCES,
        "So basically your engineer replaced the pump on my washer in, what, August, and er I paid extra for the twelve month cover, and now it's not draining again, so I'd expect that to be sorted free",
        "warranty",
    ),  # long
    (
        APPLIANCES,
        "Oh hello, I'm just trying to work out whether it's worth fixing my old Hotpoint or just chucking it, um, so what do you normally charge for coming out and having a look?",
        "prices",
    ),  # long
    (
        APPLIANCES,
        "Water's gushing out the bottom of the washing machine all over the kitchen floor and I can't get it to stop",
        "urgent repair",
    ),  # urgent
    (
        APPLIANCES,
        "The freezer's completely defrosted overnight and it's full of meat for a party on Saturday",
        "urgent repair",
    ),  # urgent
    (
        APPLIANCES,
        "There were sparks coming out the back of my oven and then the whole house tripped",
        "urgent repair",
    ),  # urgent
    (APPLIANCES, "I don't want to book anyone yet, I just want to know what it'd cost", "prices"),  # negation
    (
        APPLIANCES,
        "It's not a new fault, it's the one your engineer supposedly fixed three weeks ago",
        "warranty",
    ),  # negation
    (
        APPLIANCES,
        "Not a repair, I just need the little lint trap for my dryer, I can fit it myself",
        "spare parts",
    ),  # negation
    (
        APPLIANCES,
        "I need to cancel Wednesday's engineer visit, and also how much is a new door seal?",
        "existing booking",
    ),  # two-topic
    (
        APPLIANCES,
        "Can I get someone round to fix my oven that won't heat up, and do you sell the shelves for it as well?",
        "book a repair",
    ),  # two-topic
    (
        APPLIANCES,
        "Main thing is the washer you repaired is broken again, oh and what do you charge to look at a cooker hood as well?",
        "warranty",
    ),  # two-topic
    (APPLIANCES, "Can you fix a cracked laptop screen?", "none"),  # none
    (
        APPLIANCES,
        "I'd like to buy a brand new fridge freezer, what models have you got in stock?",
        "none",
    ),  # none
    (APPLIANCES, "Do you service gas boilers?", "none"),  # none
    (APPLIANCES, "Can you re-gas the air con in my car?", "none"),  # none
    (
        APPLIANCES,
        "My dish was her won't drain, can I book someone to come out?",
        "book a repair",
    ),  # misrecognition
    (APPLIANCES, "Is my repair still under the war and tea?", "warranty"),  # misrecognition
    (APPLIANCES, "Can you put me through to someone in the office please?", "operator"),  # operator
    (APPLIANCES, "I'd like to speak to the manager, please", "operator"),  # operator
    # ---------------- GOLF ----------------
    (GOLF, "I'd like to book a tee time for Saturday morning", "tee times"),  # plain
    (GOLF, "I'm interested in membership", "membership"),  # plain
    (GOLF, "Can I book a golf lesson?", "lessons"),  # plain
    (GOLF, "Pro shop please, I want to ask about some clubs", "pro shop"),  # plain
    (GOLF, "Can four of us get out on the course this Sunday, about nine-ish?", "tee times"),  # paraphrase
    (GOLF, "What are the yearly fees to become a member?", "membership"),  # paraphrase
    (
        GOLF,
        "My slice is terrible, is there someone who could help me sort my swing out?",
        "lessons",
    ),  # paraphrase
    (GOLF, "Have you got any Pro V1s in, and what sizes of gloves do you stock?", "pro shop"),  # paraphrase
    (
        GOLF,
        "We're organising a day out on the course for about thirty people from work with a meal afterwards",
        "functions",
    ),  # paraphrase
    (GOLF, "Is there space for two for a roast this weekend in the clubhouse?", "restaurant"),  # paraphrase
    (
        GOLF,
        "Hi, um, so I've been playing as a visitor a few times this summer and I've really enjoyed it, so basically I'm wondering how I'd go about, er, signing up properly, and what the waiting list's like",
        "membership",
    ),  # long
    (
        GOLF,
        "Hello there, my daughter's twelve and she's been hitting balls with her grandad, and um, she's really keen now, so do you do anything for juniors, like a group for kids her age?",
        "lessons",
    ),  # long
    (
        GOLF,
        "Yeah so we're getting married next September and my fiancé's dad plays at yours, so, er, we wondered if we could have a look at the room and talk about prices for the reception",
        "functions",
    ),  # long
    (
        GOLF,
        "Hi, um, my wife bought me one of your vouchers for my birthday and, er, I've been meaning to get a new driver for ages, so basically can I come in and get measured up for one?",
        "pro shop",
    ),  # long
    (
        GOLF,
        "Morning, it's, er, Dave Hughes, I've got a four-ball booked for half eight tomorrow but one of the lads has dropped out, so can we change it to a three-ball or do we lose the slot?",
        "tee times",
    ),  # long
    (
        GOLF,
        "We're stuck on the M6, we're due off the first at ten past two and we're not going to make it, can you push us back?",
        "tee times",
    ),  # urgent
    (
        GOLF,
        "The coach with forty guests for our society day is arriving in half an hour and nobody's set up the room",
        "functions",
    ),  # urgent
    (
        GOLF,
        "I'm meant to be with the pro at twelve and I've just got a flat tyre, can somebody let him know?",
        "lessons",
    ),  # urgent
    (
        GOLF,
        "I'm not a member and I don't want to join, I just want to pay and play on Tuesday",
        "tee times",
    ),  # negation
    (GOLF, "Not a lesson, I just want to buy a new putter", "pro shop"),  # negation
    (
        GOLF,
        "I don't want to play golf, I just want to book a table for dinner on Friday",
        "restaurant",
    ),  # negation
    (
        GOLF,
        "Mainly I want to sort out renewing my membership, and while I'm on, can you get me out on the course next week?",
        "membership",
    ),  # two-topic
    (
        GOLF,
        "Can I book a tee time for Thursday at eleven, and do you sell waterproofs in the shop?",
        "tee times",
    ),  # two-topic
    (
        GOLF,
        "We want to book the function room for Dad's seventieth, and also can we have a table for four this Friday?",
        "functions",
    ),  # two-topic
    (GOLF, "Can I book one of your tennis courts for tomorrow?", "none"),  # none
    (GOLF, "Do you have a swimming pool I could use?", "none"),  # none
    (GOLF, "Can I get a fishing permit for the lake by the ninth hole?", "none"),  # none
    (GOLF, "I'd like to book a massage at the spa", "none"),  # none
    (
        GOLF,
        "Can I book a tea time on the first for a four-ball at eight on Sunday?",
        "tee times",
    ),  # misrecognition
    (GOLF, "I'd like some info on member ship please", "membership"),  # misrecognition
    (GOLF, "Is the general manager around? I'd like a word with him", "operator"),  # operator
    (GOLF, "Could I have a quick word with someone at reception?", "operator"),  # operator
    # ---------------- PETS ----------------
    (PETS, "I'm after some dog food", "pet food and supplies"),  # plain
    (PETS, "Is that aquatics? I've got a question about fish", "aquatics"),  # plain
    (PETS, "Can I book a dog grooming appointment?", "dog grooming"),  # plain
    (PETS, "I'm calling about my order", "orders and delivery"),  # plain
    (
        PETS,
        "Have you got any guinea pigs in at the moment? My son's desperate for one",
        "animals for sale",
    ),  # paraphrase
    (
        PETS,
        "My spaniel's looking like a scruffy mop, can she get a bath and a trim this week?",
        "dog grooming",
    ),  # paraphrase
    (
        PETS,
        "I need a new pump and some of that stuff that takes the chlorine out of tap water, for my tropical setup",
        "aquatics",
    ),  # paraphrase
    (
        PETS,
        "Do you stock the big bags of wood pellet bedding for a rabbit hutch?",
        "pet food and supplies",
    ),  # paraphrase
    (PETS, "Where's my parcel? It was meant to come yesterday", "orders and delivery"),  # paraphrase
    (PETS, "My daughter wants a bearded dragon, do you sell them?", "animals for sale"),  # paraphrase
    (
        PETS,
        "Hi, um, so we've just adopted a rescue cat and, er, literally we've got nothing, so basically I need a litter tray, a scratching post and whatever food you'd recommend for an older cat",
        "pet food and supplies",
    ),  # long
    (
        PETS,
        "Yeah hi, so I've had goldfish in a bowl for years and, um, I'm thinking it's time to upgrade them to a proper setup with a filter, and I wondered what size you'd suggest for two of them",
        "aquatics",
    ),  # long
    (
        PETS,
        "Hello, um, I ordered a big bag of Royal Canin on your website on Monday and, er, it said pick up in store, but I haven't had the email yet so I don't know if it's ready",
        "orders and delivery",
    ),  # long
    (
        PETS,
        "Oh hi, so my little boy's birthday is coming up and basically he's been on at us for ages about a hamster, so um I wanted to know if you've got any and what else we'd need",
        "animals for sale",
    ),  # long
    (
        PETS,
        "Hi, er, my cockapoo is getting really matted behind the ears and the lady who used to do her has retired, so I was wondering if you've got anything free next week for a full groom",
        "dog grooming",
    ),  # long
    (
        PETS,
        "The heater's packed in and the water's gone cold, my tropical fish are just sitting at the bottom",
        "aquatics",
    ),  # urgent
    (
        PETS,
        "My dog's on a special kidney diet and I've just run out, have you got the Hill's k/d in today?",
        "pet food and supplies",
    ),  # urgent
    (
        PETS,
        "My delivery still hasn't turned up and I've got nothing to feed the dogs tonight",
        "orders and delivery",
    ),  # urgent
    (PETS, "Not dog stuff, I need food for my parrot", "pet food and supplies"),  # negation
    (
        PETS,
        "I don't want to buy anything today, I just want to book my poodle in for a clip",
        "dog grooming",
    ),  # negation
    (
        PETS,
        "It's not about an order, I want to know if you've got any corn snakes",
        "animals for sale",
    ),  # negation
    (
        PETS,
        "Can I book the dog in for a wash and cut on Saturday, and do you sell flea collars as well?",
        "dog grooming",
    ),  # two-topic
    (
        PETS,
        "I need some koi for the pond in the garden, and can I get a bag of bird seed while I'm there?",
        "aquatics",
    ),  # two-topic
    (
        PETS,
        "Where's my online order got to, and have you got any hamsters in?",
        "orders and delivery",
    ),  # two-topic
    (PETS, "Can my cat have her jabs done with you?", "none"),  # none
    (PETS, "Do you do dog walking? I'm at work all day", "none"),  # none
    (PETS, "Can I book my dog into kennels for a week in August?", "none"),  # none
    (PETS, "Do you run puppy training classes?", "none"),  # none
    (PETS, "I need some stuff for my fish tan, the water's gone all cloudy", "aquatics"),  # misrecognition
    (PETS, "I want to book a dog broom for Friday", "dog grooming"),  # misrecognition
    (PETS, "Can I speak to someone who actually works there please?", "operator"),  # operator
    (PETS, "Is Karen in? She usually helps me", "operator"),  # operator
    # ---------------- DANCE ----------------
    (DANCE, "I want to ask about children's classes", "children's classes"),  # plain
    (DANCE, "Do you do adult classes?", "adult classes"),  # plain
    (DANCE, "I'm calling about a wedding dance", "wedding dance"),  # plain
    (DANCE, "I'd like to hire a studio", "studio hire"),  # plain
    (
        DANCE,
        "My four-year-old's obsessed with tutus, is there something she could start on Saturdays?",
        "children's classes",
    ),  # paraphrase
    (
        DANCE,
        "I'm fifty-two and I've always fancied learning the tango, is there anything for grown-ups?",
        "adult classes",
    ),  # paraphrase
    (
        DANCE,
        "We're getting hitched in June and neither of us can dance, can you help us not look daft?",
        "wedding dance",
    ),  # paraphrase
    (DANCE, "When can we get seats for the summer performance?", "exams and shows"),  # paraphrase
    (DANCE, "I think I've been charged twice for this term", "fees and accounts"),  # paraphrase
    (DANCE, "Our theatre group needs somewhere to practise on Tuesday evenings", "studio hire"),  # paraphrase
    (
        DANCE,
        "Hi, um, so my son's eight and he's mad about, er, breakdancing and all that, he watches it on YouTube constantly, so basically is there a class he could go to after school?",
        "children's classes",
    ),  # long
    (
        DANCE,
        "Hiya, so me and my friends have done a couple of Zumba things and, um, we fancy trying something a bit more proper, like a ballroom course for newbies on a weekday evening maybe?",
        "adult classes",
    ),  # long
    (
        DANCE,
        "Hello, um, my daughter's doing her grade three tap in, er, March I think, and we haven't had the letter about what time she's on, so I just wanted to check",
        "exams and shows",
    ),  # long
    (
        DANCE,
        "Yeah hi, so I'm a personal trainer and, er, I'm looking for a space with mirrors and a decent floor to run a small class in on Sunday mornings, um, what would that cost?",
        "studio hire",
    ),  # long
    (
        DANCE,
        "Hello, so basically I've just had an email saying we owe for the autumn term but I'm sure I paid it by bank transfer back in September, um, could someone check?",
        "fees and accounts",
    ),  # long
    (
        DANCE,
        "The show's tonight and my daughter still hasn't been given her outfit, what do we do?",
        "exams and shows",
    ),  # urgent
    (
        DANCE,
        "My son's got his grade exam in an hour and he's been sick all morning",
        "exams and shows",
    ),  # urgent
    (
        DANCE,
        "We get married this Saturday and we've had zero practice, can you squeeze us in this week?",
        "wedding dance",
    ),  # urgent
    (DANCE, "It's not for my child, it's for me, I want to start tap", "adult classes"),  # negation
    (
        DANCE,
        "We're not after lessons, we just want to rent a room for a run-through",
        "studio hire",
    ),  # negation
    (
        DANCE,
        "Not about paying, I want to know when my daughter's exam results come out",
        "exams and shows",
    ),  # negation
    (
        DANCE,
        "I need to pay this term's fees, and also can my younger one join the tap class?",
        "fees and accounts",
    ),  # two-topic
    (
        DANCE,
        "Can we book some first dance lessons, and also could you tell me about adult salsa for after the wedding?",
        "wedding dance",
    ),  # two-topic
    (
        DANCE,
        "What time is the dress rehearsal for the show, and also is there a class in half term?",
        "exams and shows",
    ),  # two-topic
    (DANCE, "Do you do swimming lessons for toddlers?", "none"),  # none
    (DANCE, "Can you teach me piano?", "none"),  # none
    (DANCE, "I need a DJ for my fortieth birthday party", "none"),  # none
    (DANCE, "Is that the gym? I want to freeze my membership", "none"),  # none
    (DANCE, "Do you do bally for little ones?", "children's classes"),  # misrecognition
    (DANCE, "I'm after your studio higher prices for a Saturday", "studio hire"),  # misrecognition
    (DANCE, "Can I talk to Miss Louise please?", "operator"),  # operator
    (DANCE, "I'd rather speak to somebody in person, is anyone in the office?", "operator"),  # operator
    # ---------------- TATTOO ----------------
    (TATTOO, "I want to book a tattoo", "tattoo booking"),  # plain
    (TATTOO, "Are you doing piercings today?", "piercing"),  # plain
    (TATTOO, "I've got a question about aftercare", "aftercare"),  # plain
    (TATTOO, "I'm ringing about laser removal", "laser removal"),  # plain
    (
        TATTOO,
        "I've got a design for a half sleeve and I'd like to get in with one of your artists",
        "tattoo booking",
    ),  # paraphrase
    (
        TATTOO,
        "Can my sixteen-year-old get her belly button done if I come with her?",
        "piercing",
    ),  # paraphrase
    (TATTOO, "My new ink is flaking loads, is that normal?", "aftercare"),  # paraphrase
    (
        TATTOO,
        "What would a small bit of script on my wrist set me back, roughly?",
        "prices and deposits",
    ),  # paraphrase
    (TATTOO, "I can't make Friday anymore, can we push it back a week?", "change appointment"),  # paraphrase
    (
        TATTOO,
        "I've got my ex's name on my arm and I want it gone completely, not covered",
        "laser removal",
    ),  # paraphrase
    (
        TATTOO,
        "Hi, um, so I've been following Jay on Instagram for ages and, er, I really love his fine line stuff, so basically I'd like to get something on my ribs from him when he's next got space",
        "tattoo booking",
    ),  # long
    (
        TATTOO,
        "Hiya, so I got my helix done there about, um, two weeks ago and I've been cleaning it with the spray, but it's still a bit crusty, so is that, er, normal or should I be worried?",
        "aftercare",
    ),  # long
    (
        TATTOO,
        "Hello, um, I'm thinking of getting my mum a voucher for her birthday because she's always wanted a little tattoo, er, do you do those and can you post them out?",
        "prices and deposits",
    ),  # long
    (
        TATTOO,
        "Yeah hi, so I'm booked in with Mia on the fourteenth but, um, I'm actually going to be away with work, so basically I need to move it, is that possible without losing my money?",
        "change appointment",
    ),  # long
    (
        TATTOO,
        "Hello, so my daughter's been asking to get her ears done again because the holes closed up, and er, she's fourteen, so I wanted to know what you need from me",
        "piercing",
    ),  # long
    (
        TATTOO,
        "My tattoo from Saturday's gone hot and really swollen and there's red lines spreading up my arm",
        "aftercare",
    ),  # urgent
    (TATTOO, "My lip ring's oozing yellow stuff and my whole lip's puffed right up", "aftercare"),  # urgent
    (
        TATTOO,
        "My new tattoo's come up in a raised itchy rash and it's getting worse by the hour",
        "aftercare",
    ),  # urgent
    (TATTOO, "It's not a tattoo, I'd like my septum done", "piercing"),  # negation
    (
        TATTOO,
        "I don't want to book anything, I just want to know what your hourly rate is",
        "prices and deposits",
    ),  # negation
    (
        TATTOO,
        "I'm not after a new one, I want the one I've got lightened so it can be covered",
        "laser removal",
    ),  # negation
    (
        TATTOO,
        "I need to cancel Tuesday's appointment, and also do you do gift vouchers?",
        "change appointment",
    ),  # two-topic
    (
        TATTOO,
        "I'd like to book in for a small tattoo on my ankle, and can I get my nose done at the same time?",
        "tattoo booking",
    ),  # two-topic
    (
        TATTOO,
        "My piercing's looking nasty and I'm worried about it, oh and how much is a new bar?",
        "aftercare",
    ),  # two-topic
    (TATTOO, "Do you do teeth whitening?", "none"),  # none
    (TATTOO, "Can I get gel nails done?", "none"),  # none
    (TATTOO, "Do you do lip fillers?", "none"),  # none
    (TATTOO, "Can you print some T-shirts with our band logo on?", "none"),  # none
    (TATTOO, "Can I get a tat two booked in with Jay?", "tattoo booking"),  # misrecognition
    (TATTOO, "Do you do laser rim oval on old tattoos?", "laser removal"),  # misrecognition
    (TATTOO, "Can I speak to the owner please?", "operator"),  # operator
    (TATTOO, "Is there a real person I can chat to?", "operator"),  # operator
    # ---------------- WINDOWS ----------------
    (WINDOWS, "I'd like a quote for window cleaning", "new quote"),  # plain
    (WINDOWS, "I want to pay my bill", "payments"),  # plain
    (WINDOWS, "Do you do gutter clearing?", "gutters"),  # plain
    (WINDOWS, "I'm calling about conservatory roof cleaning", "conservatory and solar"),  # plain
    (
        WINDOWS,
        "We've just moved to Elm Grove and we're after someone to do our windows every month",
        "new quote",
    ),  # paraphrase
    (WINDOWS, "Your lad didn't turn up on Tuesday like he normally does", "regular cleans"),  # paraphrase
    (
        WINDOWS,
        "We're off on holiday for three weeks so there's no point coming while we're away",
        "regular cleans",
    ),  # paraphrase
    (
        WINDOWS,
        "Can I set it up so it comes out of my bank automatically each month?",
        "payments",
    ),  # paraphrase
    (
        WINDOWS,
        "The panels on our roof aren't making as much electricity, I think they're filthy",
        "conservatory and solar",
    ),  # paraphrase
    (
        WINDOWS,
        "The glass was left all smeary after yesterday, you can see every mark when the sun's on it",
        "complaints",
    ),  # paraphrase
    (
        WINDOWS,
        "Hi, um, so there's, er, moss and leaves and all sorts growing out of the guttering at the front, and every time it rains it just overflows, so can somebody come and clear it out?",
        "gutters",
    ),  # long
    (
        WINDOWS,
        "Hello, so we've got one of those big Victorian-style glass extensions on the back and basically the roof's gone green, um, you can barely see through it, is that something you'd do?",
        "conservatory and solar",
    ),  # long
    (
        WINDOWS,
        "Yeah hi, it's Mrs Patel at number twelve, um, I'm having some building work done so basically can you leave the back windows for the next couple of months and just do the front?",
        "regular cleans",
    ),  # long
    (
        WINDOWS,
        "Hi, um, I've just got a letter saying I'm two months behind but, er, I always leave the cash under the mat for your chap, so I'm a bit confused about what's happened",
        "payments",
    ),  # long
    (
        WINDOWS,
        "Morning, so I run a little café on the high street and, er, the shop front's looking a bit grim, so I wanted to know what you'd charge to come every fortnight",
        "new quote",
    ),  # long
    (
        WINDOWS,
        "Your cleaner's ladder just went through my greenhouse roof and there's broken glass all over the lawn",
        "complaints",
    ),  # urgent
    (
        WINDOWS,
        "Rainwater's pouring over the edge of the roof and down the front wall in this storm, it's coming in round the window frame",
        "gutters",
    ),  # urgent
    (
        WINDOWS,
        "We've never used you before but the estate agent's photographer is coming first thing tomorrow and our windows are filthy, can anyone come today?",
        "new quote",
    ),  # urgent
    (WINDOWS, "I don't want a regular clean, just a one-off before we move out", "new quote"),  # negation
    (WINDOWS, "It's not a complaint, I just want to move our day to a Friday", "regular cleans"),  # negation
    (WINDOWS, "It's not the windows, it's the guttering that needs doing", "gutters"),  # negation
    (
        WINDOWS,
        "Can you do my solar panels, and also while you're up there, what would a gutter clear cost?",
        "conservatory and solar",
    ),  # two-topic
    (
        WINDOWS,
        "I want to complain about the streaks left on my windows, and also can I pay by card now?",
        "complaints",
    ),  # two-topic
    (
        WINDOWS,
        "Can I pay what I owe, and also can you switch us to every eight weeks?",
        "payments",
    ),  # two-topic
    (WINDOWS, "Do you do carpet cleaning as well?", "none"),  # none
    (WINDOWS, "One of my windows is cracked, can you replace the glass?", "none"),  # none
    (WINDOWS, "Can you sweep my chimney?", "none"),  # none
    (WINDOWS, "Do you clean ovens?", "none"),  # none
    (WINDOWS, "How much to clean a conservative tree roof?", "conservatory and solar"),  # misrecognition
    (WINDOWS, "I'd like to set up a direct debate please", "payments"),  # misrecognition
    (WINDOWS, "Can I speak to the boss please?", "operator"),  # operator
    (WINDOWS, "Is Steve about? I need a word with him", "operator"),  # operator
    # ---------------- FEET ----------------
    (FEET, "I'd like to book a chiropody appointment", "appointments"),  # plain
    (FEET, "I want to ask about nail surgery", "nail surgery"),  # plain
    (FEET, "Do you do home visits?", "home visits"),  # plain
    (FEET, "I need some orthotics", "orthotics"),  # plain
    (
        FEET,
        "My toenails have got too thick for me to manage myself, can someone see me?",
        "appointments",
    ),  # paraphrase
    (FEET, "I need to move my Thursday slot to the following week", "existing appointment"),  # paraphrase
    (
        FEET,
        "My arches ache after running and the physio said I should get something made for inside my trainers",
        "orthotics",
    ),  # paraphrase
    (
        FEET,
        "The side of my big toenail keeps digging into the skin, I think it needs taking out",
        "nail surgery",
    ),  # paraphrase
    (
        FEET,
        "My dad's ninety and can't get out of the house, could someone come to him for his feet?",
        "home visits",
    ),  # paraphrase
    (FEET, "Will Bupa cover it if I come to you?", "prices and insurance"),  # paraphrase
    (
        FEET,
        "Hi, um, so I've got this hard lump on the ball of my foot, I think it's a corn, and er, it's like walking on a stone all day, so can I get in to have it sorted?",
        "appointments",
    ),  # long
    (
        FEET,
        "Hello, so my little girl's got these, um, warty things on the bottom of her foot, we've tried the stuff from the chemist for months and basically nothing's working, can you get rid of them?",
        "nail surgery",
    ),  # long
    (
        FEET,
        "Yeah hi, so I'm, er, training for the London Marathon and my shins keep hurting, and someone at the running club said I should get the way I run looked at properly",
        "orthotics",
    ),  # long
    (
        FEET,
        "Hi, um, I'm ringing for my mum actually, she's got her appointment on Monday at ten, but, er, she's had a fall so basically she won't make it and we need to call it off",
        "existing appointment",
    ),  # long
    (
        FEET,
        "Hello, so I had my feet done with you last month and, er, my health cover company wants a proper invoice with your registration number on, um, can you email me one?",
        "prices and insurance",
    ),  # long
    (
        FEET,
        "I'm diabetic and there's a sore on my heel that's gone black round the edges",
        "urgent foot problem",
    ),  # urgent
    (
        FEET,
        "My toe's gone red and hot and swollen and the redness is spreading up my foot",
        "urgent foot problem",
    ),  # urgent
    (
        FEET,
        "There's a cut on the bottom of my foot that's been weeping for two weeks and it smells",
        "urgent foot problem",
    ),  # urgent
    (
        FEET,
        "I don't need a nail trim, I want my ingrown toenail sorted properly with the operation",
        "nail surgery",
    ),  # negation
    (
        FEET,
        "I don't want to book, I just want to know how much a first appointment costs",
        "prices and insurance",
    ),  # negation
    (
        FEET,
        "It's not that I want to come in, I need someone to come out to my mum's house",
        "home visits",
    ),  # negation
    (
        FEET,
        "I need to cancel my appointment on Friday, and can you tell me if you take Simplyhealth?",
        "existing appointment",
    ),  # two-topic
    (
        FEET,
        "Can I get booked in to have my hard skin done, and also do you sell those insoles?",
        "appointments",
    ),  # two-topic
    (
        FEET,
        "Mainly I want to know about getting custom insoles made, and also do you do verrucas?",
        "orthotics",
    ),  # two-topic
    (FEET, "Can you look at my knee? I think I've done my ligament", "none"),  # none
    (FEET, "Do you do gel polish on toenails?", "none"),  # none
    (FEET, "Can I book an eye test?", "none"),  # none
    (FEET, "I need a hearing test for my dad", "none"),  # none
    (FEET, "I need some in souls made for my flat feet", "orthotics"),  # misrecognition
    (FEET, "I've got an in growing toe nail that needs cutting out", "nail surgery"),  # misrecognition
    (FEET, "Could I speak to the receptionist please?", "operator"),  # operator
    (FEET, "Is Mr Okafor available to speak to?", "operator"),  # operator
]
