import math

from django.contrib.postgres.search import SearchVectorField
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from .markdown import render_markdown, word_count

WORDS_PER_MINUTE = 220

validate_web_url = URLValidator(
    schemes=["http", "https"],
    message="Enter a full web address that starts with http:// or https://.",
)


class Topic(models.Model):
    """An area of the site, with its own page: Frontline, Diplomacy..."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0, help_text="Order in the site's navigation.")

    class Meta:
        ordering = ("position", "name")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("newsroom:topic-detail", kwargs={"slug": self.slug})


class Tag(models.Model):
    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)

    class Meta:
        ordering = ("name",)

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("newsroom:tag-detail", kwargs={"slug": self.slug})


class Author(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    bio = models.TextField("about the author", blank=True)
    user = models.OneToOneField(
        "auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="author"
    )

    class Meta:
        ordering = ("name",)

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("newsroom:author-detail", kwargs={"slug": self.slug})


class Source(models.Model):
    """A reusable reference that many articles cite."""

    publisher = models.CharField(max_length=160)
    title = models.CharField(max_length=255, blank=True)
    url = models.URLField("web address", max_length=500, blank=True, validators=[validate_web_url])

    class Meta:
        ordering = ("publisher", "title")
        constraints = [
            models.UniqueConstraint(
                fields=("publisher", "title", "url"),
                name="source_unique_reference",
                violation_error_message="This source already exists: cite the existing one.",
            ),
        ]

    def __str__(self):
        return f"{self.publisher} — {self.title}" if self.title else self.publisher

    @property
    def link(self):
        """The URL, only if it is a web address: rows written around validation get no link."""
        return self.url if self.url.lower().startswith(("http://", "https://")) else ""


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles a visitor may see now: published, and their publish time has come."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        UNPUBLISHED = "unpublished", "Unpublished"

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        error_messages={
            "unique": "Another article already uses this slug. Choose a different one."
        },
        help_text="The article's address: lowercase letters, numbers and hyphens.",
    )
    standfirst = models.TextField(help_text="The one-paragraph summary under the title.")
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="articles")
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles")
    authors = models.ManyToManyField(Author, through="Byline", related_name="articles")
    sources = models.ManyToManyField(Source, through="Citation", related_name="articles")
    status = models.CharField(max_length=20, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(
        "publish time",
        null=True,
        blank=True,
        help_text="Visitors see the article from this time on. Leave empty to publish now.",
    )
    updated_at = models.DateTimeField(
        "updated",
        null=True,
        blank=True,
        help_text="The editorial 'Updated' time shown to readers, for substantive changes.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)
    # Search: the plain text of the sections and FAQs, copied here by search.index_articles()
    # because a vector on this table cannot see theirs; the vector itself is PostgreSQL's only.
    search_sections = models.TextField(editable=False, blank=True, default="")
    search_faqs = models.TextField(editable=False, blank=True, default="")
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ("-published_at", "-pk")
        indexes = [
            # With the primary key last, each index yields rows already in display order.
            models.Index(
                fields=("status", "-published_at", "-id"), name="article_status_published"
            ),
            models.Index(
                fields=("topic", "status", "-published_at", "-id"), name="article_topic_published"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="article_published_has_time",
                violation_error_message="A published article needs a publish time.",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("newsroom:article-detail", kwargs={"slug": self.slug})

    def get_preview_url(self):
        return reverse("newsroom:article-preview", kwargs={"pk": self.pk})

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def reading_minutes(self):
        """Minutes to read, from the words of the title, standfirst, sections and FAQs."""
        words = word_count(self.title) + word_count(self.standfirst)
        for section in self.sections.all():
            words += word_count(section.heading) + word_count(section.body)
        for faq in self.faqs.all():
            words += word_count(faq.question) + word_count(faq.answer)
        return max(1, math.ceil(words / WORDS_PER_MINUTE))


class Byline(models.Model):
    """An author of an article, in byline order."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="bylines")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("position", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("article", "author"),
                name="byline_unique_author",
                violation_error_message="This author is already on the byline.",
            ),
        ]

    def __str__(self):
        return f"{self.author} on {self.article}"


class Section(models.Model):
    """A headed part of an article's body, usually a list of key points."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveIntegerField(default=0)
    heading = models.CharField(max_length=200)
    anchor = models.SlugField(
        max_length=80,
        blank=True,
        help_text="The section's deep-link name; filled in from the heading when left empty.",
    )
    body = models.TextField(
        help_text="Markdown. Key points as a list, each with a **bold lead-in**."
    )
    body_html = models.TextField(editable=False)

    class Meta:
        ordering = ("position", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("article", "anchor"),
                name="section_unique_anchor",
                violation_error_message="Another section of this article has the same anchor.",
            ),
        ]

    def __str__(self):
        return self.heading

    def save(self, *args, **kwargs):
        if not self.anchor:
            self.anchor = slugify(self.heading)[:80] or f"section-{self.position}"
        self.body_html = render_markdown(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#{self.anchor}"


class FAQ(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="faqs")
    position = models.PositiveIntegerField(default=0)
    question = models.CharField(max_length=300)
    answer = models.TextField(help_text="Markdown.")
    answer_html = models.TextField(editable=False)

    class Meta:
        ordering = ("position", "pk")
        verbose_name = "FAQ"
        verbose_name_plural = "FAQs"

    def __str__(self):
        return self.question

    def save(self, *args, **kwargs):
        self.answer_html = render_markdown(self.answer)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#faq-{self.pk}"


class Citation(models.Model):
    """A source cited by an article, in the article's own order."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="citations")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("position", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("article", "source"),
                name="citation_unique_source",
                violation_error_message="This source is already cited in this article.",
            ),
        ]

    def __str__(self):
        return str(self.source)
