"""The content version: every cached page's key holds it, so moving it retires them all.

A watched model's save, delete or relinking moves it once the transaction commits. Each
process re-reads it at most every PAGE_VERSION_RECHECK_SECONDS, so a cache hit usually
makes no trip to a shared cache; a change made in this process is seen here at once.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

VERSION_KEY = "pages:version"

# The version as this process last read it, and when.
_seen = {"version": None, "at": 0.0}
# Whether a change made here could not move the version (the cache was unreachable).
_unmoved = {"change": False}


def content_version():
    """The current version; None when the cache cannot be reached (then nothing is cached)."""
    now = time.monotonic()
    if _seen["version"] is not None and now - _seen["at"] < settings.PAGE_VERSION_RECHECK_SECONDS:
        return _seen["version"]
    version = cache.get(VERSION_KEY)
    if version is None:
        # An empty cache starts from the clock in milliseconds: above any version an older
        # generation of the cache reached (each change adds one), so no old entry matches.
        cache.add(VERSION_KEY, time.time_ns() // 1_000_000, timeout=None)
        version = cache.get(VERSION_KEY)
    if version is not None and _unmoved["change"]:
        # The cache answers again, maybe with the pages it kept from before that change.
        version = _move()
    _seen.update(version=version, at=now)
    return version


def move_version(**kwargs):
    """Retire every cached page once the change that called this is committed."""
    transaction.on_commit(_move)


def _move():
    """The moved version, or None (then the next read that reaches the cache moves it)."""
    try:
        version = cache.incr(VERSION_KEY)
    except ValueError:  # no version yet, or the cache is unreachable
        version = None
    _unmoved["change"] = version is None
    _seen["version"] = None  # this process sees its own change at once
    return version


def watch(*models):
    """Move the version whenever one of these is saved, deleted or relinked."""
    for model in models:
        uid = f"pagecache-{model._meta.label}"
        post_save.connect(move_version, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(move_version, sender=model, dispatch_uid=f"{uid}-delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                move_version, sender=field.remote_field.through, dispatch_uid=f"{uid}-{field.name}"
            )
