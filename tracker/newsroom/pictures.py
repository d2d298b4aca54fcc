"""Pictures: checking an upload, stripping what it carries, and making its renditions.

A short module of Pillow rather than a thumbnail library: what matters here (refusing
anything that is not a real raster image, dropping every byte of metadata, AVIF and WebP
next to a JPEG or PNG fallback, crops that follow an editor's focal point) is a few calls
each, and the libraries would still need all of it around them (README, "Libraries and why").

Every file this module writes is a new image built from decoded pixels alone, so EXIF
(GPS, serial numbers, maker notes), XMP and IPTC never reach storage; only the colour
profile is passed on, and the EXIF orientation is applied to the pixels first.
"""

import hashlib
import io
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError

MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000
# Pillow's own guard, at the same limit: a file announcing more pixels raises before decoding.
PILImage.MAX_IMAGE_PIXELS = MAX_PIXELS

# What we accept, by what Pillow finds in the file (never by its name or declared type),
# and the extension we store it under.
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "AVIF": "avif", "GIF": "png"}
FORMAT_NAMES = "JPEG, PNG, WebP, AVIF or GIF"
# What the file chooser offers; a hint for the browser only, the check is sanitise().
ACCEPT = ("image/jpeg", "image/png", "image/webp", "image/avif", "image/gif")

# Widths of the layout: a phone (1× and 2×), the article column, a wide screen at 2×.
WIDTHS = (480, 800, 1200, 1600)
# Crops for sharing and structured data: name -> (width, height).
CROPS = {"og": (1200, 630), "1x1": (1200, 1200), "4x3": (1200, 900), "16x9": (1200, 675)}
MIME = {"avif": "image/avif", "webp": "image/webp", "jpg": "image/jpeg", "png": "image/png"}
QUALITY = {"avif": 60, "webp": 78, "jpg": 82}
AVIF_SPEED = 8  # of 0 (slowest, smallest) to 10: a 1600-px AVIF in a fraction of a second


@dataclass
class Clean:
    content: ContentFile  # the stored original: pixels and colour profile only
    width: int
    height: int


def megabytes(n):
    return f"{n / 1024 / 1024:.1f} MB"


def sanitise(upload):
    """The upload as a clean image file, or a ValidationError in the editor's words."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_BYTES:
        raise ValidationError(
            f"This file is {megabytes(size)}; the largest we accept is {megabytes(MAX_BYTES)}. "
            "Export it smaller and upload it again."
        )
    upload.seek(0)
    head = upload.read(512).lstrip().lower()
    upload.seek(0)
    if head.startswith((b"<?xml", b"<svg", b"<!doctype svg")) or b"<svg" in head:
        raise ValidationError(
            "SVG files are not accepted, because they can carry scripts. "
            f"Export the picture as PNG or JPEG and upload that. We accept {FORMAT_NAMES}."
        )
    try:
        with warnings.catch_warnings():
            # Pillow warns between the limit and twice it, and raises beyond: refuse both.
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(upload) as probe:
                kind = probe.format
                probe.verify()  # structure and checksums, without trusting the header alone
            upload.seek(0)
            image = PILImage.open(upload)
            if kind in FORMATS:
                image.load()
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning) as error:
        raise ValidationError(
            f"This picture is too large to open safely: we accept up to "
            f"{MAX_PIXELS // 1_000_000} megapixels. Resize it and upload it again."
        ) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        raise ValidationError(
            f"This file is not a picture we can read. Upload a {FORMAT_NAMES} file."
        ) from error
    if kind not in FORMATS:
        raise ValidationError(f"{kind or 'This'} files are not accepted. Upload {FORMAT_NAMES}.")
    if image.width * image.height > MAX_PIXELS:
        raise ValidationError(
            f"This picture is {image.width} × {image.height} pixels; we accept up to "
            f"{MAX_PIXELS // 1_000_000} megapixels. Resize it and upload it again."
        )
    icc = image.info.get("icc_profile")
    pixels = only_pixels(ImageOps.exif_transpose(image))
    ext = FORMATS[kind]
    data = encode(pixels, ext, icc, original=True)
    name = f"{hashlib.sha256(data).hexdigest()[:20]}.{ext}"
    return Clean(ContentFile(data, name=name), pixels.width, pixels.height)


def only_pixels(image):
    """A new image holding the pixels and nothing else: no EXIF, XMP, IPTC or comments."""
    mode = "RGBA" if has_alpha(image) else "RGB"
    if image.mode != mode:
        image = image.convert(mode)
    return PILImage.frombytes(mode, image.size, image.tobytes())


def has_alpha(image):
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info


def encode(image, ext, icc=None, original=False):
    options = {"icc_profile": icc} if icc else {}
    if ext in QUALITY:
        options["quality"] = 90 if original else QUALITY[ext]
    if ext == "avif":
        options["speed"] = AVIF_SPEED
    if ext == "png":
        options["optimize"] = True
    if ext == "jpg" and image.mode == "RGBA":
        image = image.convert("RGB")
    out = io.BytesIO()
    image.save(out, format={"jpg": "JPEG"}.get(ext, ext.upper()), **options)
    return out.getvalue()


def crop_box(width, height, ratio, focal_x=50, focal_y=50):
    """The largest box of `ratio` (w / h) in the picture, centred on the focal point
    (percentages from the left and top) as far as the edges allow."""
    if width / height > ratio:
        box_w, box_h = round(height * ratio), height
    else:
        box_w, box_h = width, round(width / ratio)
    cx, cy = width * focal_x / 100, height * focal_y / 100
    left = min(max(round(cx - box_w / 2), 0), width - box_w)
    top = min(max(round(cy - box_h / 2), 0), height - box_h)
    return (left, top, left + box_w, top + box_h)


def make_renditions(name, focal_x=50, focal_y=50, whole=False):
    """Make and store every rendition of the stored original `name`; return what was made.
    With `whole` (a map), the crops show all of it, padded with white, instead of cropping.

    Each rendition's name carries the original's content hash (and the focal point, for
    crops), so a name never changes its content and servers may cache it forever.
    """
    with default_storage.open(name) as stored, PILImage.open(stored) as opened:
        icc = opened.info.get("icc_profile")
        source = only_pixels(opened)
    stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    fallback = "png" if source.mode == "RGBA" else "jpg"
    widths = [w for w in WIDTHS if w < source.width] + [min(source.width, WIDTHS[-1])]
    made = {"fallback": fallback, "sizes": {}, "crops": {}}
    for width in widths:
        height = round(source.height * width / source.width)
        resized = source.resize((width, height), PILImage.Resampling.LANCZOS)
        files = {}
        for ext in ("avif", "webp", fallback):
            files[ext] = save(f"images/r/{stem}-{width}.{ext}", encode(resized, ext, icc))
        made["sizes"][str(width)] = {"height": height, **files}
    for crop, (cw, ch) in CROPS.items():
        if whole:
            # A map shared or listed must keep its legend, date and credit: fitted, on white.
            part = ImageOps.pad(source, (cw, ch), PILImage.Resampling.LANCZOS, color="white")
        else:
            box = crop_box(source.width, source.height, cw / ch, focal_x, focal_y)
            part = source.crop(box)
            if part.width > cw:
                part = part.resize((cw, ch), PILImage.Resampling.LANCZOS)
        fit = "whole" if whole else f"{focal_x}-{focal_y}"
        path = f"images/r/{stem}-{crop}-{fit}.{fallback}"
        made["crops"][crop] = {
            "name": save(path, encode(part, fallback, icc)),
            "width": part.width,
            "height": part.height,
        }
    return made


def save(name, data):
    # Names follow the content: a file already there is this same rendition.
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(data))
    return name


def forget_files(image, keep=None):
    """Once the transaction commits, delete from storage the files `image` (as it was)
    kept that neither `keep` (the same picture as saved) nor any other picture uses.

    Names follow content, so two pictures made from the same file share their original
    and renditions: those stay while another picture lists them.
    """
    from .models import Image

    gone = image.stored_names() - (keep.stored_names() if keep else set())
    if not gone:
        return

    def delete():
        sharing = Q(file=image.file.name) if image.file else Q(pk__in=[])
        if image.geojson:
            sharing |= Q(geojson=image.geojson.name)
        for other in Image.objects.exclude(pk=image.pk).filter(sharing):
            gone.difference_update(other.stored_names())
        for name in gone:
            default_storage.delete(name)  # a name already gone is no error

    transaction.on_commit(delete)


def image_deleted(sender, instance, **kwargs):
    forget_files(instance)
