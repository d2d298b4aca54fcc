"""The hostile-input corpus through comments: refused or escaped, never run, never a 500."""

import pytest

from tracker.comments.models import Comment

from .comments_helpers import (
    commented_article,
    comments_url,
    make_comment,
    make_reader,
    reader_client,
)
from .hostile import XSS
from .html import active_content
from .test_html_validity import OUTDATED, validate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_limits(monkeypatch):
    monkeypatch.setattr("tracker.comments.limits.allow", lambda *args: True)


def test_every_payload_posted_is_kept_as_text_and_never_runs(client):
    article = commented_article()
    web = reader_client(make_reader())
    for n, payload in enumerate(XSS):
        response = web.post(comments_url(article), {"body": f"{n} {payload}", "website": ""})
        assert response.status_code in (200, 302), payload
    Comment.objects.update(status=Comment.Status.APPROVED)
    for url in (article.get_absolute_url(), comments_url(article)):
        html = client.get(url).content.decode()
        assert active_content(html) == [], url
        assert "alert(1)" in html  # kept, as text
    assert Comment.objects.count() == len(XSS)


def test_payloads_in_names_and_replies_never_run(client):
    article = commented_article()
    for payload in XSS:
        parent = make_comment(article, reader=make_reader(display_name=payload[:50]), body=payload)
        make_comment(article, parent=parent, body=payload)
    assert active_content(client.get(article.get_absolute_url()).content.decode()) == []


@pytest.mark.parametrize(
    "body", ["\x00null byte", "\u202eright-to-left override", "emoji 🇺🇦 " * 50, "a\r\nb\rc"]
)
def test_odd_text_is_answered_without_an_error(body):
    article = commented_article()
    response = reader_client(make_reader()).post(
        comments_url(article), {"body": body, "website": ""}
    )
    assert response.status_code in (200, 302)


def test_comment_pages_are_valid_html(client, tmp_path):
    article = commented_article(title="Energy grid")
    reader = make_reader(display_name="Halyna")
    parent = make_comment(article, reader=reader, body="First line\n\nSecond https://example.org/x")
    make_comment(article, parent=parent, body="A reply <b>with tags</b>")
    make_comment(article, reader=reader, status=Comment.Status.PENDING, body="Mine, waiting")
    web = reader_client(reader)
    pages = {
        "article": client.get(article.get_absolute_url()),
        "comments-anonymous": client.get(comments_url(article)),
        "comments-reader": web.get(comments_url(article)),
        "comments-refused": web.post(comments_url(article), {"body": "x" * 2001, "website": ""}),
        "sign-in": client.get("/readers/sign-in/"),
        "sign-in-error": client.post("/readers/sign-in/", {"email": "nope"}),
        "sign-in-sent": client.get("/readers/sign-in/sent/"),
        "sign-in-link": client.get("/readers/sign-in/link/?sesame=x"),
        "account": web.get("/readers/account/"),
        "reply": web.get(f"/comments/reply/{parent.pk}/"),
        "report": web.post(f"/comments/report/{parent.pk}/", {"note": "x"}),
        "edit": web.get(f"/comments/edit/{parent.pk}/"),
        "delete": web.get(f"/comments/delete/{parent.pk}/"),
        "not-posted": client.post(comments_url(article), {"body": "Signed out"}),
    }
    paths = []
    for name, response in pages.items():
        assert response.status_code in (200, 400, 403), name
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        paths.append(path)
    problems = {
        page: [f"{m['type']} line {m.get('lastLine')}: {m['message']}" for m in messages]
        for page, messages in validate(paths).items()
        if any(m["type"] == "error" and m["message"] not in OUTDATED for m in messages)
    }
    assert problems == {}
