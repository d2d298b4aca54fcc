"""A reader's open page shows a banner published at the desk, without a reload."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from tracker.live.models import Banner

from ..factories import make_article, make_counter

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

POLL_SECONDS = 1
# The bound: the poll interval plus 5 seconds.
DEADLINE_MS = (POLL_SECONDS + 5) * 1000


@pytest.fixture
def desk_page(new_page, django_user_model):
    user = django_user_model.objects.create_user("desk", password="desk-pass-2026!", is_staff=True)
    user.groups.add(Group.objects.get(name="Desk"))  # the data migration's group
    page = new_page()
    page.goto("/desk/")  # sent to log in first
    page.get_by_label("Username").fill("desk")
    page.get_by_label("Password").fill("desk-pass-2026!")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Desk", level=1)).to_be_visible()
    return page


def test_a_banner_from_the_desk_reaches_an_open_page_and_leaves_it_on_retract(page, desk_page):
    make_counter(poll_interval=POLL_SECONDS)
    make_article(title="Context piece")
    page.goto("/")
    bar = page.locator(".live-bar")
    expect(bar).to_contain_text("of the full-scale invasion")
    expect(bar).not_to_contain_text("Talks resume in Geneva")
    url_before = page.url

    desk_page.get_by_label("Headline").fill("Talks resume in Geneva")
    desk_page.get_by_label("Kind").select_option("breaking")
    desk_page.get_by_role("button", name="Publish now").click()
    expect(desk_page.locator("#desk-panel")).to_contain_text("Published: “Talks resume in Geneva”")
    assert Banner.objects.live().get().published_by.username == "desk"

    expect(bar).to_contain_text("Breaking: Talks resume in Geneva", timeout=DEADLINE_MS)
    expect(page.locator(".live-bar__content--breaking")).to_have_count(1)
    assert page.url == url_before  # no navigation, no reload

    desk_page.get_by_role("button", name="Retract “Talks resume in Geneva”").click()
    expect(desk_page.locator("#desk-panel")).to_contain_text("Retracted")
    expect(bar).not_to_contain_text("Talks resume in Geneva", timeout=DEADLINE_MS)
    page.wait_for_timeout(POLL_SECONDS * 2000)  # later polls never bring it back
    expect(bar).not_to_contain_text("Talks resume in Geneva")


def test_the_bar_keeps_its_height_whatever_the_headline(page):
    make_counter(poll_interval=POLL_SECONDS)
    page.goto("/")
    before = page.locator(".live-bar").bounding_box()["height"]
    Banner.objects.create(headline="Long " * 27, kind="update")
    expect(page.locator(".live-bar")).to_contain_text("Long Long", timeout=DEADLINE_MS)
    assert page.locator(".live-bar").bounding_box()["height"] == before


def test_a_failed_poll_keeps_the_last_bar(page):
    make_counter(poll_interval=POLL_SECONDS)
    Banner.objects.create(headline="Still here", kind="update")
    page.goto("/")
    page.route("**/live/bar/**", lambda route: route.fulfill(status=503, body="down"))
    page.wait_for_timeout(POLL_SECONDS * 2500)
    expect(page.locator(".live-bar")).to_contain_text("Still here")
    page.unroute("**/live/bar/**")
    Banner.objects.create(headline="Back again", kind="update")
    expect(page.locator(".live-bar")).to_contain_text("Back again", timeout=DEADLINE_MS)


def test_a_hidden_tab_does_not_poll_and_catches_up_when_shown(page):
    make_counter(poll_interval=4)
    page.goto("/")
    polls = []
    page.on("request", lambda request: "/live/bar/" in request.url and polls.append(request.url))
    page.evaluate(
        "Object.defineProperty(document, 'hidden', {configurable: true, get: () => true})"
    )
    page.wait_for_timeout(5000)  # one tick comes and is skipped
    assert polls == []

    page.evaluate(
        "Object.defineProperty(document, 'hidden', {configurable: true, get: () => false});"
        "document.dispatchEvent(new Event('visibilitychange'))"
    )
    page.wait_for_timeout(500)  # the next tick is 3 seconds away: this poll is the catch-up
    assert len(polls) >= 1
