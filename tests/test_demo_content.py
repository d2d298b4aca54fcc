import re

import pytest
from django.core.management import call_command

from tracker.newsroom.models import FAQ, Article, Author, Citation, Section, Source, Tag, Topic

from .test_search import all_titles

pytestmark = pytest.mark.django_db

MODELS = (Article, Author, Citation, FAQ, Section, Source, Tag, Topic)


def snapshot():
    return {model.__name__: sorted(model.objects.values_list("pk", flat=True)) for model in MODELS}


def test_demo_content_fills_an_empty_site_with_a_realistic_tracker(client):
    call_command("demo_content")

    assert Article.objects.published().count() >= 8
    assert Topic.objects.filter(articles__isnull=False).distinct().count() >= 3
    assert Author.objects.exclude(bio="").count() >= 3
    for article in Article.objects.all():
        assert article.sections.count() >= 4, article
        assert article.faqs.exists() and article.citations.exists(), article
        assert client.get(article.get_absolute_url()).status_code == (
            200 if article.is_public else 404
        )


def test_running_the_demo_command_twice_changes_nothing():
    call_command("demo_content")
    before = snapshot()
    call_command("demo_content")
    assert snapshot() == before


def test_the_demo_command_leaves_an_editors_changes_alone():
    call_command("demo_content")
    article = Article.objects.first()
    article.title = "Edited by the desk"
    article.save()
    call_command("demo_content")
    article.refresh_from_db()
    assert article.title == "Edited by the desk"


def test_demo_articles_are_indexed_for_search_with_their_sections_and_faqs(client):
    call_command("demo_content")
    article = Article.objects.published().first()
    assert article.search_sections.startswith(article.sections.first().heading)
    assert article.faqs.first().question in article.search_faqs
    word = max(re.findall(r"[a-z]+", article.sections.first().body), key=len)  # no stop word
    assert article.title in all_titles(client, {"q": word})


def test_every_demo_article_has_a_lead_image_and_some_have_figures_one_a_map():
    call_command("demo_content")
    for article in Article.objects.select_related("lead_image"):
        assert article.lead_image, article
        assert article.lead_image.renditions["sizes"], article
        assert article.lead_image.credit and article.lead_image.alt_text
    figures = Section.objects.filter(figure__isnull=False).select_related("figure")
    assert figures.values("article").distinct().count() >= 2
    assert any(section.figure.alt_text.startswith("Map: ") for section in figures)
