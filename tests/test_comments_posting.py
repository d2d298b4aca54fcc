"""Readers post, reply, edit and delete comments; every refusal says why and keeps the text."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from tracker.comments.models import Comment, Discussion, Report

from .comments_helpers import (
    commented_article,
    comments_url,
    make_comment,
    make_reader,
    reader_client,
)
from .factories import make_article

pytestmark = pytest.mark.django_db


def post(client, article, body, **extra):
    return client.post(comments_url(article), {"body": body, "website": "", **extra})


@pytest.fixture
def article():
    return commented_article()


@pytest.fixture
def reader_web():
    return reader_client(make_reader(display_name="Taras"))


def test_a_posted_comment_waits_and_only_its_author_sees_it_waiting(article, reader_web, client):
    response = post(reader_web, article, "The bridge was repaired last week.")
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING and comment.reader == reader_web.reader
    own = reader_web.get(comments_url(article))
    assert b"The bridge was repaired last week." in own.content
    assert b"Waiting for a moderator" in own.content
    assert b"The bridge was repaired" not in client.get(comments_url(article)).content
    assert b"The bridge was repaired" not in client.get(article.get_absolute_url()).content
    other = reader_client(make_reader())
    assert b"The bridge was repaired" not in other.get(comments_url(article)).content


def test_an_approved_comment_shows_on_the_article_page_with_its_author(article, client):
    make_comment(article, reader=make_reader(display_name="Oksana"), body="Thanks for the map.")
    page = client.get(article.get_absolute_url())
    assert b"Thanks for the map." in page.content and b"Oksana" in page.content


def test_comments_are_off_by_default(reader_web, client):
    article = make_article()
    page = client.get(article.get_absolute_url())
    assert b'id="comments"' not in page.content
    assert client.get(comments_url(article)).status_code == 404
    response = post(reader_web, article, "Hello there")
    assert response.status_code == 404
    assert b"Comments are off for this story" in response.content
    assert b"Hello there" in response.content  # given back to copy
    Discussion.objects.create(article=article, enabled=False)
    assert post(reader_web, article, "Hello").status_code == 404
    assert not Comment.objects.exists()


def test_the_seed_wording_when_there_are_no_comments(article, client):
    page = client.get(article.get_absolute_url())
    assert b"There are no comments for this story" in page.content
    assert b"Sign in to comment" in page.content


def test_comments_close_after_the_days_the_editor_set(reader_web, client):
    now = timezone.now()
    recent = commented_article(close_after_days=3, published_at=now - timedelta(days=2))
    old = commented_article(close_after_days=3, published_at=now - timedelta(days=3, minutes=1))
    assert post(reader_web, recent, "Still open.").status_code == 302
    response = post(reader_web, old, "Too late now.")
    assert response.status_code == 200
    assert b"closed" in response.content and b"Too late now." in response.content
    assert b"Comments on this story are closed" in client.get(old.get_absolute_url()).content
    assert Comment.objects.count() == 1


def test_a_page_lives_no_longer_than_its_comments_stay_open():
    now = timezone.now()
    article = commented_article(close_after_days=3, published_at=now - timedelta(days=2))
    assert Discussion.objects.next_closing(now) == article.published_at + timedelta(days=3)
    Discussion.objects.update(closed=True)
    assert Discussion.objects.next_closing(now) is None


def test_an_editor_can_close_comments_at_once(reader_web):
    article = commented_article(closed=True)
    response = post(reader_web, article, "Closed?")
    assert b"Comments on this story are closed" in response.content
    assert b"Closed?" in response.content
    assert not Comment.objects.exists()


def test_posting_needs_a_signed_in_reader_and_a_signed_out_one_keeps_the_text(
    article, client, staff_client
):
    response = post(client, article, "Written before my session ended")
    assert response.status_code == 403 and b"You are not signed in" in response.content
    assert b"Written before my session ended" in response.content
    assert b'href="/readers/sign-in/"' in response.content
    assert post(staff_client, article, "Staff").status_code == 403
    reply = client.post(f"/comments/reply/{make_comment(article).pk}/", {"body": "Reply text"})
    assert reply.status_code == 403 and b"Reply text" in reply.content
    assert Comment.objects.count() == 1


@pytest.mark.parametrize(
    "body, message",
    [
        ("", b"Your comment is empty"),
        ("   \n  ", b"Your comment is empty"),
        ("x" * 2001, b"Your comment has 2,001 characters; the limit is 2,000"),
        ("see http://a.example http://b.example www.c.example", b"at most 2 are allowed"),
    ],
)
def test_bad_comments_are_refused_with_a_reason_and_the_text_kept(
    article, reader_web, body, message
):
    response = post(reader_web, article, body)
    assert response.status_code == 200 and message in response.content
    if body.strip():
        assert body[:100].encode() in response.content
    assert not Comment.objects.exists()


def test_2000_characters_are_accepted(article, reader_web):
    assert post(reader_web, article, "y" * 2000).status_code == 302


def test_the_same_text_twice_is_refused(article, reader_web):
    post(reader_web, article, "Same words here.")
    response = post(reader_web, article, "  same   words here. ")
    assert b"already posted this same text" in response.content
    assert Comment.objects.count() == 1


def test_the_honeypot_refuses_and_keeps_the_text(article, reader_web):
    response = post(reader_web, article, "Buy now", website="http://spam.example")
    assert b"looked like an automatic submission" in response.content
    assert b"Buy now" in response.content and not Comment.objects.exists()


def test_posting_is_limited_per_reader(article, reader_web):
    for n in range(5):
        assert post(reader_web, article, f"Comment {n}").status_code == 302
    response = post(reader_web, article, "The sixth one")
    assert b"Please wait ten minutes" in response.content and b"The sixth one" in response.content
    assert Comment.objects.count() == 5


def test_posting_is_limited_per_client_address(article):
    for n in range(20):
        reader_web = reader_client(make_reader())
        assert post(reader_web, article, f"Comment {n}").status_code == 302
    response = post(reader_client(make_reader()), article, "One more")
    assert b"from your network" in response.content and b"One more" in response.content


def test_a_blocked_reader_cannot_post(article):
    reader = make_reader(blocked_at=timezone.now())
    response = post(reader_client(reader), article, "Let me in")
    assert b"can no longer post" in response.content and b"Let me in" in response.content
    assert not Comment.objects.exists()


def test_hostile_text_is_escaped_and_links_are_marked_as_readers(article, client):
    body = (
        '<script>alert(1)</script> <img src=x onerror=alert(2)> "quoted" & '
        "https://example.org/page javascript:alert(3)"
    )
    make_comment(article, body=body)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert '<a href="https://example.org/page" rel="nofollow ugc noopener">' in page
    assert 'href="javascript' not in page


def test_one_level_of_replies(article, client):
    parent = make_comment(article)
    reader_web = reader_client(make_reader())
    response = reader_web.post(f"/comments/reply/{parent.pk}/", {"body": "I agree.", "website": ""})
    assert response.status_code == 302
    reply = Comment.objects.get(parent=parent)
    reply.status = Comment.Status.APPROVED
    reply.save()
    page = client.get(article.get_absolute_url()).content.decode()
    assert page.index("comments__replies") < page.index("I agree.")
    refused = reader_web.post(f"/comments/reply/{reply.pk}/", {"body": "Deeper", "website": ""})
    assert refused.status_code == 400 and b"Replies cannot be answered" in refused.content
    assert b"Deeper" in refused.content
    assert Comment.objects.count() == 2


@pytest.mark.parametrize("status", [Comment.Status.REJECTED, Comment.Status.PENDING])
def test_a_reply_to_an_unpublished_comment_is_refused(article, status):
    parent = make_comment(article, status=status)
    reader_web = reader_client(make_reader())
    response = reader_web.post(f"/comments/reply/{parent.pk}/", {"body": "Hm", "website": ""})
    assert response.status_code == 400 and b"not published" in response.content
    assert b"Hm" in response.content and Comment.objects.count() == 1


def test_a_comment_can_be_edited_within_ten_minutes_and_waits_again(
    article, reader_web, client, django_capture_on_commit_callbacks
):
    comment = make_comment(article, reader=reader_web.reader, body="Frist version")
    assert b"Frist version" in client.get(article.get_absolute_url()).content
    with django_capture_on_commit_callbacks(execute=True):
        response = reader_web.post(
            f"/comments/edit/{comment.pk}/", {"body": "First version", "website": ""}
        )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.body == "First version" and comment.edited_at is not None
    assert comment.status == Comment.Status.PENDING  # the moderators read the new text
    page = client.get(article.get_absolute_url()).content
    assert b"First version" not in page and b"Frist version" not in page


def test_a_comment_cannot_be_edited_after_ten_minutes(article, reader_web):
    comment = make_comment(article, reader=reader_web.reader, body="Old")
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        response = reader_web.post(f"/comments/edit/{comment.pk}/", {"body": "New", "website": ""})
    assert response.status_code == 400 and b"only in the 10 minutes" in response.content
    assert b"New" in response.content
    comment.refresh_from_db()
    assert comment.body == "Old"


def test_nobody_edits_or_deletes_another_readers_comment(article, reader_web):
    comment = make_comment(article)
    assert reader_web.post(f"/comments/edit/{comment.pk}/", {"body": "Mine"}).status_code == 404
    assert reader_web.post(f"/comments/delete/{comment.pk}/").status_code == 404
    assert Comment.objects.get().body == comment.body


def test_a_reader_deletes_their_own_comment(
    article, reader_web, client, django_capture_on_commit_callbacks
):
    comment = make_comment(article, reader=reader_web.reader, body="Regret this.")
    assert b"Regret this." in client.get(article.get_absolute_url()).content
    with django_capture_on_commit_callbacks(execute=True):
        assert reader_web.post(f"/comments/delete/{comment.pk}/").status_code == 302
    assert not Comment.objects.exists()
    assert b"Regret this." not in client.get(article.get_absolute_url()).content


def test_a_deleted_comment_with_replies_leaves_a_marker(article, reader_web, client):
    comment = make_comment(article, reader=reader_web.reader, body="Regret this.")
    make_comment(article, parent=comment, body="A reply stays.")
    reader_web.post(f"/comments/delete/{comment.pk}/")
    page = client.get(article.get_absolute_url()).content
    assert b"Regret this." not in page and b"Its author deleted this comment." in page
    assert b"A reply stays." in page


def test_a_reader_reports_a_comment_once(article, reader_web):
    comment = make_comment(article)
    form = reader_web.get(f"/comments/report/{comment.pk}/")
    assert form.status_code == 200
    response = reader_web.post(
        f"/comments/report/{comment.pk}/", {"reason": "abuse", "note": "Slurs"}
    )
    assert response.status_code == 302
    reader_web.post(f"/comments/report/{comment.pk}/", {"reason": "spam"})
    assert Report.objects.get().reason == "abuse"


def test_a_report_without_a_reason_is_explained(article, reader_web):
    comment = make_comment(article)
    response = reader_web.post(f"/comments/report/{comment.pk}/", {"note": "Keep this note"})
    assert b"Choose what is wrong" in response.content and b"Keep this note" in response.content
    assert not Report.objects.exists()


def test_every_comment_form_is_protected_by_csrf(article):
    reader = make_reader()
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(reader.user)
    assert post(client, article, "No token").status_code == 403
    assert client.post("/readers/sign-out/").status_code == 403
    assert client.post("/readers/account/delete/").status_code == 403
    assert not Comment.objects.exists()


def test_with_htmx_a_post_answers_with_the_panel_alone(article, reader_web):
    headers = {"HX-Request": "true"}
    done = reader_web.post(
        comments_url(article), {"body": "Posted in place", "website": ""}, headers=headers
    )
    assert done.status_code == 200 and b"<html" not in done.content
    assert b"Waiting for a moderator" in done.content and b"Posted in place" in done.content
    assert b"Thank you. Your comment will appear" in done.content
    refused = reader_web.post(comments_url(article), {"body": "Posted in place"}, headers=headers)
    assert b"already posted this same text" in refused.content
    assert refused.content.count(b"Posted in place") == 2  # in the list, and kept in the form


def test_a_blocked_reader_cannot_report(article):
    comment = make_comment(article)
    web = reader_client(make_reader(blocked_at=timezone.now()))
    response = web.post(f"/comments/report/{comment.pk}/", {"reason": "spam", "note": "Kept note"})
    assert b"can no longer post comments or reports" in response.content
    assert b"Kept note" in response.content and not Report.objects.exists()


def test_reports_are_limited_per_reader(article, reader_web):
    comments = [make_comment(article) for _ in range(11)]
    for comment in comments[:10]:
        reader_web.post(f"/comments/report/{comment.pk}/", {"reason": "spam"})
    response = reader_web.post(f"/comments/report/{comments[10].pk}/", {"reason": "spam"})
    assert b"many reports this hour" in response.content
    assert Report.objects.count() == 10


def test_the_comment_box_never_cuts_a_long_text_short(article, reader_web):
    """A browser would silently cut a pasted text at maxlength; the server explains instead."""
    page = reader_web.get(comments_url(article)).content.decode()
    box = page[page.index("<textarea") : page.index("</textarea>")]
    assert "maxlength" not in box
