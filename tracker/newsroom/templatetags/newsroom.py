from django import template

from tracker.jsonld import json_ld

from ..markdown import render_markdown

register = template.Library()

# A JSON-LD <script> element, escaped so editor text can never end it early.
register.filter("json_ld", json_ld)


@register.filter
def page_markdown(text):
    """A footer page's Markdown as sanitized HTML; its headings start at <h2>."""
    return render_markdown(text, first_heading=2)
