from datetime import timedelta

import pytest
from django.utils import timezone

from tracker.newsroom.models import Article

from .factories import make_article

pytestmark = pytest.mark.django_db


def test_published_includes_only_published_articles_whose_time_has_come():
    live = make_article()
    make_article(status=Article.Status.DRAFT)
    make_article(status=Article.Status.UNPUBLISHED, published_at=timezone.now() - timedelta(days=1))
    make_article(published_at=timezone.now() + timedelta(hours=1))  # scheduled

    assert list(Article.objects.published()) == [live]


def test_a_scheduled_article_appears_when_its_time_comes(client):
    article = make_article(published_at=timezone.now() + timedelta(minutes=5))
    assert client.get(article.get_absolute_url()).status_code == 404

    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    assert client.get(article.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    "status, code", [(Article.Status.DRAFT, 404), (Article.Status.UNPUBLISHED, 410)]
)
def test_visitors_never_see_articles_not_published(client, status, code):
    article = make_article(status=status, published_at=timezone.now() - timedelta(days=1))
    response = client.get(article.get_absolute_url())
    assert response.status_code == code  # 410: withdrawn
    assert article.title not in response.content.decode()


def test_publishing_without_a_time_stamps_it_now():
    article = make_article(status=Article.Status.DRAFT)
    article.status = Article.Status.PUBLISHED
    article.save()
    assert article.published_at is not None
    assert article.published_at <= timezone.now()
    assert article.is_public


def test_public_lists_leave_out_drafts_and_scheduled_articles(client):
    live = make_article(title="Live analysis")
    make_article(title="Secret draft", status=Article.Status.DRAFT, topic=live.topic)
    make_article(
        title="Tomorrow's piece", topic=live.topic, published_at=timezone.now() + timedelta(days=1)
    )
    for url in ["/", live.topic.get_absolute_url(), live.bylines.get().author.get_absolute_url()]:
        page = client.get(url).content.decode()
        assert "Live analysis" in page, url
        assert "Secret draft" not in page, url
        assert "Tomorrow" not in page, url
