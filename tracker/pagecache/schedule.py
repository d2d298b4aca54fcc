"""How long a page may live: until the next moment public content changes by itself
(an article or banner due to appear or expire, the day counter turning)."""

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache

HORIZON_KEY = "pages:horizon:{version}"

# Functions of `now` that return the next such moment of one app, or None.
_next_changes = []


def schedule(next_change):
    """Register an app's function that returns its next scheduled change after `now`."""
    if next_change not in _next_changes:
        _next_changes.append(next_change)


def next_scheduled_change(now):
    moments = (next_change(now) for next_change in _next_changes)
    return min((moment for moment in moments if moment), default=None)


def seconds_to_next_change(version, now):
    """How long a page may live: until the next scheduled change, at most PAGE_CACHE_SECONDS."""
    key = HORIZON_KEY.format(version=version)
    horizon = cache.get(key)
    if horizon is None:
        horizon = next_scheduled_change(now) or now + timedelta(days=1)
        cache.set(key, horizon, timeout=max(1, int((horizon - now).total_seconds())))
    return max(0, min(settings.PAGE_CACHE_SECONDS, int((horizon - now).total_seconds())))
