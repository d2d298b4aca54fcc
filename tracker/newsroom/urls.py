from django.urls import path

from . import views

app_name = "newsroom"

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="article-detail"),
    path("preview/articles/<int:pk>/", views.ArticlePreviewView.as_view(), name="article-preview"),
    path("preview/links/<str:token>/", views.preview_link, name="preview-link"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic-detail"),
    path("tags/<slug:slug>/", views.tag_detail, name="tag-detail"),
    path("authors/", views.author_list, name="author-list"),
    path("authors/<slug:slug>/", views.author_detail, name="author-detail"),
]
