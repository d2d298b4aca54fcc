import json
import math
from datetime import timedelta

import reversion
from django.contrib.postgres.search import SearchVectorField
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import MaxValueValidator, URLValidator
from django.db import models
from django.db.models import F, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from .maps import DEFAULT_STYLE, GEOJSON_HELP, STYLE_CHOICES
from .markdown import render_markdown, word_count

WORDS_PER_MINUTE = 220

validate_web_url = URLValidator(
    schemes=["http", "https"],
    message="Enter a full web address that starts with http:// or https://.",
)


class SlugManager(models.Manager):
    """Finds a row by its slug: the natural key backups refer to it by."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Topic(models.Model):
    """An area of the site, with its own page: Frontline, Diplomacy..."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0, help_text="Order in the site's navigation.")

    objects = SlugManager()

    class Meta:
        ordering = ("position", "name")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("newsroom:topic-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)


class Tag(models.Model):
    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)

    objects = SlugManager()

    class Meta:
        ordering = ("name",)

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("newsroom:tag-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)


class Author(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    bio = models.TextField("about the author", blank=True)
    user = models.OneToOneField(
        "auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="author"
    )
    photo = models.ForeignKey(
        "Image",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="author_photo_of",
        help_text="Optional: a portrait from the picture library, shown in the author box "
        "with its alt text (for example “Daryna Velychko, head and shoulders”).",
    )

    objects = SlugManager()

    class Meta:
        ordering = ("name",)

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("newsroom:author-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)


class SourceManager(models.Manager):
    def get_by_natural_key(self, publisher, title, url):
        return self.get(publisher=publisher, title=title, url=url)


class Source(models.Model):
    """A reusable reference that many articles cite."""

    publisher = models.CharField(max_length=160)
    title = models.CharField(max_length=255, blank=True)
    url = models.URLField("web address", max_length=500, blank=True, validators=[validate_web_url])

    objects = SourceManager()

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

    def natural_key(self):
        return (self.publisher, self.title, self.url)

    @property
    def link(self):
        """The URL, only if it is a web address: rows written around validation get no link."""
        return self.url if self.url.lower().startswith(("http://", "https://")) else ""


ALT_TEXT_HINT = (
    "Required. Say what the picture shows that matters to the story, as you would to someone "
    "who cannot see it: “Firefighters spray water on a burning apartment block in Kharkiv at "
    "night”. Not “image of” or the file name; no more than 250 characters. For a map, start "
    "with “Map:”."
)


def image_upload_to(image, filename):
    # The name comes from the cleaned file's content (pictures.sanitise), never the editor's.
    return f"images/{filename}"


def map_upload_to(image, filename):
    # Likewise (maps.read_geojson): the checked GeoJSON, named by its content.
    return f"maps/{filename}"


MAP_ALT_PREFIX = "Map:"


class Image(models.Model):
    """A picture in the library that articles reuse: the file, its description and credit.

    The stored file is the sanitised original (pixels and colour profile only); its
    renditions are made when it is saved and listed in `renditions`, so pages read no
    storage and make no query to show them.
    """

    file = models.FileField(
        upload_to=image_upload_to,
        max_length=200,
        blank=True,  # a map's picture is drawn from its GeoJSON (clean() asks for one)
    )
    alt_text = models.CharField("alt text", max_length=250, help_text=ALT_TEXT_HINT)
    caption = models.TextField(
        blank=True, help_text="Shown under the picture. Plain text; who, what, where, when."
    )
    credit = models.CharField(
        max_length=200, help_text="Required: who made it, e.g. “Daryna Velychko / Tracker”."
    )
    source_url = models.URLField(
        "source link",
        max_length=500,
        blank=True,
        validators=[validate_web_url],
        help_text="Optional: where the picture came from.",
    )
    focal_x = models.PositiveSmallIntegerField(
        "focal point across (%)",
        default=50,
        validators=[MaxValueValidator(100)],
        help_text="What crops keep in frame: 0 is the left edge, 100 the right.",
    )
    focal_y = models.PositiveSmallIntegerField(
        "focal point down (%)",
        default=50,
        validators=[MaxValueValidator(100)],
        help_text="0 is the top edge, 100 the bottom.",
    )
    description = models.TextField(
        "long description",
        blank=True,
        help_text="Required for a map: what it shows, in a few sentences, for readers who "
        "cannot see it. Readers open it under the picture. Plain text.",
    )
    geojson = models.FileField(
        "map data (GeoJSON)",
        upload_to=map_upload_to,
        max_length=200,
        blank=True,
        help_text=GEOJSON_HELP,
    )
    map_style = models.CharField(
        "map style", max_length=12, choices=STYLE_CHOICES, default=DEFAULT_STYLE
    )
    shows_date = models.DateField(
        "date the map shows", null=True, blank=True, help_text="Required for a map."
    )
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    renditions = models.JSONField(default=dict, editable=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-uploaded_at", "-pk")

    def __str__(self):
        text = self.alt_text if len(self.alt_text) <= 80 else self.alt_text[:79] + "…"
        return f"{text} ({self.credit})"

    def save(self, *args, **kwargs):
        before = Image.objects.filter(pk=self.pk).first() if self.pk else None
        drawn = self.draw_map() if self.geojson else None
        super().save(*args, **kwargs)
        renditions, changed = self.renditions, False
        made_for = [self.file.name, self.focal_x, self.focal_y]
        if self.file and renditions.get("made_for") != made_for:
            from .pictures import make_renditions

            renditions = make_renditions(
                self.file.name, self.focal_x, self.focal_y, whole=bool(self.geojson)
            )
            renditions["made_for"] = made_for
            changed = True
        kept_map = (drawn or self.renditions.get("map")) if self.geojson else None
        if renditions.get("map") != kept_map:
            changed = True
        if kept_map:
            renditions["map"] = kept_map
        else:
            renditions.pop("map", None)
        if changed:
            self.renditions = renditions
            Image.objects.filter(pk=self.pk).update(renditions=renditions)
        if before is not None:  # a replaced file leaves its renditions behind: remove them
            from .pictures import forget_files

            forget_files(before, keep=self)

    def clean(self):
        if not self.file and not self.geojson:
            raise ValidationError(
                {"file": "Upload a picture, or a GeoJSON file (under Map) to draw a map."}
            )
        if self.geojson:
            errors = {}
            if not self.alt_text.startswith(MAP_ALT_PREFIX):
                errors["alt_text"] = (
                    "A map's alt text starts with “Map:”, then says what it shows, e.g. "
                    "“Map: areas of control around Pokrovsk on 20 November 2026”."
                )
            if not self.description.strip():
                errors["description"] = (
                    "Describe what the map shows in a few sentences: readers who cannot see "
                    "it read this instead."
                )
            if not self.shows_date:
                errors["shows_date"] = "Give the date the map shows; it is printed on the map."
            if errors:
                raise ValidationError(errors)

    def stored_names(self):
        """Every file this picture keeps in storage: the original, its renditions and
        crops, and a map's drawing and data."""
        made = self.renditions or {}
        names = {self.file.name, self.geojson.name, made.get("map", {}).get("svg")}
        for size in made.get("sizes", {}).values():
            names |= {name for key, name in size.items() if key != "height"}
        names |= {crop["name"] for crop in made.get("crops", {}).values()}
        return {name for name in names if name}

    @property
    def is_map(self):
        return bool(self.geojson)

    def draw_map(self):
        """Draw the map from its GeoJSON when it, its style, date or credit changed: the
        PNG becomes the picture's file (so every rendition follows), the SVG is kept
        beside the renditions. Returns what `renditions["map"]` keeps, or None."""
        from . import maps
        from .pictures import sanitise, save

        drawn_for = [
            self.geojson.name.rsplit("/", 1)[-1],
            self.map_style,
            self.shows_date.isoformat() if self.shows_date else "",
            self.credit,
        ]
        if self.file and self.renditions.get("map", {}).get("drawn_for") == drawn_for:
            return None
        self.geojson.open("rb")
        try:
            features = maps.check(json.loads(self.geojson.read()))
        finally:
            self.geojson.close()
        drawn = maps.draw(features, self.map_style, self.shows_date, self.credit)
        clean = sanitise(ContentFile(drawn.png, name="map.png"))
        self.file, self.width, self.height = clean.content, clean.width, clean.height
        stem = clean.content.name.rsplit(".", 1)[0]
        svg = save(f"images/r/{stem}.svg", drawn.svg)
        return {"drawn_for": drawn_for, "svg": svg, "legend": drawn.legend}

    @property
    def link(self):
        return (
            self.source_url if self.source_url.lower().startswith(("http://", "https://")) else ""
        )

    def articles_using(self):
        """Articles that show this picture: as their lead image, in a section, or as the
        photo of an author in their author boxes."""
        return Article.objects.filter(
            Q(lead_image=self) | Q(sections__figure=self) | Q(bylines__author__photo=self)
        ).distinct()


# Search columns repeat the text of every section: pages never show them.
SEARCH_COLUMNS = ("search_sections", "search_faqs", "search_vector")


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles a visitor may see now: published, their publish time come, not expired.

        The one door for visitors: every public page, feed and sitemap goes through it.
        """
        now = timezone.now()
        return self.filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now),
            status=Article.Status.PUBLISHED,
            published_at__lte=now,
        )

    def withdrawn(self):
        """Articles visitors could see and no longer may: unpublished, or expired."""
        now = timezone.now()
        return self.filter(
            Q(status=Article.Status.UNPUBLISHED)
            | Q(status=Article.Status.PUBLISHED, expires_at__lte=now),
            published_at__lte=now,
        )

    def for_page(self):
        """What an article page reads before its content: the article, its topic and lead image.

        The parts (sections, FAQs, sources...) are read by `with_parts()` only when the
        page's kept content is missing, so a page whose content is kept costs one query.
        """
        return self.select_related("topic", "lead_image").defer(*SEARCH_COLUMNS)

    def scheduled(self):
        """Published articles whose publish time is still to come."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())

    def next_visibility_change(self, now=None):
        """The next time a published article appears or expires, or None: caches end there."""
        now = now or timezone.now()
        published = self.filter(status=Article.Status.PUBLISHED)
        times = [
            published.filter(published_at__gt=now).aggregate(t=models.Min("published_at"))["t"],
            published.filter(expires_at__gt=now).aggregate(t=models.Min("expires_at"))["t"],
        ]
        return min((t for t in times if t), default=None)

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
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
    lead_image = models.ForeignKey(
        Image,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lead_of",
        help_text="Shown at the top of the article, on its cards and when it is shared.",
    )
    authors = models.ManyToManyField(Author, through="Byline", related_name="articles")
    sources = models.ManyToManyField(Source, through="Citation", related_name="articles")
    status = models.CharField(max_length=20, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(
        "publish time",
        null=True,
        blank=True,
        help_text="Visitors see the article from this time on. Leave empty to publish now.",
    )
    expires_at = models.DateTimeField(
        "expiry time",
        null=True,
        blank=True,
        help_text="Visitors no longer see the article from this time on. Leave empty to keep it.",
    )
    updated_at = models.DateTimeField(
        "updated",
        null=True,
        blank=True,
        help_text="The editorial 'Updated' time shown to readers, for substantive changes.",
    )
    # Bumped on every save: a form that read an older version is refused (optimistic locking).
    version = models.PositiveIntegerField(default=1)
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
        permissions = [("publish_article", "Can publish, unpublish and schedule articles")]
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
            models.CheckConstraint(
                condition=Q(expires_at__isnull=True)
                | Q(published_at__isnull=True)
                | Q(expires_at__gt=F("published_at")),
                name="article_expires_after_publish",
                violation_error_message="The expiry time must come after the publish time.",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        old_slug = None
        if self.pk:
            self.version += 1
            old_slug = Article.objects.filter(pk=self.pk).values_list("slug", flat=True).first()
        super().save(*args, **kwargs)
        if old_slug and old_slug != self.slug and self.published_at:
            # A published address keeps working: the old slug redirects to the new one.
            SlugRedirect.objects.update_or_create(old_slug=old_slug, defaults={"article": self})
        SlugRedirect.objects.filter(old_slug=self.slug).delete()

    def get_absolute_url(self):
        return reverse("newsroom:article-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    def get_preview_url(self):
        return reverse("newsroom:article-preview", kwargs={"pk": self.pk})

    @property
    def is_public(self):
        """The rule of ArticleQuerySet.published(), for an article already in hand."""
        now = timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= now
            and (self.expires_at is None or self.expires_at > now)
        )

    def with_parts(self):
        """This article with everything its page shows, read in one query per kind of part."""
        models.prefetch_related_objects(
            [self],
            "tags",
            Prefetch("sections", queryset=Section.objects.select_related("figure")),
            "faqs",
            "notes",
            Prefetch("bylines", queryset=Byline.objects.select_related("author__photo")),
            Prefetch("citations", queryset=Citation.objects.select_related("source")),
        )
        return self

    @property
    def reading_minutes(self):
        """Minutes to read, from the words of the title, standfirst, sections and FAQs."""
        words = word_count(self.title) + word_count(self.standfirst)
        # A part restored from a revision saved before parts kept a count has none (0).
        for section in self.sections.all():
            words += section.words or section.count_words()
        for faq in self.faqs.all():
            words += faq.words or faq.count_words()
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
    figure = models.ForeignKey(
        Image,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="figure_in",
        help_text="Optional: a picture or map shown after this section's text.",
    )
    # Counted when saved, for the article's reading time: pages then add numbers up
    # rather than split every section's text on every render.
    words = models.PositiveIntegerField(default=0, editable=False)

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
        self.words = self.count_words()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#{self.anchor}"

    def count_words(self):
        return word_count(self.heading) + word_count(self.body)


class FAQ(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="faqs")
    position = models.PositiveIntegerField(default=0)
    question = models.CharField(max_length=300)
    answer = models.TextField(help_text="Markdown.")
    answer_html = models.TextField(editable=False)
    words = models.PositiveIntegerField(default=0, editable=False)  # as Section.words

    class Meta:
        ordering = ("position", "pk")
        verbose_name = "FAQ"
        verbose_name_plural = "FAQs"

    def __str__(self):
        return self.question

    def save(self, *args, **kwargs):
        self.answer_html = render_markdown(self.answer)
        self.words = self.count_words()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#faq-{self.pk}"

    def count_words(self):
        return word_count(self.question) + word_count(self.answer)


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


class Note(models.Model):
    """A public update or correction note on an article, shown with its time."""

    class Kind(models.TextChoices):
        UPDATE = "update", "Updated"
        CORRECTION = "correction", "Correction"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="notes")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.UPDATE)
    noted_at = models.DateTimeField("time", default=timezone.now)
    text = models.CharField(
        max_length=500, help_text="Plain text, e.g. “casualty figures revised”."
    )

    class Meta:
        ordering = ("position", "pk")
        verbose_name = "update or correction"
        verbose_name_plural = "updates and corrections"

    def __str__(self):
        return f"{self.get_kind_display()} {self.noted_at:%H:%M}: {self.text}"


class SlugRedirect(models.Model):
    """An article's former slug, answered with a permanent redirect to its current address."""

    old_slug = models.SlugField(max_length=200, unique=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="slug_redirects")

    class Meta:
        ordering = ("old_slug",)

    def __str__(self):
        return f"{self.old_slug} → {self.article.slug}"


PREVIEW_LINK_LIFETIME = timedelta(hours=48)
PREVIEW_SALT = "newsroom.preview-link"


def default_preview_expiry():
    return timezone.now() + PREVIEW_LINK_LIFETIME


class PreviewLink(models.Model):
    """A signed link that shows an article's latest draft to a reviewer without an account."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="preview_links")
    created_by = models.ForeignKey(
        "auth.User", null=True, blank=True, on_delete=models.SET_NULL, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField("expires", default=default_preview_expiry)
    revoked = models.BooleanField(default=False, help_text="Tick to stop the link working.")

    class Meta:
        ordering = ("-created_at", "-pk")

    def __str__(self):
        return f"Preview of {self.article} until {self.expires_at:%d %b %H:%M}"

    def get_absolute_url(self):
        return reverse("newsroom:preview-link", kwargs={"token": self.token})

    @property
    def token(self):
        # No timestamp in the signature: the link stays the same; expiry lives in the row.
        return signing.Signer(salt=PREVIEW_SALT).sign(str(self.pk))

    @property
    def is_valid(self):
        return not self.revoked and self.expires_at > timezone.now()


# Every save of an article, with its parts, is one revision (django-reversion).
reversion.register(Section)
reversion.register(FAQ)
reversion.register(Citation)
reversion.register(Byline)
reversion.register(Note)
reversion.register(Article, follow=("sections", "faqs", "citations", "bylines", "notes"))
