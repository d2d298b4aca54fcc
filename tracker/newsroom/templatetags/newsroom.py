from django import template
from django.core.files.storage import default_storage

from tracker.jsonld import json_ld

from .. import structured_data
from ..markdown import render_markdown
from ..pictures import MIME

register = template.Library()


@register.simple_tag(takes_context=True)
def article_json_ld(context, article):
    """The article's schema.org graph as a JSON-LD script."""
    return json_ld(structured_data.article_graph(article, context["request"]))


@register.filter
def page_markdown(text):
    """A footer page's Markdown as sanitized HTML; its headings start at <h2>."""
    return render_markdown(text, first_heading=2)


# What the layout gives a picture: the article column, and a card in the grid.
ARTICLE_SIZES = "(min-width: 44rem) 42rem, calc(100vw - 2rem)"
CARD_SIZES = "(min-width: 40rem) 22rem, calc(100vw - 2rem)"


def picture_context(image, sizes, lead):
    """What a <picture> of `image` needs: a source per modern format, the fallback <img>."""
    made = image.renditions.get("sizes") or {}
    if not made:  # renditions not made (a file restored without them): the original alone
        return {
            "image": image,
            "src": image.file.url,
            "width": image.width,
            "height": image.height,
            "lead": lead,
        }
    widths = sorted(made, key=int)
    fallback = image.renditions["fallback"]

    def srcset(ext):
        return ", ".join(f"{default_storage.url(made[w][ext])} {w}w" for w in widths)

    largest = widths[-1]
    middle = next((w for w in widths if int(w) >= 800), largest)
    sources = [{"type": MIME[ext], "srcset": srcset(ext)} for ext in ("avif", "webp")]
    if svg := image.renditions.get("map", {}).get("svg"):
        # A map's own drawing first: sharp at any width, and smaller than its pictures.
        # (With `sizes`, every candidate needs a width: the drawing's own, the PNG's.)
        svg_srcset = f"{default_storage.url(svg)} {image.width}w"
        sources.insert(0, {"type": "image/svg+xml", "srcset": svg_srcset})
    return {
        "image": image,
        "sources": sources,
        "srcset": srcset(fallback),
        "src": default_storage.url(made[middle][fallback]),
        "sizes": sizes,
        "width": largest,
        "height": made[largest]["height"],
        "lead": lead,
    }


@register.inclusion_tag("newsroom/_picture.html")
def picture(image, sizes=ARTICLE_SIZES, lead=False):
    """A responsive <picture>: AVIF and WebP with a JPEG or PNG fallback, sized so nothing
    moves while it loads, lazy unless it is the lead (then fetched first)."""
    return picture_context(image, sizes, lead)


@register.inclusion_tag("newsroom/_picture.html")
def card_picture(image, lead=False):
    return picture_context(image, ARTICLE_SIZES if lead else CARD_SIZES, lead)


@register.simple_tag(takes_context=True)
def image_crop_url(context, image, crop):
    """The absolute address of one of the picture's crops (og, 1x1, 4x3, 16x9), or ""."""
    made = image.renditions.get("crops", {}).get(crop)
    return context["request"].build_absolute_uri(default_storage.url(made["name"])) if made else ""
