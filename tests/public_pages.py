"""Every public page type, with content on it, for the accessibility and HTML-validity checks.

To check a new page type, add its name to PAGE_TYPES and its URL to the dict public_pages()
returns (creating whatever content it needs).
"""

from .factories import (
    make_article,
    make_author,
    make_banner,
    make_counter,
    make_image,
    make_map,
    make_source,
    make_tag,
    make_topic,
)

PAGE_TYPES = (
    "home",
    "article",
    "topic",
    "tag",
    "author",
    "author-list",
    "updates",
    "search",
    "search-no-results",
    "search-error",
    "footer-page",
    "404",
)


def public_pages():
    """Build a small site and return {page type: URL}."""
    topic = make_topic("Frontline", description="Movement along the line of contact.")
    other = make_topic("Diplomacy")
    tag = make_tag("Air defence")
    author = make_author("Daryna Velychko")
    article = make_article(
        title="Air defence and the energy grid",
        standfirst="Russia's winter strikes on power stations, and how Ukraine defends them.",
        topic=topic,
        tags=[tag],
        authors=[author, make_author("Thomas Aldridge")],
        sources=0,
        lead_image=make_image(caption="Repair crews at a substation near Kharkiv."),
    )
    # A figure in the body, with a source link (pages with pictures get the same checks).
    article.sections.filter(position=0).update(
        figure=make_image(source_url="https://example.org/photo", alt_text="Map: the front line")
    )
    # And a map drawn from GeoJSON, with its description and key.
    article.sections.filter(position=1).update(figure=make_map())
    article.citations.create(source=make_source("ISW", url=""), position=1)
    article.citations.create(source=make_source("UNHCR"), position=2)
    make_article(title="Talks about talks", topic=other, authors=[author])
    make_counter()
    make_banner("Air raid alert across the east", kind="breaking")
    make_banner("Grid operator restores power in Kharkiv", article=article)
    return {
        "home": "/",
        "article": article.get_absolute_url(),
        "topic": topic.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "author": author.get_absolute_url(),
        "author-list": "/authors/",
        "updates": "/updates/",
        "search": "/search/?q=energy+grid",
        "search-no-results": "/search/?q=zebra&topic=" + other.slug,
        "search-error": "/search/?q=" + "x" * 300 + "&topic=nowhere",
        "footer-page": "/about/",
        "404": "/no-such-page/",
    }
