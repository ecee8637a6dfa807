"""Made-up lines of eight more trades (a funeral director, a roofing company, a day nursery, a cake
bakery, a theatre box office, a solar panel installer, a care home and a phone and tablet repair
shop), 32 requests each in the labelled sets' kinds, written on 2026-12-02 by a third helper given
only this file's format and the kinds, who never saw the matcher, its rules, another line's phrases
or any result. Routed as they came, at e0d5023: 122 / 139 / 154 of 256 (phrases only / with the
tier / with the deep tier too), below the second eight's 155 / 170 / 182 with the same rules.
Once its misses are read, this is development data too, with a floor in
tests/test_routing_accuracy.py."""

# ruff: noqa: E501 (a long request is kept on one line, as the caller said it)
from __future__ import annotations

from testkit.lines import made_up_line

FUNERAL = made_up_line(
    "Hollins and Daughter Funeral Directors",
    (
        "report a death",
        "Tell us someone has died and we'll come to bring them into our care, day or night.",
        ["someone has died", "report a death", "collect the deceased", "death at home"],
        "Someone has just died and the caller needs us to come and take them into our care.",
    ),
    (
        "arrange a funeral",
        "Plan a funeral service, burial or cremation.",
        ["arrange a funeral", "plan a funeral", "burial", "cremation"],
        "The caller wants to plan and book a funeral service for someone who has died.",
    ),
    (
        "funeral costs",
        "Prices, quotes and paying your account.",
        ["funeral prices", "how much", "quote", "invoice"],
        "The caller wants to know what a funeral costs or has a question about paying for one.",
    ),
    (
        "visit the chapel of rest",
        "Book a time to see your loved one before the funeral.",
        ["chapel of rest", "viewing", "see my mum"],
        "The caller wants to come in and see the person who has died before the funeral.",
    ),
    (
        "pre-paid plans",
        "Plan and pay for your own funeral in advance.",
        ["funeral plan", "pay in advance", "prepaid plan"],
        "The caller wants to set up or ask about a plan for their own future funeral.",
    ),
    (
        "flowers and memorials",
        "Funeral flowers, headstones and memorial plaques.",
        ["flowers", "headstone", "memorial", "plaque"],
        "The caller wants to order funeral flowers or a headstone or memorial.",
    ),
)

ROOFING = made_up_line(
    "Apex Roofing and Guttering",
    (
        "emergency leak",
        "Same-day callout for a roof leaking now or storm damage.",
        ["roof leaking", "emergency", "storm damage", "leak"],
        "Water is coming in or the roof has just been damaged and needs someone out today.",
    ),
    (
        "free quote",
        "Book a surveyor to price a new roof or repairs.",
        ["quote", "estimate", "new roof", "price"],
        "The caller wants someone to come and price up roofing work.",
    ),
    (
        "gutters and fascias",
        "Gutter cleaning and repairs, replacement fascias and soffits.",
        ["gutters", "gutter cleaning", "fascias", "soffits"],
        "The caller wants their gutters cleared or fixed, or fascias and soffits replaced.",
    ),
    (
        "chimney work",
        "Chimney repointing, flashing, pots and removal.",
        ["chimney", "repointing", "flashing", "chimney stack"],
        "The caller needs work done on a chimney.",
    ),
    (
        "existing job",
        "Questions about work we're booked to do.",
        ["my booking", "when are you coming", "job update", "start date"],
        "The caller already has work booked with us and wants an update or to change it.",
    ),
    (
        "warranty and complaints",
        "Problems with work we've done and guarantee claims.",
        ["guarantee", "warranty", "complaint", "problem with your work"],
        "Something is wrong with work we've done and the caller wants it put right.",
    ),
)

NURSERY = made_up_line(
    "Little Acorns Day Nursery",
    (
        "new places",
        "Register for a place, join the waiting list or come and look round.",
        ["new place", "waiting list", "look round", "register"],
        "A parent wants a place for their child or to come and look round.",
    ),
    (
        "absence and illness",
        "Tell us your child is off sick or won't be in.",
        ["off sick", "absence", "not coming in", "won't be in today"],
        "A parent is telling us their child won't be in.",
    ),
    (
        "fees and funding",
        "Fees, invoices, and the 15 and 30 funded hours.",
        ["fees", "invoice", "funded hours", "30 hours", "tax-free childcare"],
        "The caller has a question about paying for childcare or government-funded hours.",
    ),
    (
        "change sessions",
        "Add, drop or swap your child's days.",
        ["change days", "extra session", "swap days", "drop a day"],
        "A parent wants to change which days or sessions their child attends.",
    ),
    (
        "message for staff",
        "Pass a message to your child's key person or room.",
        ["key person", "pass on a message", "how's my child doing"],
        "A parent wants to talk to or leave a message for the staff looking after their child.",
    ),
    (
        "late collection",
        "Tell us you'll be late picking up your child today.",
        ["running late", "late pick up", "late collection"],
        "A parent won't make it to collect their child on time today.",
    ),
)

BAKERY = made_up_line(
    "Crumb and Co Bakery",
    (
        "order a cake",
        "Order a celebration cake: birthday, wedding or made to your design.",
        ["order a cake", "birthday cake", "wedding cake", "custom cake"],
        "The caller wants to order a new cake for an occasion.",
    ),
    (
        "change an order",
        "Change or cancel a cake you've already ordered.",
        ["change my order", "cancel my order", "existing order"],
        "The caller has already ordered and wants to change or cancel it.",
    ),
    (
        "collection and delivery",
        "Times and arrangements for picking up or delivering your order.",
        ["collection", "pick up", "delivery", "deliver"],
        "The caller wants to arrange or check when and how their order is picked up or delivered.",
    ),
    (
        "allergies and ingredients",
        "Gluten-free, vegan, nut and allergen information.",
        ["allergies", "gluten free", "vegan", "nuts", "ingredients"],
        "The caller wants to know what's in our bakes or whether we can make them free from something.",
    ),
    (
        "opening hours",
        "When the shop is open.",
        ["opening hours", "what time do you open", "open on sunday"],
        "The caller wants to know when the shop is open.",
    ),
    (
        "wholesale",
        "Bread and pastries supplied to cafes, shops and offices.",
        ["wholesale", "trade account", "cafe supply", "bulk order"],
        "A business wants a regular supply of our bread or pastries.",
    ),
)

THEATRE = made_up_line(
    "The Lyceum Theatre Box Office",
    (
        "book tickets",
        "Buy tickets for a show.",
        ["book tickets", "buy tickets", "seats for", "tickets"],
        "The caller wants to buy tickets for a performance.",
    ),
    (
        "existing booking",
        "Change, exchange or resend tickets you've already bought.",
        ["my booking", "exchange tickets", "resend tickets", "change date"],
        "The caller already has tickets and wants to change, exchange or get them sent again.",
    ),
    (
        "refunds",
        "Refunds, and what happens when a performance is cancelled.",
        ["refund", "cancelled performance", "money back"],
        "The caller wants their money back or to know what happens now a show was cancelled.",
    ),
    (
        "access",
        "Wheelchair spaces, captioned and signed performances, companion tickets.",
        ["wheelchair", "access", "captioned", "hearing loop", "companion ticket"],
        "The caller needs help with access or an accessible performance.",
    ),
    (
        "group bookings",
        "Groups of ten or more and school parties.",
        ["group booking", "school trip", "party of ten"],
        "The caller wants to book for a large group or a school.",
    ),
    (
        "what's on",
        "Shows, dates, start and running times.",
        ["what's on", "show times", "running time", "what time does it start"],
        "The caller wants to know what's on and when.",
    ),
    (
        "today's performance",
        "Help with a performance today: late arrival, collecting tickets at the door.",
        ["tonight", "running late", "collect tickets", "today's show"],
        "The caller has tickets for today's performance and needs help before it starts.",
    ),
)

SOLAR = made_up_line(
    "Brightside Solar",
    (
        "get a quote",
        "Free survey and quote for solar panels.",
        ["quote", "solar panels", "survey", "how much"],
        "The caller is thinking about getting solar panels and wants a price.",
    ),
    (
        "battery storage",
        "Add a battery to an existing solar system.",
        ["battery", "add a battery", "storage"],
        "The caller already has panels and wants to add a battery.",
    ),
    (
        "system fault",
        "Panels or inverter not working or producing less.",
        ["not working", "inverter", "fault", "error light"],
        "The caller's solar system isn't working properly.",
    ),
    (
        "safety emergency",
        "Burning smell, smoke, sparking or storm-damaged panels.",
        ["burning smell", "smoke", "sparking", "fire"],
        "Something on the caller's solar system is dangerous right now.",
    ),
    (
        "installation progress",
        "Your booked install, scaffolding, grid connection and paperwork.",
        ["install date", "my installation", "paperwork", "DNO"],
        "The caller has ordered a system and wants to know where their installation is up to.",
    ),
    (
        "export payments",
        "The Smart Export Guarantee and selling electricity back.",
        ["export payments", "smart export guarantee", "feed-in tariff", "sell back"],
        "The caller wants to know about getting paid for the electricity their panels send to the grid.",
    ),
    (
        "cleaning and maintenance",
        "Panel cleaning, health checks and bird proofing.",
        ["cleaning", "service", "maintenance", "bird proofing"],
        "The caller wants their panels cleaned, checked or protected from birds.",
    ),
)

CARE_HOME = made_up_line(
    "Willow Lodge Care Home",
    (
        "arrange a visit",
        "Book a time to visit a resident.",
        ["visit", "visiting times", "book a visit", "come and see mum"],
        "A family member or friend wants to come and see a resident.",
    ),
    (
        "ask about a room",
        "Availability, admissions and looking round for a new resident.",
        ["available rooms", "admission", "move in", "look round"],
        "The caller is looking for a permanent place for someone to live with us.",
    ),
    (
        "how is my relative",
        "An update on a resident's health and wellbeing from the nurse in charge.",
        ["how is mum", "update", "speak to the nurse"],
        "The caller wants to know how a resident is doing.",
    ),
    (
        "fees and funding",
        "Weekly fees, invoices and council or NHS funding.",
        ["fees", "invoice", "council funding", "how much"],
        "The caller has a question about what care costs or how it's paid for.",
    ),
    (
        "respite care",
        "Short stays to give a carer a break.",
        ["respite", "short stay", "carer break"],
        "The caller wants a short temporary stay for someone, usually so a carer can have a break.",
    ),
    (
        "urgent concern",
        "Tell us right now if you're worried a resident is in danger or needs help.",
        ["urgent", "concern", "fallen", "safeguarding"],
        "The caller is worried a resident needs help right now or is at risk.",
    ),
    (
        "careers",
        "Jobs for carers, nurses, cooks and housekeepers.",
        ["jobs", "vacancies", "care assistant", "apply"],
        "The caller wants to work for us.",
    ),
)

PHONE_REPAIR = made_up_line(
    "FixIt Mobile Repairs",
    (
        "screen repair",
        "Cracked or broken screens on phones and tablets.",
        ["cracked screen", "screen repair", "smashed screen", "touch not working"],
        "The caller's phone or tablet screen is broken.",
    ),
    (
        "battery replacement",
        "Batteries that drain fast, swell or won't hold charge.",
        ["battery", "battery replacement", "won't hold charge"],
        "The caller's device battery is worn out or faulty.",
    ),
    (
        "water damage",
        "Phone or tablet got wet? Call now, the sooner the better.",
        ["water damage", "dropped in water", "wet phone"],
        "The caller's device has just got wet and needs help quickly.",
    ),
    (
        "repair status",
        "Check on a device you've left with us.",
        ["repair status", "is my phone ready", "collect my phone"],
        "The caller has left a device with us and wants to know if it's ready.",
    ),
    (
        "data recovery",
        "Getting photos and files off a broken or dead device.",
        ["data recovery", "get my photos back", "transfer data"],
        "The caller wants their photos or files recovered from a device.",
    ),
    (
        "buy or sell",
        "Refurbished phones for sale, and trade-ins.",
        ["refurbished", "trade in", "sell my phone", "buy a phone"],
        "The caller wants to buy a refurbished phone or sell us their old one.",
    ),
    (
        "other repairs",
        "Charging ports, cameras, speakers, microphones and buttons.",
        ["charging port", "camera", "speaker", "buttons"],
        "Something other than the screen or battery on the device is broken.",
    ),
)

ROWS = [
    # ---------------- FUNERAL ----------------
    (FUNERAL, "i need to report a death please", "report a death"),  # plain
    (FUNERAL, "hello i'd like to arrange a funeral for my father", "arrange a funeral"),  # plain
    (FUNERAL, "can i book a time at the chapel of rest", "visit the chapel of rest"),  # plain
    (FUNERAL, "could you tell me your funeral prices", "funeral costs"),  # plain
    (
        FUNERAL,
        "we need to sort out the send-off for my grandad, the church and the hymns and everything",
        "arrange a funeral",
    ),  # paraphrase
    (
        FUNERAL,
        "i'd like to come in and say goodbye to my brother before thursday",
        "visit the chapel of rest",
    ),  # paraphrase
    (
        FUNERAL,
        "roughly what would the simplest service set me back, we haven't got a lot",
        "funeral costs",
    ),  # paraphrase
    (
        FUNERAL,
        "i want to get my own arrangements sorted now so my kids don't have to deal with any of it",
        "pre-paid plans",
    ),  # paraphrase
    (
        FUNERAL,
        "can we get a wreath that spells out nan to go on top of the coffin",
        "flowers and memorials",
    ),  # paraphrase
    (
        FUNERAL,
        "the stone on dad's grave, we'd like mum's name carved on it now as well",
        "flowers and memorials",
    ),  # paraphrase
    (
        FUNERAL,
        "hi sorry um, so my aunt passed last week in hospital and the coroner's released her now, so basically we're ready to start sorting the service itself, the date and the vicar and all that",
        "arrange a funeral",
    ),  # long
    (
        FUNERAL,
        "hello yeah so i'm in my seventies now and i've been thinking, um, i'd rather get everything settled and paid off while i still can, so nobody's left picking up the tab after i'm gone",
        "pre-paid plans",
    ),  # long
    (
        FUNERAL,
        "so er my sister's flying back from australia on friday and she never got to see mum at the end, would it be possible for her to come in and spend a bit of time with her",
        "visit the chapel of rest",
    ),  # long
    (
        FUNERAL,
        "right so the service was last month and you were all wonderful, but um i just wanted to check what's still owing on the account because my brother reckons he paid the deposit already",
        "funeral costs",
    ),  # long
    (
        FUNERAL,
        "hiya, um, it's about my husband, it's been six months and the cemetery says we can put something permanent on his plot now, so basically we'd like to choose a granite one with his photo on",
        "flowers and memorials",
    ),  # long
    (
        FUNERAL,
        "my husband's just passed away in his sleep, he's still here in the bedroom, what do i do",
        "report a death",
    ),  # urgent
    (
        FUNERAL,
        "mum died at the nursing home about an hour ago and they've asked us to get someone to come for her",
        "report a death",
    ),  # urgent
    (
        FUNERAL,
        "the hospice has just rung, dad's gone, they said to ring you to come and take him",
        "report a death",
    ),  # urgent
    (
        FUNERAL,
        "it's not to arrange anything yet, i just want a rough idea of what a cremation would cost",
        "funeral costs",
    ),  # negation
    (
        FUNERAL,
        "no nobody's died, i'm looking to set something up for myself and pay for it now",
        "pre-paid plans",
    ),  # negation
    (
        FUNERAL,
        "we don't want flowers, the family's asked for donations instead, i'm ringing to book a time to see dad",
        "visit the chapel of rest",
    ),  # negation
    (
        FUNERAL,
        "i'd like to come and sit with my wife tomorrow before the service, and also could you send the bill to my son",
        "visit the chapel of rest",
    ),  # two-topic
    (
        FUNERAL,
        "mainly i want to order the sprays for friday's service, oh and what time is the car coming",
        "flowers and memorials",
    ),  # two-topic
    (
        FUNERAL,
        "my father died at home this morning and he's still here, and then later on i'll want to talk about costs",
        "report a death",
    ),  # two-topic
    (FUNERAL, "do you do cremations for pets, our dog died yesterday", "none"),  # none
    (FUNERAL, "can you help me sort out probate and dad's will", "none"),  # none
    (FUNERAL, "do you do the food for the wake, like sandwiches and cakes for fifty", "none"),  # none
    (FUNERAL, "can you do a house clearance of my mum's flat now she's gone", "none"),  # none
    (FUNERAL, "i'd like to a range of funeral for my father", "arrange a funeral"),  # misrecognition
    (
        FUNERAL,
        "can i come to the chapel a vest to see my mother",
        "visit the chapel of rest",
    ),  # misrecognition
    (FUNERAL, "is mr hollins available", "operator"),  # operator
    (FUNERAL, "i'd sooner talk to an actual person if that's alright", "operator"),  # operator
    # ---------------- ROOFING ----------------
    (ROOFING, "i need an emergency leak repair", "emergency leak"),  # plain
    (ROOFING, "can i get a free quote for a new roof", "free quote"),  # plain
    (ROOFING, "i need my gutters cleaned", "gutters and fascias"),  # plain
    (ROOFING, "i've got some chimney work that needs doing", "chimney work"),  # plain
    (
        ROOFING,
        "what would it cost to redo the whole top of the house, the tiles are ancient",
        "free quote",
    ),  # paraphrase
    (
        ROOFING,
        "the white plastic boards under the edge of the roof are rotten and coming away",
        "gutters and fascias",
    ),  # paraphrase
    (
        ROOFING,
        "there's grass growing out of the channel along the front and it overflows every time it rains",
        "gutters and fascias",
    ),  # paraphrase
    (
        ROOFING,
        "the brickwork where the fire goes out the top is crumbling and one of the pots is leaning",
        "chimney work",
    ),  # paraphrase
    (
        ROOFING,
        "your lads were supposed to be starting on ours monday, is that still happening",
        "existing job",
    ),  # paraphrase
    (
        ROOFING,
        "you did our roof in march and the ridge tiles you put on are already coming loose",
        "warranty and complaints",
    ),  # paraphrase
    (
        ROOFING,
        "hi yeah so um we've just bought a house and the survey said the roof's got maybe five years left in it, so basically we'd like someone to come round and tell us what it'd cost to sort",
        "free quote",
    ),  # long
    (
        ROOFING,
        "morning, so er, your scaffolding's been up the side of my house for three weeks now and nobody's been up it since, i just want to know when you're actually planning to crack on",
        "existing job",
    ),  # long
    (
        ROOFING,
        "so basically my neighbour's the one who spotted it, the metal strip round where the stack meets the tiles has lifted and it's sort of flapping, no water in yet but we'd like it sealed",
        "chimney work",
    ),  # long
    (
        ROOFING,
        "hello um, this is a bit awkward, you replaced the flat roof over our kitchen last year and the chap said it'd be covered for ten years, but there's a damp patch on the ceiling again, not dripping or anything",
        "warranty and complaints",
    ),  # long
    (
        ROOFING,
        "hi there, um, so every autumn the leaves off the big oak next door clog everything up along the edge of the roof and the water just pours over the front door, can you come and clear it",
        "gutters and fascias",
    ),  # long
    (
        ROOFING,
        "water's dripping through the light fitting in the bedroom right now",
        "emergency leak",
    ),  # urgent
    (
        ROOFING,
        "the wind last night ripped half the tiles off and there's a hole i can see the sky through",
        "emergency leak",
    ),  # urgent
    (
        ROOFING,
        "a big branch came down on the house an hour ago and rain's getting into the loft",
        "emergency leak",
    ),  # urgent
    (
        ROOFING,
        "it's nothing urgent, nothing's coming in, i'd just like to know what it would cost to redo the porch roof",
        "free quote",
    ),  # negation
    (
        ROOFING,
        "no i don't need pricing up, you're already booked to do ours, i need to move the date",
        "existing job",
    ),  # negation
    (
        ROOFING,
        "not the gutters, it's the chimney, the mortar's falling out all over the path",
        "chimney work",
    ),  # negation
    (
        ROOFING,
        "can you come and look at the crack in the chimney, and while you're up there maybe clear the gutters",
        "chimney work",
    ),  # two-topic
    (
        ROOFING,
        "the main thing is the ceiling's dripping in the back bedroom, but i'd also like a price for new fascias at some point",
        "emergency leak",
    ),  # two-topic
    (
        ROOFING,
        "i'm not happy with the state your lads left my garden in after the job, and also i want another price for the garage roof",
        "warranty and complaints",
    ),  # two-topic
    (ROOFING, "do you put up tv aerials and satellite dishes", "none"),  # none
    (ROOFING, "do you do block paving, i want the drive redoing", "none"),  # none
    (ROOFING, "there's a wasps nest up in the eaves, can you get rid of it", "none"),  # none
    (ROOFING, "do you sell roof tiles to the public, i'll fit them myself", "none"),  # none
    (
        ROOFING,
        "can you sort my butters, they're blocked and overflowing",
        "gutters and fascias",
    ),  # misrecognition
    (ROOFING, "can i get a free coat for a new roof", "free quote"),  # misrecognition
    (ROOFING, "put me through to whoever's in the office", "operator"),  # operator
    (ROOFING, "is dave about? the boss", "operator"),  # operator
    # ---------------- NURSERY ----------------
    (NURSERY, "i'd like to go on the waiting list for a new place", "new places"),  # plain
    (NURSERY, "my son's off sick today", "absence and illness"),  # plain
    (NURSERY, "i've got a question about fees", "fees and funding"),  # plain
    (NURSERY, "i need to change days for my daughter", "change sessions"),  # plain
    (
        NURSERY,
        "does my little one get the government childcare now she's turned three",
        "fees and funding",
    ),  # paraphrase
    (NURSERY, "could she come in on wednesdays as well from next month", "change sessions"),  # paraphrase
    (
        NURSERY,
        "he's had a temperature all night so he's staying home with me",
        "absence and illness",
    ),  # paraphrase
    (
        NURSERY,
        "we're moving to the area in september and need somewhere for our eighteen month old",
        "new places",
    ),  # paraphrase
    (
        NURSERY,
        "can you tell jenny in the toddler room that his cream's in the side pocket of his bag",
        "message for staff",
    ),  # paraphrase
    (
        NURSERY,
        "the bill this month looks a lot higher than usual, can someone check it",
        "fees and funding",
    ),  # paraphrase
    (
        NURSERY,
        "hiya um so i'm going back to work in january, just three days a week, and basically my daughter will be eleven months by then so i'm ringing round to see who's got room for her",
        "new places",
    ),  # long
    (
        NURSERY,
        "hi, sorry it's a bit noisy here, so we've had the bill through and um we thought the government hours had started this term but it looks like we've been charged for everything",
        "fees and funding",
    ),  # long
    (
        NURSERY,
        "hello, so er my shifts are changing at work from next month and basically instead of mondays and tuesdays we'd need thursdays and fridays for oscar if you've got space",
        "change sessions",
    ),  # long
    (
        NURSERY,
        "morning, it's leo's mum, um, so he was up in the night being sick, he's fine now but obviously with your forty-eight hour rule he'll be at home today and tomorrow",
        "absence and illness",
    ),  # long
    (
        NURSERY,
        "hi it's maisie's dad, um, she's been a bit unsettled at drop off the last few days and i just wanted a quick word with the lady who looks after her to see how she is once i've gone",
        "message for staff",
    ),  # long
    (
        NURSERY,
        "the train's been cancelled and i'm not going to make it by six, poppy's still with you",
        "late collection",
    ),  # urgent
    (
        NURSERY,
        "i've just been pulled into an emergency meeting and won't get there before you close",
        "late collection",
    ),  # urgent
    (
        NURSERY,
        "my car's broken down on the bypass, it'll be half six at least before i get to you for alfie",
        "late collection",
    ),  # urgent
    (
        NURSERY,
        "she's not poorly, i'm just ringing to see if she can have an extra afternoon this week",
        "change sessions",
    ),  # negation
    (
        NURSERY,
        "i'm not late or anything, i just wanted his room to know he's not to have any dairy today",
        "message for staff",
    ),  # negation
    (
        NURSERY,
        "no i don't want to change his days, i want to know why the bill's gone up",
        "fees and funding",
    ),  # negation
    (
        NURSERY,
        "i won't get to you till quarter past six for ruby tonight, oh and what are next year's fees",
        "late collection",
    ),  # two-topic
    (
        NURSERY,
        "i want to put my baby's name down for a place, and my older one might need an extra day too",
        "new places",
    ),  # two-topic
    (
        NURSERY,
        "mostly i'm ringing because theo's got chickenpox so he'll be home all week, and also did you get my form",
        "absence and illness",
    ),  # two-topic
    (NURSERY, "do you do an after-school club, my son's eight", "none"),  # none
    (NURSERY, "do you take babies overnight, i work nights at the hospital", "none"),  # none
    (NURSERY, "do you run swimming lessons for toddlers", "none"),  # none
    (NURSERY, "do you sell the uniform for st mary's primary", "none"),  # none
    (NURSERY, "can i put her on the waiting less", "new places"),  # misrecognition
    (NURSERY, "can i ask about the free fun did hours", "fees and funding"),  # misrecognition
    (NURSERY, "could i have a word with the nursery manager", "operator"),  # operator
    (NURSERY, "i need sarah the deputy, is she in", "operator"),  # operator
    # ---------------- BAKERY ----------------
    (BAKERY, "i'd like to order a birthday cake", "order a cake"),  # plain
    (BAKERY, "i need to change my order", "change an order"),  # plain
    (BAKERY, "what are your opening hours", "opening hours"),  # plain
    (BAKERY, "do you do gluten free", "allergies and ingredients"),  # plain
    (
        BAKERY,
        "the one i booked for my daughter's christening, could we swap the lemon sponge for chocolate",
        "change an order",
    ),  # paraphrase
    (BAKERY, "we need something with three tiers for our big day in june", "order a cake"),  # paraphrase
    (BAKERY, "what time can i come and get it on friday", "collection and delivery"),  # paraphrase
    (
        BAKERY,
        "could you make a sponge with no eggs or dairy for my niece",
        "allergies and ingredients",
    ),  # paraphrase
    (BAKERY, "are you about on bank holiday monday", "opening hours"),  # paraphrase
    (
        BAKERY,
        "we run a little coffee shop and we're after croissants every morning",
        "wholesale",
    ),  # paraphrase
    (
        BAKERY,
        "hiya so um my mum's turning seventy next month and we're having a do at the golf club, and basically we'd love something shaped like her little dog, is that the kind of thing you make",
        "order a cake",
    ),  # long
    (
        BAKERY,
        "hi yeah so i put one in last week for the retirement do, but um, they've moved the do to thursday now so i'm wondering if you could have it ready two days earlier",
        "change an order",
    ),  # long
    (
        BAKERY,
        "hello, so er i'm the office manager at a solicitors in town and basically we're looking for someone to supply a tray of pastries every monday for our team meeting, on account",
        "wholesale",
    ),  # long
    (
        BAKERY,
        "morning, um, the cake for saturday's party is all sorted, i'm just wondering, could you bring it round to the village hall rather than me coming in, because i won't have the car",
        "collection and delivery",
    ),  # long
    (
        BAKERY,
        "so my partner's just been diagnosed coeliac and um we come in most weekends for your sourdough, and i'm wondering if anything on the counter is actually safe for him now",
        "allergies and ingredients",
    ),  # long
    (
        BAKERY,
        "the van was meant to be here with the wedding cake at noon and the reception starts in half an hour",
        "collection and delivery",
    ),  # urgent
    (
        BAKERY,
        "the party's in two hours and the one i baked myself has collapsed, have you got anything you could do for me today",
        "order a cake",
    ),  # urgent
    (
        BAKERY,
        "my daughter's lips are tingling after one of your brownies, i need to know right now what was in them",
        "allergies and ingredients",
    ),  # urgent
    (
        BAKERY,
        "i don't want anything new, i just need to cancel the one for tomorrow",
        "change an order",
    ),  # negation
    (
        BAKERY,
        "it's not about a cake, i just want to know if you're open on boxing day",
        "opening hours",
    ),  # negation
    (BAKERY, "no not for a party, it's for my cafe, we'd want loaves every day", "wholesale"),  # negation
    (
        BAKERY,
        "can i move when i'm getting mine to the afternoon, and also do you do vegan brownies",
        "collection and delivery",
    ),  # two-topic
    (
        BAKERY,
        "i'd like a cake made for my son's eighteenth, and what time do you shut today",
        "order a cake",
    ),  # two-topic
    (
        BAKERY,
        "does your carrot cake have walnuts in it, that's the main thing, and how late are you open",
        "allergies and ingredients",
    ),  # two-topic
    (BAKERY, "do you do the wedding flowers as well", "none"),  # none
    (BAKERY, "can you cater a hot buffet for sixty people", "none"),  # none
    (BAKERY, "do you run cake decorating classes", "none"),  # none
    (BAKERY, "could i hire your kitchen for a pop-up one evening", "none"),  # none
    (BAKERY, "i need to change my older from last week", "change an order"),  # misrecognition
    (BAKERY, "do you do glue ten free bread", "allergies and ingredients"),  # misrecognition
    (BAKERY, "could i talk to the baker herself, it's a bit complicated", "operator"),  # operator
    (BAKERY, "i want a manager please", "operator"),  # operator
    # ---------------- THEATRE ----------------
    (THEATRE, "i want to book tickets for saturday", "book tickets"),  # plain
    (THEATRE, "i need a refund", "refunds"),  # plain
    (THEATRE, "what's on next month", "what's on"),  # plain
    (THEATRE, "i'd like to make a group booking", "group bookings"),  # plain
    (THEATRE, "can i get two in the stalls for the friday night of macbeth", "book tickets"),  # paraphrase
    (
        THEATRE,
        "we bought for the 14th but we'd prefer the 21st if there's room",
        "existing booking",
    ),  # paraphrase
    (THEATRE, "my dad uses a chair, is there somewhere he can sit with us", "access"),  # paraphrase
    (THEATRE, "how long is the pantomime, we need to get the kids home", "what's on"),  # paraphrase
    (THEATRE, "the musical got called off last week, how do i get what i paid", "refunds"),  # paraphrase
    (
        THEATRE,
        "i'm a teacher and we'd like to bring year nine to see an inspector calls",
        "group bookings",
    ),  # paraphrase
    (
        THEATRE,
        "hi um so it's my mum's birthday and she absolutely loves the nutcracker, and basically i want to surprise her with a couple of good seats before christmas if there's any left",
        "book tickets",
    ),  # long
    (
        THEATRE,
        "hello yeah so my wife is deaf and um she lip reads mostly but she's always missing half of what's said on stage, so i'm wondering if any nights have the words up on a screen",
        "access",
    ),  # long
    (
        THEATRE,
        "so er i booked online for the comedy night, um, and the email never came through, i've checked spam and everything, could you send them again",
        "existing booking",
    ),  # long
    (
        THEATRE,
        "hiya, um, so we're organising a works christmas outing, there'll be about twenty-five of us, and basically we'd want to all sit together if that's doable",
        "group bookings",
    ),  # long
    (
        THEATRE,
        "hi, um, the opera on the twelfth got pulled because the singer was ill and um, we were told we'd get an email about it but we haven't heard anything and we'd like it paid back to the card",
        "refunds",
    ),  # long
    (
        THEATRE,
        "we're stuck on the motorway and curtain up is in twenty minutes, will they still let us in",
        "today's performance",
    ),  # urgent
    (
        THEATRE,
        "i'm outside now and my phone's died so i can't show the e-tickets, it starts at half seven",
        "today's performance",
    ),  # urgent
    (
        THEATRE,
        "we're at the door and the usher says our seats are for yesterday's date, it starts in ten minutes",
        "today's performance",
    ),  # urgent
    (
        THEATRE,
        "i'm not booking yet, i just want to know which dates the play is on in march",
        "what's on",
    ),  # negation
    (
        THEATRE,
        "i don't want my money back, i'd rather swap them for another night",
        "existing booking",
    ),  # negation
    (
        THEATRE,
        "it's not for a big party, it's just me and my carer, i need the space for my chair",
        "access",
    ),  # negation
    (
        THEATRE,
        "i need to swap mine to next week, and is there a hearing loop",
        "existing booking",
    ),  # two-topic
    (
        THEATRE,
        "can i get four seats for the saturday matinee, and how long does it run for",
        "book tickets",
    ),  # two-topic
    (
        THEATRE,
        "we won't make curtain up at eight, that's the urgent bit, and also i wanted to ask about getting money back for another night",
        "today's performance",
    ),  # two-topic
    (THEATRE, "do you sell tickets for the football at the stadium", "none"),  # none
    (THEATRE, "do you hire out costumes for fancy dress", "none"),  # none
    (THEATRE, "i'm an actor, how do i audition for your next production", "none"),  # none
    (THEATRE, "can i get tickets for the ed sheeran gig at wembley through you", "none"),  # none
    (THEATRE, "can i book tick its for hamlet", "book tickets"),  # misrecognition
    (THEATRE, "do you do any cap shunned shows for the deaf", "access"),  # misrecognition
    (THEATRE, "box office supervisor please", "operator"),  # operator
    (THEATRE, "is there a human being there, this is going round in circles", "operator"),  # operator
    # ---------------- SOLAR ----------------
    (SOLAR, "i'd like a quote for solar panels", "get a quote"),  # plain
    (SOLAR, "i want to add a battery", "battery storage"),  # plain
    (SOLAR, "i think my inverter has a fault", "system fault"),  # plain
    (SOLAR, "i'd like to book a panel cleaning", "cleaning and maintenance"),  # plain
    (
        SOLAR,
        "thinking of putting those roof things in to cut my electric bills, what would it cost for a three bed semi",
        "get a quote",
    ),  # paraphrase
    (
        SOLAR,
        "we've got panels already but all the power goes to waste in the day, can we keep it for the evening",
        "battery storage",
    ),  # paraphrase
    (
        SOLAR,
        "the app's been showing zero generation since tuesday even on sunny days",
        "system fault",
    ),  # paraphrase
    (SOLAR, "when are your fitters actually coming to put ours in", "installation progress"),  # paraphrase
    (SOLAR, "how do i get paid for what i put back into the grid", "export payments"),  # paraphrase
    (
        SOLAR,
        "the pigeons are nesting under our array and it's filthy",
        "cleaning and maintenance",
    ),  # paraphrase
    (
        SOLAR,
        "hi um so we had someone round in may and we signed everything and paid the deposit but basically we've heard nothing since, i'd like to know where we are in the queue",
        "installation progress",
    ),  # long
    (
        SOLAR,
        "hello yes so my neighbour's had them a couple of years and he says they've paid for themselves, and um, we've got a big south-facing roof, so basically i'm wondering what you'd charge to do ours",
        "get a quote",
    ),  # long
    (
        SOLAR,
        "so er it's a bit odd, the little screen on the box in the garage has gone red and it's showing a code, f something, and the roof doesn't seem to be making anything since the power cut",
        "system fault",
    ),  # long
    (
        SOLAR,
        "hiya, um, so we've had the system about a month and i was told i could make a bit of money from the spare electricity, but i've no idea how to sign up for that or who actually pays it",
        "export payments",
    ),  # long
    (
        SOLAR,
        "hello, um, we've had panels on about six years now and nobody's ever looked at them, and basically they're covered in moss from the trees, so i'm wondering if you do a proper check and wash",
        "cleaning and maintenance",
    ),  # long
    (
        SOLAR,
        "there's a crackling noise and a smell like melting plastic coming from the box in the loft",
        "safety emergency",
    ),  # urgent
    (
        SOLAR,
        "one of the panels got blown half off in the gales and it's hanging over the front door",
        "safety emergency",
    ),  # urgent
    (
        SOLAR,
        "the isolator switch by the unit in the garage is scorched black and too hot to touch",
        "safety emergency",
    ),  # urgent
    (
        SOLAR,
        "i don't need new panels, i've got them, i just want something to store the power",
        "battery storage",
    ),  # negation
    (
        SOLAR,
        "it's not an emergency, nothing's burning, but the output's dropped by half",
        "system fault",
    ),  # negation
    (
        SOLAR,
        "i'm not after a price, we've already paid, i'm ringing about when the scaffolding's going up",
        "installation progress",
    ),  # negation
    (
        SOLAR,
        "my inverter keeps beeping and cutting out, and i also want to ask about a battery",
        "system fault",
    ),  # two-topic
    (
        SOLAR,
        "mainly i want a price for panels on our new house, oh and do you clean them too",
        "get a quote",
    ),  # two-topic
    (
        SOLAR,
        "i can smell burning from the cupboard where the inverter is, and there's something about my export payments too",
        "safety emergency",
    ),  # two-topic
    (SOLAR, "can you come and fix my boiler", "none"),  # none
    (SOLAR, "can you switch my electricity supplier for me", "none"),  # none
    (SOLAR, "do you put up wind turbines", "none"),  # none
    (SOLAR, "do you do loft insulation", "none"),  # none
    (SOLAR, "my in verter's stopped working", "system fault"),  # misrecognition
    (SOLAR, "i want to add a bat tree to my panels", "battery storage"),  # misrecognition
    (SOLAR, "mark the engineer, is he about", "operator"),  # operator
    (SOLAR, "i'd like to speak to a person not a machine", "operator"),  # operator
    # ---------------- CARE_HOME ----------------
    (CARE_HOME, "i want to book a visit", "arrange a visit"),  # plain
    (CARE_HOME, "do you have any rooms available", "ask about a room"),  # plain
    (CARE_HOME, "i'd like to ask about respite care", "respite care"),  # plain
    (CARE_HOME, "i've got a question about your fees", "fees and funding"),  # plain
    (CARE_HOME, "can i pop in to my nan's on sunday afternoon", "arrange a visit"),  # paraphrase
    (
        CARE_HOME,
        "has my dad been eating alright this week, he looked thin last time",
        "how is my relative",
    ),  # paraphrase
    (
        CARE_HOME,
        "i'm looking after my husband full time and i'm exhausted, could he stay with you for a fortnight while i get over my operation",
        "respite care",
    ),  # paraphrase
    (
        CARE_HOME,
        "mum can't manage at home any more and the social worker says it's time for a home",
        "ask about a room",
    ),  # paraphrase
    (
        CARE_HOME,
        "the council are meant to be paying part of it, why have i got a bill for the whole month",
        "fees and funding",
    ),  # paraphrase
    (CARE_HOME, "are you taking on any carers, i've just done my nvq", "careers"),  # paraphrase
    (
        CARE_HOME,
        "hi um so my grandad came to live with you last month and i'm up in scotland so i can't get down much, and basically i just want someone to tell me whether he's settled and how he's doing",
        "how is my relative",
    ),  # long
    (
        CARE_HOME,
        "hello, so um we've been looking at a few places for my mother-in-law, she's got dementia and it's getting worse, and er, we'd like to come and see what it's like and whether you'd have space",
        "ask about a room",
    ),  # long
    (
        CARE_HOME,
        "hiya so it's my mum's ninetieth on the fifteenth and um, about eight of us want to come in and have cake with her in the afternoon, is that alright and what time's best",
        "arrange a visit",
    ),  # long
    (
        CARE_HOME,
        "so er i've just finished my care certificate at college and basically i did my placement in a home like yours and loved it, so i'm wondering if there's anything going",
        "careers",
    ),  # long
    (
        CARE_HOME,
        "morning um so i'm having my own knee replaced in march and i'm the one who looks after my sister, and basically she can't be on her own for the six weeks i'm laid up",
        "respite care",
    ),  # long
    (
        CARE_HOME,
        "my mother's just rung me from her room crying, she says she's on the floor and no one's answering her buzzer",
        "urgent concern",
    ),  # urgent
    (
        CARE_HOME,
        "i'm in your car park and i've just seen dad walking out the main gate in his slippers on his own",
        "urgent concern",
    ),  # urgent
    (
        CARE_HOME,
        "my aunt's just texted me saying she can't breathe properly and nobody's come to her",
        "urgent concern",
    ),  # urgent
    (
        CARE_HOME,
        "i'm not ringing to come in, i just want to know how she got on at the doctor's this morning",
        "how is my relative",
    ),  # negation
    (
        CARE_HOME,
        "it's not for a permanent place, just a couple of weeks while we're away on holiday",
        "respite care",
    ),  # negation
    (
        CARE_HOME,
        "no i'm not after a job, i want to know what it costs per week",
        "fees and funding",
    ),  # negation
    (
        CARE_HOME,
        "can i come in on saturday to see my dad, and also can you tell me how he's been",
        "arrange a visit",
    ),  # two-topic
    (
        CARE_HOME,
        "the main thing is dad's just told me on the phone he's been on the floor for an hour, and i also need to talk about the invoice",
        "urgent concern",
    ),  # two-topic
    (
        CARE_HOME,
        "i want to find out about a permanent place for my aunt, and what the weekly fees are",
        "ask about a room",
    ),  # two-topic
    (CARE_HOME, "do you send carers out to people's houses, my dad wants to stay at home", "none"),  # none
    (CARE_HOME, "do you do meals on wheels", "none"),  # none
    (CARE_HOME, "do you sell mobility scooters", "none"),  # none
    (CARE_HOME, "can you help me get power of attorney for mum", "none"),  # none
    (CARE_HOME, "i'd like to ask about rest bite care", "respite care"),  # misrecognition
    (CARE_HOME, "can i book a fizz it for sunday to see my dad", "arrange a visit"),  # misrecognition
    (CARE_HOME, "can i speak to the home manager", "operator"),  # operator
    (CARE_HOME, "reception please", "operator"),  # operator
    # ---------------- PHONE_REPAIR ----------------
    (PHONE_REPAIR, "i need a screen repair", "screen repair"),  # plain
    (PHONE_REPAIR, "i want to check the status of my repair", "repair status"),  # plain
    (PHONE_REPAIR, "i need a battery replacement", "battery replacement"),  # plain
    (PHONE_REPAIR, "i want to trade in my phone", "buy or sell"),  # plain
    (
        PHONE_REPAIR,
        "i sat on my tablet and now there's a spiderweb across the front",
        "screen repair",
    ),  # paraphrase
    (
        PHONE_REPAIR,
        "my phone dies by lunchtime even though it was full when i left the house",
        "battery replacement",
    ),  # paraphrase
    (PHONE_REPAIR, "i dropped it in to you on monday, is it done yet", "repair status"),  # paraphrase
    (
        PHONE_REPAIR,
        "the old phone's dead and all my wedding pictures are stuck on it",
        "data recovery",
    ),  # paraphrase
    (PHONE_REPAIR, "have you got any second hand iphones going cheap", "buy or sell"),  # paraphrase
    (
        PHONE_REPAIR,
        "nobody can hear me on calls unless i put it on loudspeaker",
        "other repairs",
    ),  # paraphrase
    (
        PHONE_REPAIR,
        "hi um so i left my daughter's samsung with you on friday, the lad said two days, and it's now wednesday and basically she's doing my head in asking about it",
        "repair status",
    ),  # long
    (
        PHONE_REPAIR,
        "hello, so er, my nan passed away and her old mobile won't turn on at all, and um, it's got years of her voicemails and pictures on it that we'd really like to keep",
        "data recovery",
    ),  # long
    (
        PHONE_REPAIR,
        "so basically um the lead only works if i hold it at a funny angle, and i've tried three different cables, so i think it's the bit in the bottom of the phone",
        "other repairs",
    ),  # long
    (
        PHONE_REPAIR,
        "hiya, um, so the back of my phone's started bulging out, like the case doesn't fit any more and it's lifting up at one corner, is that something you'd sort",
        "battery replacement",
    ),  # long
    (
        PHONE_REPAIR,
        "hi, um, i got the new model for christmas, so basically my old one's just sitting in a drawer doing nothing and i'm wondering if you'd give me anything for it",
        "buy or sell",
    ),  # long
    (PHONE_REPAIR, "my phone just went in the bath two minutes ago, what do i do", "water damage"),  # urgent
    (
        PHONE_REPAIR,
        "i've just knocked a full cup of tea over my ipad and it's still dripping",
        "water damage",
    ),  # urgent
    (
        PHONE_REPAIR,
        "my phone fell down the toilet just now, i've fished it out, should i turn it off",
        "water damage",
    ),  # urgent
    (
        PHONE_REPAIR,
        "the screen's fine, it's the camera, everything comes out blurry",
        "other repairs",
    ),  # negation
    (
        PHONE_REPAIR,
        "i don't want it fixed, it's not worth it, i just need the photos off it",
        "data recovery",
    ),  # negation
    (
        PHONE_REPAIR,
        "it's not wet or anything, it just goes flat really fast",
        "battery replacement",
    ),  # negation
    (
        PHONE_REPAIR,
        "i need my smashed glass done, and while it's in can you check the battery",
        "screen repair",
    ),  # two-topic
    (PHONE_REPAIR, "is my phone ready to pick up yet, and do you sell cases", "repair status"),  # two-topic
    (
        PHONE_REPAIR,
        "i mainly want to sell my old ipad, but also how much is a new battery for my phone",
        "buy or sell",
    ),  # two-topic
    (PHONE_REPAIR, "do you fix laptops", "none"),  # none
    (PHONE_REPAIR, "can i get a new contract with you, like a network deal", "none"),  # none
    (PHONE_REPAIR, "can you fix my xbox, it won't read discs", "none"),  # none
    (PHONE_REPAIR, "do you repair smart tvs", "none"),  # none
    (PHONE_REPAIR, "i need a scream repair on my iphone", "screen repair"),  # misrecognition
    (PHONE_REPAIR, "can i tray din my old phone", "buy or sell"),  # misrecognition
    (PHONE_REPAIR, "get me kev, the owner", "operator"),  # operator
    (PHONE_REPAIR, "just someone at the counter please", "operator"),  # operator
]
