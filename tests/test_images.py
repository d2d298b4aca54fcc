"""The picture library: safe uploads, no hidden metadata, renditions, markup, reuse."""

import io
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from PIL import ImageCms

from tracker.newsroom import pictures
from tracker.newsroom.models import Image

from .factories import make_article, make_image, picture_bytes

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:newsroom_image_add")
SERIAL = b"SN-SECRET-4711"
MAKER = b"CameraMakerX"
XMP_SECRET = b"SECRET-XMP-LOCATION"


def photo_with_secrets(size=(1700, 1000), orientation=1):
    """A JPEG carrying GPS tags, a camera serial number, a maker, XMP and a comment."""
    exif = PILImage.Exif()
    exif[0x010F] = MAKER.decode()  # Make
    exif[0x0112] = orientation
    exif[0x8769] = {0xA431: SERIAL.decode()}  # Exif IFD: BodySerialNumber
    exif[0x8825] = {1: "N", 2: (50.0, 27.0, 3.5), 3: "E", 4: (30.0, 31.0, 2.0)}  # GPS
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>' + XMP_SECRET + b"</rdf:RDF></x:xmpmeta>"
    data = picture_bytes(size, exif=exif, xmp=xmp, comment=b"shot near the line")
    original = PILImage.open(io.BytesIO(data))
    assert original.getexif().get_ifd(0x8825)  # the test file really carries a position
    assert SERIAL in data and XMP_SECRET in data
    return data


def image_form(data=None, **fields):
    return {
        "file": SimpleUploadedFile("holiday.jpg", data or picture_bytes(), "image/jpeg"),
        "alt_text": "Smoke rises over a grain terminal in Izmail after a drone strike",
        "caption": "Izmail, 19 November",
        "credit": "Olena Kovalenko / Tracker",
        "source_url": "",
        "focal_x": "50",
        "focal_y": "50",
        **fields,
    }


def stored_files():
    return [p for p in Path(default_storage.location).rglob("*") if p.is_file()]


def test_no_stored_file_keeps_gps_serial_numbers_or_xmp(staff_client):
    response = staff_client.post(ADD_URL, image_form(photo_with_secrets()))
    assert response.status_code == 302, response.content.decode()[:2000]
    image = Image.objects.get()
    files = stored_files()
    # The original, 4 widths in 3 formats, 4 crops.
    assert len(files) == 1 + 4 * 3 + 4
    for path in files:
        data = path.read_bytes()
        for secret in (SERIAL, MAKER, XMP_SECRET, b"shot near the line"):
            assert secret not in data, (path.name, secret)
        with PILImage.open(path) as opened:
            assert not opened.getexif(), path.name
            assert "xmp" not in opened.info and "XML:com.adobe.xmp" not in opened.info
    assert image.file.name.startswith("images/") and "holiday" not in image.file.name


def test_the_orientation_is_applied_to_the_pixels(staff_client):
    # Orientation 6: the camera was turned; the stored picture stands upright.
    staff_client.post(ADD_URL, image_form(photo_with_secrets((900, 600), orientation=6)))
    image = Image.objects.get()
    assert (image.width, image.height) == (600, 900)
    with image.file.open() as stored, PILImage.open(stored) as opened:
        assert opened.size == (600, 900)


def test_the_colour_profile_is_kept():
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    image = make_image(picture_bytes(icc_profile=icc))
    names = [image.file.name] + [
        made[ext] for made in image.renditions["sizes"].values() for ext in ("avif", "webp", "jpg")
    ]
    for name in names:
        with default_storage.open(name) as stored, PILImage.open(stored) as opened:
            assert opened.info.get("icc_profile") == icc, name


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("report.pdf", b"%PDF-1.7 not a picture", "not a picture we can read"),
        ("photo.jpg", b"<html><script>alert(1)</script></html>", "not a picture we can read"),
        (
            "map.svg",
            b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "SVG files are not accepted",
        ),
        ("broken.jpg", picture_bytes()[:300], "not a picture we can read"),
        ("scan.tiff", picture_bytes(fmt="TIFF"), "TIFF files are not accepted"),
    ],
)
def test_a_bad_file_gets_a_clear_message_and_the_rest_stays(staff_client, name, data, message):
    form = image_form(caption="Typed with care")
    form["file"] = SimpleUploadedFile(name, data, "image/jpeg")
    response = staff_client.post(ADD_URL, form)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "Smoke rises over a grain terminal in Izmail" in page  # the alt text stays
    assert "Typed with care" in page
    assert not Image.objects.exists() and not stored_files()


def test_a_decompression_bomb_is_a_clear_error_not_a_crash(staff_client):
    # A tiny file that announces 81 megapixels (twice the limit: Pillow refuses to open it)
    # and one that announces 45 (over the limit, under twice: Pillow only warns).
    for size in ((9000, 9000), (9000, 5000)):
        out = io.BytesIO()
        PILImage.new("1", size).save(out, "PNG")
        assert len(out.getvalue()) < 200_000
        form = image_form()
        form["file"] = SimpleUploadedFile("map.png", out.getvalue(), "image/png")
        response = staff_client.post(ADD_URL, form)
        assert response.status_code == 200
        assert "too large to open safely" in response.content.decode()
    assert not Image.objects.exists()


def test_a_file_over_the_size_limit_is_refused(staff_client, monkeypatch):
    monkeypatch.setattr(pictures, "MAX_BYTES", 10_000)
    response = staff_client.post(ADD_URL, image_form(picture_bytes((2000, 2000), quality=100)))
    assert "the largest we accept is" in response.content.decode()
    assert not Image.objects.exists()


@pytest.mark.parametrize("field", ["alt_text", "credit"])
def test_alt_text_and_credit_are_required(staff_client, field):
    response = staff_client.post(ADD_URL, image_form(**{field: ""}))
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Image.objects.exists()


def test_alt_text_is_at_most_250_characters_and_says_what_good_alt_text_is(staff_client):
    page = staff_client.get(ADD_URL).content.decode()
    assert "as you would to someone who cannot see it" in page
    response = staff_client.post(ADD_URL, image_form(alt_text="x" * 251))
    assert "at most 250 characters" in response.content.decode()


def test_renditions_come_in_layout_widths_and_three_formats():
    image = make_image(picture_bytes((1700, 1000)))
    sizes = image.renditions["sizes"]
    assert sorted(sizes, key=int) == ["480", "800", "1200", "1600"]
    for width, made in sizes.items():
        for ext, kind in (("avif", "AVIF"), ("webp", "WEBP"), ("jpg", "JPEG")):
            with default_storage.open(made[ext]) as stored, PILImage.open(stored) as opened:
                assert opened.format == kind
                assert opened.size == (int(width), made["height"])
    # Made once: saving again without a change makes nothing new.
    before = sorted(stored_files())
    image.caption = "New caption"
    image.save()
    assert sorted(stored_files()) == before


def test_a_small_picture_is_never_enlarged_and_transparency_falls_back_to_png():
    out = io.BytesIO()
    PILImage.new("RGBA", (300, 200), (0, 0, 0, 0)).save(out, "PNG")
    image = make_image(out.getvalue())
    assert list(image.renditions["sizes"]) == ["300"]
    assert image.renditions["fallback"] == "png"


def test_crops_follow_the_focal_point():
    # Left half red, right half blue; the focal point on the right keeps the blue.
    picture = PILImage.new("RGB", (1600, 800), "red")
    picture.paste((0, 0, 255), (800, 0, 1600, 800))
    out = io.BytesIO()
    picture.save(out, "PNG")
    image = make_image(out.getvalue(), focal_x=95)
    square = image.renditions["crops"]["1x1"]
    with default_storage.open(square["name"]) as stored, PILImage.open(stored) as opened:
        assert opened.size == (800, 800)
        assert opened.convert("RGB").getpixel((400, 400))[2] > 200  # blue
    assert pictures.crop_box(1600, 800, 1, 5, 50) == (0, 0, 800, 800)
    assert pictures.crop_box(1600, 800, 16 / 9, 50, 50)[2] <= 1600


def test_deleting_an_image_in_use_is_refused_naming_the_articles(staff_client):
    image = make_image()
    lead = make_article(title="Air defence and the grid", lead_image=image)
    other = make_article(title="Talks about talks")
    other.sections.update(figure=image)
    response = staff_client.post(
        reverse("admin:newsroom_image_delete", args=[image.pk]), {"post": "yes"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert lead.title in page and other.title in page
    assert Image.objects.filter(pk=image.pk).exists()
    # Once nothing uses it, it goes.
    lead.lead_image = None
    lead.save()
    other.sections.update(figure=None)
    staff_client.post(reverse("admin:newsroom_image_delete", args=[image.pk]), {"post": "yes"})
    assert not Image.objects.filter(pk=image.pk).exists()


def test_the_library_is_searchable_and_the_article_form_picks_by_autocomplete(staff_client):
    make_image(alt_text="Tanker at anchor off Novorossiysk")
    make_image(alt_text="Queue at a border crossing")
    found = staff_client.get(reverse("admin:newsroom_image_changelist"), {"q": "tanker"})
    assert "Tanker at anchor" in found.content.decode()
    assert "Queue at a border" not in found.content.decode()
    picker = staff_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "newsroom",
            "model_name": "article",
            "field_name": "lead_image",
            "term": "tanker",
        },
    )
    assert [r["text"] for r in picker.json()["results"]] == [
        str(Image.objects.get(alt_text__startswith="Tanker"))
    ]
    form = staff_client.get(reverse("admin:newsroom_article_add")).content.decode()
    assert 'name="lead_image"' in form and "admin-autocomplete" in form
    assert 'name="sections-__prefix__-figure"' in form


def test_served_pictures_are_cached_forever_and_carry_no_metadata(client, settings):
    settings.SERVE_MEDIA = True
    image = make_image(photo_with_secrets((900, 600)))
    names = [image.file.name, image.renditions["crops"]["og"]["name"]] + [
        made[ext] for made in image.renditions["sizes"].values() for ext in ("avif", "webp", "jpg")
    ]
    for name in names:
        response = client.get(default_storage.url(name))
        assert response.status_code == 200, name
        assert response["Cache-Control"] == "public, max-age=31536000, immutable"
        assert response["Content-Type"].startswith("image/")
        assert "sandbox" in response["Content-Security-Policy"]
        served = b"".join(response.streaming_content)
        assert SERIAL not in served and XMP_SECRET not in served and MAKER not in served
    settings.SERVE_MEDIA = False  # production: nginx or the object store serves them
    assert client.get(default_storage.url(image.file.name)).status_code == 404
