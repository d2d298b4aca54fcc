"""Addresses of pages, each reversed once per process.

reverse() walks the URL patterns on every call (about 15 µs here) and a page asks for
dozens of addresses: the topic navigation twice, every card's article, topic and
authors. The patterns never change while a process runs, so each address is reversed
once for its URLconf and script prefix and then remembered.
"""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse


def page_url(viewname, **kwargs):
    """reverse(viewname, kwargs=kwargs), remembered."""
    where = (settings.ROOT_URLCONF, get_urlconf(), get_script_prefix())
    return _reverse(where, viewname, tuple(sorted(kwargs.items())))


@lru_cache(maxsize=8192)
def _reverse(where, viewname, kwargs):
    return reverse(viewname, kwargs=dict(kwargs))
