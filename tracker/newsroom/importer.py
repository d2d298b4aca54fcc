"""Create a draft article from a Markdown document (see README, "Markdown import")."""

import re
from dataclasses import dataclass, field

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from .models import FAQ, Article, Byline, Citation, Section, Source, validate_web_url
from .search import index_articles

HEADING = re.compile(r"^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.+?)\s*$")
LINK = re.compile(r"^\[(.+)\]\(\s*(\S+?)\s*\)$")
FAQ_HEADINGS = {"faq", "faqs", "frequently asked questions"}
SOURCE_HEADINGS = {"sources", "source"}


class ImportFailed(Exception):
    """The document has errors; `errors` lists them, each with its line number."""

    def __init__(self, errors):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class Block:
    line: int
    heading: str
    lines: list = field(default_factory=list)  # (line number, text)

    def text(self):
        return "\n".join(text for _, text in self.lines).strip()


@dataclass
class Document:
    title: str = ""
    standfirst: str = ""
    sections: list = field(default_factory=list)  # (heading, Markdown body)
    faqs: list = field(default_factory=list)  # (question, Markdown answer)
    sources: list = field(default_factory=list)  # (publisher, title, url)


def _split(text, errors):
    """The title line, the lines before the first "## ", and one block per "## " heading."""
    title, intro, blocks, fence = None, [], [], None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        heading = None if fence else HEADING.match(line)
        if stripped.startswith(("```", "~~~")):
            # Headings inside a code block are code, not structure.
            fence = None if fence and stripped.startswith(fence) else fence or stripped[:3]
        if heading and len(heading[1]) == 1:
            if title is None and not intro and not blocks:
                title = Block(number, heading[2])
            else:
                errors.append(f"Line {number}: only one “# ” title is allowed, at the very top.")
        elif heading and len(heading[1]) == 2:
            blocks.append(Block(number, heading[2]))
        elif title is None:
            if stripped:
                errors.append(f"Line {number}: the document must start with a “# ” title.")
                return None, [], []
        elif blocks:
            blocks[-1].lines.append((number, line))
        else:
            intro.append((number, line))
    if title is None:
        errors.append("Line 1: the document is empty; it must start with a “# ” title.")
    return title, intro, blocks


def _paragraphs(lines):
    """(first line number, text) of each paragraph: runs of non-blank lines."""
    paragraphs, current = [], []
    for number, text in [*lines, (None, "")]:
        if text.strip():
            current.append((number, text.strip()))
        elif current:
            paragraphs.append((current[0][0], " ".join(t for _, t in current)))
            current = []
    return paragraphs


def _faqs(block, errors):
    faqs, question = [], None
    for number, line in block.lines:
        heading = HEADING.match(line)
        if heading and len(heading[1]) == 3:
            question = Block(number, heading[2])
            faqs.append(question)
        elif question is not None:
            question.lines.append((number, line))
        elif line.strip():
            errors.append(
                f"Line {number}: under “## {block.heading}”, start each question with “### ”."
            )
    if not faqs:
        errors.append(f"Line {block.line}: “## {block.heading}” has no “### ” questions.")
    for question in faqs:
        if not question.text():
            errors.append(f"Line {question.line}: the question “{question.heading}” has no answer.")
        if len(question.heading) > FAQ._meta.get_field("question").max_length:
            errors.append(f"Line {question.line}: the question is longer than 300 characters.")
    return [(q.heading, q.text()) for q in faqs]


def _sources(block, errors):
    sources, items = [], 0
    for number, line in block.lines:
        if not line.strip():
            continue
        items += 1
        item = LIST_ITEM.match(line)
        if not item:
            errors.append(
                f"Line {number}: under “## {block.heading}”, list each source as “- Publisher — Title”"
                " or “- [Publisher — Title](https://…)”."
            )
            continue
        name, url = item[1], ""
        if link := LINK.match(name):
            name, url = link[1].strip(), link[2]
            try:
                validate_web_url(url)
            except ValidationError:
                errors.append(
                    f"Line {number}: “{url}” is not a web address starting with http:// or https://."
                )
                continue
        publisher, _, title = (part.strip() for part in name.partition(" — "))
        if len(publisher) > 160 or len(title) > 255 or len(url) > 500:
            errors.append(f"Line {number}: this source's name or address is too long.")
            continue
        sources.append((publisher, title, url))
    if not items:
        errors.append(f"Line {block.line}: “## {block.heading}” lists no sources.")
    return sources


def parse(text):
    """A Document from Markdown text, or ImportFailed listing every error by line."""
    errors = []
    title, intro, blocks = _split(text, errors)
    if title is None:
        raise ImportFailed(errors)
    doc = Document(title=title.heading)
    if len(doc.title) > Article._meta.get_field("title").max_length:
        errors.append(f"Line {title.line}: the title is longer than 200 characters.")
    paragraphs = _paragraphs(intro)
    if not paragraphs:
        errors.append(f"Line {title.line + 1}: add a one-paragraph standfirst under the title.")
    else:
        doc.standfirst = paragraphs[0][1]
        for number, _ in paragraphs[1:]:
            errors.append(
                f"Line {number}: the standfirst is one paragraph; start a section with “## ” first."
            )
    anchors = {}
    for block in blocks:
        name = block.heading.lower()
        if name in FAQ_HEADINGS:
            doc.faqs += _faqs(block, errors)
        elif name in SOURCE_HEADINGS:
            doc.sources += _sources(block, errors)
        elif not block.text():
            errors.append(f"Line {block.line}: the section “{block.heading}” is empty.")
        elif len(block.heading) > Section._meta.get_field("heading").max_length:
            errors.append(f"Line {block.line}: the section heading is longer than 200 characters.")
        elif (anchor := slugify(block.heading)[:80]) in anchors:
            errors.append(
                f"Line {block.line}: the section “{block.heading}” repeats the heading on line"
                f" {anchors[anchor]}; give each section its own heading."
            )
        else:
            anchors[anchor] = block.line
            doc.sections.append((block.heading, block.text()))
    if errors:
        raise ImportFailed(sorted(errors, key=lambda error: int(error.split(":")[0][5:])))
    return doc


def import_article(text, *, topic, authors=(), user=None):
    """Create a draft article from Markdown, all or nothing; ImportFailed on any error."""
    doc = parse(text)
    slug = slugify(doc.title)[:200]
    if Article.objects.filter(slug=slug).exists():
        raise ImportFailed(
            [f"Line 1: an article with the slug “{slug}” already exists; change the title."]
        )
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment("Imported from Markdown.")
        article = Article.objects.create(
            title=doc.title, slug=slug, standfirst=doc.standfirst, topic=topic
        )
        for i, author in enumerate(authors):
            Byline.objects.create(article=article, author=author, position=i)
        for i, (heading, body) in enumerate(doc.sections):
            Section.objects.create(article=article, position=i, heading=heading, body=body)
        for i, (question, answer) in enumerate(doc.faqs):
            FAQ.objects.create(article=article, position=i, question=question, answer=answer)
        for i, (publisher, title, url) in enumerate(dict.fromkeys(doc.sources)):
            # An existing source with the same name and address is cited, not copied.
            source, _ = Source.objects.get_or_create(publisher=publisher, title=title, url=url)
            Citation.objects.create(article=article, source=source, position=i)
    index_articles(Article.objects.filter(pk=article.pk))  # searchable at once
    return article
