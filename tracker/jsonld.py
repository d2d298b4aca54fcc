"""Structured data (schema.org JSON-LD) for search engines and aggregators."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe


def json_ld(data) -> SafeString:
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    # Editor text can hold "</script>": escape what would let it end the block early.
    # (Three replace() calls: str.translate with a table is ten times slower on a page's
    # worth of JSON, which holds the FAQ answers' HTML.)
    payload = payload.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))
