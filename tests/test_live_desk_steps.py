"""The desk's steps on live updates: edit, pin and unpin, key events; refusals in the
desk's words that keep what was typed; the state each update is listed in."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tracker.live.models import Banner

from .factories import make_article, make_banner

pytestmark = pytest.mark.django_db

DESK = reverse("live:desk")


@pytest.fixture
def desk_client(django_user_model):
    user = django_user_model.objects.create_user("desk", is_staff=True, first_name="Dana")
    user.groups.add(Group.objects.get(name="Desk"))
    client = Client()
    client.force_login(user)
    client.user = user
    return client


def edit_url(update):
    return reverse("live:banner-edit", args=[update.pk])


def test_posting_a_key_event_with_a_body_confirms_it_in_a_focused_message(desk_client):
    response = desk_client.post(
        DESK,
        {"headline": "Talks resume", "body": "In *Geneva*.", "kind": "update", "key_event": "on"},
    )
    assert response["Location"] == f"{DESK}#desk-message"
    update = Banner.objects.get()
    assert update.key_event and update.body_html == "<p>In <em>Geneva</em>.</p>\n"
    page = desk_client.get(DESK).content.decode()
    assert '<div id="desk-message" class="messages" role="status" tabindex="-1" autofocus>' in page
    assert page.index("desk-message") < page.index('class="desk-form"')  # above the form


def test_editing_keeps_the_earlier_text_and_says_so(desk_client):
    update = make_banner("Three drones", published_at=timezone.now() - timedelta(minutes=5))
    page = desk_client.get(edit_url(update)).content.decode()
    assert "Edit update" in page and 'value="Three drones"' in page
    response = desk_client.post(
        edit_url(update),
        {"headline": "Five drones", "kind": "update"},
        headers={"HX-Request": "true"},
    )
    assert "Saved: “Five drones”. Readers see it marked as edited." in response.content.decode()
    update.refresh_from_db()
    assert update.edited_at is not None
    assert update.revisions.get().headline == "Three drones"
    assert update.revisions.get().replaced_by == desk_client.user


def test_the_list_calls_only_the_update_in_the_bar_live(desk_client, django_user_model):
    make_banner("Older", published_at=timezone.now() - timedelta(hours=1))
    make_banner("Newest")
    make_banner("Tomorrow", published_at=timezone.now() + timedelta(days=1))
    make_banner("Wrong").retract(django_user_model.objects.create_user("other"))
    page = desk_client.get(DESK).content.decode()
    listed = re.findall(r'desk-banner__state">(\w+).*?desk-banner__headline">([^<]+)<', page, re.S)
    assert {headline: state for state, headline in listed} == {
        "Older": "Published",
        "Newest": "Live",
        "Tomorrow": "Scheduled",
        "Wrong": "Retracted",
    }


def test_pin_and_unpin(desk_client):
    update = make_banner("What we know")
    desk_client.post(reverse("live:banner-pin", args=[update.pk]))
    update.refresh_from_db()
    assert update.pinned
    assert "Pinned: “What we know”" in desk_client.get(DESK).content.decode()
    desk_client.post(reverse("live:banner-unpin", args=[update.pk]))
    update.refresh_from_db()
    assert not update.pinned


def test_a_second_pinned_summary_is_refused_in_the_desks_words(desk_client):
    make_banner("The summary", pinned=True)
    other = make_banner("Another")
    page = desk_client.post(reverse("live:banner-pin", args=[other.pk]), follow=True)
    message = "“The summary” is already the pinned summary. Unpin it first, then pin this one."
    assert message in page.content.decode()
    response = desk_client.post(
        DESK, {"headline": "Typed with care", "body": "Kept text", "kind": "update", "pinned": "on"}
    )
    body = response.content.decode()
    assert message in body and 'value="Typed with care"' in body and "Kept text</textarea>" in body
    assert 'role="alert" tabindex="-1" autofocus' in body
    assert Banner.objects.filter(pinned=True).count() == 1


def test_a_retracted_update_cannot_be_pinned_or_edited(desk_client):
    update = make_banner("Withdrawn claim")
    update.retract(desk_client.user)
    page = desk_client.post(reverse("live:banner-pin", args=[update.pk]), follow=True)
    assert "“Withdrawn claim” was retracted, so it cannot be pinned." in page.content.decode()
    response = desk_client.post(edit_url(update), {"headline": "Sneaky fix", "kind": "update"})
    body = response.content.decode()
    assert "This update was retracted, so it can no longer be edited." in body
    assert 'value="Sneaky fix"' in body  # what was typed stays
    update.refresh_from_db()
    assert update.headline == "Withdrawn claim" and not update.pinned


def test_an_update_cannot_be_attached_to_an_unpublished_article(desk_client):
    draft = make_article(title="Draft analysis", status="draft")
    response = desk_client.post(
        DESK, {"headline": "See the analysis", "kind": "update", "article": draft.pk}
    )
    body = response.content.decode()
    assert "“Draft analysis” is not published, so readers could not open it." in body
    assert 'value="See the analysis"' in body
    assert not Banner.objects.exists()
    public = make_article(title="Public analysis")
    desk_client.post(DESK, {"headline": "See it", "kind": "update", "article": public.pk})
    assert Banner.objects.get().article == public


def test_the_desk_escapes_what_was_typed(desk_client):
    desk_client.post(DESK, {"headline": "<img src=x onerror=alert(1)>", "kind": "update"})
    page = desk_client.get(DESK).content.decode()
    assert "<img src=x" not in page and "&lt;img src=x" in page


def test_the_admin_links_desk_members_to_the_desk(desk_client, editor_client):
    for page in (reverse("admin:index"), reverse("admin:live_banner_changelist")):
        assert f'href="{DESK}"' in desk_client.get(page).content.decode()
    assert f'href="{DESK}"' not in editor_client.get(reverse("admin:index")).content.decode()
