import zoneinfo
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from tracker.newsroom.models import Article, validate_web_url

HEADLINE_MAX = 140


def default_poll_interval():
    return settings.LIVE_BAR_POLL_SECONDS


def validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"“{value}” is not a known time zone; use a name like Europe/Kyiv.")


class Counter(models.Model):
    """The day-of-war counter in the bar: Day 1 is `start_date` in `time_zone`."""

    label = models.CharField(max_length=80, default="of the full-scale invasion")
    start_date = models.DateField(help_text="The date that is Day 1.")
    time_zone = models.CharField(
        max_length=64,
        default="Europe/Kyiv",
        validators=[validate_time_zone],
        help_text="The day number turns at midnight in this time zone.",
    )
    poll_interval = models.PositiveIntegerField(
        "refresh interval (seconds)",
        default=default_poll_interval,
        help_text="How often open pages check for a new banner. Raise it to shed load; "
        "0 stops readers' pages from checking. Pages already open pick up the change.",
    )

    class Meta:
        ordering = ("pk",)

    def __str__(self):
        return f"Day counter {self.label}"

    def local_date(self, moment):
        return timezone.localtime(moment, zoneinfo.ZoneInfo(self.time_zone)).date()

    def clean(self):
        # A Day 1 to come would show "Day -23" on the bar and "Day 0" on articles.
        if self.start_date and self.time_zone in zoneinfo.available_timezones():
            today = self.local_date(timezone.now())
            if self.start_date > today:
                raise ValidationError(
                    {
                        "start_date": f"Day 1 cannot be in the future: today is "
                        f"{today:%-d %B %Y} in {self.time_zone}. Choose today or an earlier date."
                    }
                )

    def day_on(self, moment):
        """The day number at `moment`, counted in the counter's own time zone; None before Day 1."""
        day = (self.local_date(moment) - self.start_date).days + 1
        return day if day >= 1 else None

    def next_midnight(self, moment):
        """When the day number next turns."""
        zone = zoneinfo.ZoneInfo(self.time_zone)
        tomorrow = self.local_date(moment) + timedelta(days=1)
        return datetime.combine(tomorrow, datetime.min.time(), tzinfo=zone)


class BannerQuerySet(models.QuerySet):
    def live(self, now=None):
        """Banners a visitor may see now: published, not expired, not retracted."""
        now = now or timezone.now()
        return self.filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now),
            published_at__lte=now,
            retracted_at__isnull=True,
        )

    def have_been_live(self, now=None):
        """Every banner that has been shown in the bar, including expired ones, but never retracted."""
        return self.filter(published_at__lte=now or timezone.now(), retracted_at__isnull=True)


class Banner(models.Model):
    """A one-line update shown in the live bar at the top of every page."""

    class Kind(models.TextChoices):
        BREAKING = "breaking", "Breaking"
        UPDATE = "update", "Update"
        CORRECTION = "correction", "Correction"

    headline = models.CharField(max_length=HEADLINE_MAX)
    kind = models.CharField(max_length=12, choices=Kind, default=Kind.UPDATE)
    article = models.ForeignKey(
        Article,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="banners",
        help_text="Link the banner to an article…",
    )
    url = models.URLField(
        "web address",
        max_length=500,
        blank=True,
        validators=[validate_web_url],
        help_text="…or to a web address (http or https).",
    )
    published_at = models.DateTimeField(
        "publish time", default=timezone.now, help_text="Now, or a time in the future."
    )
    expires_at = models.DateTimeField(
        "expiry", null=True, blank=True, help_text="Optional: the banner leaves the bar then."
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    retracted_at = models.DateTimeField(null=True, blank=True, editable=False)
    retracted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = BannerQuerySet.as_manager()

    class Meta:
        ordering = ("-published_at", "-pk")
        indexes = [
            # The bar's one query: the newest banner that is not retracted.
            models.Index(
                fields=("-published_at", "-id"),
                condition=Q(retracted_at__isnull=True),
                name="banner_current",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(article__isnull=True) | Q(url=""),
                name="banner_one_link",
                violation_error_message="Link to an article or to a web address, not both.",
            ),
            models.CheckConstraint(
                condition=Q(expires_at__isnull=True) | Q(expires_at__gt=models.F("published_at")),
                name="banner_expires_after_publish",
                violation_error_message="The expiry must come after the publish time.",
            ),
        ]

    def __str__(self):
        return self.headline

    def get_absolute_url(self):
        return f"{reverse('live:updates')}#update-{self.pk}"

    @property
    def link(self):
        """Where the banner leads; nowhere if its article is not public (any more)."""
        if self.article_id:
            return self.article.get_absolute_url() if self.article.is_public else ""
        # Only web addresses: a row written around validation never becomes a script link.
        return self.url if self.url.lower().startswith(("http://", "https://")) else ""

    def retract(self, user):
        """Take the banner out of the bar for good; the record of who and when stays."""
        if self.retracted_at is None:
            self.retracted_at = timezone.now()
            self.retracted_by = user
            self.save(update_fields=["retracted_at", "retracted_by"])

    @property
    def state(self):
        now = timezone.now()
        if self.retracted_at:
            return "retracted"
        if self.published_at > now:
            return "scheduled"
        if self.expires_at and self.expires_at <= now:
            return "expired"
        return "live"
