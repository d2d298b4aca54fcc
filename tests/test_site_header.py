"""The site's header: its topics, the current one marked, a rename shown at once."""

import re

import pytest

from .factories import make_article, make_topic


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
    assert 'aria-current="page"' not in article_page

    other.name = "Diplomacy and talks"
    other.save()
    assert ">Diplomacy and talks</a>" in client.get(article.get_absolute_url()).content.decode()
