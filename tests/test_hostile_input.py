"""Script typed into any editor or desk field never reaches a page as markup."""

import pytest

from .hostile import hostile_site, pages
from .html import active_content

pytestmark = pytest.mark.django_db


def scripts_and_handlers(html):
    """Active content, leaving out JSON-LD data blocks and the admin's own translation script."""
    html = html.replace('<script type="application/ld+json">', "<data-block>")
    html = html.replace('<script src="/admin/jsi18n/">', "<admin-jsi18n>")
    return active_content(html)


def test_the_corpus_never_becomes_markup_on_public_or_staff_pages(client, staff_client):
    public, staff = pages(hostile_site())
    for who, urls in ((client, public), (staff_client, public + staff)):
        for url in urls:
            response = who.get(url)
            assert response.status_code == 200, url
            html = response.content.decode()
            assert scripts_and_handlers(html) == [], url
            assert "<script>alert" not in html and "<svg onload" not in html, url


def test_the_corpus_still_reads_as_text_in_notes_and_footer_pages(client):
    article = hostile_site()[0]
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    page = client.get(article.get_absolute_url()).content.decode()
    notes = page.split('class="article__notes"')[1].split("</ol>")[0]
    assert escaped in notes
    about = client.get("/about/").content.decode()
    assert escaped in about.split("<h1>")[1].split("</h1>")[0]
