"""Builders for the comments tests: readers, comments, and articles that take them."""

import itertools
import re

from django.contrib.auth import get_user_model
from django.test import Client

from tracker.comments.models import Comment, Discussion, Reader

from .factories import make_article

_numbers = itertools.count(1)


def make_reader(email=None, **fields):
    n = next(_numbers)
    user = get_user_model().objects.create_user(f"reader-test-{n}")
    return Reader.objects.create(user=user, email=email or f"reader{n}@example.net", **fields)


def make_comment(article, reader=None, status=Comment.Status.APPROVED, **fields):
    n = next(_numbers)
    fields.setdefault("body", f"Comment number {n} on the story.")
    return Comment.objects.create(
        article=article, reader=reader or make_reader(), status=status, **fields
    )


def commented_article(**fields):
    """A published article whose comments are on."""
    discussion_fields = {
        key: fields.pop(key) for key in ("close_after_days", "closed") if key in fields
    }
    article = make_article(sections=1, faqs=0, sources=0, **fields)
    Discussion.objects.create(article=article, enabled=True, **discussion_fields)
    return article


def reader_client(reader):
    client = Client()
    client.force_login(reader.user)
    client.reader = reader
    return client


def comments_url(article):
    return f"/comments/{article.pk}/"


def sign_in_link(message):
    """The sign-in address in an email, as a path with its query string."""
    return re.search(r"https?://[^/\s]+(/readers/sign-in/link/\S+)", message.body).group(1)
