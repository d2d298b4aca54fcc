"""The article page's own SQL (tracker/newsroom/article_page.py) agrees with the ORM."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tracker.newsroom.article_page import NOT_SHOWN, published_article
from tracker.newsroom.models import Article, Note

from .factories import make_article, make_author, make_tag

pytestmark = pytest.mark.django_db

PARTS = ["sections", "faqs", "notes", "tags", "bylines", "citations"]


def fields(instance):
    return {
        f.attname: getattr(instance, f.attname)
        for f in instance._meta.concrete_fields
        if f.name not in NOT_SHOWN
    }


def test_every_field_and_part_is_the_orms_in_the_orms_order():
    article = make_article(
        sections=3,
        faqs=2,
        sources=3,
        authors=[make_author(), make_author()],
        tags=[make_tag("Zeta"), make_tag("Alpha")],
        expires_at=timezone.now() + timedelta(days=1),
        updated_at=timezone.now(),
    )
    Note.objects.create(article=article, position=1, text="Second", kind=Note.Kind.CORRECTION)
    Note.objects.create(article=article, position=0, text="First")
    article.sections.filter(position=0).update(position=9)  # order by position, not by id
    expected = Article.objects.select_related("topic").get(pk=article.pk)

    with CaptureQueriesContext(connection) as queries:
        loaded = published_article(article.slug)
        shown = {part: list(getattr(loaded, part).all()) for part in PARTS}
        related = [b.author.name for b in shown["bylines"]] + [
            str(c.source) for c in shown["citations"]
        ]
        topic = loaded.topic.name
    assert len(queries) == 7

    assert fields(loaded) == fields(expected)
    assert fields(loaded.topic) == fields(expected.topic) and topic == expected.topic.name
    for part in PARTS:
        assert [fields(item) for item in shown[part]] == [
            fields(item) for item in getattr(expected, part).all()
        ], part
    assert related == [b.author.name for b in expected.bylines.all()] + [
        str(c.source) for c in expected.citations.all()
    ]
    assert [t.name for t in shown["tags"]] == ["Alpha", "Zeta"]
    assert [n.text for n in shown["notes"]] == ["First", "Second"]
    assert isinstance(loaded.published_at, type(expected.published_at))  # not SQLite's text


def from_now(fields):
    """The fields, with each time offset (a timedelta) turned into a time from now."""
    now = timezone.now()
    return {k: now + v if isinstance(v, timedelta) else v for k, v in fields.items()}


@pytest.mark.parametrize("visible", [{}, {"expires_at": timedelta(hours=1)}])
def test_it_finds_what_visitors_may_see(visible):
    article = make_article(**from_now(visible))
    assert published_article(article.slug).pk == article.pk
    assert Article.objects.published().filter(pk=article.pk).exists()


@pytest.mark.parametrize(
    "hidden",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.IN_REVIEW},
        {"status": Article.Status.UNPUBLISHED, "published_at": timedelta(0)},
        {"published_at": timedelta(hours=1)},  # scheduled
        {"published_at": -timedelta(hours=2), "expires_at": -timedelta(hours=1)},  # expired
    ],
)
def test_it_hides_what_visitors_may_not_see(hidden):
    article = make_article(**from_now(hidden))
    assert published_article(article.slug) is None
    assert not Article.objects.published().filter(pk=article.pk).exists()  # the same rule


def test_an_unknown_slug_is_none():
    assert published_article("no-such-article") is None


def test_its_instances_behave_as_the_orms(django_assert_num_queries):
    article = make_article(sections=1)
    loaded = published_article(article.slug)
    section = loaded.sections.all()[0]
    assert not loaded._state.adding and loaded._state.db == "default"
    assert loaded.get_deferred_fields() == NOT_SHOWN  # the search columns, read on demand
    assert loaded == article and section.article_id == article.pk
    section.heading = "Renamed"
    with django_assert_num_queries(1):
        section.save(update_fields=["heading"])  # an UPDATE, not an INSERT
    assert article.sections.get().heading == "Renamed"
