from django.urls import path

from tracker.pagecache import public_page

from . import views
from .feeds import ArticleFeed, AtomArticleFeed

rss, atom = public_page(ArticleFeed()), public_page(AtomArticleFeed())

app_name = "newsroom"

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="article-detail"),
    path("preview/articles/<int:pk>/", views.ArticlePreviewView.as_view(), name="article-preview"),
    path("preview/links/<str:token>/", views.preview_link, name="preview-link"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic-detail"),
    path("topics/<slug:slug>/feed/", rss, name="topic-feed"),
    path("topics/<slug:slug>/feed/atom/", atom, name="topic-atom"),
    path("tags/<slug:slug>/", views.tag_detail, name="tag-detail"),
    path("authors/", views.author_list, name="author-list"),
    path("authors/<slug:slug>/", views.author_detail, name="author-detail"),
    path("feed/", rss, name="latest-feed"),
    path("feed/atom/", atom, name="latest-atom"),
    path("search/", views.search, name="search"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
]
