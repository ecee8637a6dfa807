"""Made-up lines of eight more trades (a garden centre, a print shop, a travel agent, a marina, a
hearing aid clinic, skip hire, a music school, a chimney sweep), 32 requests each in the labelled
sets' kinds, written on 2026-12-02 by a second helper given only this file's format and the kinds,
who never saw the matcher, its rules, another line's phrases or any result. Routed as they came,
with the tier: 160 of 256 at 8459223, where the stop that wrote testkit.unseen began, and 170 at
15bf6bb, after that stop's rules (phrases only 146 -> 155, deep tier 172 -> 182): the rules drawn
from the first eight trades carried to these. Then their misses were read (one rule came of
them), so from then on this is development data too; the floor in tests/test_routing_accuracy.py
keeps what was fixed."""

# ruff: noqa: E501 (a long request is kept on one line, as the caller said it)
from __future__ import annotations

from testkit.lines import made_up_line

GARDEN = made_up_line(
    "Greenleaf Garden Centre",
    (
        "opening hours",
        "when we're open and how to find us",
        ["opening hours", "what time do you close", "directions", "parking"],
        "Callers who want to know when we're open or how to get here.",
    ),
    (
        "plant stock",
        "check if a plant or product is in stock",
        ["in stock", "do you have", "plants", "compost"],
        "Checking whether we have a particular plant or product on the shelves.",
    ),
    (
        "delivery",
        "home delivery of plants, soil and heavy items",
        ["delivery", "deliver", "bulk bags"],
        "Arranging or chasing a delivery of things bought from us.",
    ),
    (
        "cafe",
        "the garden centre cafe and table bookings",
        ["cafe", "book a table", "afternoon tea", "lunch"],
        "Booking a table or asking about the cafe.",
    ),
    (
        "landscaping",
        "garden design and landscaping service",
        ["landscaping", "garden design", "patio", "quote"],
        "People who want us to design or build their garden.",
    ),
    (
        "returns",
        "returns, refunds and our plant guarantee",
        ["refund", "return", "plant died", "guarantee"],
        "Bringing something back, or a plant that died under our guarantee.",
    ),
)

PRINT = made_up_line(
    "Copy Corner Print Shop",
    (
        "print order",
        "order printed flyers, leaflets, booklets and business cards",
        ["flyers", "leaflets", "business cards", "print"],
        "Customers who want something printed in a batch.",
    ),
    (
        "order status",
        "check on an order already placed and when it's ready to collect",
        ["is my order ready", "collect", "order status"],
        "Chasing an order they've already placed or asking when to pick it up.",
    ),
    (
        "design",
        "we design logos, artwork and layouts",
        ["design", "logo", "artwork"],
        "People who need us to create the artwork, not just print it.",
    ),
    (
        "banners and signs",
        "banners, pull-up stands, shop signs and big posters",
        ["banner", "sign", "poster", "pull up"],
        "Big prints like banners, shop signs and vehicle graphics.",
    ),
    (
        "copying and binding",
        "walk-in photocopying, scanning, laminating and thesis binding",
        ["photocopy", "scan", "binding", "laminate"],
        "Walk-in jobs done while you wait: copies, scans, laminating, binding.",
    ),
    (
        "billing",
        "invoices, payments and business accounts",
        ["invoice", "pay", "account", "receipt"],
        "Questions about an invoice, paying a bill, or a business account.",
    ),
)

TRAVEL = made_up_line(
    "Horizon Travel",
    (
        "new booking",
        "book a holiday, flights or a package",
        ["book a holiday", "flights", "package holiday", "cruise"],
        "Someone who wants to book a new trip.",
    ),
    (
        "change booking",
        "amend or cancel an existing booking",
        ["change my booking", "cancel", "amend", "change dates"],
        "People changing or cancelling a trip they've already booked with us.",
    ),
    (
        "payments",
        "pay a deposit or balance, and refunds",
        ["pay balance", "deposit", "payment", "refund"],
        "Paying what they owe on a booking or chasing a refund.",
    ),
    (
        "travel insurance",
        "travel insurance and claims",
        ["insurance", "claim", "cover"],
        "Buying travel insurance or making a claim on it.",
    ),
    (
        "emergency abroad",
        "24-hour help for customers currently travelling",
        ["emergency", "stranded", "lost passport", "missed flight"],
        "Customers who are away right now and in trouble: stranded, missed flights, lost documents.",
    ),
    (
        "visas and documents",
        "visa, passport and entry requirement advice",
        ["visa", "passport", "entry requirements", "esta"],
        "Questions about what documents are needed to travel somewhere.",
    ),
)

MARINA = made_up_line(
    "Kingsway Marina",
    (
        "berths",
        "long term and visitor berths and moorings",
        ["berth", "mooring", "visitor berth", "winter storage"],
        "Renting a berth or mooring, for a night or the season.",
    ),
    (
        "boatyard",
        "lift-outs, antifouling, engine servicing and repairs",
        ["lift out", "engine service", "repair", "antifouling"],
        "Work on a boat: lifting out, servicing, repairs.",
    ),
    (
        "fuel and pump-out",
        "fuel berth and pump-out times and prices",
        ["diesel", "fuel", "pump out"],
        "Buying fuel or using the pump-out.",
    ),
    (
        "berth fees",
        "paying berth fees and account queries",
        ["invoice", "pay", "berth fees", "direct debit"],
        "Paying mooring fees or sorting out an account.",
    ),
    (
        "emergency",
        "urgent help for a boat in trouble in or near the marina",
        ["emergency", "sinking", "taking on water", "broken down"],
        "A boat in trouble right now: taking on water, broken loose or broken down.",
    ),
    (
        "chandlery",
        "the marina shop for ropes, parts and equipment",
        ["chandlery", "shop", "rope", "fenders"],
        "Buying equipment and parts from our shop.",
    ),
)

HEARING = made_up_line(
    "ClearSound Hearing Clinic",
    (
        "hearing test",
        "book a free hearing test",
        ["hearing test", "check my hearing", "appointment"],
        "Booking a hearing assessment.",
    ),
    (
        "aid repairs",
        "repairs and servicing of hearing aids",
        ["repair", "broken", "whistling", "not working"],
        "A hearing aid that's faulty or needs a service.",
    ),
    (
        "batteries and supplies",
        "batteries, domes, wax guards and chargers",
        ["batteries", "domes", "wax guards", "charger"],
        "Ordering batteries and small parts.",
    ),
    (
        "ear wax removal",
        "microsuction ear wax removal",
        ["ear wax", "microsuction", "blocked ears"],
        "Booking ear wax removal.",
    ),
    (
        "prices and finance",
        "prices of hearing aids and payment plans",
        ["price", "cost", "finance", "payment plan"],
        "How much hearing aids cost and ways to pay.",
    ),
)

SKIP = made_up_line(
    "Swift Skip Hire",
    (
        "hire a skip",
        "order a skip, sizes and prices",
        ["hire a skip", "skip sizes", "price", "order"],
        "Someone who wants a skip delivered.",
    ),
    (
        "collection",
        "collect or swap a full skip",
        ["collect", "pick up", "swap", "exchange"],
        "Customers whose skip is full and needs taking away or swapping.",
    ),
    (
        "permits",
        "council permits to put a skip on the road",
        ["permit", "on the road", "council"],
        "Skips that need to go on the street need a permit.",
    ),
    (
        "waste rules",
        "what can and can't go in a skip",
        ["what can go in", "mattress", "plasterboard", "allowed"],
        "Questions about which waste is allowed in the skip.",
    ),
    (
        "invoices",
        "invoices, payments and trade accounts",
        ["invoice", "pay", "account", "receipt"],
        "Paying, invoices, receipts and trade accounts.",
    ),
    (
        "grab hire",
        "grab lorry for muck away and bulk waste",
        ["grab", "grab lorry", "muck away", "soil"],
        "Bulk loose waste like soil and rubble collected by grab lorry.",
    ),
)

MUSIC = made_up_line(
    "Riverside Music School",
    (
        "lessons",
        "book individual lessons for any instrument",
        ["lessons", "piano", "guitar", "singing", "trial lesson"],
        "New students who want to start lessons.",
    ),
    (
        "term fees",
        "paying term fees, invoices and discounts",
        ["fees", "pay", "invoice", "sibling discount"],
        "Paying for lessons and questions about the bill.",
    ),
    (
        "exams",
        "graded exam entries and dates",
        ["exam", "grade", "abrsm", "entry"],
        "Entering students for graded music exams.",
    ),
    (
        "cancel or reschedule",
        "cancel or move a lesson",
        ["cancel", "reschedule", "can't make it", "move lesson"],
        "Existing students missing or moving a lesson.",
    ),
    (
        "holiday workshops",
        "holiday courses and group workshops for kids",
        ["holiday course", "workshop", "summer school", "band"],
        "Group courses for children in the school holidays.",
    ),
    (
        "instrument hire",
        "rent an instrument",
        ["hire", "rent", "violin hire"],
        "Renting an instrument rather than buying.",
    ),
)

CHIMNEY = made_up_line(
    "Sootaway Chimney Sweeps",
    (
        "book a sweep",
        "book a chimney sweep",
        ["sweep", "book", "chimney clean"],
        "Booking a routine chimney sweep.",
    ),
    (
        "certificate",
        "sweeping certificates for insurance or landlords",
        ["certificate", "insurance", "landlord"],
        "People who need paperwork to prove the chimney was swept.",
    ),
    (
        "cowls and bird guards",
        "fit cowls, caps and bird guards",
        ["cowl", "bird guard", "cap", "birds nest"],
        "Fitting caps to keep birds and rain out.",
    ),
    (
        "urgent callout",
        "same-day help for smoking fires and blocked chimneys",
        ["urgent", "smoke in the room", "blocked", "today"],
        "Someone whose fire is smoking back into the house or chimney is blocked and needs help fast.",
    ),
    (
        "stove installation",
        "wood burner and stove installation",
        ["wood burner", "stove", "install", "log burner"],
        "Fitting a new wood burner or multi-fuel stove.",
    ),
    (
        "camera survey",
        "CCTV chimney inspection",
        ["cctv", "camera survey", "inspection", "crack"],
        "Inspecting the inside of a flue with a camera, e.g. when buying a house.",
    ),
)

ROWS = [
    # ---------------- GARDEN ----------------
    (GARDEN, "what are your opening hours", "opening hours"),  # plain
    (GARDEN, "book a table at the cafe", "cafe"),  # plain
    (GARDEN, "do you deliver", "delivery"),  # plain
    (GARDEN, "I'd like a refund please", "returns"),  # plain
    (GARDEN, "what time do you lot shut on a Sunday", "opening hours"),  # paraphrase
    (
        GARDEN,
        "the acer I got from you last month has gone completely crispy and brown and I've watered it like you said",
        "returns",
    ),  # paraphrase
    (
        GARDEN,
        "me and my mum fancy a scone and a pot of tea there on Saturday, can we reserve somewhere to sit",
        "cafe",
    ),  # paraphrase
    (GARDEN, "have you got any of those big Japanese maples in at the moment", "plant stock"),  # paraphrase
    (
        GARDEN,
        "I want someone to rip out the lawn and put in raised beds and a gravel path",
        "landscaping",
    ),  # paraphrase
    (
        GARDEN,
        "the twenty bags of bark I paid for on Tuesday still haven't turned up at my house",
        "delivery",
    ),  # paraphrase
    (
        GARDEN,
        "hiya, yeah, um, so I was in on Saturday with my husband and we bought a big glazed pot, the blue one, and the thing is it won't go in the car, it's only a little Fiesta, so could someone bring it round to ours at some point",
        "delivery",
    ),  # long
    (
        GARDEN,
        "oh hello, sorry, I'm not very good on the phone, um, we've just moved in and the back garden is a complete mess, and we were thinking, you know, maybe some paving and some borders, could somebody come and have a look and tell us what it'd cost",
        "landscaping",
    ),  # long
    (
        GARDEN,
        "right, so, bit of a daft one, I was looking on your website and couldn't see it anywhere, my friend's coming up on the train and we wanted to pop in, what sort of time are you there till on a weekday",
        "opening hours",
    ),  # long
    (
        GARDEN,
        "hello there, I'm ringing because I've been hunting everywhere for a particular clematis, it's called Nelly Moser, and the last place I tried didn't have it, so I was wondering whether you might have one sitting there",
        "plant stock",
    ),  # long
    (
        GARDEN,
        "yes hello, um, I bought one of those solar fountain things about a fortnight ago and, well, it's never actually worked, not once, and I've still got the box and the receipt, so what do I do to get my money back",
        "returns",
    ),  # long
    (
        GARDEN,
        "it's urgent, your driver's dumped the sleepers right across my drive and I can't get the car out for work, I need them moved now",
        "delivery",
    ),  # urgent
    (
        GARDEN,
        "quick, I'm driving over now, are you still open, I've only got half an hour",
        "opening hours",
    ),  # urgent
    (
        GARDEN,
        "we need a table for eight in the cafe in the next twenty minutes, the other place has let us down and it's my dad's birthday",
        "cafe",
    ),  # urgent
    (
        GARDEN,
        "not delivery, I'll collect it myself, I just need to know if you've got the bay trees in",
        "plant stock",
    ),  # negation
    (
        GARDEN,
        "I don't want a refund, I want to book someone to redo the whole front garden",
        "landscaping",
    ),  # negation
    (
        GARDEN,
        "no need to put me through to anyone, just tell me what time you shut tonight",
        "opening hours",
    ),  # negation
    (GARDEN, "I'd like to book a table for Sunday lunch, and also is there parking", "cafe"),  # two-topic
    (
        GARDEN,
        "I'm after a refund on a broken trellis, and while I'm on, what time does the cafe close",
        "returns",
    ),  # two-topic
    (
        GARDEN,
        "can you check if you've got lavender in and if you have can you bring twenty pots out to me",
        "plant stock",
    ),  # two-topic
    (GARDEN, "do you fix lawnmowers, mine won't start", "none"),  # none
    (GARDEN, "can you come and get rid of the moles in my lawn", "none"),  # none
    (GARDEN, "do you buy plants off people, I've got loads of spare cuttings", "none"),  # none
    (GARDEN, "do you rent out allotment plots", "none"),  # none
    (GARDEN, "what time do you clothes today", "opening hours"),  # misrecognition
    (GARDEN, "can I book a tape all for four in the calf a", "cafe"),  # misrecognition
    (GARDEN, "can I speak to the manager please", "operator"),  # operator
    (GARDEN, "is Margaret there, I spoke to her yesterday", "operator"),  # operator
    # ---------------- PRINT ----------------
    (PRINT, "I want to order some flyers", "print order"),  # plain
    (PRINT, "is my order ready", "order status"),  # plain
    (PRINT, "I need a banner", "banners and signs"),  # plain
    (PRINT, "question about my invoice", "billing"),  # plain
    (
        PRINT,
        "I've started a little cake business and I've got no idea what my branding should look like, can someone draw something up for me",
        "design",
    ),  # paraphrase
    (
        PRINT,
        "my dissertation's due in Friday and it has to be put in a hardback cover with gold lettering on the spine",
        "copying and binding",
    ),  # paraphrase
    (
        PRINT,
        "I put something in on Monday for five hundred wedding menus, when can I come and get them",
        "order status",
    ),  # paraphrase
    (
        PRINT,
        "I need about two thousand of those little A5 things to push through doors for my window cleaning round",
        "print order",
    ),  # paraphrase
    (
        PRINT,
        "we're opening a shop on the high street and need the name put up above the front window",
        "banners and signs",
    ),  # paraphrase
    (PRINT, "you've taken money off my card twice for the same job", "billing"),  # paraphrase
    (
        PRINT,
        "hi, um, yeah, so I'm doing a stand at a wedding fair next month, first time I've ever done one, and I need one of those tall roll-up things that stands next to the table with my name and photos on it, how long does that take",
        "banners and signs",
    ),  # long
    (
        PRINT,
        "hello, sorry, I've never done this before, but I've got a load of papers for my visa application, about forty pages, and I need copies of all of it, can I just walk in and you do it while I wait",
        "copying and binding",
    ),  # long
    (
        PRINT,
        "right so my boss asked me to ring, we're a small building firm, and we've had a bill through from you for the van stickers but the amount's different from what we were quoted, so can someone look at that",
        "billing",
    ),  # long
    (
        PRINT,
        "yeah hiya, I dropped off a memory stick on Thursday, it's for my son's football club, the raffle tickets, and you said a couple of days, so I'm just wondering if they're done yet",
        "order status",
    ),  # long
    (
        PRINT,
        "hello, so I run a small yoga studio, and I want some leaflets eventually, but honestly I've got nothing, no pictures, no words, no logo, I need someone to make the whole thing look nice from scratch first",
        "design",
    ),  # long
    (
        PRINT,
        "it's really urgent, I need a hundred order of service booklets for a funeral tomorrow morning",
        "print order",
    ),  # urgent
    (
        PRINT,
        "I need to scan and email a signed contract in the next ten minutes, can I just come in now",
        "copying and binding",
    ),  # urgent
    (
        PRINT,
        "please, it's an emergency, the stuff I ordered for my exhibition stand was meant to be ready at nine and the show opens at eleven, where is it",
        "order status",
    ),  # urgent
    (
        PRINT,
        "not business cards, I need a big vinyl sign for the side of my van",
        "banners and signs",
    ),  # negation
    (
        PRINT,
        "I don't need anything designed, I've got the file ready, I just want five hundred leaflets printed",
        "print order",
    ),  # negation
    (
        PRINT,
        "no need for a person, I just want to know if I can pay the invoice online",
        "billing",
    ),  # negation
    (PRINT, "can I get some flyers printed and also do you do laminating", "print order"),  # two-topic
    (
        PRINT,
        "I want to check if my order's ready and also I'll need a receipt for it",
        "order status",
    ),  # two-topic
    (PRINT, "I need a logo designing and then I'll want it on a banner", "design"),  # two-topic
    (PRINT, "can you fix my printer at home, it keeps jamming", "none"),  # none
    (PRINT, "do you sell ink cartridges for an HP printer", "none"),  # none
    (PRINT, "can you put my old VHS tapes onto DVD", "none"),  # none
    (PRINT, "can you frame a picture for me", "none"),  # none
    (PRINT, "can I get my thesis bounded", "copying and binding"),  # misrecognition
    (PRINT, "I want to order some business cods", "print order"),  # misrecognition
    (PRINT, "can I talk to someone in person", "operator"),  # operator
    (PRINT, "put me through to Raj please", "operator"),  # operator
    # ---------------- TRAVEL ----------------
    (TRAVEL, "holiday booking please", "new booking"),  # plain
    (TRAVEL, "I need to cancel my booking", "change booking"),  # plain
    (TRAVEL, "I want to pay my balance", "payments"),  # plain
    (TRAVEL, "I need travel insurance", "travel insurance"),  # plain
    (
        TRAVEL,
        "we're thinking two weeks in Greece in August for the four of us, what have you got",
        "new booking",
    ),  # paraphrase
    (
        TRAVEL,
        "my husband's had an operation so we can't go on the twelfth, can we go in October instead",
        "change booking",
    ),  # paraphrase
    (
        TRAVEL,
        "what do I need to be let into the States, I've got an Indian passport",
        "visas and documents",
    ),  # paraphrase
    (
        TRAVEL,
        "I'm in Lisbon and the airline's just gone bust, we've got no way home",
        "emergency abroad",
    ),  # paraphrase
    (
        TRAVEL,
        "my camera got stolen off the beach in Spain, how do I get compensated for it",
        "travel insurance",
    ),  # paraphrase
    (TRAVEL, "when's the rest of the money due for our trip to Florida", "payments"),  # paraphrase
    (
        TRAVEL,
        "hello, yes, um, we booked with you back in January, the Canaries, me and my sister, and the thing is my sister's now expecting so she can't fly, and we were wondering if we could put her place over to my friend instead",
        "change booking",
    ),  # long
    (
        TRAVEL,
        "hi love, I'm ringing from the hotel in Tenerife, it's a bit noisy here sorry, the thing is the coach never came to take us to the airport and our flight goes in two hours and nobody's answering at the rep desk",
        "emergency abroad",
    ),  # long
    (
        TRAVEL,
        "so, um, my wife and I, we've been meaning to do this for years, our fortieth anniversary is coming up, and we were thinking maybe one of those river trips down the Danube, something nice, could someone help us sort that out",
        "new booking",
    ),  # long
    (
        TRAVEL,
        "yeah hi, so we called off the Paris trip back in March because of my knee, and they said the money'd go back on the card in a few weeks, but it's June now and nothing's come through",
        "payments",
    ),  # long
    (
        TRAVEL,
        "hello, I'm going to my cousin's wedding in Vietnam in the spring, first time going, and someone at work said you have to apply for something before you go or they won't let you in, is that right",
        "visas and documents",
    ),  # long
    (
        TRAVEL,
        "help, I'm at the airport in Dubai and I've lost my passport, my flight's in three hours",
        "emergency abroad",
    ),  # urgent
    (
        TRAVEL,
        "it's urgent, I've missed my connecting flight in Frankfurt and I'm stuck here with two kids",
        "emergency abroad",
    ),  # urgent
    (
        TRAVEL,
        "please help, my mum's been rushed into hospital in Malaga on our holiday and we don't know what to do",
        "emergency abroad",
    ),  # urgent
    (TRAVEL, "I don't want to cancel, I just want to change the dates", "change booking"),  # negation
    (TRAVEL, "not a new holiday, I'm calling about a claim on my insurance", "travel insurance"),  # negation
    (
        TRAVEL,
        "no need for a person, just tell me if I need a visa for Turkey",
        "visas and documents",
    ),  # negation
    (TRAVEL, "I want to book a week in Crete and I'll need insurance for it too", "new booking"),  # two-topic
    (
        TRAVEL,
        "I need to pay the deposit on the Rome trip, oh and do I need a visa for Italy",
        "payments",
    ),  # two-topic
    (TRAVEL, "can I move our flight to Friday and will that cost extra", "change booking"),  # two-topic
    (TRAVEL, "do you sell foreign currency, I need some euros", "none"),  # none
    (TRAVEL, "do you rent out suitcases", "none"),  # none
    (TRAVEL, "can you sort me out a train season ticket for my commute", "none"),  # none
    (TRAVEL, "I need someone to ship my furniture over to Australia", "none"),  # none
    (TRAVEL, "I need to play the balance on my holiday", "payments"),  # misrecognition
    (TRAVEL, "do I need a visor for India", "visas and documents"),  # misrecognition
    (TRAVEL, "can I speak to Sandra, she booked our holiday", "operator"),  # operator
    (TRAVEL, "I'd like to talk to a real person please", "operator"),  # operator
    # ---------------- MARINA ----------------
    (MARINA, "I'd like a visitor berth for tonight", "berths"),  # plain
    (MARINA, "I need to book a lift out", "boatyard"),  # plain
    (MARINA, "what time is the fuel berth open", "fuel and pump-out"),  # plain
    (MARINA, "I want to pay my berth fees", "berth fees"),  # plain
    (
        MARINA,
        "hello, we come from Holland by sailboat, we need place for the boat two nights",
        "berths",
    ),  # paraphrase
    (MARINA, "my outboard keeps cutting out, can one of your mechanics look at it", "boatyard"),  # paraphrase
    (
        MARINA,
        "we're nearly running on empty, where can we fill up on the way out",
        "fuel and pump-out",
    ),  # paraphrase
    (MARINA, "I need to buy a new lifejacket and a boathook", "chandlery"),  # paraphrase
    (
        MARINA,
        "you've taken money off my card for the whole year but I moved my boat out in March",
        "berth fees",
    ),  # paraphrase
    (
        MARINA,
        "the holding tank's full on our narrowboat, where can we empty it",
        "fuel and pump-out",
    ),  # paraphrase
    (
        MARINA,
        "hello, yes, so, we've just bought our first boat, a little twenty-six foot yacht, and we're completely new to all this, and we'd need somewhere to keep her from April right through to October if you've got any space",
        "berths",
    ),  # long
    (
        MARINA,
        "hi, um, it's the owner of Blue Heron on pontoon C, I've been meaning to ring for ages, the hull's getting really grubby and the paint underneath is flaking, so I was wondering when you could haul her out and do the bottom",
        "boatyard",
    ),  # long
    (
        MARINA,
        "yeah hello, it's a bit of an odd one, my dad used to pay for his boat's spot and he's passed away now and I'm trying to sort out his account and stop the direct debit",
        "berth fees",
    ),  # long
    (
        MARINA,
        "hiya, I'm on my way in, about an hour out, and I'm wondering whether the little shop by the office stocks the gas bottles, the blue Calor ones, because we've run out",
        "chandlery",
    ),  # long
    (
        MARINA,
        "so we're coming through on the river tomorrow, heading up towards Oxford, and we'd want to stop in to fill the tank and empty the loo if that's possible, what time are you open till",
        "fuel and pump-out",
    ),  # long
    (
        MARINA,
        "there's water coming up through the floor of my boat on pontoon B and it's getting deeper",
        "emergency",
    ),  # urgent
    (
        MARINA,
        "urgent, the storm's snapped one of my lines and the boat's smashing against the pontoon",
        "emergency",
    ),  # urgent
    (
        MARINA,
        "engine's died just outside the harbour entrance and we're drifting towards the wall",
        "emergency",
    ),  # urgent
    (
        MARINA,
        "I don't want to buy anything from the shop, I need an engineer to look at my gearbox",
        "boatyard",
    ),  # negation
    (MARINA, "not a permanent berth, just one night please", "berths"),  # negation
    (
        MARINA,
        "no need to transfer me, just tell me how much diesel is per litre",
        "fuel and pump-out",
    ),  # negation
    (
        MARINA,
        "I want to book a berth for the winter and I'll need a lift out while I'm there",
        "berths",
    ),  # two-topic
    (MARINA, "I need to pay my invoice and also book in an engine service", "berth fees"),  # two-topic
    (MARINA, "can you pump out our tank and do you sell fenders", "fuel and pump-out"),  # two-topic
    (MARINA, "can I do my day skipper course with you", "none"),  # none
    (MARINA, "do you sell boats, I'm looking to buy a second hand yacht", "none"),  # none
    (MARINA, "am I allowed to go fishing off your pontoons", "none"),  # none
    (MARINA, "do you do boat trips round the harbour", "none"),  # none
    (MARINA, "I need a visitor birth for two nights", "berths"),  # misrecognition
    (MARINA, "can you do a lift out and anti fooling", "boatyard"),  # misrecognition
    (MARINA, "can I speak to the harbour master", "operator"),  # operator
    (MARINA, "is Pete about, he normally sorts our boat", "operator"),  # operator
    # ---------------- HEARING ----------------
    (HEARING, "I'd like to book a hearing test", "hearing test"),  # plain
    (HEARING, "my hearing aid needs repairing", "aid repairs"),  # plain
    (HEARING, "batteries please", "batteries and supplies"),  # plain
    (HEARING, "ear wax removal please", "ear wax removal"),  # plain
    (
        HEARING,
        "my wife says I've got the telly up too loud and I keep saying pardon, can someone check me over",
        "hearing test",
    ),  # paraphrase
    (
        HEARING,
        "the little thing behind my ear keeps making a high pitched squeal",
        "aid repairs",
    ),  # paraphrase
    (
        HEARING,
        "I've run out of the little rubber tips that go in the ear",
        "batteries and supplies",
    ),  # paraphrase
    (
        HEARING,
        "my ears feel all bunged up and I think it's a build-up, can you clear them out",
        "ear wax removal",
    ),  # paraphrase
    (HEARING, "how much would a pair of the invisible ones set me back", "prices and finance"),  # paraphrase
    (
        HEARING,
        "can I spread it over a year, I can't afford it all at once",
        "prices and finance",
    ),  # paraphrase
    (
        HEARING,
        "hello dear, I'm ringing for my father, he's ninety-one and he won't admit it but he's not catching half of what we say anymore, and we'd like someone to see him, is there a morning you could fit him in",
        "hearing test",
    ),  # long
    (
        HEARING,
        "um yes, hello, I had the aids from you last year and they were lovely, but I dropped the left one in the bath on Sunday and now there's nothing coming out of it at all",
        "aid repairs",
    ),  # long
    (
        HEARING,
        "hi, so, I'm not sure if you're the right people, but my GP doesn't do syringing any more and she said to ring somewhere private, and my right ear's completely blocked",
        "ear wax removal",
    ),  # long
    (
        HEARING,
        "yes, hello, um, my mother's got the rechargeable ones, and the little case they sit in overnight went missing when she moved into the care home, so we'd need a new one",
        "batteries and supplies",
    ),  # long
    (
        HEARING,
        "hello, so I've been putting this off for ages because I heard they cost thousands, and I'm a pensioner, so before I come in I just want to know roughly what I'd be looking at",
        "prices and finance",
    ),  # long
    (
        HEARING,
        "it's urgent, my hearing aid's stopped working and I've got a court case tomorrow morning",
        "aid repairs",
    ),  # urgent
    (
        HEARING,
        "I've got my last battery in and it's going, I need more today, I can't hear a thing without it",
        "batteries and supplies",
    ),  # urgent
    (
        HEARING,
        "I'm flying out on Thursday and my ears are completely blocked, can you get the wax out before then",
        "ear wax removal",
    ),  # urgent
    (HEARING, "I don't need a new hearing test, my aid just needs fixing", "aid repairs"),  # negation
    (HEARING, "not batteries, I want to know how much new aids cost", "prices and finance"),  # negation
    (
        HEARING,
        "no need to put me through, just tell me can I book in for the wax removal online",
        "ear wax removal",
    ),  # negation
    (HEARING, "I want to book a hearing test and also how much are the aids", "hearing test"),  # two-topic
    (HEARING, "my aid's whistling and I'm low on batteries too", "aid repairs"),  # two-topic
    (
        HEARING,
        "can I get my ears cleaned out and then have my hearing checked afterwards",
        "ear wax removal",
    ),  # two-topic
    (HEARING, "do you do eye tests as well", "none"),  # none
    (HEARING, "can you pierce my ears", "none"),  # none
    (HEARING, "I've got an ear infection, can you give me antibiotics", "none"),  # none
    (HEARING, "do you run sign language classes", "none"),  # none
    (HEARING, "I'd like to book a hearing taste", "hearing test"),  # misrecognition
    (HEARING, "I need ear whacks removal", "ear wax removal"),  # misrecognition
    (HEARING, "can I speak to the audiologist", "operator"),  # operator
    (HEARING, "is Dr Okafor in today", "operator"),  # operator
    # ---------------- SKIP ----------------
    (SKIP, "I want to hire a skip", "hire a skip"),  # plain
    (SKIP, "skip collection please", "collection"),  # plain
    (SKIP, "do I need a permit", "permits"),  # plain
    (SKIP, "I've got a question about my invoice", "invoices"),  # plain
    (
        SKIP,
        "we make new kitchen, old one all broken, we need big box for rubbish on the driveway",
        "hire a skip",
    ),  # paraphrase
    (SKIP, "the one on my drive is full to the brim, can you take it away", "collection"),  # paraphrase
    (
        SKIP,
        "I haven't got a driveway so it'll have to sit outside on the street, what do I need to sort",
        "permits",
    ),  # paraphrase
    (SKIP, "can I put an old fridge freezer and some paint tins in", "waste rules"),  # paraphrase
    (
        SKIP,
        "we've dug the footings and there's a massive heap of earth on the drive, can a lorry with an arm come and scoop it up",
        "grab hire",
    ),  # paraphrase
    (
        SKIP,
        "I paid over the phone last week but I never got anything through to prove it",
        "invoices",
    ),  # paraphrase
    (
        SKIP,
        "hi, yeah, um, we're a small building firm, just me and my brother really, and we've been using you a couple of years, and we were wondering if we could get set up so we settle up monthly rather than every time",
        "invoices",
    ),  # long
    (
        SKIP,
        "hello, sorry, I've never done this before, we're clearing out my nan's bungalow after she went into a home, and there's a lot of old furniture and carpets and that, what size would I need",
        "hire a skip",
    ),  # long
    (
        SKIP,
        "hiya, so the skip got dropped off Monday, the eight yarder, and the builders have finished earlier than we thought, so we'd like it gone tomorrow if at all possible",
        "collection",
    ),  # long
    (
        SKIP,
        "yes, good morning, we're doing a bathroom, and the plasterer's going to be taking down a load of old ceiling boards, and someone told me you can't just chuck that in with everything else, is that true",
        "waste rules",
    ),  # long
    (
        SKIP,
        "hello, so I live on a main road, a red route I think, and the skip would have to go in front of the house, and I don't know if the council need to know or what",
        "permits",
    ),  # long
    (
        SKIP,
        "it's urgent, the skip's blocking my neighbour's drive and she can't get out for her hospital appointment, can you come and move it now",
        "collection",
    ),  # urgent
    (
        SKIP,
        "the council's just stuck a notice on my skip saying it's not allowed there, I need this sorted today",
        "permits",
    ),  # urgent
    (
        SKIP,
        "we need a skip today, the roof's come in after the storm and there's rubble everywhere",
        "hire a skip",
    ),  # urgent
    (SKIP, "I don't want a skip, I want the grab lorry for a pile of rubble", "grab hire"),  # negation
    (SKIP, "not a new one, I need the one I've got taken away", "collection"),  # negation
    (SKIP, "no need for a person, just tell me if I can put a mattress in", "waste rules"),  # negation
    (SKIP, "I'd like to order a skip for Friday and will I need a permit for it", "hire a skip"),  # two-topic
    (SKIP, "can you collect the skip and send me the invoice", "collection"),  # two-topic
    (SKIP, "can tyres go in, and how much is a six yard one", "waste rules"),  # two-topic
    (SKIP, "do you do house clearances where you come in and carry everything out", "none"),  # none
    (SKIP, "can you sell me a load of sand and gravel", "none"),  # none
    (SKIP, "do you hire out portable toilets", "none"),  # none
    (SKIP, "do you hire out mini diggers", "none"),  # none
    (SKIP, "I want to hire a ship for next week", "hire a skip"),  # misrecognition
    (SKIP, "do I need a per mitt for the road", "permits"),  # misrecognition
    (SKIP, "can I talk to the driver who dropped my skip off", "operator"),  # operator
    (SKIP, "put me through to Gary please", "operator"),  # operator
    # ---------------- MUSIC ----------------
    (MUSIC, "I'd like to book piano lessons", "lessons"),  # plain
    (MUSIC, "how do I pay the term fees", "term fees"),  # plain
    (MUSIC, "I want to enter my daughter for her grade 3 exam", "exams"),  # plain
    (MUSIC, "I need to cancel a lesson", "cancel or reschedule"),  # plain
    (
        MUSIC,
        "my son's eight and he's desperate to learn the drums, can he start with you guys",
        "lessons",
    ),  # paraphrase
    (
        MUSIC,
        "what's on for kids in August, something where they play together in a group",
        "holiday workshops",
    ),  # paraphrase
    (
        MUSIC,
        "we don't want to buy a cello yet in case she gives up, can we borrow one from you for a bit",
        "instrument hire",
    ),  # paraphrase
    (
        MUSIC,
        "she's got the dentist Tuesday at the time she normally comes, can she come Thursday instead",
        "cancel or reschedule",
    ),  # paraphrase
    (MUSIC, "is there any money off if both my kids come", "term fees"),  # paraphrase
    (MUSIC, "when can my son sit his next theory paper", "exams"),  # paraphrase
    (
        MUSIC,
        "hello, um, so, I'm sixty-four and I've always wanted to play the saxophone, and now I've retired I thought, why not, but I'm worried I'm too old, do you take on complete beginners my age",
        "lessons",
    ),  # long
    (
        MUSIC,
        "hi, it's Jess's mum, Jess does violin with Tom on Wednesdays, and we're away on a school trip next week, so she won't be there, I just wanted to let someone know",
        "cancel or reschedule",
    ),  # long
    (
        MUSIC,
        "yeah hi, so I got an email with the bill for the spring term, and I think it's charged us for twelve weeks but there's only ten because of Easter",
        "term fees",
    ),  # long
    (
        MUSIC,
        "hello, my daughter's been playing flute at school, and her teacher there mentioned she ought to be doing the proper graded ones now, and we don't really know how all that works or when they happen",
        "exams",
    ),  # long
    (
        MUSIC,
        "hi, so we're thinking about lessons for our son but before we splash out on a trumpet, is there any way he could rent one from you for a term",
        "instrument hire",
    ),  # long
    (
        MUSIC,
        "urgent, my son's just been sick, he's not going to make his lesson in twenty minutes",
        "cancel or reschedule",
    ),  # urgent
    (
        MUSIC,
        "her exam is tomorrow and we've just realised we never got the letter with the time, what time is she on",
        "exams",
    ),  # urgent
    (
        MUSIC,
        "the bridge has snapped on the violin we rent from you and she's got a concert tonight",
        "instrument hire",
    ),  # urgent
    (
        MUSIC,
        "I don't want to cancel, I just want to move it to next week",
        "cancel or reschedule",
    ),  # negation
    (MUSIC, "not lessons, I want to know about renting a keyboard", "instrument hire"),  # negation
    (
        MUSIC,
        "no need for a person, just tell me when the summer workshops are",
        "holiday workshops",
    ),  # negation
    (
        MUSIC,
        "I want to sign my daughter up for guitar lessons and what do they cost a term",
        "lessons",
    ),  # two-topic
    (MUSIC, "I need to pay this term's fees and also book her grade 2", "term fees"),  # two-topic
    (
        MUSIC,
        "can you move Sam's lesson to Friday, and is there a band thing at half term",
        "cancel or reschedule",
    ),  # two-topic
    (MUSIC, "do you tune pianos, ours is really out", "none"),  # none
    (MUSIC, "do you buy second hand guitars", "none"),  # none
    (MUSIC, "could one of your teachers play at our wedding", "none"),  # none
    (MUSIC, "do you sell sheet music", "none"),  # none
    (MUSIC, "I'd like to book some piano lesson for my sun", "lessons"),  # misrecognition
    (MUSIC, "I need to re schedule Amy's lesson", "cancel or reschedule"),  # misrecognition
    (MUSIC, "can I speak to Mr Davies, my son's guitar teacher", "operator"),  # operator
    (MUSIC, "I'd like to talk to the head of the school", "operator"),  # operator
    # ---------------- CHIMNEY ----------------
    (CHIMNEY, "I'd like to book a chimney sweep", "book a sweep"),  # plain
    (CHIMNEY, "I need a sweeping certificate", "certificate"),  # plain
    (CHIMNEY, "can you fit a bird guard", "cowls and bird guards"),  # plain
    (CHIMNEY, "I want a log burner installed", "stove installation"),  # plain
    (
        CHIMNEY,
        "we haven't had the fireplace done in about three years and winter's coming",
        "book a sweep",
    ),  # paraphrase
    (CHIMNEY, "my home insurer wants proof the flue's been cleaned this year", "certificate"),  # paraphrase
    (
        CHIMNEY,
        "there's jackdaws nesting on top of my stack every spring, how do I stop them",
        "cowls and bird guards",
    ),  # paraphrase
    (CHIMNEY, "every time I light the fire the room fills up with smoke", "urgent callout"),  # paraphrase
    (
        CHIMNEY,
        "we're buying a Victorian terrace and the surveyor said to get the flue looked at properly before we exchange",
        "camera survey",
    ),  # paraphrase
    (
        CHIMNEY,
        "we want to put one of those cast iron burners in where the old gas fire was",
        "stove installation",
    ),  # paraphrase
    (
        CHIMNEY,
        "hi there, um, so I'm a landlord, I've got three flats and one of them has an open fire, and the letting agent's telling me I need some paperwork to show it's been done every year",
        "certificate",
    ),  # long
    (
        CHIMNEY,
        "hello, yes, we've just moved into an old farmhouse and there's a big inglenook and nobody knows when it was last used, and before we light anything we want someone to have a proper look up inside it, with a camera or whatever",
        "camera survey",
    ),  # long
    (
        CHIMNEY,
        "yeah hi, so the rain keeps coming down the chimney and making a black puddle in the grate, and my neighbour said you can get a sort of hat thing for the top",
        "cowls and bird guards",
    ),  # long
    (
        CHIMNEY,
        "hello love, I'm eighty-two and my son usually sorts this but he's abroad, and my coal fire needs its yearly clean, could you send someone one morning",
        "book a sweep",
    ),  # long
    (
        CHIMNEY,
        "so we've been thinking about it for ages, with the gas bills the way they are, and we've got a chimney breast that's never been used, and we'd love a wood stove in there, would you do the whole lot, liner and everything",
        "stove installation",
    ),  # long
    (
        CHIMNEY,
        "help, the smoke's pouring back into the living room and the baby's upstairs",
        "urgent callout",
    ),  # urgent
    (
        CHIMNEY,
        "the fire won't draw at all and it's filling the house with fumes, can someone come out now",
        "urgent callout",
    ),  # urgent
    (
        CHIMNEY,
        "the carbon monoxide alarm went off when we lit the stove, we've put it out but we need someone here today",
        "urgent callout",
    ),  # urgent
    (CHIMNEY, "I don't need a new stove, I just need the chimney swept", "book a sweep"),  # negation
    (CHIMNEY, "not a sweep, I need a cowl fitting on the pot", "cowls and bird guards"),  # negation
    (
        CHIMNEY,
        "no need for a person, just tell me if you can email the certificate",
        "certificate",
    ),  # negation
    (CHIMNEY, "I need the chimney swept and a certificate for my landlord", "book a sweep"),  # two-topic
    (
        CHIMNEY,
        "can you fit a wood burner for us, and would you sweep the chimney first",
        "stove installation",
    ),  # two-topic
    (
        CHIMNEY,
        "the room's filling with smoke right now, and also do you fit cowls",
        "urgent callout",
    ),  # two-topic
    (CHIMNEY, "can you service my gas boiler", "none"),  # none
    (CHIMNEY, "do you repoint brickwork, the chimney stack's crumbling", "none"),  # none
    (CHIMNEY, "do you sell firewood and kindling", "none"),  # none
    (CHIMNEY, "do you clean gutters", "none"),  # none
    (CHIMNEY, "I need a chimney sweet booking", "book a sweep"),  # misrecognition
    (CHIMNEY, "can you fit a cow on my chimney pot", "cowls and bird guards"),  # misrecognition
    (CHIMNEY, "can I speak to Tony, the sweep who came last week", "operator"),  # operator
    (CHIMNEY, "I want to speak to the owner", "operator"),  # operator
]
