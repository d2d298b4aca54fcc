"""The updates pages: fixed pages counted from the oldest update, so the address of a page
keeps showing the same updates however many arrive after, and any update's page is known.

Page k holds the k-th block of PAGE_SIZE updates in publishing order, counting retracted
ones too (they show nowhere, but a retraction must not move other updates to another
page). The front (/updates/) shows the newest page, and the one before it while the newest
holds fewer than PAGE_SIZE, so it is never nearly empty.
"""

import math
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db.models import Count, Min, Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from .models import Banner

PAGE_SIZE = 20


def numbered(key_events=False, now=None):
    """The updates the pages are numbered over, oldest first."""
    updates = Banner.objects.published(now).order_by("published_at", "pk")
    return updates.filter(key_event=True) if key_events else updates


def page_count(total):
    return max(1, math.ceil(total / PAGE_SIZE))


def front_first_page(total):
    """The oldest page the front shows."""
    pages = page_count(total)
    newest_holds = total - (pages - 1) * PAGE_SIZE
    return max(1, pages - 1) if newest_holds < PAGE_SIZE else pages


@dataclass
class StreamPage:
    updates: list  # newest first, without retracted ones
    number: int | None  # None on the front
    num_pages: int
    older: int | None  # the page before, if any
    newer: int | None  # the page after; None when the front comes next (or this is it)
    coverage_start: object  # when the first update was published

    @property
    def is_front(self):
        return self.number is None


def read_page(number=None, key_events=False, now=None):
    """A page of updates (None: the front), in two queries; 404 for a page that is not."""
    updates = numbered(key_events, now)
    totals = updates.aggregate(
        total=Count("pk"), start=Min("published_at", filter=Q(retracted_at__isnull=True))
    )
    pages, front = page_count(totals["total"]), front_first_page(totals["total"])
    if number is None:
        first, last = front, pages
    elif 1 <= number <= pages:
        first = last = number
    else:
        raise Http404("No such page of updates.")
    rows = updates.select_related("article", "published_by")[
        (first - 1) * PAGE_SIZE : last * PAGE_SIZE
    ]
    return StreamPage(
        updates=[update for update in reversed(rows) if update.retracted_at is None],
        number=number,
        num_pages=pages,
        older=first - 1 or None,
        newer=last + 1 if number is not None and last + 1 < front else None,
        coverage_start=totals["start"],
    )


def page_address(number, key_events=False):
    url = reverse("live:key-events" if key_events else "live:updates")
    return f"{url}?page={number}" if number else url


def address_of(update, now=None):
    """Where an update is now: the front if it shows there, or the page that holds it."""
    updates = numbered(now=now)
    before = updates.filter(
        Q(published_at__lt=update.published_at)
        | Q(published_at=update.published_at, pk__lt=update.pk)
    )
    page = before.count() // PAGE_SIZE + 1
    if page >= front_first_page(updates.count()):
        page = None
    return f"{page_address(page)}#{update.anchor}"


def local_date(moment, counter):
    return counter.local_date(moment) if counter else timezone.localdate(moment)


def day_bounds(day, counter):
    """The first moment of a local date and of the next, in the counter's zone."""
    zone = counter.zone if counter else timezone.get_current_timezone()
    return tuple(datetime.combine(day + timedelta(days=n), time.min, tzinfo=zone) for n in (0, 1))
