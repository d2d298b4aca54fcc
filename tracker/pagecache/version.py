"""Content versions: every cached page's key holds the site's, so moving it retires them all.

A watched model's save, delete or relinking moves its scope's version (an app's own) and
then the site's, once the transaction commits: what is kept under a scope's version (the
newsroom's header, an article's address) outlives changes elsewhere (a banner). Each
process reads all versions together, in one request to the cache, at most every
PAGE_VERSION_RECHECK_SECONDS, so a cache hit usually makes no trip to a shared cache, and
a page is never rendered with a site version newer than the scope versions beside it
(which would keep, say, the bar from before a banner in the page after it). A change made
in this process is seen here at once.
"""

import time
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

VERSION_KEY = "pages:version"

# The versions as this process last read them ({key: version}), and when.
_seen = {}
_seen_at = {"time": 0.0}
# Versions a change made here could not move (the cache was unreachable).
_unmoved = set()


def version_key(scope=None):
    return VERSION_KEY if scope is None else f"{VERSION_KEY}:{scope}"


def content_version(scope=None):
    """The site's version, or a scope's; None when the cache cannot be reached (then
    nothing is cached)."""
    key = version_key(scope)
    if (
        key not in _seen
        or _seen[key] is None
        or time.monotonic() - _seen_at["time"] >= settings.PAGE_VERSION_RECHECK_SECONDS
    ):
        read_versions(key)
    return _seen[key]


def read_versions(wanted):
    """Read every version this process uses, and `wanted`, at once (the site's last, so a
    change this process could not record moves the scopes' before the site's)."""
    keys = sorted((set(_seen) | {wanted}) - {VERSION_KEY}) + [VERSION_KEY]
    versions = cache.get_many(keys)
    for key in keys:
        if key not in versions:
            # An empty cache starts from the clock in milliseconds: above any version an
            # older generation of the cache reached (each change adds one), so no old
            # entry matches.
            cache.add(key, time.time_ns() // 1_000_000, timeout=None)
            versions[key] = cache.get(key)
        if versions[key] is not None and key in _unmoved:
            # The cache answers again, maybe with what it kept from before that change.
            versions[key] = _move(key)
    _seen.update({key: versions[key] for key in keys})
    _seen_at["time"] = time.monotonic()


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
    _seen_at["time"] = 0.0  # this process sees its own change at once
    return version


def move(scope=None):
    """Move the scope's version, then the site's, once the current transaction commits:
    for changes watch() cannot tell apart (a comment moves them only while readers see
    it). The scope's first, so whoever reads the site's new version reads the scope's too."""
    keys = ([version_key(scope)] if scope else []) + [VERSION_KEY]
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
