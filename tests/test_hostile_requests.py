"""Random and malformed requests to every public and desk URL: a 4xx or a success, never a 500."""

from urllib.parse import quote, urlencode

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .factories import make_article, make_banner, make_counter

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

page_numbers = st.one_of(
    st.sampled_from(["0", "-1", "10" * 6, str(10**12), "last", "abc", "1.5", "", "%00", "٣"]),
    st.integers(min_value=-(10**13), max_value=10**13).map(str),
    st.text(max_size=30),
)
any_text = st.text(max_size=200)


@pytest.fixture
def site():
    make_counter()
    article = make_article(title="A published article")
    banner = make_banner("A live banner")
    return [
        "/",
        article.get_absolute_url(),
        article.topic.get_absolute_url(),
        article.authors.first().get_absolute_url(),
        "/authors/",
        "/updates/",
        "/updates/new/",
        "/updates/feed/rss/",
        "/updates/feed/atom/",
        "/feed/",
        f"{article.topic.get_absolute_url()}feed/",
        "/search/",
        "/sitemap.xml",
        "/robots.txt",
        "/about/",
        "/preview/links/not-a-token/",
        "/live/bar/",
        "/desk/",
        f"/desk/banners/{banner.pk}/retract/",
        f"/preview/articles/{article.pk}/",
    ]


@pytest.fixture
def desk_client(django_user_model):
    user = django_user_model.objects.create_user("desk", password="x" * 16, is_staff=True)
    user.groups.add(Group.objects.get(name="Desk"))
    client = Client()
    client.force_login(user)
    return client


def assert_answered(response, what):
    assert response.status_code < 500, f"{response.status_code} for {what}"


@FUZZ
@given(segments=st.lists(any_text, min_size=1, max_size=4), trailing=st.booleans())
def test_random_paths_never_fail(client, site, segments, trailing):
    path = "/" + "/".join(quote(s, safe="") for s in segments) + ("/" if trailing else "")
    assert_answered(client.get(path), path)
    for base in site[:4]:
        assert_answered(client.get(base + quote(segments[0], safe="") + "/"), base)


@FUZZ
@given(page=page_numbers, key=any_text, value=any_text)
def test_random_query_strings_and_page_numbers_never_fail(
    client, desk_client, site, page, key, value
):
    query = urlencode({"page": page, key: value, "v": value, "after": page, "q": value})
    for path in site:
        for who in (client, desk_client):
            assert_answered(who.get(f"{path}?{query}"), f"{path}?{query}")


@FUZZ
@given(
    fields=st.dictionaries(
        st.sampled_from(["headline", "article", "url", "kind", "expires_at", "junk"]),
        st.one_of(any_text, st.integers(-(10**20), 10**20).map(str)),
    ),
    htmx=st.booleans(),
)
def test_random_desk_posts_never_fail(client, desk_client, site, fields, htmx):
    headers = {"HX-Request": "true"} if htmx else {}
    for path in site:
        assert_answered(desk_client.post(path, fields, headers=headers), f"POST {path}")
        assert_answered(client.post(path, fields), f"anonymous POST {path}")


def test_oversized_and_malformed_posts_are_refused_with_a_4xx(desk_client, site):
    huge = {"headline": "x" * (3 * 1024 * 1024)}
    many = {f"field{n}": "x" for n in range(1500)}
    for path in site:
        for body in (huge, many):
            assert_answered(desk_client.post(path, body), path)
    for body in (huge, many):  # the desk's form reads the body, and refuses it
        response = desk_client.post("/desk/", body)
        assert response.status_code == 400
        assert "That request could not be read" in response.content.decode()
        broken = desk_client.generic(
            "POST", path, b"--nope\r\ngarbage", content_type="multipart/form-data; boundary=x"
        )
        assert_answered(broken, path)
        binary = desk_client.generic(
            "POST", path, bytes(range(256)) * 10, content_type="application/x-www-form-urlencoded"
        )
        assert_answered(binary, path)


def test_an_oversized_headline_from_the_desk_gets_a_clear_message(desk_client):
    response = desk_client.post("/desk/", {"headline": "x" * 5000, "kind": "update"})
    assert response.status_code == 200
    assert "Keep the headline to" in response.content.decode()


def test_a_visitor_without_permission_gets_a_clear_403_page(client, django_user_model, site):
    user = django_user_model.objects.create_user("reader", password="x" * 16, is_staff=True)
    client.force_login(user)
    response = client.get("/desk/")
    assert response.status_code == 403
    assert "You are not allowed to do that" in response.content.decode()
