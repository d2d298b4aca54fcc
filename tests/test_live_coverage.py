"""Live coverage on the updates pages: stable pages and permanent addresses, key events,
the pinned summary, days and their digests, times with their zone, JSON-LD and feeds."""

import json
import re
from datetime import UTC, date, datetime, timedelta

import feedparser
import pytest
import time_machine
from django.urls import reverse

from tracker.live.bar import current_bar
from tracker.live.models import Banner, DayDigest
from tracker.live.stream import PAGE_SIZE

from .factories import make_article, make_banner, make_counter
from .test_query_budget import count_queries

pytestmark = pytest.mark.django_db(
    transaction=True, serialized_rollback=True
)  # pages are retired on commit

UPDATES = reverse("live:updates")
KEY_EVENTS = reverse("live:key-events")
# A fixed clock: 1 December 2026, 12:00 in Kyiv (EET, UTC+2).
NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def main(client, url):
    """The page's content, below the bar (which shows the newest headline too)."""
    page = client.get(url).content.decode()
    return page[page.index("<main") :]


def shown(client, url):
    """The headlines of the updates a page lists, in order."""
    return re.findall(r'<h3 class="update__headline">(.*?)</h3>', main(client, url))


def post_updates(count, start, step=timedelta(minutes=10), name="Update", **fields):
    return [
        make_banner(f"{name} {i:03}", published_at=start + i * step, **fields) for i in range(count)
    ]


def follow(client, update):
    response = client.get(update.get_absolute_url())
    assert response.status_code == 302
    return response["Location"]


def test_an_update_shows_its_body_kind_byline_and_article(client, clock, django_user_model):
    make_counter()
    article = make_article(title="The grid in winter")
    author = django_user_model.objects.create_user("olena", first_name="Olena", last_name="K")
    make_banner(
        "Strikes on the grid",
        body="Power is out in **three** regions.\n\n<script>alert(1)</script>",
        kind="breaking",
        article=article,
        published_by=author,
        published_at=NOW - timedelta(minutes=5),
    )
    page = main(client, UPDATES)
    assert "Power is out in <strong>three</strong> regions." in page
    assert (
        "<script>alert(1)" not in page and "&lt;script&gt;" in page
    )  # Markdown shows raw HTML as text
    assert "By Olena K" in page and '<span class="update__kind">Breaking</span>' in page
    assert f'href="{article.get_absolute_url()}">Read: The grid in winter</a>' in page


def test_pages_keep_their_updates_as_new_ones_arrive(client, clock):
    post_updates(PAGE_SIZE * 3, NOW - timedelta(days=2))
    page_two = shown(client, UPDATES + "?page=2")
    assert page_two == [f"Update {i:03}" for i in range(39, 19, -1)]
    post_updates(25, NOW - timedelta(hours=3), step=timedelta(minutes=1), name="Newer")
    assert shown(client, UPDATES + "?page=2") == page_two


def test_the_front_shows_the_newest_page_and_never_a_nearly_empty_one(client, clock):
    post_updates(PAGE_SIZE + 1, NOW - timedelta(days=1))
    page = main(client, UPDATES)
    # Page 2 holds one update: the front shows page 1 too, and links to no older page.
    assert "Update 020" in page and "Update 000" in page
    assert "Older updates" not in page
    assert client.get(UPDATES + "?page=3").status_code == 404
    assert client.get(UPDATES + "?page=last").status_code == 404


def test_a_permanent_address_lands_on_the_page_holding_the_update_after_25_newer(client, clock):
    first = post_updates(3, NOW - timedelta(days=2))
    target = first[1]
    assert follow(client, target) == f"{UPDATES}#update-{target.pk}"  # on the front now
    post_updates(PAGE_SIZE + 25, NOW - timedelta(days=1))
    location = follow(client, target)
    assert location == f"{UPDATES}?page=1#update-{target.pk}"
    assert f'id="update-{target.pk}"' in main(client, location.split("#")[0])


def test_a_retraction_moves_no_update_to_another_page(client, clock, django_user_model):
    updates = post_updates(PAGE_SIZE * 3, NOW - timedelta(days=2))
    page_two = shown(client, UPDATES + "?page=2")
    updates[3].retract(django_user_model.objects.create_user("desk"))  # on page 1
    assert shown(client, UPDATES + "?page=2") == page_two
    assert client.get(updates[3].get_absolute_url()).status_code == 404
    assert follow(client, updates[30]) == f"{UPDATES}?page=2#update-{updates[30].pk}"


def test_key_events_are_right_on_every_page_and_for_arrivals(client, clock):
    post_updates(PAGE_SIZE * 2, NOW - timedelta(days=3), key_event=True)  # 40 key events
    post_updates(PAGE_SIZE * 2, NOW - timedelta(days=2), name="Other")  # 40 newer, not key
    assert shown(client, KEY_EVENTS + "?page=1") == [f"Update {i:03}" for i in range(19, -1, -1)]
    assert shown(client, KEY_EVENTS + "?page=2") == [f"Update {i:03}" for i in range(39, 19, -1)]
    assert shown(client, KEY_EVENTS) == shown(client, KEY_EVENTS + "?page=2")
    # An arrival counts for the key events poll only if it is a key event.
    stamp = to_stamp_of(Banner.objects.order_by("-published_at").first())
    make_banner("Not key", published_at=NOW - timedelta(minutes=2))
    poll = reverse("live:key-events-new")
    assert client.get(poll, {"after": stamp}).status_code == 204
    arrival = make_banner("Key arrival", key_event=True, published_at=NOW - timedelta(minutes=1))
    response = client.get(poll, {"after": stamp + 1})  # another URL: not the cached 204
    assert "1 new key event: show them" in response.content.decode()
    assert f'data-hx-get="{KEY_EVENTS}?upto={to_stamp_of(arrival)}"' in response.content.decode()
    assert shown(client, KEY_EVENTS)[0] == "Key arrival"
    assert "Not key" not in shown(client, KEY_EVENTS)


def test_new_updates_are_fetched_from_an_address_naming_the_newest_arrival(client, clock):
    # A shared cache keys on the whole address: a new arrival means an address it has never
    # kept, so the button never gets a copy made before the updates it announces.
    seen = make_banner("Seen", published_at=NOW - timedelta(minutes=30))
    assert shown(client, UPDATES) == ["Seen"]  # and the page is kept
    poll = reverse("live:updates-new")

    def button_address(after):
        answer = client.get(poll, {"after": after}).content.decode()
        return re.search(r'<button [^>]*data-hx-get="([^"]+)"', answer)[1]

    first = make_banner("First arrival", published_at=NOW - timedelta(minutes=2))
    address = button_address(to_stamp_of(seen))
    assert address == f"{UPDATES}?upto={to_stamp_of(first)}"
    response = client.get(address)
    assert response.status_code == 200  # not sent away: the app ignores the parameter
    assert shown(client, address) == ["First arrival", "Seen"]
    second = make_banner("Second arrival", published_at=NOW - timedelta(minutes=1))
    assert button_address(to_stamp_of(seen) + 1) == f"{UPDATES}?upto={to_stamp_of(second)}"


def to_stamp_of(update):
    from tracker.live.views import to_stamp

    return to_stamp(update.published_at)


def test_the_pinned_summary_comes_first_in_details(client, clock):
    make_banner("Older news", published_at=NOW - timedelta(minutes=30))
    make_banner(
        "What we know",
        body="- Talks resume\n- Power cuts continue",
        pinned=True,
        published_at=NOW - timedelta(hours=5),
    )
    make_banner("Newest news", published_at=NOW - timedelta(minutes=1))
    page = main(client, UPDATES)
    details = page.index('<details class="pinned" open>')
    assert details < page.index("Newest news")
    assert "<summary>What you need to know</summary>" in page
    assert "<li>Talks resume</li>" in page[details:]


def test_days_are_headed_in_the_counters_zone(client):
    make_counter()  # Day 1 = 24 Feb 2022, in Kyiv
    # 23:30 UTC on 30 Nov is 01:30 on 1 Dec in Kyiv.
    make_banner("After Kyiv midnight", published_at=datetime(2026, 11, 30, 23, 30, tzinfo=UTC))
    make_banner("Before it", published_at=datetime(2026, 11, 30, 21, 30, tzinfo=UTC))
    with time_machine.travel(NOW, tick=False):
        page = main(client, UPDATES)
    today, yesterday = (
        page.index("Day 1742 · 1 December 2026"),
        page.index("Day 1741 · 30 November 2026"),
    )
    assert today < page.index("After Kyiv midnight") < yesterday < page.index("Before it")


@pytest.mark.parametrize(
    ("moment", "shown", "offset"),
    [
        # The night summer time ends in Kyiv (25 October 2026): 03:30 happens twice.
        (datetime(2026, 10, 25, 0, 30, tzinfo=UTC), "03:30 Kyiv time (EEST)", "+03:00"),
        (datetime(2026, 10, 25, 1, 30, tzinfo=UTC), "03:30 Kyiv time (EET)", "+02:00"),
        # The night it begins (29 March 2026): 03:00 to 04:00 never happens.
        (datetime(2026, 3, 29, 0, 30, tzinfo=UTC), "02:30 Kyiv time (EET)", "+02:00"),
        (datetime(2026, 3, 29, 1, 30, tzinfo=UTC), "04:30 Kyiv time (EEST)", "+03:00"),
    ],
)
def test_times_say_their_zone_across_the_clock_change(client, moment, shown, offset):
    make_counter()
    update = make_banner("Night update", published_at=moment)
    with time_machine.travel(moment + timedelta(minutes=5), tick=False):
        page = main(client, UPDATES)
    local = moment.astimezone(current_bar().counter.zone).isoformat(timespec="seconds")
    assert local.endswith(offset)
    assert f'<time datetime="{local}">{shown}</time>' in page
    assert f'id="update-{update.pk}"' in page


def test_a_day_gets_its_digest_after_the_counters_midnight(client):
    make_counter()
    day = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)  # 10:00 in Kyiv
    make_banner("Key one", key_event=True, published_at=day)
    make_banner("Not key", published_at=day + timedelta(hours=1))
    make_banner("Key two", key_event=True, published_at=day + timedelta(hours=2))
    kyiv_midnight = datetime(2026, 11, 30, 22, 0, tzinfo=UTC)
    with time_machine.travel(kyiv_midnight - timedelta(seconds=1), tick=False):
        assert "at a glance" not in main(client, UPDATES)
    with time_machine.travel(kyiv_midnight + timedelta(seconds=1), tick=False):
        page = main(client, UPDATES)
        assert "Day 1741 at a glance" in page
        digest = page[page.index("Day 1741 at a glance") : page.index("</aside>")]
        assert "Key one" in digest and "Key two" in digest and "Not key" not in digest
        DayDigest.objects.create(date=date(2026, 11, 30), text="Talks in **Geneva**.")
        page = main(client, UPDATES)
        digest = page[page.index("Day 1741 at a glance") : page.index("</aside>")]
        assert "Talks in <strong>Geneva</strong>." in digest and "Key one" not in digest


def test_an_edit_shows_and_keeps_the_earlier_text(client, clock, django_user_model):
    update = make_banner("Three drones", body="Early count.", published_at=NOW - timedelta(hours=1))
    update = Banner.objects.get(pk=update.pk)
    update.headline = "Five drones"
    update.editor = django_user_model.objects.create_user("desk")
    update.save()
    page = main(client, UPDATES)
    assert "Five drones" in page and "Three drones" not in page
    assert "edited <time" in page and "12:00 Kyiv time (EET)" in page
    earlier = update.revisions.get()
    assert (earlier.headline, earlier.body, earlier.replaced_by.username) == (
        "Three drones",
        "Early count.",
        "desk",
    )


def test_a_scheduled_update_is_no_edit_and_retracted_ones_show_nowhere(
    client, clock, django_user_model
):
    article = make_article()
    scheduled = make_banner("Later", published_at=NOW + timedelta(hours=1), article=article)
    scheduled = Banner.objects.get(pk=scheduled.pk)
    scheduled.headline = "Later, reworded"
    scheduled.save()
    assert scheduled.edited_at is None and not scheduled.revisions.exists()
    gone = make_banner("Gone", body="Secret", key_event=True, pinned=True, article=article)
    gone.retract(django_user_model.objects.create_user("desk"))
    for url in (UPDATES, KEY_EVENTS, reverse("live:updates-rss"), reverse("live:updates-atom")):
        assert "Gone" not in client.get(url).content.decode()
    assert "Gone" not in main(client, article.get_absolute_url())
    assert client.get(gone.get_absolute_url()).status_code == 404


def live_blog(client, url):
    page = client.get(url).content.decode()
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return json.loads(found.group(1))


def test_the_live_blog_structured_data_has_what_google_requires(client, clock, django_user_model):
    author = django_user_model.objects.create_user("olena", first_name="Olena", last_name="K")
    first = make_banner("First", published_at=NOW - timedelta(days=1))
    make_banner("Second", body="With *text*.", published_by=author, published_at=NOW)
    data = live_blog(client, UPDATES)
    assert data["@type"] == "LiveBlogPosting"
    for key in ("headline", "url", "datePublished", "coverageStartTime", "author", "publisher"):
        assert data[key], key
    assert data["datePublished"] == data["coverageStartTime"]
    assert datetime.fromisoformat(data["coverageStartTime"]) == first.published_at
    newest = data["liveBlogUpdate"][0]
    for key in ("headline", "articleBody", "datePublished", "dateModified", "author", "url"):
        assert newest[key], key
    assert newest["articleBody"] == "With text."
    assert newest["author"] == {"@type": "Person", "name": "Olena K"}
    assert newest["url"].endswith(f"{UPDATES}#update-{Banner.objects.get(headline='Second').pk}")


@pytest.mark.parametrize("feed", ["live:updates-rss", "live:updates-atom"])
def test_the_feeds_carry_bodies_key_events_and_digests(client, feed):
    make_counter()
    make_banner(
        "Key moment",
        body="In **full**.",
        key_event=True,
        published_at=datetime(2026, 11, 30, 8, 0, tzinfo=UTC),
    )
    with time_machine.travel(NOW, tick=False):
        parsed = feedparser.parse(client.get(reverse(feed)).content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    titles = [entry.title for entry in parsed.entries]
    assert titles == ["Day 1741 at a glance", "Key moment"]
    digest, update = parsed.entries
    assert "<strong>full</strong>" in (
        update.get("content", [{}])[0].get("value") or update.summary
    )
    assert "Key event" in [tag.term for tag in update.tags]
    assert "Key moment" in digest.summary
    assert digest.link.endswith(reverse("live:day", args=["2026-11-30"]))
    location = client.get(reverse("live:day", args=["2026-11-30"]))["Location"]
    assert location == f"{UPDATES}#day-2026-11-30"


def test_an_article_shows_its_latest_five_updates_linking_to_their_addresses(client, clock):
    article = make_article()
    updates = post_updates(7, NOW - timedelta(hours=2), article=article)
    make_banner("Elsewhere", published_at=NOW - timedelta(minutes=1))
    page = main(client, article.get_absolute_url())
    strip = page[page.index("Latest on this story") :]
    assert [u.headline in strip for u in updates] == [False, False] + [True] * 5
    assert f'href="{updates[-1].get_absolute_url()}"' in strip and "Elsewhere" not in strip
    # Cached, and changed at once when one of its updates changes.
    updates[-1].headline = "Reworded"
    updates[-1].save()
    assert "Reworded" in main(client, article.get_absolute_url())


# Count and coverage start, the page of updates, the pinned summary (front only), then the
# digests' texts and key events (when the page shows an ended day).
UPDATES_FRONT_QUERIES = 5
UPDATES_PAGE_QUERIES = 4


@pytest.mark.parametrize("size", [3, 60])
def test_the_updates_pages_make_a_fixed_number_of_queries(client, clock, settings, size):
    settings.PAGE_CACHE_SECONDS = 0
    make_counter()
    article = make_article()
    post_updates(size, NOW - timedelta(days=2), step=timedelta(hours=1) / size * 40,
                 article=article, key_event=True)  # fmt: skip
    make_banner("Pinned", pinned=True, published_at=NOW - timedelta(hours=1))
    DayDigest.objects.create(date=date(2026, 11, 29), text="A day.")
    for url, budget in ((UPDATES, UPDATES_FRONT_QUERIES), (UPDATES + "?page=1", UPDATES_PAGE_QUERIES),
                        (KEY_EVENTS, UPDATES_FRONT_QUERIES)):  # fmt: skip
        assert count_queries(client, url) == budget, url


# None: its version, content and updates are kept; 8 when rendered (test_query_budget).
ARTICLE_WITH_UPDATES_QUERIES = 0


@pytest.mark.parametrize("size", [1, 12])
def test_an_article_with_updates_makes_a_fixed_number_of_queries(client, clock, settings, size):
    settings.PAGE_CACHE_SECONDS = 0
    article = make_article()
    post_updates(size, NOW - timedelta(hours=3), article=article)
    client.get(article.get_absolute_url())  # its content is now kept
    assert count_queries(client, article.get_absolute_url()) == ARTICLE_WITH_UPDATES_QUERIES
    assert "Latest on this story" in main(client, article.get_absolute_url())
