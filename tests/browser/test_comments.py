"""A reader signs in by link, comments and sees it waiting, in Chromium under the site's policy."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tracker.comments.models import Comment

from ..comments_helpers import commented_article, make_comment, make_reader
from ..hostile import XSS
from .test_security_policy import watch_for_violations
from .test_xss import assert_nothing_runs

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_reader_signs_in_by_link_comments_and_sees_it_waiting(page):
    article = commented_article(title="Grid repairs")
    make_comment(article, reader=make_reader(display_name="Maryna"), body="Approved already.")
    problems = watch_for_violations(page)
    page.goto(article.get_absolute_url())
    expect(page.locator("#comments")).to_contain_text("Approved already.")
    # The panel came from the comment page through htmx and replaced the placeholder.
    panel = page.locator("#your-comments")
    expect(panel).to_contain_text("Sign in to comment")
    panel.get_by_role("link", name="Sign in to comment").click()
    page.get_by_label("Your email address").fill("reader@example.net")
    page.get_by_role("button", name="Email me a sign-in link").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("You are signed in.")).to_be_visible()
    page.get_by_label("Your comment").fill("The substation in my town has power again.")
    page.get_by_role("button", name="Send for moderation").click()
    expect(page.locator("#your-comments")).to_contain_text("Waiting for a moderator")
    assert Comment.objects.filter(status=Comment.Status.PENDING).count() == 1
    # Back on the article, the reader's own panel shows it waiting; the list does not.
    page.goto(article.get_absolute_url())
    expect(page.locator("#your-comments")).to_contain_text("Waiting for a moderator")
    expect(page.locator(".comments__list")).not_to_contain_text("The substation in my town")
    assert problems == []


def test_the_corpus_in_comments_never_runs(page):
    article = commented_article()
    for payload in XSS:
        parent = make_comment(article, reader=make_reader(display_name=payload[:50]), body=payload)
        make_comment(article, parent=parent, body=payload)
    problems = watch_for_violations(page)
    for url in (article.get_absolute_url(), f"/comments/{article.pk}/"):
        assert_nothing_runs(page, url, problems)
