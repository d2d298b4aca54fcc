"""Page addresses are reversed once per process, and stay right for any script prefix."""

import pytest
from django.urls import NoReverseMatch, set_script_prefix

from tracker import links
from tracker.links import page_url


def test_an_address_is_reversed_once(monkeypatch):
    calls = []
    real = links.reverse
    monkeypatch.setattr(links, "reverse", lambda *a, **k: calls.append(a) or real(*a, **k))
    links._reverse.cache_clear()
    urls = [page_url("newsroom:topic-detail", slug="frontline") for _ in range(3)]
    assert urls == ["/topics/frontline/"] * 3 and len(calls) == 1
    assert page_url("newsroom:topic-detail", slug="economy") == "/topics/economy/"
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
