import pytest
from django.core.exceptions import ValidationError

from tracker.newsroom.markdown import render_markdown
from tracker.newsroom.models import Source

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
