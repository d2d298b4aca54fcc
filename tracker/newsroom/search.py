"""Full-text search of articles: PostgreSQL's own on PostgreSQL, a plain fallback on SQLite.

Title, standfirst, sections and FAQs are weighted A, B, C and D. Sections and FAQs live in other
tables, so index_articles() copies their plain text onto the article and computes the vector from
it; the admin's save_related() and the demo command call it after an article and its inlines are
saved.
"""

import html
import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connections
from django.db.models import F, Q, TextField, Value
from django.db.models.functions import Concat
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

CONFIG = "english"
# Highlight markers: control characters, which never reach the indexed text (see plain_text).
START, STOP = "\x02", "\x03"
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MARKED = re.compile(f"{START}([^{START}{STOP}]*){STOP}")
# The SQLite fallback matches each word with LIKE; a handful is plenty.
FALLBACK_WORDS = 8


def plain_text(rendered_html):
    """The words of rendered Markdown, without tags, entities or control characters."""
    return CONTROL_CHARACTERS.sub("", html.unescape(strip_tags(rendered_html)))


def search_vector(sections_text, faqs_text):
    return (
        SearchVector("title", weight="A", config=CONFIG)
        + SearchVector("standfirst", weight="B", config=CONFIG)
        + SearchVector(Value(sections_text), weight="C", config=CONFIG)
        + SearchVector(Value(faqs_text), weight="D", config=CONFIG)
    )


def index_articles(articles):
    """Refresh the search text and, on PostgreSQL, the search vector of these articles."""
    on_postgresql = connections[articles.db].vendor == "postgresql"
    for article in articles.prefetch_related("sections", "faqs"):
        sections = "\n\n".join(
            f"{section.heading}\n{plain_text(section.body_html)}"
            for section in article.sections.all()
        )
        faqs = "\n\n".join(
            f"{faq.question}\n{plain_text(faq.answer_html)}" for faq in article.faqs.all()
        )
        fields = {"search_sections": sections, "search_faqs": faqs}
        if on_postgresql:
            fields["search_vector"] = search_vector(sections, faqs)
        # update(), not save(): indexing is not an edit, so modified_at stays as it was.
        articles.model.objects.filter(pk=article.pk).update(**fields)


def search_articles(articles, query):
    """The articles matching the visitor's query, best first, each with a `headline` snippet."""
    if connections[articles.db].vendor == "postgresql":
        terms = SearchQuery(query, search_type="websearch", config=CONFIG)
        body = Concat(
            "standfirst",
            Value("\n"),
            "search_sections",
            Value("\n"),
            "search_faqs",
            output_field=TextField(),
        )
        return (
            articles.filter(search_vector=terms)
            .annotate(
                rank=SearchRank(F("search_vector"), terms),
                headline=SearchHeadline(
                    body,
                    terms,
                    config=CONFIG,
                    start_sel=START,
                    stop_sel=STOP,
                    max_words=35,
                    min_words=15,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                ),
            )
            .order_by("-rank", "-published_at", "-pk")
        )
    matches = Q()
    for word in query.split()[:FALLBACK_WORDS]:
        matches &= (
            Q(title__icontains=word)
            | Q(standfirst__icontains=word)
            | Q(search_sections__icontains=word)
            | Q(search_faqs__icontains=word)
        )
    return articles.filter(matches).annotate(headline=F("standfirst"))


def highlight(headline) -> SafeString:
    """Escape a headline's text and turn only our own markers into <mark>."""
    escaped = escape(headline or "")
    marked = MARKED.sub(r"<mark>\1</mark>", escaped)
    return mark_safe(CONTROL_CHARACTERS.sub("", marked))  # noqa: S308 - escaped just above.
