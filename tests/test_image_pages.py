"""Pictures on public pages: <picture> markup, sharing tags, JSON-LD, freshness."""

import json
import re

import pytest

from .factories import make_article, make_image, picture_bytes

pytestmark = pytest.mark.django_db


def test_the_article_page_shows_the_lead_image_and_figures(client):
    lead = make_image(picture_bytes((1700, 1000)), caption="Kharkiv, <b>bold</b>")
    figure = make_image(alt_text="Map: areas of control around Pokrovsk")
    article = make_article()
    article.lead_image = lead
    article.save()
    section = article.sections.first()
    section.figure = figure
    section.save()
    page = client.get(article.get_absolute_url()).content.decode()
    pictures_on_page = re.findall(r"<picture>.*?</picture>", page, re.S)
    assert len(pictures_on_page) == 2
    first, second = pictures_on_page
    assert '<source type="image/avif"' in first and '<source type="image/webp"' in first
    assert "480w" in first and "1600w" in first and "sizes=" in first
    assert 'width="1600" height="941"' in first
    assert f'alt="{lead.alt_text}"' in first
    assert 'fetchpriority="high"' in first and "loading=" not in first
    assert 'loading="lazy"' in second and "fetchpriority" not in second
    assert "Kharkiv, &lt;b&gt;bold&lt;/b&gt;" in page  # captions are plain text
    assert lead.credit in page and figure.credit in page
    og = lead.renditions["crops"]["og"]
    assert f'<meta property="og:image" content="http://testserver/media/{og["name"]}">' in page
    assert '<meta property="og:image:width" content="1200">' in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    graph = json.loads(re.search(r'"@graph".*', page).group(0).join("{}").split("</script>")[0])
    shapes = {(i["width"], i["height"]) for i in graph["@graph"][0]["image"]}
    assert shapes == {(1000, 1000), (1200, 900), (1200, 675)}


def test_cards_show_the_lead_image(client):
    article = make_article()
    article.lead_image = make_image()
    article.save()
    page = client.get("/").content.decode()
    assert "<picture>" in page and article.lead_image.alt_text in page


@pytest.mark.parametrize("where", ["lead", "figure"])
def test_an_alt_text_caption_or_credit_edit_shows_at_once(
    client, where, django_capture_on_commit_callbacks
):
    image = make_image()
    article = make_article(lead_image=image if where == "lead" else None)
    if where == "figure":
        article.sections.update(figure=image)
    assert image.alt_text in client.get(article.get_absolute_url()).content.decode()
    assert image.alt_text in client.get(article.get_absolute_url()).content.decode()  # kept
    with django_capture_on_commit_callbacks(execute=True):  # the page cache's version moves
        image.alt_text = "Rescuers carry a resident out of a damaged house in Sumy"
        image.caption = "Sumy, a new caption"
        image.credit = "A new credit"
        image.save()
    page = client.get(article.get_absolute_url()).content.decode()
    assert image.alt_text in page and "Sumy, a new caption" in page and "A new credit" in page
    if where == "figure":
        return
    assert image.alt_text in client.get(article.get_absolute_url()).content.decode()
    assert image.alt_text in client.get("/").content.decode()


def test_pictures_cost_no_query_of_their_own(client, settings):
    from .test_query_budget import (
        ARTICLE_PAGE_QUERIES,
        HOME_QUERIES,
        KEPT_ARTICLE_PAGE_QUERIES,
        count_queries,
    )

    settings.PAGE_CACHE_SECONDS = 0
    few = make_article(sections=2, lead_image=make_image())
    many = make_article(sections=12, lead_image=make_image())
    figure = make_image()
    few.sections.update(figure=figure)
    many.sections.update(figure=figure)
    for article in (few, many):
        assert count_queries(client, article.get_absolute_url()) == ARTICLE_PAGE_QUERIES
        assert count_queries(client, article.get_absolute_url()) == KEPT_ARTICLE_PAGE_QUERIES
    for _ in range(3):
        make_article(lead_image=make_image())
    assert count_queries(client, "/") == HOME_QUERIES
