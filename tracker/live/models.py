import zoneinfo
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from tracker.newsroom.markdown import render_markdown
from tracker.newsroom.models import Article, validate_web_url

HEADLINE_MAX = 140
# What readers read of an update: changing any of these once it is out is an edit.
TEXT_FIELDS = ("headline", "body", "kind")


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
    coverage_ended_at = models.DateTimeField(
        "coverage ended",
        null=True,
        blank=True,
        help_text="Empty while the live coverage runs. Once it has ended, open pages stop "
        "checking for updates and the updates page says the coverage has ended.",
    )

    class Meta:
        ordering = ("pk",)
        permissions = [("end_coverage", "Can end and reopen the live coverage")]

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
        if self.coverage_ended_at and self.coverage_ended_at > timezone.now():
            # Ending is a step the desk takes when it happens, not a schedule.
            raise ValidationError(
                {
                    "coverage_ended_at": "The coverage cannot end in the future. "
                    "Leave this empty while it runs, and end it when it does."
                }
            )

    def has_ended(self, moment):
        return self.coverage_ended_at is not None and self.coverage_ended_at <= moment

    def day_on(self, moment):
        """The day number at `moment`, counted in the counter's own time zone; None before Day 1."""
        day = (self.local_date(moment) - self.start_date).days + 1
        return day if day >= 1 else None

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

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

    def published(self, now=None):
        """Every update whose time has come, retracted ones included: the updates pages are
        numbered over these, so a retraction never moves another update to another page."""
        return self.filter(published_at__lte=now or timezone.now())


class Banner(models.Model):
    """A live update: its headline is shown in the bar on every page, the whole update on
    the updates page, the feeds and the strip of the article it belongs to."""

    class Kind(models.TextChoices):
        BREAKING = "breaking", "Breaking"
        UPDATE = "update", "Update"
        CORRECTION = "correction", "Correction"

    headline = models.CharField(max_length=HEADLINE_MAX, help_text="The bar shows it.")
    body = models.TextField(
        blank=True,
        help_text="Optional: the update in full, in Markdown (links, lists, **bold**).",
    )
    body_html = models.TextField(editable=False, blank=True, default="")
    kind = models.CharField(max_length=12, choices=Kind, default=Kind.UPDATE)
    key_event = models.BooleanField(
        "key event", default=False, help_text="Listed under Key events and in the day's digest."
    )
    pinned = models.BooleanField(
        "pinned summary",
        default=False,
        help_text="Shown first on the updates page, as “What you need to know”. One at a time.",
    )
    edited_at = models.DateTimeField(null=True, blank=True, editable=False)
    article = models.ForeignKey(
        Article,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="banners",
        help_text="The article this update belongs to…",
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
        verbose_name = "live update"
        ordering = ("-published_at", "-pk")
        indexes = [
            # The bar's one query: the newest banner that is not retracted.
            models.Index(
                fields=("-published_at", "-id"),
                condition=Q(retracted_at__isnull=True),
                name="banner_current",
            ),
            # An article's strip: its newest updates.
            models.Index(
                fields=("article", "-published_at"),
                condition=Q(retracted_at__isnull=True),
                name="banner_article",
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
            models.UniqueConstraint(
                fields=("pinned",),
                condition=Q(pinned=True),
                name="banner_one_pinned",
                violation_error_message="Only one update can be the pinned summary.",
            ),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        """Render the body; an edit of a published update's text keeps the earlier text
        as a Revision and is shown as "edited". Set `editor` to record who edited."""
        self.body_html = render_markdown(self.body)
        now = timezone.now()
        earlier = getattr(self, "loaded_text", None) or {}
        edited = (
            self.pk is not None
            and len(earlier) == len(TEXT_FIELDS)
            and self.published_at <= now
            and any(earlier[name] != getattr(self, name) for name in TEXT_FIELDS)
        )
        if edited:
            self.edited_at = now
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body_html", "edited_at"}
        super().save(*args, **kwargs)
        if edited:
            Revision.objects.create(
                banner=self, replaced_at=now, replaced_by=getattr(self, "editor", None), **earlier
            )
        self.loaded_text = {name: getattr(self, name) for name in TEXT_FIELDS}

    def get_absolute_url(self):
        """The permanent address: it always leads to the page that holds the update."""
        return reverse("live:update", kwargs={"pk": self.pk})

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # The text as read, so that save() can keep it when an edit changes it.
        instance.loaded_text = {
            name: value
            for name, value in zip(field_names, values, strict=True)
            if name in TEXT_FIELDS
        }
        return instance

    @property
    def anchor(self):
        return f"update-{self.pk}"

    @property
    def byline(self):
        user = self.published_by
        return (user.get_full_name() or user.get_username()) if user else ""

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
            self.pinned = False  # a retracted summary leaves the top of the page too
            self.save(update_fields=["retracted_at", "retracted_by", "pinned"])

    @property
    def state(self):
        """Retracted, scheduled, expired or published; only the one in the bar is "live"
        (the desk and the admin compare with the bar)."""
        now = timezone.now()
        if self.retracted_at:
            return "retracted"
        if self.published_at > now:
            return "scheduled"
        if self.expires_at and self.expires_at <= now:
            return "expired"
        return "published"

    def get_state_display(self):
        return self.state.capitalize()


class Revision(models.Model):
    """The text of an update as it was before an edit."""

    banner = models.ForeignKey(Banner, on_delete=models.CASCADE, related_name="revisions")
    headline = models.CharField(max_length=HEADLINE_MAX)
    body = models.TextField(blank=True)
    kind = models.CharField(max_length=12, choices=Banner.Kind)
    replaced_at = models.DateTimeField(default=timezone.now)
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "earlier version"
        ordering = ("-replaced_at", "-pk")

    def __str__(self):
        return self.headline


class DayDigest(models.Model):
    """What an editor wrote for a day's "at a glance", instead of its key events."""

    date = models.DateField(unique=True, help_text="The day it sums up, in the counter's zone.")
    text = models.TextField(help_text="Markdown. Shown once the day has ended.")
    text_html = models.TextField(editable=False, blank=True, default="")

    class Meta:
        verbose_name = "day digest"
        ordering = ("-date",)

    def __str__(self):
        return f"Digest of {self.date:%d %B %Y}"

    def save(self, *args, **kwargs):
        self.text_html = render_markdown(self.text)
        super().save(*args, **kwargs)
