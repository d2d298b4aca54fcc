"""RSS and Atom feeds of the latest published articles, for the whole site and for each topic."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from .models import Article, Topic
from .views import article_cards

FEED_LENGTH = 20


@dataclass
class Scope:
    request: HttpRequest
    topic: Topic | None

    def absolute(self, path):
        # Links use the host the reader asked for, like the canonical links on the pages.
        return self.request.build_absolute_uri(path)


class ArticleFeed(Feed):
    """The latest published articles, newest first, of the site or of one topic (RSS 2.0)."""

    language = "en-gb"

    def get_object(self, request, slug=None):
        return Scope(request, get_object_or_404(Topic, slug=slug) if slug else None)

    def title(self, scope):
        return f"{settings.SITE_NAME}: {scope.topic.name if scope.topic else 'latest analysis'}"

    def description(self, scope):
        if scope.topic:
            return scope.topic.description or f"The latest {scope.topic.name} articles."
        return f"The latest articles from {settings.SITE_NAME}."

    subtitle = description

    def link(self, scope):
        return scope.absolute(
            scope.topic.get_absolute_url() if scope.topic else reverse("newsroom:home")
        )

    def feed_url(self, scope):
        return scope.absolute(scope.request.path)

    def author_name(self):
        return settings.SITE_NAME

    def items(self, scope):
        articles = Article.objects.published()
        if scope.topic:
            articles = articles.filter(topic=scope.topic)
        articles = list(article_cards(articles)[:FEED_LENGTH])
        for article in articles:
            article.absolute_url = scope.absolute(article.get_absolute_url())
        return articles

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.standfirst

    def item_link(self, article):
        return article.absolute_url

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return max(article.published_at, article.updated_at or article.published_at)

    def item_author_name(self, article):
        return ", ".join(byline.author.name for byline in article.bylines.all()) or None

    def item_categories(self, article):
        return [article.topic.name]


class AtomArticleFeed(ArticleFeed):
    """The same articles as an Atom feed."""

    feed_type = Atom1Feed
