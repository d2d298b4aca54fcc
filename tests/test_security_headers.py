"""Every response carries the security headers; public pages stay shareable by caches."""

import re

import pytest
from django.http import HttpResponse

from tests.factories import make_article, make_banner, make_counter

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    make_counter()
    make_banner("Shelling reported overnight")
    article = make_article(title="Frontline update")
    return {
        "home": "/",
        "article": article.get_absolute_url(),
        "topic": article.topic.get_absolute_url(),
        "author": article.authors.first().get_absolute_url(),
        "authors": "/authors/",
        "updates": "/updates/",
        "feed": "/updates/feed/rss/",
        "bar": "/live/bar/",
        "missing": "/no-such-page/",
    }


def policy(response):
    header = response["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in (p.strip() for p in header.split(";")) if d}


def assert_security_headers(response):
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"][0] == "'self'"
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_every_public_response_carries_the_security_headers(client, site):
    for path in site.values():
        assert_security_headers(client.get(path))
        assert_security_headers(client.get(path))  # a page-cache hit replays them too


def test_admin_and_desk_responses_carry_the_security_headers(client, staff_client):
    for response in (
        client.get("/admin/login/"),
        client.get("/desk/"),
        staff_client.get("/admin/"),
        staff_client.get("/admin/newsroom/article/add/"),
        staff_client.get("/desk/"),
    ):
        assert_security_headers(response)


def test_public_pages_carry_no_nonce_so_a_cached_page_is_the_same_for_everyone(client, site):
    for path in site.values():
        header = client.get(path)["Content-Security-Policy"]
        assert "nonce-" not in header, path


def test_public_pages_never_vary_on_cookies_nor_set_one(client, site):
    for name, path in site.items():
        response = client.get(path)
        assert "Cookie" not in response.get("Vary", ""), name
        assert not response.cookies, name


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", re.I)


def test_public_pages_have_no_inline_scripts_or_styles(client, site):
    for name, path in site.items():
        html = client.get(path).content.decode()
        assert not INLINE_SCRIPT.search(html), name
        assert " style=" not in html and "<style" not in html, name


def test_the_content_security_policy_is_enforced_not_just_reported(client):
    response = client.get("/")
    assert "Content-Security-Policy" in response
    assert "Content-Security-Policy-Report-Only" not in response


def respond(request):
    return HttpResponse()
