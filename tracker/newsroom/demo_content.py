"""Demo content for the newsroom CMS: a live tracker following Russia's full-scale war against Ukraine.

Plain data only (topics, authors, sources, articles and live-bar banners), used to seed the demo
site. Day 1 of the full-scale invasion is 24 February 2022; content runs up to 21 November 2026.
Section bodies and FAQ answers are Markdown; timestamps are ISO 8601 in Kyiv time.
"""

# Topics, in display order.
TOPICS = [
    {
        "slug": "frontline",
        "name": "Frontline",
        "description": (
            "Movement along the line of contact, the long-range air war and the weapons and tactics shaping "
            "both, checked against official statements and independent analysis."
        ),
    },
    {
        "slug": "diplomacy",
        "name": "Diplomacy",
        "description": (
            "Efforts to reach a ceasefire and a wider settlement: what Kyiv, Moscow and Washington want, "
            "and the part Europe expects to play in guaranteeing any deal."
        ),
    },
    {
        "slug": "humanitarian",
        "name": "Humanitarian",
        "description": (
            "The war's cost to civilians, from displacement at home and abroad to prisoners of war, missing "
            "people and children taken to Russia."
        ),
    },
    {
        "slug": "economy",
        "name": "Economy & sanctions",
        "description": (
            "Sanctions on Russia and how its economy is coping, Ukraine's wartime exports and Black Sea "
            "shipping, and the cost of rebuilding."
        ),
    },
]

# Fictional staff bylines.
AUTHORS = [
    {
        "slug": "daryna-velychko",
        "name": "Daryna Velychko",
        "bio": (
            "Daryna Velychko is the tracker's frontline correspondent, based in Kyiv. She has reported on "
            "the war in the east since 2014, first for regional newspapers in Dnipro, and also covers its "
            "humanitarian toll on civilians and prisoners of war."
        ),
    },
    {
        "slug": "thomas-aldridge",
        "name": "Thomas Aldridge",
        "bio": (
            "Thomas Aldridge is the tracker's diplomatic editor, based in Brussels, where he follows the "
            "EU, NATO and the negotiations over the war's end. He previously spent ten years as a "
            "correspondent in Warsaw and Vienna."
        ),
    },
    {
        "slug": "nadia-brennan",
        "name": "Nadia Brennan",
        "bio": (
            "Nadia Brennan writes about sanctions, energy and the economics of the war from London. Before "
            "joining the tracker she covered commodity markets and shipping, and she keeps a close eye on "
            "trade through the Black Sea."
        ),
    },
]

# Reusable references cited by articles; url is empty where there is no single page.
SOURCES = [
    {
        "key": "isw",
        "publisher": "Institute for the Study of War",
        "title": "Russian Offensive Campaign Assessments",
        "url": "https://www.understandingwar.org/",
    },
    {
        "key": "deepstate",
        "publisher": "DeepState",
        "title": "Interactive map of the front line",
        "url": "https://deepstatemap.live/",
    },
    {
        "key": "gsuaf",
        "publisher": "General Staff of the Armed Forces of Ukraine",
        "title": "Daily operational updates",
        "url": "",
    },
    {
        "key": "uk-mod",
        "publisher": "UK Ministry of Defence",
        "title": "Defence Intelligence updates on Ukraine",
        "url": "https://www.gov.uk/government/organisations/ministry-of-defence",
    },
    {
        "key": "president-ua",
        "publisher": "Office of the President of Ukraine",
        "title": "Statements and addresses",
        "url": "https://www.president.gov.ua/en",
    },
    {
        "key": "kremlin",
        "publisher": "Kremlin",
        "title": "Presidential statements and transcripts",
        "url": "http://en.kremlin.ru/",
    },
    {
        "key": "us-state",
        "publisher": "US Department of State",
        "title": "Press briefings and statements",
        "url": "https://www.state.gov/",
    },
    {
        "key": "nato",
        "publisher": "NATO",
        "title": "Relations with Ukraine",
        "url": "https://www.nato.int/cps/en/natohq/topics_37750.htm",
    },
    {
        "key": "eu-council",
        "publisher": "Council of the European Union",
        "title": "EU response to Russia's war of aggression against Ukraine",
        "url": "https://www.consilium.europa.eu/en/policies/eu-response-ukraine-invasion/",
    },
    {
        "key": "ec-temporary-protection",
        "publisher": "European Commission",
        "title": "Temporary protection",
        "url": (
            "https://home-affairs.ec.europa.eu/policies/migration-and-asylum/common-european-asylum-system/"
            "temporary-protection_en"
        ),
    },
    {
        "key": "unhcr",
        "publisher": "UNHCR",
        "title": "Ukraine refugee situation: operational data portal",
        "url": "https://data.unhcr.org/en/situations/ukraine",
    },
    {
        "key": "iom",
        "publisher": "International Organization for Migration",
        "title": "Ukraine internal displacement reports",
        "url": "https://dtm.iom.int/ukraine",
    },
    {
        "key": "ohchr",
        "publisher": "UN Human Rights Monitoring Mission in Ukraine (OHCHR)",
        "title": "Reports on the protection of civilians and prisoners of war",
        "url": "https://www.ohchr.org/en/countries/ukraine",
    },
    {
        "key": "icrc",
        "publisher": "International Committee of the Red Cross",
        "title": "Statements on prisoners of war and missing persons",
        "url": "https://www.icrc.org/en",
    },
    {
        "key": "ukrenergo",
        "publisher": "Ukrenergo",
        "title": "Power system status and outage schedules",
        "url": "https://ua.energy/",
    },
    {
        "key": "iaea",
        "publisher": "International Atomic Energy Agency",
        "title": "Updates on nuclear safety and security in Ukraine",
        "url": "https://www.iaea.org/",
    },
    {
        "key": "cbr",
        "publisher": "Bank of Russia",
        "title": "Key rate decisions and monetary policy reports",
        "url": "https://www.cbr.ru/eng/",
    },
    {
        "key": "kse",
        "publisher": "Kyiv School of Economics",
        "title": "Research on sanctions, Russian oil exports and war damage",
        "url": "https://kse.ua/",
    },
    {
        "key": "worldbank",
        "publisher": "World Bank",
        "title": "Ukraine Rapid Damage and Needs Assessment",
        "url": "https://www.worldbank.org/en/country/ukraine",
    },
    {
        "key": "uspa",
        "publisher": "Ukrainian Sea Ports Authority",
        "title": "Port throughput and maritime corridor statistics",
        "url": "",
    },
]

# Tracker analysis pieces, oldest first. The last one is an unpublished draft.
ARTICLES = [
    # --- frontline: frontline-dynamics-pokrovsk ---
    {
        "slug": "frontline-dynamics-pokrovsk",
        "title": "Frontline dynamics around Pokrovsk: what the battle means for the rest of Donetsk region",
        "standfirst": (
            "After more than a year of grinding assaults, Pokrovsk and neighbouring Myrnohrad no longer "
            "serve as a Ukrainian logistics hub. We look at how the battle unfolded, why drones have slowed "
            "the pace of advances and where Russian commanders appear to be aiming next."
        ),
        "topic": "frontline",
        "authors": ["daryna-velychko"],
        "tags": ["Donetsk", "Pokrovsk", "Drones"],
        "status": "published",
        "published_at": "2026-03-12T08:15:00+02:00",
        "updated_at": "2026-03-13T17:40:00+02:00",
        "sections": [
            {
                "heading": "How the battle unfolded",
                "body": (
                    "- **A slow squeeze.** Russian forces began closing on Pokrovsk in 2024, after the fall of "
                    "Avdiivka. Rather than storm the city, they worked around its flanks to cut the roads that "
                    "supplied it.\n"
                    "- **Competing claims.** Moscow said at the end of 2025 that it had taken both towns. Kyiv "
                    "disputed this for weeks, while independent maps showed Ukrainian-held ground shrinking.\n"
                    "- **A hub lost early.** Analysts broadly agree that the towns stopped working as a rear "
                    "base long before the last positions were abandoned. The railway and the main road west had "
                    "been under fire for months."
                ),
            },
            {
                "heading": "Why advances are slow and costly",
                "body": (
                    "- **A strip no vehicle can cross.** Drones are so numerous that a belt several kilometres "
                    "deep on each side of the line is lethal for vehicles. Most assaults are made by small "
                    "infantry groups.\n"
                    "- **Attrition by design.** Western defence officials say Russia is accepting very heavy "
                    "losses for small gains. Neither side publishes reliable casualty data, and claims about "
                    "the other's losses cannot be verified.\n"
                    "- **Supply lines under fire.** Fibre-optic drones, which cannot be jammed, have pushed the "
                    "danger further into the rear. Ukrainian units say they now move supplies at night or by "
                    "unmanned ground vehicles."
                ),
            },
            {
                "heading": "Where the pressure is now",
                "body": (
                    "- **Kostiantynivka.** Russian troops are pressing on Kostiantynivka, the southern gateway "
                    "to the Druzhkivka, Kramatorsk and Sloviansk belt. Those cities form the core of the part "
                    "of Donetsk region Kyiv still holds.\n"
                    "- **A wider front.** Fighting has also spread towards Dnipropetrovsk region and around "
                    "Huliaipole in Zaporizhzhia region. That has forced Ukraine to spread its reserves more "
                    "thinly.\n"
                    "- **Infantry shortfall.** Commanders say their main shortage is trained infantry rather "
                    "than equipment. Officials concede that recruitment has not kept pace with losses."
                ),
            },
            {
                "heading": "What to watch",
                "body": (
                    "- **The thaw.** Spring mud has traditionally slowed armoured movement. Infiltration "
                    "tactics and drones have made the season matter less than in earlier years.\n"
                    "- **Western supply.** Deliveries of shells and air defence interceptors will shape how "
                    "long Ukraine can hold its lines. A growing share comes from US stocks bought by European "
                    "allies through NATO's PURL scheme.\n"
                    "- **The map and the table.** Russia demands that Ukraine leave the rest of Donetsk region "
                    "as part of any deal. Kyiv refuses, so the fight for these cities is also a fight over "
                    "negotiating leverage."
                ),
            },
        ],
        "faqs": [
            {
                "question": "Has Russia captured Pokrovsk?",
                "answer": (
                    "Russia claimed it at the end of 2025, and Ukraine disputed the claim. By early March, "
                    "open-source maps showed little organised Ukrainian presence left, so we describe it as "
                    "under Russian control."
                ),
            },
            {
                "question": "How reliable are claims of territorial gains?",
                "answer": (
                    "Both sides have reasons to exaggerate. We compare official statements with independent "
                    "assessments, such as those by ISW and DeepState, and say where they differ. Small advances "
                    "can take days to confirm."
                ),
            },
        ],
        "sources": ["isw", "deepstate", "gsuaf", "uk-mod", "kremlin"],
    },
    # --- diplomacy: european-security-guarantees ---
    {
        "slug": "european-security-guarantees",
        "title": "European security guarantees: what a coalition of the willing could really offer Ukraine",
        "standfirst": (
            "European governments have spent more than a year designing commitments meant to deter Russia "
            "after any ceasefire. The plans go further than anything Europe has offered before, but they "
            "depend on a deal being reached and on American backing."
        ),
        "topic": "diplomacy",
        "authors": ["thomas-aldridge"],
        "tags": ["Security guarantees", "NATO", "Europe", "Ceasefire"],
        "status": "published",
        "published_at": "2026-04-16T10:00:00+03:00",
        "updated_at": None,
        "sections": [
            {
                "heading": "From assurances to guarantees",
                "body": (
                    "- **The Budapest lesson.** Kyiv often cites the 1994 Budapest Memorandum, under which it "
                    "gave up Soviet nuclear weapons for assurances Russia later ignored. A promise without "
                    "enforcement, officials argue, is no guarantee.\n"
                    "- **Bilateral pacts.** Since 2024 Ukraine has signed more than two dozen bilateral "
                    "security agreements, starting with the UK. They promise long-term aid but no commitment to "
                    "fight.\n"
                    "- **NATO on hold.** Allies have called Ukraine's path to membership irreversible. But no "
                    "invitation is on offer during the war, and Washington does not see membership as part of a "
                    "settlement."
                ),
            },
            {
                "heading": "What the coalition is planning",
                "body": (
                    "- **Who is involved.** The UK and France launched the coalition of the willing in early "
                    "2025. Around 30 governments take part, mostly European, with Canada and Australia among "
                    "the others.\n"
                    "- **A force away from the front.** Planners describe a multinational force based well back "
                    "from the line, focused on training, air policing and maritime security. Ukraine's own army "
                    "would remain the first line of defence.\n"
                    "- **Watching a ceasefire.** Officials have suggested that monitoring could rely largely on "
                    "satellites and drones. A US role in that work has been discussed but not settled."
                ),
            },
            {
                "heading": "The American question",
                "body": (
                    "- **The backstop.** European capitals say a deployment would need US support, such as "
                    "intelligence, air defence or help if troops came under attack. Washington has ruled out "
                    "sending ground forces.\n"
                    "- **Moscow's objection.** Russian officials say troops from NATO countries in Ukraine "
                    "would be legitimate targets and unacceptable under any deal. Kyiv's minimum and Moscow's "
                    "limit do not overlap.\n"
                    "- **Rules of engagement.** What the force would do if Russia broke a ceasefire is "
                    "unresolved. Officials concede privately that a force without a clear mandate would deter "
                    "little."
                ),
            },
            {
                "heading": "Limits at home",
                "body": (
                    "- **Parliaments and voters.** Several governments would need parliamentary approval to "
                    "deploy. Poland and Italy have ruled out sending ground troops, offering logistics and "
                    "training instead.\n"
                    "- **Stretched armies.** Europe's land forces are small. A rotation in Ukraine lasting "
                    "years would compete with duties on NATO's eastern flank.\n"
                    "- **Paying for it.** EU instruments such as the €150bn SAFE defence loans programme, "
                    "agreed in 2025, are meant partly to expand production for Ukraine. Industry says new "
                    "capacity will take years to build."
                ),
            },
        ],
        "faqs": [
            {
                "question": "Would European troops fight Russian forces?",
                "answer": (
                    "Not under current plans. The force would be based away from the front, and its response to "
                    "any renewed attack is unsettled. Holding the line would remain Ukraine's task."
                ),
            },
            {
                "question": "Is this the same as NATO's Article 5?",
                "answer": (
                    "No. Article 5 treats an attack on one ally as an attack on all. What is on offer is "
                    "political pledges, aid and a limited presence; Kyiv still wants a binding commitment with "
                    "an automatic response."
                ),
            },
        ],
        "sources": ["nato", "president-ua", "us-state", "kremlin", "eu-council"],
    },
    # --- humanitarian: refugees-and-displacement ---
    {
        "slug": "refugees-and-displacement",
        "title": (
            "Refugees and displacement: millions still uprooted as Europe plans for the end of temporary "
            "protection"
        ),
        "standfirst": (
            "More than four years into the full-scale war, millions of Ukrainians remain displaced at home "
            "or abroad. On World Refugee Day, we look at who has returned and how Europe and Kyiv are "
            "preparing for the end of the EU's temporary protection."
        ),
        "topic": "humanitarian",
        "authors": ["daryna-velychko", "thomas-aldridge"],
        "tags": ["Refugees", "Europe", "Civilians"],
        "status": "published",
        "published_at": "2026-06-20T09:00:00+03:00",
        "updated_at": "2026-06-22T12:30:00+03:00",
        "sections": [
            {
                "heading": "The scale of displacement",
                "body": (
                    "- **Abroad.** UNHCR records several million refugees from Ukraine, mostly in Europe, with "
                    "Germany, Poland and the Czech Republic among the largest hosts. The figures are "
                    "approximate.\n"
                    "- **At home.** The International Organization for Migration estimates that millions more "
                    "are displaced inside Ukraine. Evacuations from frontline districts keep adding to the "
                    "total.\n"
                    "- **Returns.** Many people went back to areas around Kyiv and in Kharkiv region after "
                    "Russian troops withdrew in 2022. Returns from abroad have slowed as air strikes have "
                    "reached the whole country."
                ),
            },
            {
                "heading": "Temporary protection and after",
                "body": (
                    "- **Extended to 2027.** The EU directive, first triggered in March 2022, lets Ukrainians "
                    "live and work without claiming asylum. Member states have extended it until 4 March 2027.\n"
                    "- **Planning the exit.** The European Commission has urged governments to move people onto "
                    "other permits, such as work or study visas. It also wants support for voluntary return "
                    "where it is safe.\n"
                    "- **Leaner support.** Germany has moved to put newer arrivals on asylum-seeker allowances, "
                    "and Poland has tied some family payments to work. Aid groups say older and disabled "
                    "refugees are most exposed."
                ),
            },
            {
                "heading": "Kyiv's dilemma",
                "body": (
                    "- **Workers wanted.** Officials say rebuilding will need millions of workers, and they "
                    "want refugees to come home. They accept that many families will not return while cities "
                    "are being bombed.\n"
                    "- **Young men.** Since August 2025 men aged 18 to 22 have been allowed to leave Ukraine. "
                    "Poland and Germany reported more arrivals in that age group soon afterwards.\n"
                    "- **Conditions for return.** UNHCR surveys show most refugees hope to go home eventually, "
                    "but few have firm plans. Safety, housing and jobs are the conditions they cite most."
                ),
            },
            {
                "heading": "Displaced inside Ukraine",
                "body": (
                    "- **Evacuations.** Authorities have ordered families with children out of some frontline "
                    "communities. Older residents are often the last to leave, and volunteers now drive "
                    "evacuation runs under drone threat.\n"
                    "- **Housing.** Many displaced people live in collective centres or rented rooms. The state "
                    "eRecovery programme pays for repairs and issues housing certificates to those whose homes "
                    "were destroyed.\n"
                    "- **Funding gaps.** Humanitarian appeals for Ukraine are less well funded than early in "
                    "the war. US aid cuts in 2025 forced some agencies to scale back."
                ),
            },
        ],
        "faqs": [
            {
                "question": "What happens when EU temporary protection ends?",
                "answer": (
                    "Unless extended again, it expires on 4 March 2027. Those who wish to stay will need "
                    "another basis, such as a work, study or family permit. The Commission wants a gradual "
                    "transition, not a single cut-off."
                ),
            },
            {
                "question": "Are people returning to Ukraine?",
                "answer": (
                    "Some are, mostly to western and central regions, but returns are modest against the "
                    "numbers abroad. Many people travel back and forth to see family or check on property "
                    "without moving home."
                ),
            },
        ],
        "sources": ["unhcr", "iom", "ec-temporary-protection", "eu-council", "ohchr"],
    },
    # --- economy: grain-corridor-black-sea-shipping ---
    {
        "slug": "grain-corridor-black-sea-shipping",
        "title": "Grain corridor and Black Sea shipping: how Ukraine keeps its exports moving under fire",
        "standfirst": (
            "Three years after Russia quit the UN-brokered grain deal, Ukraine's own maritime corridor "
            "carries most of its farm exports. Port strikes, insurance costs and attacks on tankers have "
            "made the western Black Sea more dangerous again."
        ),
        "topic": "economy",
        "authors": ["nadia-brennan"],
        "tags": ["Black Sea", "Grain", "Shadow fleet"],
        "status": "published",
        "published_at": "2026-07-23T08:00:00+03:00",
        "updated_at": None,
        "sections": [
            {
                "heading": "From the grain deal to Ukraine's corridor",
                "body": (
                    "- **The Istanbul deal.** The UN and Turkey brokered the Black Sea Grain Initiative in July "
                    "2022, letting inspected ships sail from three Ukrainian ports. Russia quit a year later, "
                    "citing curbs on its own farm exports.\n"
                    "- **Hugging the coast.** From August 2023 Ukraine routed ships along its western shore and "
                    "through Romanian and Bulgarian waters. Ukrainian missile and sea-drone strikes had already "
                    "pushed much of Russia's fleet east.\n"
                    "- **Volumes back.** By 2024, Ukrainian port officials said, the ports around Odesa were "
                    "handling volumes similar to the grain-deal period. Metals and other cargo now use the "
                    "route as well."
                ),
            },
            {
                "heading": "Ports under attack",
                "body": (
                    "- **Odesa, Chornomorsk and Pivdennyi.** Russian missiles and drones have repeatedly hit "
                    "terminals, silos and ships at berth. The Danube ports of Izmail and Reni have also been "
                    "struck.\n"
                    "- **Power and rail.** Strikes on substations can halt loading for hours. Damage to "
                    "railways slows grain moving from inland farms to the coast.\n"
                    "- **Mines.** Sea mines remain a hazard. Turkey, Romania and Bulgaria set up a joint mine "
                    "countermeasures group in 2024 to clear their approaches."
                ),
            },
            {
                "heading": "The price of risk",
                "body": (
                    "- **War-risk premiums.** Owners calling at Ukrainian ports pay extra war-risk cover. "
                    "Brokers say rates jump after each attack on a merchant ship.\n"
                    "- **Backed cover.** Ukraine and its partners have supported insurance schemes meant to "
                    "keep premiums affordable. Smaller operators would otherwise be priced out.\n"
                    "- **Owners' caution.** Some owners avoid the route for a while after strikes. That cuts "
                    "available tonnage and pushes up freight rates."
                ),
            },
            {
                "heading": "The tanker war",
                "body": (
                    "- **Hitting Russian oil.** Since late 2025 Ukraine has attacked shadow fleet tankers and "
                    "Russian export terminals, arguing that they finance the war. Moscow has threatened ships "
                    "serving Ukrainian ports in return.\n"
                    "- **Turkey's stake.** Turkey controls the Bosphorus under the Montreux Convention. It has "
                    "urged both sides to keep merchant shipping out of the conflict.\n"
                    "- **Markets.** Ukraine remains a major supplier of wheat, maize and sunflower oil. Traders "
                    "say disruption shows up more in freight and insurance costs than in world grain prices."
                ),
            },
        ],
        "faqs": [
            {
                "question": "Is the Black Sea Grain Initiative still in force?",
                "answer": (
                    "No. It lapsed when Russia withdrew in July 2023. Ships now use a route organised by "
                    "Ukraine, without Russian consent or joint inspections."
                ),
            },
            {
                "question": "Who protects ships in the Ukrainian corridor?",
                "answer": (
                    "There is no foreign naval escort. Ukraine's navy and air defences cover the ports and "
                    "coast, and for part of the voyage ships stay in Romanian and Bulgarian waters."
                ),
            },
        ],
        "sources": ["uspa", "uk-mod", "kse", "isw"],
    },
    # --- economy: sanctions-russian-economy ---
    {
        "slug": "sanctions-russian-economy",
        "title": "Sanctions and the Russian economy: slower growth, dear money and a budget under strain",
        "standfirst": (
            "Russia's economy avoided the collapse some predicted in 2022, but the lift from war spending "
            "has faded. High interest rates, lower oil income and action against the shadow fleet are "
            "squeezing the budget, though the Kremlin says it can pay for the war for as long as needed."
        ),
        "topic": "economy",
        "authors": ["nadia-brennan"],
        "tags": ["Sanctions", "Energy", "Shadow fleet"],
        "status": "published",
        "published_at": "2026-09-10T09:45:00+03:00",
        "updated_at": "2026-09-12T11:20:00+03:00",
        "sections": [
            {
                "heading": "From overheating to stagnation",
                "body": (
                    "- **The boom fades.** Military spending drove official growth of about 4% in 2023 and 2024 "
                    "but fed inflation and labour shortages. Growth slowed sharply in 2025, and the economy "
                    "minister warned of the risk of recession.\n"
                    "- **Costly credit.** The Bank of Russia raised its key rate to 21% in October 2024 and "
                    "began cutting only in mid-2025. Civilian businesses say borrowing costs have frozen "
                    "investment.\n"
                    "- **Higher taxes.** VAT rose to 22% in January 2026. That came a year after an increase in "
                    "corporate profit tax."
                ),
            },
            {
                "heading": "Oil revenue and the price cap",
                "body": (
                    "- **Weaker prices, wider discounts.** Oil and gas income, a large share of federal "
                    "revenue, fell in 2025. World prices eased and discounts on Russian crude widened.\n"
                    "- **A moving cap.** The EU and the UK lowered the crude price cap in 2025. They also "
                    "adopted a mechanism to reset it regularly below the market price.\n"
                    "- **Rosneft and Lukoil.** In October 2025 the US sanctioned Russia's two largest oil "
                    "companies. Some buyers in India and elsewhere cut purchases, at least for a time."
                ),
            },
            {
                "heading": "The shadow fleet",
                "body": (
                    "- **Ageing tankers.** Much Russian oil moves on tankers with opaque ownership and "
                    "insurance. The EU has listed hundreds of them, barring them from its ports and services.\n"
                    "- **Checks at sea.** Baltic and Nordic states have stepped up checks on tankers' insurance "
                    "papers. French forces boarded a suspected shadow fleet ship in 2025.\n"
                    "- **Spill risk.** Coastal states warn that an accident involving an old, poorly insured "
                    "tanker could leave them with the clean-up bill. That risk is one reason several have "
                    "tightened inspections."
                ),
            },
            {
                "heading": "Can Moscow keep paying?",
                "body": (
                    "- **Thinner buffers.** The liquid part of the National Wealth Fund has been drawn down to "
                    "cover deficits, according to finance ministry data. That leaves less room to absorb new "
                    "shocks.\n"
                    "- **Guns before butter.** Defence and security spending remain near record levels. "
                    "Infrastructure and some social budgets are being squeezed.\n"
                    "- **The limits of pressure.** Economists say sanctions have raised the war's cost without "
                    "changing Kremlin policy. Machinery and dual-use goods still arrive through third "
                    "countries."
                ),
            },
        ],
        "faqs": [
            {
                "question": "Are sanctions working?",
                "answer": (
                    "They have cut energy income, restricted access to technology and finance and made the war "
                    "more expensive. They have not forced Moscow to change course, and loopholes in third "
                    "countries remain the weak point."
                ),
            },
            {
                "question": "What is the oil price cap?",
                "answer": (
                    "It bars firms in participating countries from shipping, insuring or financing Russian "
                    "crude sold above a set price. The aim is to keep oil flowing to world markets while "
                    "limiting what Moscow earns."
                ),
            },
        ],
        "sources": ["cbr", "kse", "eu-council", "us-state", "kremlin"],
    },
    # --- humanitarian: prisoners-missing-deported-children ---
    {
        "slug": "prisoners-missing-deported-children",
        "title": "Prisoners of war, the missing and deported children: where the humanitarian track stands",
        "standfirst": (
            "While peace talks have repeatedly stalled, prisoner exchanges and the return of the dead have "
            "continued through mediators. Progress on children taken to Russia has been far slower, and "
            "thousands of families are still searching for missing relatives."
        ),
        "topic": "humanitarian",
        "authors": ["daryna-velychko"],
        "tags": ["Prisoners of war", "Children", "Civilians"],
        "status": "published",
        "published_at": "2026-10-08T10:30:00+03:00",
        "updated_at": None,
        "sections": [
            {
                "heading": "How exchanges happen",
                "body": (
                    "- **Mediators.** Most swaps have been brokered with help from the United Arab Emirates, "
                    "with Turkey, Qatar and the Vatican involved at times. In Kyiv a dedicated coordination "
                    "headquarters runs the process.\n"
                    "- **The Istanbul rounds.** Talks in Istanbul in 2025 achieved little politically but "
                    "produced the largest exchanges of the war, including a 1,000-for-1,000 swap. Thousands of "
                    "bodies were also returned.\n"
                    "- **Who comes first.** Ukraine prioritises the badly wounded and those held longest. "
                    "Detained civilians are hardest to bring home because Moscow does not always admit holding "
                    "them."
                ),
            },
            {
                "heading": "Conditions in captivity",
                "body": (
                    "- **Abuse documented.** UN monitors say most freed Ukrainian prisoners they interviewed "
                    "reported torture or ill-treatment, which Russia denies. They have also recorded abuse of "
                    "Russian prisoners, mainly at capture.\n"
                    "- **Limited access.** The ICRC has said it lacks regular, unimpeded access to all "
                    "prisoners of war. The Geneva Conventions require such access.\n"
                    "- **Killings after surrender.** Ukrainian prosecutors are investigating killings of "
                    "captured or surrendering soldiers. UN monitors have documented such cases too."
                ),
            },
            {
                "heading": "The missing",
                "body": (
                    "- **Tens of thousands.** Officials say tens of thousands of soldiers and civilians are "
                    "listed as missing. Some are held in Russia unacknowledged; many are presumed dead but not "
                    "identified.\n"
                    "- **DNA and waiting.** Remains returned in repatriations often need DNA testing before "
                    "they can be named. Relatives say this can take months.\n"
                    "- **Families organise.** Relatives of prisoners, including Mariupol defenders held since "
                    "2022, rally regularly in Ukrainian cities. They want their cases kept on the agenda of "
                    "every round of talks."
                ),
            },
            {
                "heading": "Children taken to Russia",
                "body": (
                    "- **Disputed numbers.** Ukraine says it has verified nearly 20,000 cases of children "
                    "deported or forcibly transferred. Moscow calls the removals evacuations for the children's "
                    "safety.\n"
                    "- **ICC warrants.** In March 2023 the International Criminal Court issued warrants for "
                    "Vladimir Putin and Maria Lvova-Belova, his children's rights commissioner, over unlawful "
                    "deportation. Russia rejects the court's authority.\n"
                    "- **Slow returns.** Through the Bring Kids Back UA initiative, often with Qatari "
                    "mediation, children have come home in small groups. Officials say only a fraction of "
                    "verified cases have been resolved."
                ),
            },
        ],
        "faqs": [
            {
                "question": "Why do exchanges continue when peace talks stall?",
                "answer": (
                    "Both governments face pressure from families, and swaps require no concession on territory "
                    "or security. Discreet mediators and lists verified over weeks help keep the process apart "
                    "from wider politics."
                ),
            },
            {
                "question": "What is the legal status of the deported children?",
                "answer": (
                    "Ukraine and most Western governments regard them as Ukrainian citizens unlawfully removed. "
                    "Russia has given some of them citizenship and placed others with families, which "
                    "complicates their return."
                ),
            },
        ],
        "sources": ["ohchr", "icrc", "president-ua"],
    },
    # --- frontline: air-defence-energy-grid-winter ---
    {
        "slug": "air-defence-energy-grid-winter",
        "title": "Air defence and the energy grid: how Ukraine is bracing for a fifth winter of strikes",
        "standfirst": (
            "Russia has again stepped up strikes on Ukraine's power plants, substations and gas production "
            "as temperatures fall. Defences have adapted, but officials warn that outages are likely and "
            "that the grid has little spare capacity."
        ),
        "topic": "frontline",
        "authors": ["daryna-velychko", "nadia-brennan"],
        "tags": ["Air defence", "Energy", "Drones", "Civilians"],
        "status": "published",
        "published_at": "2026-10-29T07:30:00+02:00",
        "updated_at": "2026-11-18T20:15:00+02:00",
        "sections": [
            {
                "heading": "The pattern of attacks",
                "body": (
                    "- **Mass drone raids.** Russia launches Shahed-type drones most nights, sometimes several "
                    "hundred at once, often with cruise and ballistic missiles. Ukrainian officials say the aim "
                    "is to overwhelm defences.\n"
                    "- **Energy in the crosshairs.** Strikes focus on power stations, substations and, since "
                    "last year, gas production and storage. Heating for millions of homes depends on that gas.\n"
                    "- **Hit again after repair.** Engineers say sites are often struck again soon after "
                    "repairs. Large transformers take months to build."
                ),
            },
            {
                "heading": "How the defences have adapted",
                "body": (
                    "- **Layers.** Patriot, IRIS-T and NASAMS systems protect cities and key sites from "
                    "missiles, while mobile teams hunt drones. Interceptors for ballistic missiles remain "
                    "scarce.\n"
                    "- **Interceptor drones.** Ukraine has scaled up production of cheap drones that ram "
                    "attackers in flight. Officials say they account for a growing share of shoot-downs.\n"
                    "- **Reading the numbers.** The air force publishes nightly totals of weapons launched and "
                    "downed. They cannot be independently verified and include drones diverted by electronic "
                    "warfare."
                ),
            },
            {
                "heading": "The state of the grid",
                "body": (
                    "- **Lost capacity.** Occupation of the Zaporizhzhia nuclear plant and damage to thermal "
                    "and hydro stations have removed much of Ukraine's pre-war capacity. Imports from EU "
                    "neighbours fill part of the gap.\n"
                    "- **Spreading the load.** Hospitals, water utilities and schools have been fitted with gas "
                    "engines, solar panels and batteries. A single strike now does less damage than it once "
                    "did.\n"
                    "- **Nuclear safety.** The occupied Zaporizhzhia plant is shut down but needs outside power "
                    "for cooling. The IAEA says it has repeatedly lost its off-site supply and had to run on "
                    "diesel generators."
                ),
            },
            {
                "heading": "Ukraine's long-range reply",
                "body": (
                    "- **Refineries and terminals.** Ukrainian drones hit Russian refineries, depots and export "
                    "terminals, which Kyiv says fuel the army and fund the budget. Moscow calls them attacks on "
                    "civilian infrastructure.\n"
                    "- **Fuel shortages.** Analysts say the campaign contributed to petrol shortages in several "
                    "Russian regions in 2025. Moscow responded with curbs on fuel exports.\n"
                    "- **A truce that failed.** A partial moratorium on energy strikes was discussed in March "
                    "2025. Each side soon accused the other of breaking it."
                ),
            },
        ],
        "faqs": [
            {
                "question": "Why can't Ukraine shoot everything down?",
                "answer": (
                    "The volume of drones and missiles and the scarcity of interceptors make full protection "
                    "impossible. Ukraine must choose which cities and sites get its best systems, and ballistic "
                    "missiles are the hardest to stop."
                ),
            },
            {
                "question": "How can residents prepare for outages?",
                "answer": (
                    "Officials advise following local outage schedules, keeping power banks, torches and water "
                    'at home, and knowing the nearest heated "Invincibility Point", where people can charge '
                    "devices and keep warm."
                ),
            },
        ],
        "sources": ["ukrenergo", "iaea", "gsuaf", "uk-mod", "isw"],
    },
    # --- diplomacy: peace-talks-status-2026 ---
    {
        "slug": "peace-talks-status-2026",
        "title": "Peace talks status 2026: where negotiations stand as a fifth wartime winter begins",
        "standfirst": (
            "A year after Washington tabled a written framework, Kyiv and Moscow remain far apart on "
            "territory, security guarantees and the order of any steps. Contacts continue on several "
            "channels, but neither side has shown it is ready to yield on what it sees as essential."
        ),
        "topic": "diplomacy",
        "authors": ["thomas-aldridge", "daryna-velychko"],
        "tags": ["Ceasefire", "Security guarantees", "Donetsk", "United States"],
        "status": "published",
        "published_at": "2026-11-21T09:30:00+02:00",
        "updated_at": "2026-11-21T18:05:00+02:00",
        "sections": [
            {
                "heading": "How we got here",
                "body": (
                    "- **Istanbul, twice.** Direct Russian-Ukrainian talks took place in spring 2022 and "
                    "resumed in Istanbul in 2025. Both rounds yielded prisoner exchanges but no political "
                    "settlement.\n"
                    "- **A US framework.** In November 2025 Washington circulated a draft plan that Kyiv and "
                    "European capitals said leaned towards Moscow. The Kremlin said it could serve as a basis "
                    "for talks, and a revised text followed.\n"
                    "- **Many channels.** Contacts have since run through US envoys, meetings in the Gulf, "
                    "Turkish help on humanitarian issues and European consultations with Kyiv. None has settled "
                    "the core questions."
                ),
            },
            {
                "heading": "Ukraine's position",
                "body": (
                    "- **No legal recognition.** Kyiv says it cannot recognise Russian sovereignty over "
                    "occupied land, which the constitution forbids. Officials say any territorial arrangement "
                    "would need public approval.\n"
                    "- **Ceasefire first.** Ukraine has said it could accept a halt along the current line as a "
                    "starting point. It insists this must come with credible security guarantees.\n"
                    "- **The Donbas question.** Kyiv rejects Moscow's demand that it withdraw from the rest of "
                    "Donetsk region. Ideas such as a demilitarised or special economic zone have not closed the "
                    "gap."
                ),
            },
            {
                "heading": "Russia's position",
                "body": (
                    "- **Maximal terms.** Vladimir Putin has repeatedly said Russia wants all of Donetsk, "
                    "Luhansk, Zaporizhzhia and Kherson regions plus Crimea. He also demands Ukrainian "
                    "neutrality and limits on its army.\n"
                    "- **Settlement before ceasefire.** Moscow generally rejects a ceasefire ahead of a full "
                    "agreement. It argues that Ukraine would use any pause to rearm.\n"
                    "- **Mixed signals.** Russian interlocutors sometimes hint at flexibility in private. "
                    "Ukrainian and European officials warn against taking such hints at face value."
                ),
            },
            {
                "heading": "Washington and Europe",
                "body": (
                    "- **Uneven pressure.** The US has pressed Kyiv to consider compromises while also "
                    "sanctioning Russia's largest oil companies. European governments worry that the pressure "
                    "on Ukraine has been more consistent.\n"
                    "- **Europe's seat.** European capitals insist on a role in any deal affecting European "
                    "security, sanctions relief or immobilised Russian assets. Most of those assets are held in "
                    "the EU.\n"
                    "- **Guarantees unfinished.** Plans for a European reassurance force are advanced on paper. "
                    "Its mandate and the extent of US backing remain open."
                ),
            },
            {
                "heading": "What to watch this winter",
                "body": (
                    "- **The grid.** A sustained campaign against the energy system could raise pressure on "
                    "Kyiv or harden attitudes. Polls by the Kyiv International Institute of Sociology show most "
                    "Ukrainians oppose ceding territory.\n"
                    "- **Donetsk.** Further Russian gains around Kostiantynivka would strengthen Moscow's hand "
                    "over the rest of the region. Kyiv has spent years fortifying the cities behind it.\n"
                    "- **Oil money.** Lower revenue and tighter enforcement could raise the cost to Russia of "
                    "fighting on. Economists caution that the effect is likely to be gradual."
                ),
            },
        ],
        "faqs": [
            {
                "question": "Is a ceasefire likely before the end of the year?",
                "answer": (
                    "On current evidence, no. The sides disagree on whether a ceasefire should precede a "
                    "settlement and where the line would run. A limited truce, for instance on energy sites, "
                    "looks more plausible."
                ),
            },
            {
                "question": "What would Ukraine need to sign a deal?",
                "answer": (
                    "Officials cite three conditions: guarantees strong enough to deter a new attack, no legal "
                    "recognition of Russian control over occupied land, and accountability for war crimes, "
                    "including the deportation of children."
                ),
            },
            {
                "question": "Why does the sequence matter so much?",
                "answer": (
                    "Kyiv fears that signing a settlement first would lock in concessions and leave it exposed. "
                    "Moscow fears that a ceasefire first would give Ukraine time to rebuild, so each side's "
                    "preferred order protects its leverage."
                ),
            },
        ],
        "sources": ["president-ua", "kremlin", "us-state", "nato", "isw"],
    },
    # --- economy: reconstruction-financing ---
    {
        "slug": "reconstruction-financing",
        "title": "Reconstruction financing: who will pay to rebuild Ukraine, and how",
        "standfirst": (
            "Estimates of Ukraine's reconstruction needs run to hundreds of billions of dollars over a "
            "decade. This explainer sets out where the money could come from, from Western budgets to "
            "immobilised Russian assets and private investors, and what stands in the way."
        ),
        "topic": "economy",
        "authors": ["nadia-brennan", "thomas-aldridge"],
        "tags": ["Reconstruction", "Europe", "Sanctions"],
        "status": "draft",
        "published_at": "2026-11-20T16:00:00+02:00",
        "updated_at": None,
        "sections": [
            {
                "heading": "The size of the bill",
                "body": (
                    "- **Hundreds of billions.** In February 2025 a joint assessment by the World Bank, the "
                    "European Commission, the UN and Ukraine's government put needs at about $524bn over ten "
                    "years. The figure grows with each update.\n"
                    "- **Homes, power and transport.** Housing, energy and transport account for the largest "
                    "shares of the estimated needs. Energy repairs are the most pressing ahead of each winter.\n"
                    "- **Clearing the land.** Large areas of farmland are thought to be contaminated by mines "
                    "and unexploded ordnance. Clearance will take years."
                ),
            },
            {
                "heading": "Money already committed",
                "body": (
                    "- **The Ukraine Facility.** The EU's €50bn programme for 2024 to 2027 mixes grants and "
                    "loans. Money is released as Kyiv meets agreed reform targets.\n"
                    "- **Loans backed by Russian assets.** In 2024 the G7 agreed about $50bn in loans to "
                    "Ukraine. They are to be repaid from profits on immobilised Russian central bank assets.\n"
                    "- **EU borrowing.** In December 2025 EU leaders opted for joint borrowing to cover "
                    "Ukraine's needs in 2026 and 2027. They had failed to agree a loan funded directly by the "
                    "immobilised assets."
                ),
            },
            {
                "heading": "The frozen assets question",
                "body": (
                    "- **Where the money sits.** Most Russian central bank assets immobilised in the EU are "
                    "held at Euroclear, the Brussels-based depository. Belgium's view therefore carries special "
                    "weight.\n"
                    "- **Legal and financial risk.** Belgium has sought guarantees against liability, and the "
                    "ECB has warned about the euro's standing. Russia has threatened retaliation and sued "
                    "Euroclear in Moscow.\n"
                    "- **In a settlement.** Proposals in US-led talks to channel part of the assets into "
                    "reconstruction funds outside European control drew objections. EU governments say "
                    "decisions on assets held in Europe are for them to take."
                ),
            },
            {
                "heading": "Private capital and the conditions for investment",
                "body": (
                    "- **Insuring the risk.** Investors cite war risk as the main obstacle. Political-risk "
                    "cover from the World Bank's MIGA and US agencies, and a US-Ukraine investment fund set up "
                    "in 2025, aim to reduce it.\n"
                    "- **Reform and trust.** Donors link money to anti-corruption reforms. An investigation "
                    "into the state nuclear company Energoatom in late 2025 led to ministerial dismissals and "
                    "calls for tighter oversight.\n"
                    "- **Still to add (TK).** Outcome of this year's recovery conference and the latest needs "
                    "figure. Confirm Euroclear totals with the Commission; Finance Ministry comment to follow."
                ),
            },
        ],
        "faqs": [
            {
                "question": "How much will it cost to rebuild Ukraine?",
                "answer": (
                    "The latest joint assessment we have confirmed puts needs at hundreds of billions of "
                    "dollars over a decade. The total depends on how long the war lasts."
                ),
            },
            {
                "question": "Can Russia's frozen assets legally be used?",
                "answer": (
                    "Using the profits they generate has been agreed. Lending or seizing the principal raises "
                    "questions of state immunity and counter-claims, which is why EU governments remain "
                    "divided. [Legal comment to add.]"
                ),
            },
        ],
        "sources": ["worldbank", "eu-council", "kse", "us-state"],
    },
]

# Live-bar banners, oldest first. "article" links a published article slug, or None.
BANNERS = [
    {
        "headline": (
            "Overnight drone attack targets energy sites in Kharkiv and Sumy regions, local officials "
            "say"
        ),
        "kind": "update",
        "published_at": "2026-11-17T06:50:00+02:00",
        "article": "air-defence-energy-grid-winter",
    },
    {
        "headline": "Ukrenergo announces scheduled power cuts in several regions after overnight damage",
        "kind": "update",
        "published_at": "2026-11-17T09:20:00+02:00",
        "article": "air-defence-energy-grid-winter",
    },
    {
        "headline": "EU foreign ministers discuss further listings of shadow fleet tankers",
        "kind": "update",
        "published_at": "2026-11-17T13:05:00+02:00",
        "article": "sanctions-russian-economy",
    },
    {
        "headline": "General Staff reports heavy fighting near Kostiantynivka and Huliaipole",
        "kind": "update",
        "published_at": "2026-11-17T18:40:00+02:00",
        "article": "frontline-dynamics-pokrovsk",
    },
    {
        "headline": "Air raid alert across most of Ukraine as Russia launches combined missile and drone attack",
        "kind": "breaking",
        "published_at": "2026-11-18T04:35:00+02:00",
        "article": "air-defence-energy-grid-winter",
    },
    {
        "headline": (
            "Kyiv authorities report damage to residential buildings; emergency crews working at "
            "several sites"
        ),
        "kind": "update",
        "published_at": "2026-11-18T08:10:00+02:00",
        "article": None,
    },
    {
        "headline": "IAEA says Zaporizhzhia nuclear plant briefly relied on backup diesel power overnight",
        "kind": "update",
        "published_at": "2026-11-18T12:30:00+02:00",
        "article": None,
    },
    {
        "headline": "Energy ministry says repairs under way and outage schedules will stay in place this week",
        "kind": "update",
        "published_at": "2026-11-18T20:15:00+02:00",
        "article": "air-defence-energy-grid-winter",
    },
    {
        "headline": "Port infrastructure in Odesa region hit overnight, Ukrainian navy says; shipping continues",
        "kind": "update",
        "published_at": "2026-11-19T07:45:00+02:00",
        "article": "grain-corridor-black-sea-shipping",
    },
    {
        "headline": (
            "Correction: the Odesa port statement came from the regional military administration, not "
            "the navy"
        ),
        "kind": "correction",
        "published_at": "2026-11-19T11:00:00+02:00",
        "article": "grain-corridor-black-sea-shipping",
    },
    {
        "headline": "Coordination headquarters says work continues on lists for a further prisoner exchange",
        "kind": "update",
        "published_at": "2026-11-19T16:20:00+02:00",
        "article": "prisoners-missing-deported-children",
    },
    {
        "headline": "ISW assesses marginal Russian advances near Kostiantynivka over the past week",
        "kind": "update",
        "published_at": "2026-11-20T08:30:00+02:00",
        "article": "frontline-dynamics-pokrovsk",
    },
    {
        "headline": "European defence ministers review plans for a post-ceasefire reassurance force",
        "kind": "update",
        "published_at": "2026-11-20T14:10:00+02:00",
        "article": "european-security-guarantees",
    },
    {
        "headline": "US and Ukrainian negotiators to meet this weekend, officials in Kyiv confirm",
        "kind": "breaking",
        "published_at": "2026-11-20T21:50:00+02:00",
        "article": "peace-talks-status-2026",
    },
    {
        "headline": (
            "Overnight attacks reported in Dnipropetrovsk and Zaporizhzhia regions; air force says "
            "most drones downed"
        ),
        "kind": "update",
        "published_at": "2026-11-21T07:40:00+02:00",
        "article": None,
    },
    {
        "headline": "Analysis: where peace talks stand on Day 1,732 of the full-scale war",
        "kind": "update",
        "published_at": "2026-11-21T09:35:00+02:00",
        "article": "peace-talks-status-2026",
    },
]
