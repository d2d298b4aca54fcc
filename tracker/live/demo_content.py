"""Demo live coverage, on top of the banners in tracker.newsroom.demo_content.BANNERS:
more updates with text, key events on each day, a pinned summary, an edited update and
a day's digest written by an editor. Times are Kyiv time (EET, UTC+2, in November)."""

# The desk members who post the demo updates, taking turns: their names are the bylines.
# They are made without a password, so nobody can sign in as them.
DESK_MEMBERS = [
    {"username": "demo-desk-iryna", "first_name": "Iryna", "last_name": "Savchuk"},
    {"username": "demo-desk-mark", "first_name": "Mark", "last_name": "Ellison"},
]

# Existing demo banners that are key events, by headline start.
KEY_EVENTS = (
    "Overnight drone attack targets energy sites",
    "Air raid alert across most of Ukraine",
    "Port infrastructure in Odesa region hit overnight",
    "US and Ukrainian negotiators to meet this weekend",
    "Overnight attacks reported in Dnipropetrovsk",
)

UPDATES = [
    {
        "headline": "Kharkiv regional governor: power restored to most homes by evening",
        "body": "Repair crews worked through the day. About **12,000** households in the "
        "region's north remain without electricity.",
        "published_at": "2026-11-17T17:05:00+02:00",
        "article": "air-defence-energy-grid-winter",
    },
    {
        "headline": "Parliament approves winter heating support for front-line communities",
        "body": "The measure covers fuel and generators for municipalities within 30 km of "
        "the front line.",
        "published_at": "2026-11-17T15:30:00+02:00",
    },
    {
        "headline": "Moldova reports drone debris found near its border with Ukraine",
        "published_at": "2026-11-17T11:45:00+02:00",
    },
    {
        "headline": "Three killed and 14 injured in Kyiv after overnight attack, city officials say",
        "body": "Rescue work continues at two sites in the Darnytskyi and Dniprovskyi "
        "districts. The figures may change as the search goes on.",
        "published_at": "2026-11-18T10:40:00+02:00",
        "key_event": True,
    },
    {
        "headline": "EU condemns overnight strike on Kyiv and promises more air defence",
        "published_at": "2026-11-18T15:20:00+02:00",
    },
    {
        "headline": "Evacuation of children continues from villages near Kupiansk",
        "body": "Regional authorities say mandatory evacuation now covers 11 settlements.",
        "published_at": "2026-11-18T17:55:00+02:00",
    },
    {
        "headline": "Grain ships leave Chornomorsk despite overnight strike, port authority says",
        "published_at": "2026-11-19T13:15:00+02:00",
        "article": "grain-corridor-black-sea-shipping",
    },
    {
        "headline": "Red Cross delegation visits prisoners of war held in Russia",
        "body": "The ICRC said the visit was the first in several months and gave no details "
        "of where it took place.",
        "published_at": "2026-11-19T18:30:00+02:00",
        "key_event": True,
        "article": "prisoners-missing-deported-children",
    },
    {
        "headline": "Zelensky meets European defence ministers in Kyiv",
        "published_at": "2026-11-19T20:05:00+02:00",
        "key_event": True,
        "article": "european-security-guarantees",
    },
    {
        "headline": "General Staff: 152 combat clashes along the front over the past day",
        "published_at": "2026-11-20T11:00:00+02:00",
        "article": "frontline-dynamics-pokrovsk",
    },
    {
        "headline": "Sanctions: EU proposes listing 45 more shadow fleet tankers",
        "body": "The proposal still needs the agreement of all 27 member states.",
        "published_at": "2026-11-20T16:40:00+02:00",
        "key_event": True,
        "article": "sanctions-russian-economy",
    },
    {
        "headline": "Nuclear watchdog team rotates at Zaporizhzhia plant",
        "published_at": "2026-11-20T18:20:00+02:00",
    },
    {
        "headline": "Negotiators arrive in Geneva; talks to start on Saturday morning",
        "body": "Delegations are led by the heads of the two countries' security councils.",
        "published_at": "2026-11-21T12:10:00+02:00",
        "key_event": True,
        "article": "peace-talks-status-2026",
    },
    {
        "headline": "Kyiv metro stations open as shelters during evening alert",
        "published_at": "2026-11-21T19:45:00+02:00",
    },
    {
        "headline": "All-clear in Kyiv after a two-hour air raid alert",
        "published_at": "2026-11-21T21:50:00+02:00",
    },
    {
        "headline": "Ukraine and Russia exchange 150 prisoners each, coordination headquarters says",
        "body": "Among those returned are defenders of Mariupol and civilians.",
        "published_at": "2026-11-21T16:00:00+02:00",
        "key_event": True,
        "article": "prisoners-missing-deported-children",
    },
]

PINNED = {
    "headline": "What you need to know: talks in Geneva, winter strikes on the grid",
    "body": "- US and Ukrainian negotiators meet in **Geneva** this weekend.\n"
    "- Russia keeps striking power plants: expect scheduled outages in most regions.\n"
    "- A prisoner exchange on 21 November returned 150 Ukrainians.",
    "published_at": "2026-11-21T08:00:00+02:00",
    "key_event": False,
}

# An update published once and then edited: the earlier text stays in its history.
EDITED = {
    "headline": "Kyiv: five districts report damage after overnight attack",
    "earlier": "Kyiv: three districts report damage after overnight attack",
    "body": "Updated with figures from the city administration.",
    "published_at": "2026-11-18T06:30:00+02:00",
    "edited_at": "2026-11-18T07:15:00+02:00",
}

DIGESTS = [
    {
        "date": "2026-11-18",
        "text": "- A combined missile and drone attack hit **Kyiv** and energy sites across "
        "the country; three people were killed in the capital.\n"
        "- The Zaporizhzhia nuclear plant briefly ran on diesel generators.\n"
        "- Power cuts stay in place this week while repairs continue.",
    },
]
