import re
from datetime import timedelta
from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tracker.newsroom.models import FAQ, Article, Section

from .factories import make_article, make_author, make_source, make_tag, make_topic
from .public_pages import public_pages

pytestmark = pytest.mark.django_db
count_words = import_module("tracker.newsroom.migrations.0008_word_counts").count_words


def text(response):
    return response.content.decode()


def test_the_article_page_shows_everything_an_article_has(client):
    olena, mark = (
        make_author("Olena Kovalenko", bio="Olena reports from Kharkiv."),
        make_author("Mark Hale"),
    )
    tag = make_tag("Ceasefire")
    article = make_article(
        title="Peace talks: where they stand",
        standfirst="Talks continue without a framework.",
        authors=[olena, mark],
        tags=[tag],
        sections=0,
        faqs=0,
        sources=0,
        updated_at=timezone.now(),
    )
    article.sections.create(heading="Ukraine's position", body="- **Red lines.** No recognition.")
    article.faqs.create(question="Is a deal close?", answer="Not *yet*.")
    article.citations.create(
        source=make_source("ISW", title="Assessment", url="https://isw.example/a")
    )
    article.citations.create(source=make_source("Reuters", title="Reporting", url=""), position=1)

    page = text(client.get(article.get_absolute_url()))

    assert page.count("<h1") == 1
    assert "<h1>Peace talks: where they stand</h1>" in page
    assert "Talks continue without a framework." in page
    assert f'By <a href="{olena.get_absolute_url()}">Olena Kovalenko</a> and <a href' in page
    assert re.search(
        r"Published (Day \d+ · )?<time datetime=\"[^\"]+\">[^<]+ Kyiv time \(EE[S]?T\)<", page
    )
    assert "Updated <time" in page
    assert "1 min read" in page
    assert f'href="{article.topic.get_absolute_url()}"' in page
    assert f'<a href="{tag.get_absolute_url()}">Ceasefire</a>' in page
    assert '<a href="#ukraines-position">Ukraine&#x27;s position</a>' in page
    assert '<h2 id="ukraines-position">' in page
    assert "<strong>Red lines.</strong> No recognition." in page
    assert "Is a deal close?" in page and "Not <em>yet</em>." in page
    assert '<a href="https://isw.example/a" rel="noopener">ISW — Assessment</a>' in page
    assert "<li>Reuters — Reporting</li>" in page
    assert "About the author" in page and "Olena reports from Kharkiv." in page
    assert 'lang="en-GB"' in page and 'href="#main">Skip to main content</a>' in page
    assert '<main id="main"' in page


def test_reading_time_grows_with_the_words(client):
    article = make_article(sections=0, faqs=0, sources=0)
    article.sections.create(heading="Long", body="word " * 1000)
    assert "5 min read" in text(client.get(article.get_absolute_url()))


def test_parts_count_their_words_when_saved_and_old_rows_are_counted_too():
    article = make_article(title="Two words", standfirst="And three more.", sections=0, faqs=0)
    section = article.sections.create(heading="A heading", body="- **One.** Two three.\n")
    faq = article.faqs.create(question="Why?", answer="Because " * 599)
    assert (section.words, faq.words) == (6, 600)  # the list marker counts, as before
    assert article.reading_minutes == 3  # 2 + 3 + 6 + 600 = 611 words at 220 a minute

    # Rows from before the counts were kept: the migration counts them, and until then
    # (or for a part restored from an old revision) the page counts them itself.
    article.sections.update(words=0)
    article.faqs.update(words=0)
    assert Article.objects.get(pk=article.pk).reading_minutes == 3
    count_words(django_apps, SimpleNamespace(connection=connection))
    assert [f.words for f in FAQ.objects.all()] == [600]
    assert [s.words for s in Section.objects.all()] == [6]


def test_home_shows_the_lead_the_latest_and_the_latest_per_topic(client):
    frontline, economy = make_topic("Frontline"), make_topic("Economy")
    now = timezone.now()
    oldest = make_article(
        title="Oldest economy piece", topic=economy, published_at=now - timedelta(days=9)
    )
    for day in range(4, 8):
        make_article(
            title=f"Economy day {day}", topic=economy, published_at=now - timedelta(days=day)
        )
    make_article(title="Frontline today", topic=frontline, published_at=now - timedelta(hours=1))

    page = text(client.get("/"))

    assert page.count("<h1") == 1
    lead = page.index("Lead analysis")
    assert page.index("Frontline today") > lead  # the newest article leads
    assert 'aria-labelledby="topic-' in page and ">Economy</a></h2>" in page
    economy_section = page[page.index(f'id="topic-{economy.slug}"') :]
    assert "Economy day 4" in economy_section
    assert oldest.title not in economy_section  # only the latest three per topic


def test_topic_tag_and_author_pages_list_their_articles_and_paginate(client):
    topic, tag, author = make_topic("Humanitarian"), make_tag("Refugees"), make_author("Iryna")
    for i in range(14):
        make_article(title=f"Story {i:02}", topic=topic, tags=[tag], authors=[author])
    make_article(title="Elsewhere")
    for owner in (topic, tag, author):
        first = text(client.get(owner.get_absolute_url()))
        assert f"<h1>{owner.name}</h1>" in first
        assert "Story 00" in first and "Elsewhere" not in first
        assert "Page 1 of 2" in first and 'rel="next"' in first
        second = text(client.get(owner.get_absolute_url() + "?page=2"))
        assert "Story 13" in second and "Story 00" not in second
        assert client.get(owner.get_absolute_url() + "?page=9").status_code == 404


def test_the_footer_links_the_sites_pages(client):
    topic = make_topic("Diplomacy")
    page = text(client.get("/"))
    footer = page[page.index("<footer") :]
    assert f'href="{topic.get_absolute_url()}"' in footer and 'href="/authors/"' in footer


def test_unknown_pages_get_the_sites_404(client):
    response = client.get("/articles/no-such-thing/")
    assert response.status_code == 404
    page = text(response)
    assert "We can't find that page" in page and "Skip to main content" in page


def test_made_up_addresses_get_the_sites_404_page_without_a_query(client):
    client.get("/made-up-0/")  # the bar, the topics and the footer pages' addresses are kept
    with CaptureQueriesContext(connection) as queries:
        pages = [client.get(f"/made-up-{n}/?utm_source={n}") for n in range(1, 4)]
    assert {page.status_code for page in pages} == {404}
    assert len({page.content for page in pages}) == 1 and len(queries) == 0
    assert "We can't find that page" in text(pages[0])


def test_server_errors_get_the_sites_500_page(settings):
    settings.ROOT_URLCONF = "tests.broken_urls"
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    page = text(response)
    assert "Something went wrong on our side" in page and 'lang="en-GB"' in page
    assert "Traceback" not in page


def test_a_host_we_do_not_serve_gets_the_400_page(settings):
    settings.DEBUG = False  # Django's debug mode would show its own page
    response = Client(raise_request_exception=False).get("/", HTTP_HOST="elsewhere.example")
    assert response.status_code == 400
    assert "elsewhere.example" not in text(response)


FEEDS_AND_FILES = [
    "/feed/",
    "/feed/atom/",
    "/updates/feed/rss/",
    "/updates/feed/atom/",
    "/sitemap.xml",
    "/robots.txt",
]


def test_public_pages_only_answer_get_and_head(client):
    pages = public_pages()
    for url in [url for name, url in pages.items() if name != "404"] + FEEDS_AND_FILES:
        response = client.post(url)
        assert (response.status_code, response.get("Allow")) == (405, "GET, HEAD"), url
        assert client.head(url).status_code == 200, url


# The content version moves on commit.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_made_up_addresses_cost_no_query_and_new_flatpages_still_appear(client):
    from django.contrib.flatpages.models import FlatPage
    from django.contrib.sites.models import Site
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/made-up-0/")
    with CaptureQueriesContext(connection) as queries:
        for n in range(1, 4):
            assert client.get(f"/made-up-{n}/").status_code == 404
    assert len(queries) == 0
    page = FlatPage.objects.create(url="/made-up-1/", title="Methodology", content="How.")
    page.sites.add(Site.objects.get_current())
    assert client.get("/made-up-1/").status_code == 200
    assert client.get("/made-up-1").status_code == 301  # the flatpage's own slash redirect
