"""Banners from the desk and the admin: validation, permissions, retraction."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tracker.live.forms import BannerForm
from tracker.live.models import Banner

from .factories import make_article, make_banner

pytestmark = pytest.mark.django_db

DESK = reverse("live:desk")


@pytest.fixture
def desk_user(django_user_model):
    user = django_user_model.objects.create_user("desk", password="unused-pw-1234", is_staff=True)
    user.groups.add(Group.objects.get(name="Desk"))
    return user


@pytest.fixture
def desk_client(desk_user):
    client = Client()
    client.force_login(desk_user)
    return client


def test_a_desk_user_publishes_a_banner_and_it_records_who(desk_client, desk_user):
    response = desk_client.post(DESK, {"headline": "Air raid alert in Kyiv", "kind": "breaking"})
    assert response.status_code == 302
    banner = Banner.objects.get()
    assert banner.published_by == desk_user and banner.kind == "breaking"
    assert banner in Banner.objects.live()
    page = desk_client.get(DESK).content.decode()
    assert "Published: “Air raid alert in Kyiv”" in page


def test_with_htmx_the_desk_answers_with_its_panel_only(desk_client):
    response = desk_client.post(
        DESK, {"headline": "Via htmx", "kind": "update"}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<div id="desk-panel"') and "<html" not in body
    assert "Via htmx" in body


def test_a_desk_user_retracts_a_banner_and_the_record_stays(desk_client, desk_user):
    banner = make_banner("Mistaken report")
    response = desk_client.post(reverse("live:banner-retract", args=[banner.pk]))
    assert response.status_code == 302
    banner.refresh_from_db()
    assert banner.retracted_by == desk_user and banner.retracted_at is not None
    assert not Banner.objects.live().exists()
    assert "Retracted" in desk_client.get(DESK).content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"headline": "", "kind": "update"}, "Write a headline for the update."),
        (
            {"headline": "x" * 141, "kind": "update"},
            "Keep the headline to 140 characters or fewer (this one has 141).",
        ),
        (
            {"headline": "Link", "kind": "update", "url": "javascript:alert(1)"},
            "starts with http:// or https://",
        ),
        (
            {"headline": "Link", "kind": "update", "url": "ftp://example.org/file"},
            "starts with http:// or https://",
        ),
        (
            {"headline": "Late", "kind": "update", "expires_at": "2020-01-01T10:00"},
            "The expiry must be later than the publish time.",
        ),
        ({"headline": "Odd", "kind": "gossip"}, "Select a valid choice."),
    ],
)
def test_the_desk_refuses_bad_banners_inline_and_keeps_the_input(desk_client, data, message):
    response = desk_client.post(DESK, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    if data["headline"]:
        assert f'value="{data["headline"]}"' in body  # nothing the desk typed is lost
    assert not Banner.objects.exists()


def test_a_banner_links_an_article_or_a_web_address_not_both():
    form = BannerForm(
        data={
            "headline": "Both",
            "kind": "update",
            "article": make_article().pk,
            "url": "https://example.org/",
            "published_at": timezone.now(),
        }
    )
    assert not form.is_valid()
    assert "not both" in str(form.errors)


def test_anonymous_visitors_are_sent_to_log_in():
    response = Client().get(DESK)
    assert response.status_code == 302 and response.url.startswith(reverse("admin:login"))
    response = Client().post(reverse("live:banner-retract", args=[1]))
    assert response.status_code == 302
    assert not Banner.objects.exists()


def test_staff_without_the_desk_role_are_refused(django_user_model):
    client = Client()
    client.force_login(django_user_model.objects.create_user("intern", is_staff=True))
    assert client.get(DESK).status_code == 403


def test_desk_users_cannot_edit_articles_but_editors_can(desk_client, django_user_model):
    article = make_article()
    change = reverse("admin:newsroom_article_change", args=[article.pk])
    assert desk_client.get(change).status_code == 403
    assert desk_client.get(reverse("admin:live_banner_changelist")).status_code == 200

    editor = django_user_model.objects.create_user("editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(editor)
    assert client.get(change).status_code == 200


def test_the_desk_lists_the_last_20_banners(desk_client):
    for i in range(25):
        make_banner(
            f"Headline number {i:02}", published_at=timezone.now() - timedelta(minutes=30 - i)
        )
    page = desk_client.get(DESK).content.decode()
    assert "Headline number 24" in page and "Headline number 05" in page
    assert "Headline number 04" not in page


def test_the_admin_records_who_published_a_banner(staff_client):
    now = timezone.localtime()
    response = staff_client.post(
        reverse("admin:live_banner_add"),
        {
            "headline": "From the admin",
            "kind": "update",
            "published_at": now.strftime("%Y-%m-%dT%H:%M"),
            "revisions-TOTAL_FORMS": "0",
            "revisions-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.context["errors"]
    assert Banner.objects.get().published_by.username == "editor"
