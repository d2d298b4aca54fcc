"""The live bar's state: computed from the database at most once per change, then cached.

Every page and every poll reads `current_bar()`. On a cache hit it costs no query; on a
miss it costs one indexed query (the counter is cached on its own until it is edited).
A state is valid until the first of: a cap of STATE_MAX_AGE (so scheduled banners
appear), the live banner's expiry, and the counter's next local midnight. Saving or
deleting a banner or the counter forgets the state once the transaction commits; with a
per-process cache (local memory) other processes catch up within STATE_MAX_AGE, with
Redis within PAGE_VERSION_RECHECK_SECONDS (the change moves the content version).

Each process also keeps the state and the counter in its own memory under the content
version, so a page render or a poll makes no trip to Redis for them (two reads cost
about 0.3 ms of Python in Django's Redis client, 5-10% of an uncached article render).
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils import timezone
from markupsafe import Markup

from tracker.pagecache import once_per_version

STATE_KEY = "live:bar-state"
COUNTER_KEY = "live:counter"
STATE_MAX_AGE = timedelta(seconds=10)
# The counter changes about never; its own entry spares the bar a second query on a miss.
# (Saving it forgets it at once where the cache is shared; a per-process cache catches up.)
COUNTER_MAX_AGE = 300
NO_COUNTER = "none"  # cached in place of a missing counter, so absence is cached too


@dataclass(frozen=True)
class CounterInfo:
    label: str
    start_date: object
    time_zone: str
    poll_interval: int

    def as_counter(self):
        from .models import Counter

        return Counter(
            label=self.label,
            start_date=self.start_date,
            time_zone=self.time_zone,
            poll_interval=self.poll_interval,
        )


@dataclass(frozen=True)
class BarState:
    day: int | None
    label: str
    headline: str
    kind: str
    link: str
    banner_id: int | None
    poll_interval: int
    valid_until: datetime
    version: str

    @property
    def is_breaking(self):
        return self.kind == "breaking"


def current_counter():
    """The counter shown in the bar; None when there is none. (One instance per content
    version and process, shared by every page: read it, never change it.)"""
    return once_per_version("live:counter", _counter)


def _counter():
    info = _shared_counter_info()
    return None if info == NO_COUNTER else info.as_counter()


def _shared_counter_info():
    info = cache.get(COUNTER_KEY)
    if info is None:
        from .models import Counter

        counter = Counter.objects.first()
        info = (
            CounterInfo(counter.label, counter.start_date, counter.time_zone, counter.poll_interval)
            if counter
            else NO_COUNTER
        )
        cache.set(COUNTER_KEY, info, timeout=COUNTER_MAX_AGE)
    return info


def current_bar(now=None):
    now = now or timezone.now()
    # Banners and the counter move the content version, so this process may keep its copy
    # until the version moves or the state runs out: a render reads no shared cache.
    return once_per_version(
        "live:bar-state",
        lambda: _shared_state(now),
        timeout=STATE_MAX_AGE.total_seconds(),
        holds=lambda state: state.valid_until > now,
    )


def bar_html(state):
    """The bar's markup for this state, rendered once per state and process: every page
    shows it, and a poll that finds a new bar answers with it. (It holds addresses, so
    the script prefix is part of what it was rendered for.)"""
    rendered_for = (state.version, get_script_prefix())
    _, html = once_per_version(
        "live:bar-html",
        lambda: (rendered_for, Markup(render_to_string("live/bar.html", {"bar": state}))),
        timeout=STATE_MAX_AGE.total_seconds(),
        holds=lambda kept: kept[0] == rendered_for,
    )
    return html


def _shared_state(now):
    state = cache.get(STATE_KEY)
    if state is None or state.valid_until <= now:
        state = _compute(now)
        cache.set(STATE_KEY, state, timeout=max(1, (state.valid_until - now).total_seconds()))
    return state


def _compute(now):
    from .models import Banner

    counter = current_counter()
    banner = Banner.objects.live(now).select_related("article").first()
    valid_until = now + STATE_MAX_AGE
    if banner and banner.expires_at:
        valid_until = min(valid_until, banner.expires_at)
    if counter:
        valid_until = min(valid_until, counter.next_midnight(now))
    fields = {
        "day": counter.day_on(now) if counter else None,
        "label": counter.label if counter else "",
        "headline": banner.headline if banner else "",
        "kind": banner.kind if banner else "",
        "link": banner.link if banner else "",
        "banner_id": banner.pk if banner else None,
        "poll_interval": counter.poll_interval if counter else settings.LIVE_BAR_POLL_SECONDS,
    }
    version = hashlib.blake2b(repr(sorted(fields.items())).encode(), digest_size=6).hexdigest()
    return BarState(**fields, valid_until=valid_until, version=version)


def forget_bar(**kwargs):
    """Drop the cached state once the change is committed, so every reader gets the new bar."""
    transaction.on_commit(lambda: cache.delete_many([STATE_KEY, COUNTER_KEY]))


def connect_invalidation():
    from .models import Banner, Counter

    for model in (Banner, Counter):
        post_save.connect(forget_bar, sender=model, dispatch_uid=f"forget-bar-{model.__name__}")
        post_delete.connect(
            forget_bar, sender=model, dispatch_uid=f"forget-bar-del-{model.__name__}"
        )
