import pytest
from django.core.exceptions import ValidationError

from tracker.newsroom.markdown import render_markdown
from tracker.newsroom.models import Source

from .factories import make_article, make_author, make_source, make_tag, make_topic
from .html import active_content

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "<svg onload=alert(1)>",
    "![x](javascript:alert(1))",
    '"><script>alert(1)</script>',
    "<iframe src=//evil.example></iframe>",
]
PAYLOAD = " ".join(HOSTILE)


def test_markdown_renders_key_points_with_bold_lead_ins():
    html = render_markdown("- **Ceasefire first.** Kyiv would talk.\n- **Guarantees.** Needed.")
    assert "<ul>" in html
    assert "<li><strong>Ceasefire first.</strong> Kyiv would talk.</li>" in html


def test_markdown_links_keep_noopener_and_headings_start_below_the_page_headings():
    html = render_markdown("# Big\n\n[ISW](https://www.understandingwar.org/)")
    assert "<h3>Big</h3>" in html
    assert 'rel="noopener"' in html


@pytest.mark.parametrize("payload", HOSTILE)
def test_markdown_never_lets_script_through(payload):
    assert active_content(render_markdown(payload)) == []


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,hi", "ftp://example.org/x"])
def test_source_urls_must_be_web_addresses(url):
    source = Source(publisher="Someone", url=url)
    with pytest.raises(ValidationError) as error:
        source.full_clean()
    assert "http:// or https://" in str(error.value)


@pytest.mark.django_db
def test_hostile_text_in_every_editor_field_never_reaches_a_page(client):
    topic = make_topic(name=f"Topic {PAYLOAD}"[:80], description=PAYLOAD)
    author = make_author(name=f"Writer {PAYLOAD}"[:120], bio=PAYLOAD)
    tag = make_tag(name=PAYLOAD[:60])
    article = make_article(
        title=f"Title {PAYLOAD}"[:200],
        standfirst=PAYLOAD,
        topic=topic,
        authors=[author],
        tags=[tag],
        sections=0,
        faqs=0,
        sources=0,
    )
    article.sections.create(heading=PAYLOAD[:200], anchor="hostile", body=PAYLOAD)
    article.faqs.create(question=PAYLOAD[:300], answer=PAYLOAD)
    # Written around validation on purpose: the page must still not link it.
    source = make_source(publisher=PAYLOAD[:160], title=PAYLOAD[:255], url="javascript:alert(1)")
    article.citations.create(source=source)

    for url in [
        "/",
        article.get_absolute_url(),
        topic.get_absolute_url(),
        tag.get_absolute_url(),
        author.get_absolute_url(),
        "/authors/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert active_content(response.content.decode()) == [], url
