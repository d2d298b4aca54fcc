"""Readers, their comments, and each article's discussion settings.

Per-article settings live here (Discussion, one-to-one to Article) rather than as new
Article fields, so comments need no newsroom migration and the article page is not
touched: an article without a Discussion row has comments off.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models.functions import Length, Lower
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils import timezone

# The page cache's scope for what readers see of comments (tracker.pagecache.version).
SCOPE = "comments"
MAX_LENGTH = 2000
EDIT_MINUTES = 10


class DiscussionQuerySet(models.QuerySet):
    def next_closing(self, now=None):
        """When the next open discussion closes by itself (the page cache's schedule)."""
        now = now or timezone.now()
        rows = self.filter(
            enabled=True, closed=False, close_after_days__isnull=False,
            article__published_at__isnull=False,
        ).values_list("article__published_at", "close_after_days")  # fmt: skip
        moments = (published + timedelta(days=days) for published, days in rows)
        return min((moment for moment in moments if moment > now), default=None)


class Discussion(models.Model):
    """Whether an article takes comments; without this row, it does not."""

    article = models.OneToOneField(
        "newsroom.Article", on_delete=models.CASCADE, primary_key=True, related_name="discussion"
    )
    enabled = models.BooleanField(
        "comments on", default=False, help_text="Readers may comment on this article."
    )
    close_after_days = models.PositiveSmallIntegerField(
        "close after (days)",
        null=True,
        blank=True,
        help_text="Close comments this many days after publication. Empty: they stay open.",
    )
    closed = models.BooleanField(
        "closed now", default=False, help_text="No new comments; the approved ones stay."
    )

    objects = DiscussionQuerySet.as_manager()

    class Meta:
        ordering = ("-article__published_at",)
        verbose_name = "comment settings of an article"
        verbose_name_plural = "comment settings of articles"

    def __str__(self):
        return f"Comments on “{self.article}”"

    def get_absolute_url(self):
        return reverse("comments:article", kwargs={"pk": self.article_id})

    def closes_at(self, published_at):
        if self.close_after_days is None or published_at is None:
            return None
        return published_at + timedelta(days=self.close_after_days)

    def is_open(self, published_at, now=None):
        """Whether readers may post now, given the article's publish time."""
        if not self.enabled or self.closed:
            return False
        closes_at = self.closes_at(published_at)
        return closes_at is None or (now or timezone.now()) < closes_at


class Reader(models.Model):
    """A reader's account: signs in by email, never staff."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reader"
    )
    email = models.EmailField(unique=True, help_text="Stored in lower case.")
    display_name = models.CharField(max_length=50, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    blocked_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="A blocked reader cannot post; their pending comments were rejected.",
    )

    class Meta:
        ordering = ("email",)
        constraints = [
            models.CheckConstraint(
                condition=models.Q(email=Lower("email")),
                name="reader_email_lower_case",
                violation_error_message="A reader's address is stored in lower case.",
            )
        ]

    def __str__(self):
        return self.display_name or self.email

    @property
    def name(self):
        """What other readers see."""
        return self.display_name or "A reader"

    @property
    def is_blocked(self):
        return self.blocked_at is not None


class CommentQuerySet(models.QuerySet):
    def public(self):
        """What every visitor sees: approved comments, and deleted ones that keep replies."""
        return self.filter(status__in=Comment.PUBLIC)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for moderation"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        DELETED = "deleted", "Deleted by its author"

    PUBLIC = (Status.APPROVED, Status.DELETED)

    article = models.ForeignKey(
        "newsroom.Article", on_delete=models.CASCADE, related_name="comments"
    )
    reader = models.ForeignKey(
        Reader,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        help_text="Empty once the reader deleted their account.",
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name="in reply to",
    )
    body = models.TextField("comment", max_length=MAX_LENGTH)
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    rejection_reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField("posted", default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ("created_at", "pk")
        indexes = [
            # The article page: an article's public comments, oldest first.
            models.Index(fields=["article", "status", "created_at"], name="comment_article_status"),
            # The moderation queue: pending comments, oldest first.
            models.Index(fields=["status", "created_at"], name="comment_queue"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("body"), MAX_LENGTH),
                name="comment_body_at_most_2000",
                violation_error_message="A comment has at most 2,000 characters.",
            ),
        ]

    def __str__(self):
        text = " ".join(self.body.split())
        return text[:60] + ("…" if len(text) > 60 else "") or f"Comment {self.pk}"

    def get_absolute_url(self):
        return reverse("comments:article", kwargs={"pk": self.article_id}) + f"#comment-{self.pk}"

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # Whether it was public as read: a save that hides it must retire cached pages.
        instance.was_public = (
            dict(zip(field_names, values, strict=True)).get("status") in cls.PUBLIC
        )
        return instance

    @property
    def author_name(self):
        return self.reader.name if self.reader_id else "A former reader"

    def editable_until(self):
        return self.created_at + timedelta(minutes=EDIT_MINUTES)

    def can_edit(self, reader, now=None):
        return (
            reader is not None
            and self.reader_id == reader.pk
            and self.status in (self.Status.PENDING, self.Status.APPROVED)
            and (now or timezone.now()) < self.editable_until()
        )


class Report(models.Model):
    """A reader's report of a comment to the moderators."""

    class Reason(models.TextChoices):
        ABUSE = "abuse", "Abusive or hateful"
        DISINFORMATION = "disinformation", "False or misleading"
        SPAM = "spam", "Spam or advertising"
        OTHER = "other", "Something else"

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reader = models.ForeignKey(
        Reader, on_delete=models.SET_NULL, null=True, blank=True, related_name="reports"
    )
    reason = models.CharField(max_length=20, choices=Reason)
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("created_at",)
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reader"],
                name="report_once_per_reader",
                violation_error_message="You have already reported this comment.",
            )
        ]

    def __str__(self):
        return f"{self.get_reason_display()}: {self.comment}"
