"""The author's photo in the article's author box: the picture machinery, its alt text,
fresh on an edit, no query of its own, and kept while an author uses it."""

import re

import pytest
from django.db.models import ProtectedError

from .factories import make_article, make_author, make_image

pytestmark = pytest.mark.django_db


def author_box(page, author):
    start = page.index(f'<aside class="author-box" aria-labelledby="author-{author.slug}">')
    return page[start : page.index("</aside>", start)]


def test_the_author_box_shows_the_photo_with_its_alt_text(client):
    photo = make_image(alt_text="Daryna Velychko, head and shoulders, smiling")
    author = make_author("Daryna Velychko", photo=photo)
    other = make_author("Thomas Aldridge")
    article = make_article(authors=[author, other])
    page = client.get(article.get_absolute_url()).content.decode()
    box = author_box(page, author)
    picture = re.search(r"<picture>.*?</picture>", box, re.S)[0]
    assert 'alt="Daryna Velychko, head and shoulders, smiling"' in picture
    assert 'sizes="6rem"' in picture and 'loading="lazy"' in picture
    assert '<source type="image/avif"' in picture and "width=" in picture
    assert "<picture>" not in author_box(page, other)  # no photo, no empty frame


def test_an_edit_of_the_photo_shows_at_once(client, django_capture_on_commit_callbacks):
    photo = make_image()
    article = make_article(authors=[make_author(photo=photo)])
    client.get(article.get_absolute_url())  # the article's content is now kept
    with django_capture_on_commit_callbacks(execute=True):
        photo.alt_text = "A new description of the portrait"
        photo.save()
    assert photo.alt_text in client.get(article.get_absolute_url()).content.decode()


def test_author_photos_cost_no_query_of_their_own(client, settings):
    from .test_query_budget import ARTICLE_PAGE_QUERIES, count_queries

    settings.PAGE_CACHE_SECONDS = 0
    for count in (1, 4):
        authors = [make_author(photo=make_image()) for _ in range(count)]
        article = make_article(authors=authors)
        assert count_queries(client, article.get_absolute_url()) == ARTICLE_PAGE_QUERIES


def test_a_photo_an_author_uses_cannot_be_deleted(staff_client):
    photo = make_image()
    author = make_author(photo=photo)
    article = make_article(authors=[author])
    with pytest.raises(ProtectedError):
        photo.delete()
    assert list(photo.articles_using()) == [article]


def test_demo_authors_have_a_photo_in_their_author_box(client):
    from django.core.management import call_command

    from tracker.newsroom.models import Article, Author

    call_command("demo_content")
    author = Author.objects.get(slug="daryna-velychko")
    assert author.photo and author.photo.alt_text.startswith("Illustration:")
    article = Article.objects.published().filter(authors=author).first()
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'alt="{author.photo.alt_text}"' in author_box(page, author)
