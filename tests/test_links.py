"""Page addresses are reversed once per process, and stay right for any script prefix."""

import pytest
from django.urls import NoReverseMatch, set_script_prefix

from tracker import links
from tracker.links import page_url


def test_an_address_is_reversed_once(monkeypatch):
    calls = []
    real = links.reverse
    monkeypatch.setattr(links, "reverse", lambda *a, **k: calls.append(a) or real(*a, **k))
    # Slugs no other test asks for: no earlier test has left their addresses remembered.
    urls = [page_url("newsroom:topic-detail", slug="reversed-once") for _ in range(3)]
    assert urls == ["/topics/reversed-once/"] * 3 and len(calls) == 1
    assert page_url("newsroom:topic-detail", slug="reversed-too") == "/topics/reversed-too/"
    assert len(calls) == 2


def test_a_script_prefix_or_another_root_urlconf_gets_its_own_address(settings):
    assert page_url("newsroom:home") == "/"
    set_script_prefix("/tracker/")
    try:
        assert page_url("newsroom:home") == "/tracker/"
    finally:
        set_script_prefix("/")
    settings.ROOT_URLCONF = "tests.broken_urls"  # a URLconf without the site's pages
    with pytest.raises(NoReverseMatch):
        page_url("newsroom:home")


@pytest.mark.django_db
def test_the_shared_header_holds_the_addresses_of_each_script_prefix(client):
    set_script_prefix("/tracker/")  # as Django's WSGI handler does; the test client does not
    try:
        under_prefix = client.get("/", SCRIPT_NAME="/tracker").content.decode()
        missing_under_prefix = client.get("/nowhere/", SCRIPT_NAME="/tracker").content.decode()
    finally:
        set_script_prefix("/")
    at_root = client.get("/").content.decode()
    missing_at_root = client.get("/nowhere/").content.decode()
    assert 'href="/tracker/">Go to the latest coverage' in missing_under_prefix
    assert 'href="/">Go to the latest coverage' in missing_at_root
    assert '<a class="site-name" href="/tracker/">' in under_prefix
    assert '<a class="site-name" href="/">' in at_root
    assert 'data-hx-get="/tracker/live/bar/?v=' in under_prefix  # and so is the bar
    assert 'data-hx-get="/live/bar/?v=' in at_root
