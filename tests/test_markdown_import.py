"""Markdown documents become draft articles, all or nothing, with errors by line."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from tracker.newsroom.importer import ImportFailed, parse
from tracker.newsroom.models import Article, Source

from .factories import make_author, make_source, make_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def write(tmp_path):
    """Writes a Markdown file and returns its path."""

    def write(text):
        path = tmp_path / "article.md"
        path.write_text(text, encoding="utf-8")
        return str(path)

    return write


FULL = """\
# Black Sea grain corridor: how shipping resumed

Ships are leaving Odesa's ports again, under a corridor Ukraine secured
without a deal.

## Key points

- **Exports up.** More grain left in October than in any month since 2021.
- **Insurance.** A state-backed scheme covers war risk.

## Attacks on ports

Strikes on port infrastructure continue.

```
## not a heading: inside a code block
```

## Frequently Asked Questions

### Is the corridor safe?

Safer than last year, but ships are still hit.

### Who insures the ships?

A state-backed scheme, with **Lloyd's** brokers.

## Sources

- [Reuters — Ukraine grain exports](https://www.reuters.com/grain)
- Ministry of Agrarian Policy — Monthly figures
- [Kyiv School of Economics](https://kse.ua/)
"""


def test_a_full_document_becomes_a_draft_with_sections_faqs_and_sources(write):
    topic, author = make_topic("Economy"), make_author("Olena")
    existing = make_source(
        "Reuters", title="Ukraine grain exports", url="https://www.reuters.com/grain"
    )
    call_command(
        "import_markdown",
        write(FULL),
        topic=topic.slug,
        author=[author.slug],
        stdout=StringIO(),
    )

    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert article.title == "Black Sea grain corridor: how shipping resumed"
    assert article.slug == "black-sea-grain-corridor-how-shipping-resumed"
    assert article.standfirst == (
        "Ships are leaving Odesa's ports again, under a corridor Ukraine secured without a deal."
    )
    assert [s.heading for s in article.sections.all()] == ["Key points", "Attacks on ports"]
    assert "<strong>Exports up.</strong>" in article.sections.first().body_html
    assert "## not a heading" in article.sections.last().body
    assert [f.question for f in article.faqs.all()] == [
        "Is the corridor safe?",
        "Who insures the ships?",
    ]
    sources = [c.source for c in article.citations.all()]
    assert sources[0] == existing  # reused, not copied
    assert (sources[1].publisher, sources[1].title, sources[1].url) == (
        "Ministry of Agrarian Policy",
        "Monthly figures",
        "",
    )
    assert (sources[2].publisher, sources[2].url) == ("Kyiv School of Economics", "https://kse.ua/")
    assert Source.objects.count() == 3
    assert [b.author for b in article.bylines.all()] == [author]


@pytest.mark.parametrize(
    ("document", "errors"),
    [
        ("", ["Line 1: the document is empty; it must start with a “# ” title."]),
        ("Intro text\n# Title", ["Line 1: the document must start with a “# ” title."]),
        (
            "# Title\n\n## Part\n\nText.",
            ["Line 2: add a one-paragraph standfirst under the title."],
        ),
        (
            "# Title\n\nOne.\n\nTwo.\n\n## Empty\n\n## FAQ\n\nStray text\n\n### Why?\n\n"
            "## Sources\n\n- [Bad](javascript:alert(1))\nnot a list item\n# Another title",
            [
                "Line 5: the standfirst is one paragraph; start a section with “## ” first.",
                "Line 7: the section “Empty” is empty.",
                "Line 11: under “## FAQ”, start each question with “### ”.",
                "Line 13: the question “Why?” has no answer.",
                "Line 17: “javascript:alert(1)” is not a web address starting with http:// or https://.",
                "Line 18: under “## Sources”, list each source as “- Publisher — Title” or “- [Publisher — Title](https://…)”.",
                "Line 19: only one “# ” title is allowed, at the very top.",
            ],
        ),
        (
            "# Title\n\nStandfirst.\n\n## Same\n\nA.\n\n## Same\n\nB.",
            [
                "Line 9: the section “Same” repeats the heading on line 5; give each section its own heading."
            ],
        ),
    ],
)
def test_errors_are_reported_by_line(document, errors):
    with pytest.raises(ImportFailed) as failure:
        parse(document)
    assert failure.value.errors == errors


def test_nothing_is_saved_when_the_document_has_errors(write):
    topic = make_topic()
    broken = FULL.replace(
        "### Who insures the ships?\n\nA state-backed",
        "### Who insures the ships?\n\n\n## Sources\n\nnope",
    )
    with pytest.raises(CommandError, match=r"Nothing was imported .*\nLine \d+: "):
        call_command("import_markdown", write(broken), topic=topic.slug)
    assert not Article.objects.exists() and not Source.objects.exists()


def test_a_failure_while_saving_leaves_nothing_behind(monkeypatch):
    from tracker.newsroom import importer

    def explode(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(importer.FAQ.objects, "create", explode)
    with pytest.raises(RuntimeError):
        importer.import_article(FULL, topic=make_topic())
    assert not Article.objects.exists() and not Source.objects.exists()


def test_an_article_with_the_same_slug_is_not_overwritten(write):
    topic = make_topic()
    importer_args = {"topic": topic.slug, "stdout": StringIO()}
    call_command("import_markdown", write(FULL), **importer_args)
    with pytest.raises(CommandError, match="already exists; change the title"):
        call_command("import_markdown", write(FULL), **importer_args)
    assert Article.objects.count() == 1


def test_editors_import_from_the_admin_page(editor_client):
    topic = make_topic()
    url = reverse("admin:newsroom_article_import")
    changelist = editor_client.get(reverse("admin:newsroom_article_changelist")).content.decode()
    assert url in changelist

    response = editor_client.post(
        url, {"topic": topic.pk, "authors": [make_author().pk], "document": FULL}
    )
    article = Article.objects.get()
    assert response.url == reverse("admin:newsroom_article_change", args=[article.pk])
    assert article.sections.count() == 2


def test_the_admin_page_lists_errors_and_keeps_the_document(editor_client):
    topic = make_topic()
    document = "# Title\n\n<script>alert(1)</script>\n\nSecond paragraph."
    response = editor_client.post(
        reverse("admin:newsroom_article_import"),
        {"topic": topic.pk, "authors": [make_author().pk], "document": document},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was imported" in page
    assert "Line 5: the standfirst is one paragraph" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page
    assert not Article.objects.exists()


def test_an_uploaded_file_is_imported(editor_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    topic = make_topic()
    upload = SimpleUploadedFile("grain.md", FULL.encode("utf-8"), content_type="text/markdown")
    editor_client.post(
        reverse("admin:newsroom_article_import"),
        {"topic": topic.pk, "authors": [make_author().pk], "file": upload},
    )
    assert Article.objects.get().title.startswith("Black Sea grain corridor")
