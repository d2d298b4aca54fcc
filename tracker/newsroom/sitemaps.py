"""sitemap.xml: every public page, and when it last changed."""

from django.contrib.flatpages.sitemaps import FlatPageSitemap
from django.contrib.sitemaps import Sitemap
from django.contrib.sites.requests import RequestSite
from django.db.models import Max, Q
from django.urls import reverse

from .models import Article, Author, Topic


class RequestHostSitemap(Sitemap):
    """Absolute URLs on the host the request came to, like the feeds and canonical links."""

    def __init__(self, request):
        self.request = request

    def get_urls(self, page=1, site=None, protocol=None):
        return super().get_urls(page=page, site=RequestSite(self.request), protocol=protocol)


class ArticleSitemap(RequestHostSitemap):
    def items(self):
        return Article.objects.published().only("slug", "published_at", "updated_at")

    def lastmod(self, article):
        return max(article.published_at, article.updated_at or article.published_at)


class LatestArticleSitemap(RequestHostSitemap):
    """Topic and author pages change when one of their articles is published."""

    model = None

    def items(self):
        published = Q(articles__in=Article.objects.published())  # the one rule for visitors
        return self.model.objects.annotate(
            latest=Max("articles__published_at", filter=published)
        ).order_by("pk")

    def lastmod(self, owner):
        return owner.latest


class TopicSitemap(LatestArticleSitemap):
    model = Topic


class AuthorSitemap(LatestArticleSitemap):
    model = Author


class PageSitemap(RequestHostSitemap):
    def items(self):
        return ["newsroom:home", "newsroom:author-list"]

    def location(self, name):
        return reverse(name)


class FooterPageSitemap(RequestHostSitemap, FlatPageSitemap):
    pass


SITEMAPS = {
    "pages": PageSitemap,
    "articles": ArticleSitemap,
    "topics": TopicSitemap,
    "authors": AuthorSitemap,
    "footer": FooterPageSitemap,
}
