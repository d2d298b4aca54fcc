""" "Day N at a glance": after the counter's midnight, the day that ended gets a digest of
its key events, or the text an editor wrote for it (DayDigest). Nothing runs at
midnight: digests are computed when a page or feed is read, and cached pages end at the
counter's midnight anyway (bar.next_change)."""

from dataclasses import dataclass, field
from datetime import date

from django.urls import reverse
from django.utils import timezone

from .models import Banner, DayDigest
from .stream import day_bounds, local_date


@dataclass
class Digest:
    date: date
    day: int | None
    ends_at: object
    text_html: str = ""
    key_events: list = field(default_factory=list)

    @property
    def title(self):
        return f"Day {self.day} at a glance" if self.day else f"{self.date:%-d %B %Y} at a glance"

    @property
    def anchor(self):
        return f"digest-{self.date.isoformat()}"

    def get_absolute_url(self):
        return reverse("live:day", kwargs={"date": self.date.isoformat()})


def digests(dates, counter, now=None):
    """{date: Digest} for those of `dates` that have ended and have something to say;
    two queries, whatever the number of days."""
    now = now or timezone.now()
    today = local_date(now, counter)
    ended = sorted({day for day in dates if day < today})
    if not ended:
        return {}
    texts = dict(DayDigest.objects.filter(date__in=ended).values_list("date", "text_html"))
    start, end = day_bounds(ended[0], counter)[0], day_bounds(ended[-1], counter)[1]
    found = {
        day: Digest(day, counter.day_on(day_bounds(day, counter)[0]) if counter else None,
                    ends_at=day_bounds(day, counter)[1], text_html=texts.get(day, ""))
        for day in ended
    }  # fmt: skip
    key_events = (
        Banner.objects.have_been_live(now)
        .filter(key_event=True, published_at__gte=start, published_at__lt=end)
        .order_by("published_at", "pk")
        .only("pk", "headline", "published_at")
    )
    for update in key_events:
        if (digest := found.get(local_date(update.published_at, counter))) is not None:
            digest.key_events.append(update)
    return {day: digest for day, digest in found.items() if digest.text_html or digest.key_events}
