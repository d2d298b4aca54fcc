"""The updates page in a browser: "N new updates" never moves what is being read, and
pressing it moves focus to the first new update; the desk on a phone keeps its place."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from tracker.live.models import Banner

from ..factories import make_banner, make_counter

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

POLL_SECONDS = 1
DEADLINE_MS = (POLL_SECONDS + 5) * 1000


def test_new_updates_button_keeps_the_text_in_place_and_takes_focus(page):
    make_counter(poll_interval=POLL_SECONDS)
    start = timezone.now() - timedelta(hours=3)
    updates = [
        make_banner(
            f"Earlier update {i}",
            body="A paragraph of text. " * 12,
            published_at=start + timedelta(minutes=i),
        )
        for i in range(30)
    ]
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto("/updates/")
    slot = page.locator("#new-updates-slot")
    expect(slot).to_have_attribute("aria-live", "polite")
    assert slot.inner_html() == ""  # present and empty at load, so an arrival is announced

    reading = page.locator(f"#update-{updates[15].pk}")
    reading.scroll_into_view_if_needed()
    page.mouse.wheel(0, 0)
    top = reading.bounding_box()["y"]
    scroll = page.evaluate("window.scrollY")

    newest = [make_banner(f"Arrived {i}", published_at=timezone.now()) for i in range(2)]
    button = page.get_by_role("button", name="2 new updates: show them")
    expect(button).to_be_visible(timeout=DEADLINE_MS)
    assert reading.bounding_box()["y"] == top and page.evaluate("window.scrollY") == scroll
    expect(page.locator(f"#update-{newest[1].pk}")).to_have_count(0)  # nothing inserted yet

    button.click()
    first_new = page.locator(f"#update-{newest[1].pk}")
    expect(first_new).to_be_focused()
    expect(page.locator(f"#update-{newest[0].pk}")).to_be_visible()
    expect(slot).to_be_empty()  # the button has gone; the live region stays
    assert page.locator(f"#update-{updates[15].pk}").count() == 1  # nothing doubled
    assert Banner.objects.count() == 32


@pytest.fixture
def desk_page(new_page, django_user_model):
    user = django_user_model.objects.create_user("desk", password="desk-pass-2026!", is_staff=True)
    user.groups.add(Group.objects.get(name="Desk"))
    page = new_page()
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto("/desk/")
    page.get_by_label("Username").fill("desk")
    page.get_by_label("Password").fill("desk-pass-2026!")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Desk", level=1)).to_be_visible()
    return page


def test_on_a_phone_the_desk_moves_focus_to_its_message_not_to_the_bottom(desk_page):
    for i in range(20):
        make_banner(f"Earlier {i}", published_at=timezone.now() - timedelta(minutes=30 - i))
    desk_page.reload()
    desk_page.get_by_label("Headline").fill("Air raid alert in Kyiv")
    desk_page.get_by_label("Text (optional)").fill("Go to shelters.")
    desk_page.get_by_role("button", name="Publish now").click()
    message = desk_page.locator("#desk-message")
    expect(message).to_contain_text("Published: “Air raid alert in Kyiv”")
    expect(message).to_be_focused()
    assert message.bounding_box()["y"] >= 0 and message.is_visible()
    height = desk_page.evaluate("document.documentElement.scrollHeight")
    assert desk_page.evaluate("window.scrollY") < height / 2  # not sent to the bottom

    desk_page.get_by_label("Text (optional)").fill("Go to shelters.")  # the headline left empty
    desk_page.get_by_role("button", name="Publish now").click()
    errors = desk_page.locator("#desk-errors")
    expect(errors).to_be_focused()
    expect(errors).to_contain_text("Nothing was published")
    expect(desk_page.get_by_label("Text (optional)")).to_have_value("Go to shelters.")
