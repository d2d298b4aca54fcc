"""A corpus of script-injection payloads, and a site with one in every editor and desk field."""

from datetime import timedelta

from django.contrib.flatpages.models import FlatPage
from django.utils import timezone

from tracker.live.models import Banner
from tracker.newsroom.models import Note

from .factories import make_article, make_author, make_counter, make_source, make_tag, make_topic
from .test_markdown import HOSTILE

XSS = [
    *HOSTILE,
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    '" autofocus onfocus="alert(1)" x="',
    "' onmouseover='alert(1)' x='",
    "<details open ontoggle=alert(1)>",
    '<a href="&#106;avascript:alert(1)">x</a>',
    "<style>body{display:none}</style>",
    "{{ request.META }}{% debug %}",
    "javascript:alert(1)",
    "<body onload=alert(1)>",
]


def batches(limit=140):
    """The corpus joined into as few strings as fit the shortest field (a banner headline)."""
    groups = [""]
    for payload in XSS:
        if len(groups[-1]) + len(payload) + 1 > limit:
            groups.append("")
        groups[-1] = f"{groups[-1]} {payload}".strip()
    return groups


def hostile_site():
    """An article per batch of payloads, the batch in every field an editor or the desk fills."""
    make_counter()
    articles = []
    for n, payload in enumerate(batches()):
        topic = make_topic(name=f"T{n} {payload}"[:80], description=payload)
        author = make_author(name=f"A{n} {payload}"[:120], bio=payload)
        tag = make_tag(name=f"{n} {payload}"[:60])
        article = make_article(
            title=f"{n} {payload}"[:200],
            standfirst=payload,
            topic=topic,
            authors=[author],
            tags=[tag],
            sections=0,
            faqs=0,
            sources=0,
        )
        article.sections.create(heading=payload[:200], anchor=f"s{n}", body=payload)
        article.faqs.create(question=payload[:300], answer=payload)
        article.notes.create(kind=Note.Kind.CORRECTION, text=payload[:500])
        # Written around validation on purpose: a bad address must still never become a link.
        url = "JaVaScRiPt:alert(1)" if n % 2 else payload[:500]
        source = make_source(publisher=payload[:160], title=payload[:255], url=url)
        article.citations.create(source=source)
        Banner.objects.create(
            headline=payload[:140],
            url="javascript:alert(1)" if n % 2 else "",
            article=None if n % 2 else article,
            published_at=timezone.now() - timedelta(minutes=n + 1),
        )
        articles.append(article)
    # A footer page (the data migration's "About"): its title is text, its body Markdown.
    FlatPage.objects.filter(url="/about/").update(title=XSS[0][:200], content=" ".join(XSS))
    return articles


def pages(articles):
    """Every page that shows what the corpus went into, for readers and for staff."""
    urls = ["/", "/authors/", "/updates/", "/updates/feed/rss/", "/live/bar/", "/about/"]
    for article in articles:
        urls += [
            article.get_absolute_url(),
            article.topic.get_absolute_url(),
            article.tags.get().get_absolute_url(),
            article.authors.get().get_absolute_url(),
        ]
    staff = ["/desk/", "/admin/newsroom/article/", "/admin/live/banner/"]
    staff += ["/admin/flatpages/flatpage/"]
    staff += [f"/admin/newsroom/article/{a.pk}/change/" for a in articles]
    return urls, staff
