"""The demo site has a discussion to read and a queue to moderate."""

import pytest
from django.core.management import call_command

from tracker.comments.models import Comment, Discussion, Report
from tracker.newsroom.models import Article

pytestmark = pytest.mark.django_db


def test_demo_content_turns_comments_on_for_two_articles_and_fills_the_queue(client):
    call_command("demo_content")
    on = Discussion.objects.filter(enabled=True)
    assert on.count() == 2
    assert Article.objects.exclude(discussion__enabled=True).count() == Article.objects.count() - 2
    talked, quiet = sorted(on, key=lambda d: -d.article.comments.count())
    assert talked.article.comments.filter(status="approved", parent__isnull=False).exists()
    assert not quiet.article.comments.exists()
    assert Comment.objects.pending().count() >= 2
    assert Report.objects.count() == 1
    page = client.get(talked.article.get_absolute_url()).content
    assert b"comments__replies" in page
    assert (
        b"There are no comments for this story"
        in client.get(quiet.article.get_absolute_url()).content
    )


def test_running_the_demo_command_again_adds_no_comments():
    call_command("demo_content")
    before = sorted(Comment.objects.values_list("pk", flat=True))
    call_command("demo_content")
    assert sorted(Comment.objects.values_list("pk", flat=True)) == before
