"""The live bar's state: the day counter and the newest live banner.

Every uncached page and every poll reads `current_bar()`, from the "kept" cache: usually
this process's own copy. The state is kept under live coverage's version
(tracker.pagecache), which any banner or counter change moves, so the next read after a
change finds nothing kept and reads the database (two indexed queries). A state holds
for at most STATE_MAX_AGE, so scheduled banners appear, and never past the live banner's
expiry or the counter's next midnight.
"""

import hashlib
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone

from tracker.pagecache import content_version

from .models import Banner, Counter

STATE_KEY = "live:bar:{version}"
STATE_MAX_AGE = timedelta(seconds=10)


@dataclass(frozen=True)
class BarState:
    counter: Counter | None
    day: int | None
    label: str
    headline: str
    kind: str
    link: str
    banner_id: int | None
    poll_interval: int
    ended: bool  # the coverage has ended: the bar says so, and pages stop polling
    valid_until: datetime
    version: str

    @property
    def is_breaking(self):
        return self.kind == Banner.Kind.BREAKING


def state_key():
    """Where the bar's state is kept ("kept" cache), under live coverage's version."""
    return STATE_KEY.format(version=content_version("live"))


def current_bar(now=None):
    now = now or timezone.now()
    key = state_key()
    state = caches["kept"].get(key)
    if state is None or state.valid_until <= now:
        state = read_bar(now)
        timeout = math.ceil((state.valid_until - now).total_seconds())
        caches["kept"].set(key, state, timeout=max(1, timeout))
    return state


def read_bar(now):
    """The bar as the database has it at `now`."""
    counter = Counter.objects.first()
    banner = Banner.objects.live(now).only("pk", "headline", "kind", "expires_at").first()
    valid_until = now + STATE_MAX_AGE
    if banner and banner.expires_at:
        valid_until = min(valid_until, banner.expires_at)
    if counter:
        valid_until = min(valid_until, counter.next_midnight(now))
    ended = bool(counter and counter.has_ended(now))
    # How often open pages check for news: never again once the coverage has ended.
    interval = counter.poll_interval if counter else settings.LIVE_BAR_POLL_SECONDS
    shown = {
        "day": counter.day_on(now) if counter else None,
        "label": counter.label if counter else "",
        "headline": banner.headline if banner else "",
        "kind": banner.kind if banner else "",
        "link": banner.get_absolute_url() if banner else "",  # its permanent address
        "banner_id": banner.pk if banner else None,
        "poll_interval": 0 if ended else interval,
        "ended": ended,
    }
    # Readers poll with the version of the bar they show: the same bar, the same version.
    version = hashlib.blake2b(repr(sorted(shown.items())).encode(), digest_size=6).hexdigest()
    return BarState(counter=counter, **shown, valid_until=valid_until, version=version)


def next_change(now):
    """When the bar next changes by itself: a banner appears or expires, the day turns."""
    live = Banner.objects.filter(retracted_at__isnull=True)
    moments = [
        live.filter(published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first(),
        live.filter(expires_at__gt=now)
        .order_by("expires_at")
        .values_list("expires_at", flat=True)
        .first(),
    ]
    counter = current_bar(now).counter
    if counter:
        moments.append(counter.next_midnight(now))
    return min((moment for moment in moments if moment), default=None)
