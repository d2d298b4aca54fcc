"""Addresses of pages, each reversed once per process.

reverse() walks the URL patterns on every call (about 15 µs here) and a page asks for
dozens of addresses: the navigation, the footer, every card's article, topic and
authors. The patterns never change while a process runs, so each address is reversed
once for its script prefix and then remembered; a new ROOT_URLCONF (tests) forgets
them all. The site sets no per-request URLconf (`request.urlconf`): one that did would
need get_urlconf() in the key, which costs more than the rest of a remembered lookup.
"""

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, reverse


def page_url(viewname, **kwargs):
    """reverse(viewname, kwargs=kwargs), remembered."""
    return _reverse(get_script_prefix(), viewname, tuple(sorted(kwargs.items())))


@lru_cache(maxsize=8192)
def _reverse(script_prefix, viewname, kwargs):
    return reverse(viewname, kwargs=dict(kwargs))


@receiver(setting_changed)
def forget_addresses(*, setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _reverse.cache_clear()
