"""Search: PostgreSQL full-text search with ranking and highlights, a plain SQLite fallback."""

from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test import Client

from tracker.newsroom.models import Article
from tracker.newsroom.search import highlight, index_articles

from .admin_forms import open_change_form, save
from .factories import make_article, make_topic

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL full-text search; CI runs it there"
)
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite fallback")


class SearchResults(HTMLParser):
    """What a reader sees of a results page: the result titles in order, and the next page."""

    def __init__(self):
        super().__init__()
        self.titles, self.next_page = [], None
        self.in_results, self.title_tag = False, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "section" and "search-results" in classes:
            self.in_results = True
        elif self.in_results and "card__title" in classes:
            self.title_tag = tag
            self.titles.append("")
        elif self.in_results and tag == "a" and attrs.get("rel") == "next":
            self.next_page = attrs["href"]

    def handle_endtag(self, tag):
        if tag == "section":
            self.in_results = False
        elif tag == self.title_tag:
            self.title_tag = None

    def handle_data(self, data):
        if self.title_tag:
            self.titles[-1] += data


def search_results(response):
    assert response.status_code == 200
    parser = SearchResults()
    parser.feed(response.content.decode())
    parser.close()
    return parser


def titles(response):
    """The titles of the results on this page, best match first."""
    return search_results(response).titles


def all_titles(client, params):
    """The titles of the results on every page of a search, following "More results"."""
    found, url, seen = [], "/search/?" + urlencode(params), set()
    while url:
        assert url not in seen, f"{url} links to itself as the next page"
        seen.add(url)
        results = search_results(client.get(url))
        found += results.titles
        url = results.next_page and "/search/" + results.next_page
    return found


def test_search_finds_words_in_the_title_standfirst_sections_and_faqs(client):
    make_article(title="Drones over Kharkiv")
    by_standfirst = make_article(standfirst="Pontoon bridges across the Dnipro.")
    by_section = make_article(sections=0)
    by_section.sections.create(heading="Front", body="- **Glide bombs.** Used near Kupiansk.")
    by_faq = make_article(faqs=0)
    by_faq.faqs.create(question="Who pays?", answer="The *reconstruction* fund.")
    index_articles(Article.objects.filter(pk__in=[by_section.pk, by_faq.pk]))
    make_article(title="Unrelated")

    assert titles(client.get("/search/?q=drones")) == ["Drones over Kharkiv"]
    assert titles(client.get("/search/?q=pontoon")) == [by_standfirst.title]
    assert titles(client.get("/search/?q=kupiansk")) == [by_section.title]
    assert titles(client.get("/search/?q=reconstruction")) == [by_faq.title]


def test_search_never_shows_drafts_or_scheduled_articles(client):
    from datetime import timedelta

    from django.utils import timezone

    make_article(title="Drones draft", status=Article.Status.DRAFT)
    make_article(title="Drones later", published_at=timezone.now() + timedelta(hours=1))
    make_article(title="Drones unpublished", status=Article.Status.UNPUBLISHED)
    make_article(title="Drones public")
    assert titles(client.get("/search/?q=drones")) == ["Drones public"]


def test_search_filters_by_topic(client):
    frontline, economy = make_topic("Frontline"), make_topic("Economy")
    make_article(title="Drones at the front", topic=frontline)
    make_article(title="Drones and export controls", topic=economy)
    response = client.get(f"/search/?q=drones&topic={economy.slug}")
    assert titles(response) == ["Drones and export controls"]
    assert "1 result for “drones” in Economy" in response.content.decode()


def test_search_results_are_paginated_and_keep_the_query(client):
    for n in range(12):
        make_article(title=f"Drones report {n}")
    first = client.get("/search/?q=drones")
    assert len(titles(first)) == 10
    assert 'href="?q=drones&amp;page=2"' in first.content.decode()
    assert len(titles(client.get("/search/?q=drones&page=2"))) == 2


def test_editing_an_article_in_the_admin_reindexes_it_with_its_sections(client, staff_client):
    article = make_article(title="Old title", sections=0, faqs=0, sources=0)
    data = open_change_form(staff_client, article)
    data |= {
        "title": "New title",
        "sections-TOTAL_FORMS": "1",
        "sections-0-heading": "Artillery",
        "sections-0-anchor": "artillery",
        "sections-0-body": "- **Shells.** Howitzers near Chasiv Yar.",
        "sections-0-position": "1",
    }
    response = save(staff_client, article, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert titles(client.get("/search/?q=howitzers")) == ["New title"]
    assert titles(client.get("/search/?q=old")) == []


def test_snippets_escape_editor_text_and_mark_only_the_matches():
    assert highlight("<script>x</script> \x02drone\x03 &") == (
        "&lt;script&gt;x&lt;/script&gt; <mark>drone</mark> &amp;"
    )
    # A stray marker in editor text cannot open a <mark> that never closes.
    assert highlight("a \x02 b") == "a  b"


def test_search_results_escape_what_editors_typed(client):
    make_article(title="<b>Drones</b>", standfirst='Drones <img src=x onerror="alert(1)">')
    page = client.get("/search/?q=drones").content.decode()
    assert "<img src=x" not in page and "<b>Drones</b>" not in page
    assert "&lt;b&gt;Drones&lt;/b&gt;" in page


@pytest.mark.parametrize(
    "query",
    [
        "",
        " ",
        "x" * 1000,
        '"unclosed -"or OR AND & | ! ( ) :* <-> \\ \' %',
        "the and of",  # stop words only: an empty tsquery on PostgreSQL
        "дрони Харків 🚀 \u202e\u200b",
        "nul\x00byte",
        "a:*B & !c",
        "%_",
    ],
)
def test_hostile_queries_give_a_clear_page_not_an_error(client, query):
    make_article(title="Drones over Kharkiv")
    response = client.get("/search/", {"q": query, "page": "-1\x00", "topic": "no\x00pe"})
    assert response.status_code == 200
    assert "<h1>Search the tracker</h1>" in response.content.decode()


def test_an_overlong_query_is_explained_and_kept_in_the_box(client):
    page = client.get("/search/", {"q": "drone " * 200}).content.decode()
    assert "A search can be up to 200 characters long (this one has 1199)" in page
    assert 'aria-invalid="true"' in page and 'value="drone drone' in page


def test_an_unknown_topic_is_explained(client):
    page = client.get("/search/", {"q": "drones", "topic": "atlantis"}).content.decode()
    assert "We have no such topic. Choose one from the list." in page


def test_an_empty_search_invites_a_query(client):
    page = client.get("/search/").content.decode()
    assert "Type a word or phrase" in page


def test_a_search_with_no_match_says_so(client):
    make_article(title="Drones")
    page = client.get("/search/?q=submarine").content.decode()
    assert "No published article matches “submarine”" in page


def test_nul_bytes_are_dropped_from_the_query_not_refused(client):
    make_article(title="Drones over Kharkiv")
    assert titles(client.get("/search/", {"q": "dro\x00nes"})) == ["Drones over Kharkiv"]


@on_postgresql
def test_a_title_match_outranks_a_body_match():
    body = make_article(title="Winter outlook", sections=0)
    body.sections.create(heading="Energy", body="- **Drones.** Strikes on substations.")
    index_articles(Article.objects.filter(pk=body.pk))
    title = make_article(title="Drones over Kharkiv")  # older than `body`
    standfirst = make_article(standfirst="Drones hit the grid.")
    assert titles(Client().get("/search/?q=drones")) == [
        title.title,
        standfirst.title,
        body.title,
    ]


@on_postgresql
def test_postgresql_search_stems_words_and_highlights_them_escaped(client):
    article = make_article(title="Winter outlook", sections=0)
    article.sections.create(
        heading="Energy", body="- **Grid.** Russia struck substations; a<b & c."
    )
    index_articles(Article.objects.filter(pk=article.pk))
    page = client.get("/search/?q=substation").content.decode()
    assert "struck <mark>substations</mark>; a&lt;b &amp; c." in page


@on_postgresql
def test_websearch_syntax_excludes_and_quotes(client):
    make_article(title="Drones over Kharkiv")
    make_article(title="Drones over Odesa")
    assert titles(client.get("/search/", {"q": "drones -odesa"})) == ["Drones over Kharkiv"]
    assert titles(client.get("/search/", {"q": '"over odesa"'})) == ["Drones over Odesa"]


@on_postgresql
def test_the_search_vector_has_a_gin_index():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'newsroom_article' "
            "AND indexdef LIKE '%gin%search_vector%'"
        )
        assert cursor.fetchall()


@on_sqlite
def test_the_sqlite_fallback_needs_every_word_somewhere(client):
    make_article(title="Drones over Kharkiv", standfirst="Night attack.")
    make_article(title="Drones over Odesa")
    assert titles(client.get("/search/?q=drones+night")) == ["Drones over Kharkiv"]
    assert titles(client.get("/search/?q=DRONES")) == ["Drones over Kharkiv", "Drones over Odesa"]
