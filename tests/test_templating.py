"""What the public templates' environment adds to Django's filters."""

import re
from datetime import UTC, datetime

import pytest
from django.template import defaultfilters
from django.utils import timezone, translation
from django.utils.timezone import template_localtime
from jinja2 import Template

from tracker.templating import date, isotime

from .factories import make_article, make_topic


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 1, 15, 23, 30, tzinfo=UTC),  # winter in Kyiv: +0200, the next day
        datetime(2026, 7, 1, 8, 5, 9, 123456, tzinfo=UTC),  # summer: +0300, no microseconds
    ],
)
def test_isotime_writes_what_djangos_date_filter_wrote(moment):
    expected = defaultfilters.date(template_localtime(moment), "Y-m-d\\TH:i:sO")
    assert isotime(moment) == expected
    assert expected[-5:] in {"+0200", "+0300"}  # in the site's time zone, not UTC


def test_the_date_filter_writes_what_djangos_wrote_in_each_zone_and_language():
    moment = datetime(2026, 1, 15, 23, 30, tzinfo=UTC)
    assert date(moment, "j M Y, H:i") == "16 Jan 2026, 01:30"  # Kyiv, the site's zone
    with timezone.override("UTC"):
        assert date(moment, "j M Y, H:i") == "15 Jan 2026, 23:30"
    with translation.override("de"):
        assert date(moment, "j M Y, H:i") == "16 Jan 2026, 01:30"
        assert date(moment, "j F") == "16 Januar"
    assert date(moment, "j F") == "16 January"
    assert date(None, "j M") == ""


def test_isotime_of_nothing_is_empty():
    assert isotime(None) == ""


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # versions move on commit
def test_the_site_header_marks_the_current_topic_and_follows_a_rename(client):
    article = make_article()
    topic = article.topic
    other = make_topic("Diplomacy")
    topic_page = client.get(topic.get_absolute_url()).content.decode()
    nav = re.search(r'<nav class="site-nav".*?</nav>', topic_page, re.S).group()
    assert f'href="{topic.get_absolute_url()}" aria-current="page"' in nav
    assert f'href="{other.get_absolute_url()}">Diplomacy<' in nav  # not current
    article_page = client.get(article.get_absolute_url()).content.decode()
    assert 'aria-current="page"' not in article_page  # the header kept for the topic page

    other.name = "Diplomacy and talks"
    other.save()
    assert ">Diplomacy and talks</a>" in client.get(article.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_the_header_and_footer_render_once_for_all_pages(client, monkeypatch):
    articles = [make_article(), make_article()]
    rendered = []
    real_render = Template.render

    def render(template, *args, **kwargs):
        rendered.append(template.name)
        return real_render(template, *args, **kwargs)

    monkeypatch.setattr(Template, "render", render)
    for article in articles:
        assert client.get(article.get_absolute_url()).status_code == 200
    assert rendered.count("_site_header.html") == rendered.count("_site_footer.html") == 1
    assert rendered.count("newsroom/article_detail.html") == 2
