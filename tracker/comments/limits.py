"""Counting attempts per reader, address or client in Django's cache (fixed windows)."""

import hashlib
import time

from django.core.cache import cache

# (attempts, seconds) for each kind of request.
SIGN_IN_PER_ADDRESS = (3, 15 * 60)
SIGN_IN_PER_CLIENT = (10, 15 * 60)
LINKS_PER_CLIENT = (10, 15 * 60)  # links tried, good or bad
POSTS_PER_READER = (5, 10 * 60)
POSTS_PER_CLIENT = (20, 10 * 60)
REPORTS_PER_READER = (10, 60 * 60)


def allow(scope, who, rule):
    """Count one attempt by `who`; False once it is over the rule's limit in this window.

    With the cache unreachable every attempt is allowed: an outage costs the limits, not
    the site (premoderation still stands between a flood and the page).
    """
    limit, seconds = rule
    digest = hashlib.blake2b(str(who).encode(), digest_size=12).hexdigest()
    key = f"limits:{scope}:{digest}:{int(time.time() // seconds)}"
    cache.add(key, 0, timeout=seconds)
    try:
        return cache.incr(key) <= limit
    except ValueError:
        return True
