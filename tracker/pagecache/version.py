"""The content version: every cached page's key holds it, so moving it retires them all.

A watched model's save, delete or relinking moves it once the transaction commits. Each
process re-reads it at most every PAGE_VERSION_RECHECK_SECONDS, so a cache hit usually
makes no trip to a shared cache; a change made in this process is seen here at once.
"""

import contextlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

VERSION_KEY = "pages:version"

# The version as this process last read it, and when.
_seen = {"version": None, "at": 0.0}


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
    _seen.update(version=version, at=now)
    return version


def move_version(**kwargs):
    """Retire every cached page once the change that called this is committed."""
    transaction.on_commit(_move)


def _move():
    with contextlib.suppress(ValueError):  # no version yet: the next read starts a new one
        cache.incr(VERSION_KEY)
    _seen["version"] = None  # this process sees its own change at once


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
