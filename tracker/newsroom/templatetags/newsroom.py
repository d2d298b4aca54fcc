from django import template

from tracker.jsonld import json_ld

from .. import structured_data
from ..markdown import render_markdown

register = template.Library()


@register.simple_tag(takes_context=True)
def article_json_ld(context, article):
    """The article's schema.org graph as a JSON-LD script."""
    return json_ld(structured_data.article_graph(article, context["request"]))


@register.filter
def page_markdown(text):
    """A footer page's Markdown as sanitized HTML; its headings start at <h2>."""
    return render_markdown(text, first_heading=2)
