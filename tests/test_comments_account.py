"""A reader's account: a display name, and deletion that removes their personal data."""

import pytest
from django.contrib.auth import get_user_model

from tracker.comments.models import Comment, Reader, Report

from .comments_helpers import commented_article, make_comment, make_reader, reader_client

pytestmark = pytest.mark.django_db


def test_a_display_name_is_shown_on_the_readers_comments(
    client, django_capture_on_commit_callbacks
):
    article = commented_article()
    reader = make_reader()
    make_comment(article, reader=reader)
    assert b"A reader" in client.get(article.get_absolute_url()).content
    with django_capture_on_commit_callbacks(execute=True):
        response = reader_client(reader).post("/readers/account/", {"display_name": "Dmytro K."})
    assert response.status_code == 302
    assert b"Dmytro K." in client.get(article.get_absolute_url()).content


def test_a_too_long_name_is_explained_and_kept():
    reader = make_reader()
    response = reader_client(reader).post("/readers/account/", {"display_name": "N" * 51})
    assert b"up to 50 characters (this one has 51)" in response.content
    assert b"N" * 51 in response.content


def test_a_hostile_name_is_escaped(client):
    article = commented_article()
    make_comment(article, reader=make_reader(display_name="<b onmouseover=x>Bold</b>"))
    html = client.get(article.get_absolute_url()).content
    assert b"<b onmouseover" not in html and b"&lt;b onmouseover=x&gt;Bold&lt;/b&gt;" in html


def test_deleting_the_account_removes_personal_data_and_keeps_published_comments_unsigned(
    client, django_capture_on_commit_callbacks
):
    article = commented_article()
    reader = make_reader(email="gone@example.net", display_name="Soon Gone")
    published = make_comment(article, reader=reader, body="This stays.")
    make_comment(article, reader=reader, status=Comment.Status.PENDING, body="This goes.")
    Report.objects.create(comment=make_comment(article), reader=reader, reason="spam")
    web = reader_client(reader)
    assert b"Soon Gone" in client.get(article.get_absolute_url()).content
    with django_capture_on_commit_callbacks(execute=True):
        response = web.post("/readers/account/delete/")
    assert response.status_code == 200 and b"Your account was deleted" in response.content
    assert not Reader.objects.filter(email="gone@example.net").exists()
    assert not get_user_model().objects.filter(pk=reader.user_id).exists()
    assert list(Comment.objects.filter(body="This goes.")) == []
    published.refresh_from_db()
    assert published.reader is None and published.status == Comment.Status.APPROVED
    assert Report.objects.get().reader is None
    page = client.get(article.get_absolute_url()).content
    assert b"This stays." in page and b"A former reader" in page and b"Soon Gone" not in page
    assert web.get("/readers/account/").status_code == 302  # signed out


def test_deleting_an_account_needs_a_signed_in_reader(client, staff_client):
    assert client.post("/readers/account/delete/").status_code == 302
    assert staff_client.post("/readers/account/delete/").status_code == 302
    assert get_user_model().objects.filter(username="editor").exists()
