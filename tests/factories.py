"""Small factories for tests: each make_* returns a saved object with sensible defaults."""

import itertools
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from tracker.newsroom.models import (
    FAQ,
    Article,
    Author,
    Byline,
    Citation,
    Image,
    Section,
    Source,
    Tag,
    Topic,
)
from tracker.newsroom.search import index_articles

_numbers = itertools.count(1)


def make_topic(name=None, **fields):
    n = next(_numbers)
    name = name or f"Topic {n}"
    return Topic.objects.create(name=name, slug=fields.pop("slug", f"topic-{n}"), **fields)


def make_tag(name=None):
    n = next(_numbers)
    return Tag.objects.create(name=name or f"Tag {n}", slug=f"tag-{n}")


def make_author(name=None, **fields):
    n = next(_numbers)
    fields.setdefault("bio", f"Author {n} covers the war for the tracker.")
    return Author.objects.create(name=name or f"Author {n}", slug=f"author-{n}", **fields)


def make_source(publisher=None, **fields):
    n = next(_numbers)
    fields.setdefault("title", f"Report {n}")
    fields.setdefault("url", f"https://example.org/report-{n}")
    return Source.objects.create(publisher=publisher or f"Publisher {n}", **fields)


def make_article(
    *,
    sections=2,
    faqs=1,
    sources=1,
    authors=None,
    tags=(),
    topic=None,
    status=Article.Status.PUBLISHED,
    published_at=None,
    **fields,
):
    """An article with `sections` sections, `faqs` FAQs and `sources` citations."""
    n = next(_numbers)
    if published_at is None and status == Article.Status.PUBLISHED:
        published_at = timezone.now() - timedelta(hours=n)
    article = Article.objects.create(
        title=fields.pop("title", f"Article {n}"),
        slug=fields.pop("slug", f"article-{n}"),
        standfirst=fields.pop("standfirst", f"Standfirst of article {n}."),
        topic=topic or make_topic(),
        status=status,
        published_at=published_at,
        **fields,
    )
    for position, author in enumerate(authors if authors is not None else [make_author()]):
        Byline.objects.create(article=article, author=author, position=position)
    article.tags.set(tags)
    for i in range(sections):
        Section.objects.create(
            article=article, position=i, heading=f"Section {i + 1}", body=f"- **Point {i}.** Text."
        )
    for i in range(faqs):
        FAQ.objects.create(
            article=article, position=i, question=f"Question {i + 1}?", answer="Yes."
        )
    for i in range(sources):
        Citation.objects.create(article=article, source=make_source(), position=i)
    index_articles(Article.objects.filter(pk=article.pk))  # as the admin does after its inlines
    article.refresh_from_db()
    return article


def picture_bytes(size=(900, 600), fmt="JPEG", color=(40, 90, 140), **save_options):
    """A real picture file's bytes, with whatever Pillow save options (exif, icc_profile...)."""
    import io

    from PIL import Image as PILImage

    out = io.BytesIO()
    PILImage.new("RGB", size, color).save(out, fmt, **save_options)
    return out.getvalue()


def make_image(data=None, **fields):
    """A library picture, sanitised and with its renditions, as the admin makes it."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tracker.newsroom.pictures import sanitise

    n = next(_numbers)
    clean = sanitise(SimpleUploadedFile("photo.jpg", data or picture_bytes()))
    fields.setdefault("alt_text", f"Picture {n}: a street in Kharkiv after a strike")
    fields.setdefault("credit", f"Photographer {n} / Tracker")
    return Image.objects.create(
        file=clean.content, width=clean.width, height=clean.height, **fields
    )


def make_map(**fields):
    """A map figure drawn from a small GeoJSON: an area with a legend entry and a town."""
    import json

    from tracker.newsroom.maps import read_geojson

    ring = [[37.0, 47.5], [38.5, 47.5], [38.5, 48.8], [37.0, 48.8], [37.0, 47.5]]
    data = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"legend": "Russian-held"},
             "geometry": {"type": "Polygon", "coordinates": [ring]}},
            {"type": "Feature", "properties": {"name": "Pokrovsk", "legend": "Towns"},
             "geometry": {"type": "Point", "coordinates": [37.18, 48.28]}},
        ],
    }  # fmt: skip
    n = next(_numbers)
    fields.setdefault("alt_text", f"Map {n}: areas of control around Pokrovsk")
    fields["alt_text"] = "Map: " + fields["alt_text"].removeprefix("Map: ")
    fields.setdefault("description", "Russian forces hold the ground east of the town.")
    fields.setdefault("credit", "Tracker graphics desk")
    fields.setdefault("shows_date", date(2026, 11, 20))
    image = Image(geojson=read_geojson(ContentFile(json.dumps(data).encode()))[1], **fields)
    image.full_clean()
    image.save()
    return image


def make_counter(**fields):
    from tracker.live.models import Counter

    fields.setdefault("start_date", date(2022, 2, 24))
    return Counter.objects.create(**fields)


def make_banner(headline=None, **fields):
    from tracker.live.models import Banner

    n = next(_numbers)
    fields.setdefault("published_at", timezone.now() - timedelta(milliseconds=1))  # live, newest
    return Banner.objects.create(headline=headline or f"Banner {n}", **fields)
