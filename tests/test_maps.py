"""Maps from GeoJSON: checked in the editor's words, drawn as SVG and PNG with a legend,
the date and the credit, described, and shown in articles at no query of their own."""

import io
import json
import re
from xml.etree import ElementTree

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from tracker.newsroom import maps
from tracker.newsroom.models import Image

from .factories import make_article, picture_bytes

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:newsroom_image_add")


def square(lon, lat, size=1.0):
    return [
        [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    ]


def areas(**extra):
    """Two areas with legend entries, plain land around them, and a named town."""
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {},
             "geometry": {"type": "Polygon", "coordinates": square(36.0, 47.0, 3.0)}},
            {"type": "Feature", "properties": {"legend": "Russian-held"},
             "geometry": {"type": "Polygon", "coordinates": square(38.0, 47.5)}},
            {"type": "Feature", "properties": {"legend": "Contested <b>belt</b>"},
             "geometry": {"type": "MultiPolygon", "coordinates": [square(37.2, 47.5, 0.5)]}},
            {"type": "Feature", "properties": {"name": "Pokrovsk"},
             "geometry": {"type": "Point", "coordinates": [37.18, 48.28]}},
        ],
        **extra,
    }  # fmt: skip


def upload(data, name="areas.geojson"):
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    return SimpleUploadedFile(name, raw, "application/geo+json")


def map_form(data=None, **fields):
    return {
        "file": "",
        "geojson": upload(data or areas()),
        "map_style": "areas",
        "shows_date": "2026-11-20",
        "alt_text": "Map: areas of control around Pokrovsk on 20 November 2026",
        "description": "Russian forces hold the ground east of the town; a belt just east "
        "of it is contested.",
        "caption": "",
        "credit": "Tracker graphics desk",
        "source_url": "",
        "focal_x": "50",
        "focal_y": "50",
        **fields,
    }


def bad(features):
    return {"type": "FeatureCollection", "features": features}


def feature(geometry, **properties):
    return {"type": "Feature", "properties": properties, "geometry": geometry}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"{not json", "not GeoJSON we can read"),
        (b"\xff\xfe\x00", "not text in UTF-8"),
        ({"type": "Topology"}, "this file's type is “Topology”"),
        ([1, 2], "this file has no type"),
        (bad([]), "no shapes to draw"),
        (bad([feature({"type": "Point", "coordinates": [200, 47]})]), "outside the world"),
        (bad([feature({"type": "Point", "coordinates": [37, -95]})]), "outside the world"),
        (bad([feature({"type": "Point", "coordinates": ["37", "48"]})]), "two numbers"),
        (bad([feature({"type": "Point", "coordinates": [37, float("nan")]})]), "two numbers"),
        (bad([feature({"type": "LineString", "coordinates": []})]), "two numbers"),
        (bad([feature({"type": "Polygon", "coordinates": [[[1, 1], [2, 2], [1, 2]]]})]),
         "at least four points"),
        (bad([feature({"type": "Polygon", "coordinates": [[[1, 1], [2, 1], [2, 2], [1, 2]]]})]),
         "the last the same as the first"),
        (bad([feature({"type": "GeometryCollection", "geometries": []}, name="Kherson")]),
         "Shape 1 (“Kherson”) is a “GeometryCollection”"),
        (bad([{"type": "Feature", "properties": {}}]), "Shape 1 has no geometry"),
        (bad([feature({"type": "Point", "coordinates": [30, 50]}, legend=f"Area {i}")
              for i in range(8)]), "The legend can show 6 entries; this file names 8"),
        (bad([feature({"type": "Point", "coordinates": [30, 50]}, legend="x" * 61)]),
         "60 characters or fewer"),
        (b" " * (maps.MAX_BYTES + 1), "the largest we accept is 1 MB"),
        (bad([feature({"type": "MultiPoint", "coordinates": [[30, 50]] * (maps.MAX_POINTS + 1)})]),
         "we draw up to 50,000"),
    ],
)  # fmt: skip
def test_geojson_is_checked_and_refused_in_the_editors_words(data, message):
    with pytest.raises(ValidationError, match=re.escape(message)):
        maps.read_geojson(upload(data))


def test_the_stored_geojson_keeps_only_what_is_drawn():
    data = areas()
    data["features"][1]["properties"]["secret"] = "source: a named soldier"
    features, clean = maps.read_geojson(upload(data))
    assert b"named soldier" not in clean.read() and clean.name.endswith(".geojson")
    assert features[1]["properties"] == {"legend": "Russian-held"}


def test_an_editor_uploads_a_map_and_it_is_drawn_with_legend_date_and_credit(staff_client):
    response = staff_client.post(ADD_URL, map_form())
    assert response.status_code == 302, response.content.decode()[:3000]
    image = Image.objects.get()
    assert image.is_map and image.file.name.endswith(".png")
    with default_storage.open(image.file.name) as stored:
        picture = PILImage.open(io.BytesIO(stored.read()))
        assert picture.format == "PNG" and picture.size == (image.width, image.height)
    svg = default_storage.open(image.renditions["map"]["svg"]).read().decode()
    assert ElementTree.fromstring(svg).tag == "{http://www.w3.org/2000/svg}svg"  # well formed
    assert svg.startswith("<svg") and "Russian-held" in svg
    assert "Contested &lt;b&gt;belt&lt;/b&gt;" in svg and "<b>" not in svg  # escaped
    assert "Shows 20 November 2026 · Tracker graphics desk" in svg and "Pokrovsk" in svg
    assert "<script" not in svg and "style=" not in svg and "http" not in svg.split("\n", 1)[1]
    assert [entry["label"] for entry in image.renditions["map"]["legend"]] == [
        "Russian-held",
        "Contested <b>belt</b>",
    ]
    assert image.renditions["sizes"]  # the PNG has its renditions, like any picture


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"alt_text": "Areas of control"}, "alt_text", "starts with “Map:”"),
        ({"description": ""}, "description", "Describe what the map shows"),
        ({"shows_date": ""}, "shows_date", "Give the date the map shows"),
        ({"geojson": ""}, "file", "Upload a picture, or a GeoJSON file"),
    ],
)
def test_a_map_needs_its_description_date_and_map_alt_text(staff_client, fields, field, message):
    response = staff_client.post(ADD_URL, map_form(**fields))
    assert response.status_code == 200
    assert message in " ".join(response.context["adminform"].form.errors[field])
    assert "Tracker graphics desk" in response.content.decode()  # what was typed stays
    assert not Image.objects.exists()


def test_a_bad_geojson_file_is_refused_in_the_form_and_the_rest_stays(staff_client):
    data = bad([feature({"type": "Point", "coordinates": [300, 48]})])
    response = staff_client.post(ADD_URL, map_form(data))
    assert response.status_code == 200
    assert "outside the world" in " ".join(response.context["adminform"].form.errors["geojson"])
    assert "areas of control around Pokrovsk" in response.content.decode()


def map_image(**fields):
    features, clean = maps.read_geojson(upload(areas()))
    fields = {
        "geojson": clean,
        "alt_text": "Map: areas of control around Pokrovsk on 20 November 2026",
        "description": "Russian forces hold the ground east of the town.",
        "credit": "Tracker graphics desk",
        "shows_date": "2026-11-20",
        **fields,
    }
    image = Image(**fields)
    image.full_clean()
    image.save()
    return image


def test_a_credit_or_style_edit_draws_the_map_again():
    image = map_image()
    first_png, first_svg = image.file.name, image.renditions["map"]["svg"]
    image.credit = "Another desk"
    image.save()
    assert image.file.name != first_png
    assert "Another desk" in default_storage.open(image.renditions["map"]["svg"]).read().decode()
    image.refresh_from_db()
    assert image.renditions["map"]["svg"] != first_svg
    drawn = image.file.name
    image.caption = "Only the caption"
    image.save()
    assert image.file.name == drawn  # nothing drawn on the map changed: not drawn again


def test_the_article_shows_the_map_svg_first_with_its_description_on_request(client):
    image = map_image(caption="Who holds what around Pokrovsk.")
    article = make_article(sections=2)
    article.sections.update(figure=image)
    page = client.get(article.get_absolute_url()).content.decode()
    svg_url = default_storage.url(image.renditions["map"]["svg"])
    assert f'<source type="image/svg+xml" srcset="{svg_url} {image.width}w"' in page
    assert 'alt="Map: areas of control around Pokrovsk on 20 November 2026"' in page
    assert '<details class="figure__description"><summary>What the map shows</summary>' in page
    assert "<p>Russian forces hold the ground east of the town.</p>" in page
    assert "Contested &lt;b&gt;belt&lt;/b&gt;</li>" in page
    assert "Shows 20 November 2026." in page


def test_maps_cost_no_query_of_their_own(client, settings):
    from .test_query_budget import ARTICLE_PAGE_QUERIES, KEPT_ARTICLE_PAGE_QUERIES, count_queries

    settings.PAGE_CACHE_SECONDS = 0
    for sections in (1, 8):
        article = make_article(sections=sections)
        for section in article.sections.all():
            section.figure = map_image(caption=f"Map {section.pk}")
            section.save()
        assert count_queries(client, article.get_absolute_url()) == ARTICLE_PAGE_QUERIES
        assert count_queries(client, article.get_absolute_url()) == KEPT_ARTICLE_PAGE_QUERIES


def test_an_uploaded_picture_that_is_svg_is_still_refused_while_maps_are_svg(staff_client):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    form = map_form(file=SimpleUploadedFile("m.svg", svg, "image/svg+xml"), geojson="")
    response = staff_client.post(ADD_URL, form)
    assert "SVG files are not accepted" in response.content.decode()


def test_the_demo_has_a_map_drawn_from_the_outline_the_project_ships(client):
    from django.core.management import call_command

    from tracker.newsroom.demo_pictures import GEODATA
    from tracker.newsroom.models import Article

    call_command("demo_content")
    image = Image.objects.exclude(geojson="").get()
    assert image.alt_text.startswith("Map:") and image.description
    assert "Natural Earth (public domain)" in image.credit
    assert "public domain" in (GEODATA / "README.md").read_text()
    article = Article.objects.get(sections__figure=image)
    page = client.get(article.get_absolute_url()).content.decode()
    assert default_storage.url(image.renditions["map"]["svg"]) in page
    assert "Ports named in this section</li>" in page


def test_a_picture_file_cannot_replace_a_maps_drawing_while_it_has_geojson(staff_client):
    image = map_image()
    drawn = image.file.name
    form = map_form(file=SimpleUploadedFile("photo.jpg", picture_bytes(), "image/jpeg"), geojson="")
    response = staff_client.post(reverse("admin:newsroom_image_change", args=[image.pk]), form)
    assert response.status_code == 200
    assert "clear the GeoJSON under Map" in response.content.decode()
    image.refresh_from_db()
    assert image.file.name == drawn


def test_a_map_near_the_size_limits_is_drawn_in_seconds():
    import math
    import time
    from datetime import date

    def ring(cx, cy):
        points = [[round(cx + 0.3 * math.cos(t / 25), 4), round(cy + 0.2 * math.sin(t / 25), 4)]
                  for t in range(157)]  # fmt: skip
        return [*points, points[0]]

    data = bad(
        [
            feature({"type": "Polygon", "coordinates": [ring(22 + i % 20, 44 + i // 20 / 2)]},
                    legend=f"Area {i % 6}")
            for i in range(300)
        ]
    )  # fmt: skip
    features, _ = maps.read_geojson(upload(data))  # 47,400 points, under 1 MB
    started = time.monotonic()
    drawn = maps.draw(features, "areas", date(2026, 11, 20), "Tracker")
    assert time.monotonic() - started < 10  # a save, not a batch job
    assert len(drawn.legend) == 6 and drawn.png.startswith(b"\x89PNG")


def test_a_maps_crops_for_sharing_show_all_of_it(settings):
    image = map_image()
    assert image.height > image.width * 630 / 1200  # a cropped og:image would lose its foot
    made = image.renditions["crops"]["og"]
    assert (made["width"], made["height"]) == (1200, 630)
    with default_storage.open(made["name"]) as stored:
        og = PILImage.open(io.BytesIO(stored.read())).convert("L")
    # The whole map, fitted into the box: white bands at its sides, nothing cut away.
    assert og.crop((0, 0, 150, 630)).getextrema() == (255, 255)
    assert og.crop((1050, 0, 1200, 630)).getextrema() == (255, 255)
    assert og.crop((150, 600, 1050, 630)).getextrema()[0] < 128  # the footer's text
