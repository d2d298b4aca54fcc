"""Content versions: every cached page's key holds the site's, so moving it retires them all.

A watched model's save, delete or relinking moves the site's version once the transaction
commits, and its scope's too (an app's own): what is kept under a scope's version (the
newsroom's header, an article's address) outlives changes elsewhere (a banner). Each
process re-reads a version at most every PAGE_VERSION_RECHECK_SECONDS, so a cache hit
usually makes no trip to a shared cache; a change made in this process is seen here at once.
"""

import time
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

VERSION_KEY = "pages:version"

# Each version as this process last read it, and when: {key: (version, monotonic time)}.
_seen = {}
# Versions a change made here could not move (the cache was unreachable).
_unmoved = set()


def content_version(scope=None):
    """The site's version, or a scope's; None when the cache cannot be reached (then
    nothing is cached)."""
    key = VERSION_KEY if scope is None else f"{VERSION_KEY}:{scope}"
    now = time.monotonic()
    version, seen_at = _seen.get(key, (None, 0.0))
    if version is not None and now - seen_at < settings.PAGE_VERSION_RECHECK_SECONDS:
        return version
    version = cache.get(key)
    if version is None:
        # An empty cache starts from the clock in milliseconds: above any version an older
        # generation of the cache reached (each change adds one), so no old entry matches.
        cache.add(key, time.time_ns() // 1_000_000, timeout=None)
        version = cache.get(key)
    if version is not None and key in _unmoved:
        # The cache answers again, maybe with what it kept from before that change.
        version = _move(key)
    _seen[key] = (version, now)
    return version


def _move(key):
    """The moved version, or None (then the next read that reaches the cache moves it)."""
    try:
        version = cache.incr(key)
    except ValueError:  # no version yet, or the cache is unreachable
        version = None
    if version is None:
        _unmoved.add(key)
    else:
        _unmoved.discard(key)
    _seen.pop(key, None)  # this process sees its own change at once
    return version


def move(scope=None):
    """Move the site's version, and the scope's, once the current transaction commits: for
    changes watch() cannot tell apart (a comment moves them only while readers see it)."""
    keys = [VERSION_KEY] + ([f"{VERSION_KEY}:{scope}"] if scope else [])
    for key in keys:
        transaction.on_commit(partial(_move, key))


def watch(*models, scope=None):
    """Move the site's version, and the scope's, whenever one of these is saved, deleted
    or relinked, once the change is committed."""

    def move_versions(**kwargs):
        move(scope)

    for model in models:
        uid = f"pagecache-{model._meta.label}"
        post_save.connect(move_versions, sender=model, dispatch_uid=f"{uid}-save", weak=False)
        post_delete.connect(move_versions, sender=model, dispatch_uid=f"{uid}-delete", weak=False)
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                move_versions,
                sender=field.remote_field.through,
                dispatch_uid=f"{uid}-{field.name}",
                weak=False,
            )
