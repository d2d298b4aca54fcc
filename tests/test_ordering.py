import pytest

from tracker.newsroom.models import FAQ, Citation, Section

from .factories import make_article, make_author

pytestmark = pytest.mark.django_db


def _positions_reversed(model, article):
    items = list(model.objects.filter(article=article))
    for position, item in enumerate(reversed(items)):
        item.position = position
        item.save()
    return [item.pk for item in reversed(items)]


def test_sections_faqs_and_sources_appear_in_their_editable_order(client):
    article = make_article(sections=3, faqs=3, sources=3)
    _positions_reversed(Section, article)
    _positions_reversed(FAQ, article)
    _positions_reversed(Citation, article)

    page = client.get(article.get_absolute_url()).content.decode()

    def appear_in_order(texts):
        offsets = [page.index(text) for text in texts]
        return offsets == sorted(offsets)

    assert appear_in_order(["Section 3", "Section 2", "Section 1"])
    assert appear_in_order(["Question 3?", "Question 2?", "Question 1?"])
    sources = [str(c.source) for c in Citation.objects.filter(article=article).order_by("-pk")]
    assert appear_in_order(sources)


def test_the_byline_keeps_its_order(client):
    first, second = make_author("Zoe Zed"), make_author("Adam Able")
    article = make_article(authors=[first, second])
    page = client.get(article.get_absolute_url()).content.decode()
    assert page.index("Zoe Zed") < page.index("Adam Able")
