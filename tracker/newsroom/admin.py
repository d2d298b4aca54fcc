import json

import reversion
from adminsortable2.admin import (
    CustomInlineFormSet,
    SortableAdminBase,
    SortableStackedInline,
    SortableTabularInline,
)
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models import CharField, Count, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from reversion.admin import VersionAdmin
from reversion.models import Version

from . import maps, pictures, revisions
from .importer import ImportFailed, import_article
from .models import (
    FAQ,
    Article,
    Author,
    Byline,
    Citation,
    Image,
    Note,
    PreviewLink,
    Section,
    Source,
    Tag,
    Topic,
    validate_web_url,
)
from .search import index_articles
from .workflow import TRANSITIONS, allowed_transitions, can_publish

NO_SECTIONS_MESSAGE = "An article needs at least one section before it can be published."
NO_AUTHOR_MESSAGE = "Choose an author: every article needs at least one on its byline."
# Admin times are the newsroom's time, whatever the editor's browser or laptop says.
ZONE_NOTE = (
    f"{settings.TIME_ZONE.rsplit('/', 1)[-1].replace('_', ' ')} time ({settings.TIME_ZONE})."
)


class LocalDateTimeInput(forms.DateTimeInput):
    """The browser's own date and time picker, as on the desk: one labelled input."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class NewsroomTimes:
    """Date and time fields as one picker, each saying which zone it is in.

    Django's split date and time inputs have no labels of their own, show DD/MM/YYYY, and
    warn about the browser's offset; the desk already uses the browser's picker.
    """

    formfield_overrides = {
        models.DateTimeField: {"form_class": forms.DateTimeField, "widget": LocalDateTimeInput},
    }

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field and isinstance(db_field, models.DateTimeField):
            field.help_text = f"{field.help_text} {ZONE_NOTE}".strip()
        return field


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "position")
    list_editable = ("position",)
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "user")
    list_select_related = ("user",)
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    raw_id_fields = ("user",)
    autocomplete_fields = ("photo",)


class SourceForm(forms.ModelForm):
    class Meta:
        # The desk's words for the same mistake, rather than Django's "Enter a valid URL."
        error_messages = {"url": {"invalid": validate_web_url.message}}


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    form = SourceForm
    list_display = ("publisher", "title", "url")
    search_fields = ("publisher", "title", "url")


class NamedRows:
    """Names each field of a table row for screen readers: the column heading is no label."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        row = f"{self.model._meta.verbose_name} {index + 1}" if index is not None else "new row"
        for name, field in form.fields.items():
            if not field.widget.is_hidden:
                label = "Delete" if name == "DELETE" else field.label
                # An autocomplete's widget is wrapped (add/change buttons); name the select.
                widget = getattr(field.widget, "widget", field.widget)
                widget.attrs.setdefault("aria-label", f"{label}, {row}")


class NamedRowsFormSet(NamedRows, CustomInlineFormSet):
    pass


class BylineForm(forms.ModelForm):
    class Meta:
        error_messages = {"author": {"required": NO_AUTHOR_MESSAGE}}


class ImageForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = (
            "file",
            "alt_text",
            "caption",
            "credit",
            "source_url",
            "description",
            "focal_x",
            "focal_y",
            "geojson",
            "map_style",
            "shows_date",
        )
        widgets = {
            "file": forms.ClearableFileInput(attrs={"accept": ",".join(pictures.ACCEPT)}),
            "alt_text": forms.Textarea(attrs={"rows": 3, "maxlength": 250}),
            "caption": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 4}),
            "geojson": forms.ClearableFileInput(
                attrs={"accept": ".geojson,.json,application/geo+json,application/json"}
            ),
            "shows_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "file": f"{pictures.FORMAT_NAMES}; at most {pictures.MAX_BYTES // 1024 // 1024} MB "
            f"and {pictures.MAX_PIXELS // 1_000_000} megapixels. Location, camera and other "
            "hidden data are removed when you save.",
        }

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            # Decoded and re-encoded here: what is stored is pixels and a colour profile.
            clean = pictures.sanitise(upload)
            self.instance.width, self.instance.height = clean.width, clean.height
            return clean.content
        return upload

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["map_style"].required = False  # only a map has one: the default else

    def clean_map_style(self):
        return self.cleaned_data.get("map_style") or maps.DEFAULT_STYLE

    def clean_geojson(self):
        upload = self.cleaned_data.get("geojson")
        if upload and "geojson" in self.changed_data:
            # Checked and written again: what is stored is the shapes we draw, nothing else.
            return maps.read_geojson(upload)[1]
        return upload

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("geojson") and cleaned.get("file") and "file" in self.changed_data:
            self.add_error(
                "file",
                "A map's picture is drawn from its GeoJSON: upload a picture file or a "
                "GeoJSON file, not both. To use a picture instead, clear the GeoJSON under Map.",
            )
        return cleaned


def image_thumbnail(image, width=160):
    sizes = image.renditions.get("sizes") or {}
    if not sizes:
        return "—"
    smallest = min(sizes, key=int)
    height = round(sizes[smallest]["height"] * width / int(smallest))
    url = default_storage.url(sizes[smallest][image.renditions["fallback"]])
    return format_html('<img src="{}" width="{}" height="{}" alt="">', url, width, height)


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageForm
    list_display = ("thumbnail", "alt_text", "credit", "size", "uploaded_at")
    list_display_links = ("thumbnail", "alt_text")
    search_fields = ("alt_text", "caption", "credit")
    date_hierarchy = "uploaded_at"
    readonly_fields = ("preview", "used_in")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "file",
                    "preview",
                    "alt_text",
                    "caption",
                    "credit",
                    "source_url",
                    "description",
                )
            },
        ),
        ("Map", {"fields": ("geojson", "map_style", "shows_date")}),
        ("Cropping", {"fields": ("focal_x", "focal_y")}),
        ("Where it is used", {"fields": ("used_in",)}),
    )

    @admin.display(description="picture")
    def thumbnail(self, image):
        return image_thumbnail(image, 120)

    @admin.display(description="preview")
    def preview(self, image):
        if not image.pk:
            return "Appears when you save."
        return image_thumbnail(image, 480)

    @admin.display(description="pixels")
    def size(self, image):
        return f"{image.width} × {image.height}"

    @admin.display(description="used in")
    def used_in(self, image):
        if not image.pk:
            return "—"
        return article_links(image.articles_using()) or "No article yet."

    def get_deleted_objects(self, objs, request):
        # Name the articles in the way, rather than their sections or Django's wording.
        deleted, counts, perms, protected = super().get_deleted_objects(objs, request)
        using = Article.objects.filter(
            Q(lead_image__in=objs)
            | Q(sections__figure__in=objs)
            | Q(bylines__author__photo__in=objs)
        ).distinct()
        if using:
            protected = [
                format_html(
                    'Article: <a href="{}">{}</a>',
                    reverse("admin:newsroom_article_change", args=[a.pk]),
                    a.title,
                )
                for a in using
            ]
        return deleted, counts, perms, protected


def article_links(articles):
    return format_html_join(
        ", ",
        '<a href="{}">{}</a>',
        ((reverse("admin:newsroom_article_change", args=[a.pk]), a.title) for a in articles),
    )


class BylineInline(SortableTabularInline):
    model = Byline
    formset = NamedRowsFormSet
    form = BylineForm
    autocomplete_fields = ("author",)
    extra = 0
    min_num = 1
    verbose_name = "author"
    verbose_name_plural = "byline (drag to reorder)"


class SectionFormSet(CustomInlineFormSet):
    def clean(self):
        super().clean()
        remaining = [
            form
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE", False)
        ]
        next_status = getattr(self.instance, "next_status", self.instance.status)
        if next_status == Article.Status.PUBLISHED and not remaining:
            raise ValidationError(NO_SECTIONS_MESSAGE)


class SectionInline(SortableStackedInline):
    model = Section
    formset = SectionFormSet
    fields = ("heading", "anchor", "body", "figure")
    autocomplete_fields = ("figure",)
    prepopulated_fields = {"anchor": ("heading",)}
    extra = 0
    verbose_name_plural = "sections (drag to reorder)"

    def view_on_site(self, section):
        # The staff preview, not the public address: drafts have none, and the admin's
        # own redirect would go through the Sites framework's example.com.
        return f"{preview_url(section.article_id)}#{section.anchor}"


class FAQInline(SortableStackedInline):
    model = FAQ
    fields = ("question", "answer")
    extra = 0
    verbose_name_plural = "FAQs (drag to reorder)"

    def view_on_site(self, faq):
        return f"{preview_url(faq.article_id)}#faq-{faq.pk}"


class CitationInline(SortableTabularInline):
    model = Citation
    formset = NamedRowsFormSet
    autocomplete_fields = ("source",)
    extra = 0
    verbose_name = "source"
    verbose_name_plural = "sources (drag to reorder)"


class NoteInline(NewsroomTimes, SortableTabularInline):
    model = Note
    formset = NamedRowsFormSet
    fields = ("kind", "noted_at", "text")
    extra = 0
    verbose_name_plural = "updates and corrections shown to readers (drag to reorder)"


class PreviewLinkFormSet(NamedRows, forms.BaseInlineFormSet):
    pass


class PreviewLinkInline(NewsroomTimes, admin.TabularInline):
    model = PreviewLink
    formset = PreviewLinkFormSet
    fields = ("link", "expires_at", "created_by", "revoked")
    readonly_fields = ("link", "created_by")
    extra = 0
    classes = ("collapse",)
    verbose_name = "preview link"
    verbose_name_plural = "preview links for reviewers without an account"
    after_fieldsets = True  # read by the change form template

    def view_on_site(self, preview):
        return preview.get_absolute_url()

    @admin.display(description="link")
    def link(self, preview):
        if not preview.pk:
            return "Appears when you save; it works for 48 hours unless you change the expiry."
        url = preview.get_absolute_url()
        state = "" if preview.is_valid else " (no longer works)"
        return format_html('<a href="{}">{}</a>{}', url, url, state)


def preview_url(article_id):
    return reverse("newsroom:article-preview", kwargs={"pk": article_id})


class VisibilityFilter(admin.SimpleListFilter):
    title = "visibility"
    parameter_name = "visibility"

    def lookups(self, request, model_admin):
        return (("live", "Live now"), ("scheduled", "Scheduled"), ("expired", "Expired"))

    def queryset(self, request, queryset):
        if self.value() == "live":
            return queryset.published()
        if self.value() == "scheduled":
            return queryset.scheduled()
        if self.value() == "expired":
            return queryset.filter(status=Article.Status.PUBLISHED, expires_at__lte=timezone.now())
        return queryset


class ArticleForm(forms.ModelForm):
    substantive = forms.BooleanField(
        label="Substantive change",
        required=False,
        help_text="Tick to move the “Updated” time readers see to now. Leave it for typo fixes.",
    )

    # Set for each request by ArticleAdmin.get_form.
    user = None
    transition_name = ""
    live_version = None  # the version before a revert, which rewrites the row in the database

    class Meta:
        widgets = {"version": forms.HiddenInput}
        error_messages = {
            "title": {
                "max_length": "Keep the title to %(limit_value)d characters or fewer "
                "(this one has %(show_value)d). Nothing was saved; your text is still here."
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "version" in self.fields:
            self.fields["version"].required = False
        if "title" in self.fields:
            # The browser would cut a pasted title silently; the server says so instead.
            self.fields["title"].widget.attrs.pop("maxlength", None)
        if self.live_version is not None:
            self.initial["version"] = self.live_version

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk:
            self._refuse_stale_save(cleaned_data.get("version"))
        if self.transition_name:
            self._check_transition()
        return cleaned_data

    def _refuse_stale_save(self, seen):
        live = self.live_version
        if live is None:
            # Locked until this save commits, so two saves cannot both pass the check.
            live = (
                Article.objects.select_for_update()
                .filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .get()
            )
        if seen != live:
            # Saving again from this form then knowingly replaces the other editor's version.
            self.data = self.data.copy()
            self.data[self.add_prefix("version")] = live
            raise ValidationError(stale_save_message(self.instance.pk, seen))

    def _check_transition(self):
        transition = TRANSITIONS.get(self.transition_name)
        status = self.instance.status
        if transition is None or status not in transition.sources:
            raise ValidationError(
                f"This step is not available: the article is {Article.Status(status).label.lower()}."
            )
        if transition not in allowed_transitions(self.user, status):
            raise ValidationError(
                "Only chief editors can publish, unpublish or schedule articles. "
                "Submit it for review instead."
            )
        # Applied in save_model; the section check of the formset reads it.
        self.instance.next_status = transition.target


def stale_save_message(article_id, seen_version):
    """Who saved the article since this editor opened it, and what they changed."""
    versions = list(revisions.versions_of(article_id)[:50])
    if not versions:
        return "Someone else saved this article while you were editing. Nothing was saved."
    latest = versions[0]
    user = latest.revision.user
    who = (user.get_full_name() or user.get_username()) if user else "Someone"
    when = timezone.localtime(latest.revision.date_created)
    message = f"{who} saved this article at {when:%H:%M} while you were editing"
    seen = next((v for v in versions if v.field_dict.get("version") == seen_version), None)
    if seen and seen != latest:
        changed = revisions.changed_names(revisions.compare(seen, latest))
        if changed:
            message += f" and changed: {changed}"
    return (
        f"{message}. Nothing was saved; your changes are still in the form below. "
        "Compare them with the current version (open History in a new tab), "
        "then save again to replace it with yours."
    )


def step_note(article, step):
    """What a workflow step did, in the editors' words, for the history."""
    if step == "publish" and not article.is_public:
        when = timezone.localtime(article.published_at)
        return f"Scheduled: visitors see it from {when:%d %b %Y, %H:%M} ({ZONE_NOTE[:-1]})."
    return TRANSITIONS[step].message


@admin.action(description="Publish the selected articles now", permissions=["publish"])
def publish(modeladmin, request, queryset):
    empty = queryset.annotate(n=Count("sections")).filter(n=0)
    if empty.exists():
        titles = ", ".join(f"“{article.title}”" for article in empty)
        modeladmin.message_user(
            request,
            f"Nothing was published. {NO_SECTIONS_MESSAGE} Add sections to: {titles}.",
            messages.ERROR,
        )
        return
    articles = list(queryset)
    for article in articles:
        # One save each, so every article gets a revision and a new version.
        article.status = Article.Status.PUBLISHED
        article.save()
        modeladmin.log_change(request, article, f"{step_note(article, 'publish')} (article list)")
    modeladmin.message_user(request, f"Published {len(articles)} article(s).", messages.SUCCESS)


def unpublish_articles(modeladmin, request, articles, where):
    for article in articles:
        article.status = Article.Status.UNPUBLISHED
        article.save()
        modeladmin.log_change(request, article, f"{TRANSITIONS['unpublish'].message} ({where})")


@admin.action(description="Unpublish the selected articles…", permissions=["publish"])
def unpublish(modeladmin, request, queryset):
    articles = list(queryset.filter(status=Article.Status.PUBLISHED))
    if request.POST.get("post") != "yes" and articles:
        # Taking articles off the site is asked once more, as Django asks before deleting.
        context = {
            **modeladmin.admin_site.each_context(request),
            "opts": modeladmin.model._meta,
            "title": "Unpublish these articles?",
            "articles": articles,
            "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
        }
        return TemplateResponse(request, "admin/newsroom/article/unpublish_confirm.html", context)
    unpublish_articles(modeladmin, request, articles, "article list")
    modeladmin.message_user(
        request,
        f"Unpublished {len(articles)} article(s); visitors no longer see them.",
        messages.SUCCESS,
    )


class MarkdownImportForm(forms.Form):
    topic = forms.ModelChoiceField(Topic.objects.all())
    authors = forms.ModelMultipleChoiceField(
        Author.objects.all(),
        help_text="At least one: an article cannot be saved or published without an author.",
        error_messages={"required": NO_AUTHOR_MESSAGE},
    )
    document = forms.CharField(
        label="Markdown",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 24, "cols": 100}),
        help_text="Paste the document here, or choose a file below.",
    )
    file = forms.FileField(label="or a Markdown file", required=False)

    def clean(self):
        cleaned_data = super().clean()
        upload = cleaned_data.get("file")
        if upload:
            try:
                cleaned_data["document"] = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError as error:
                raise ValidationError(
                    "The file is not UTF-8 text. Save it as UTF-8 and try again."
                ) from error
            # A browser never re-sends a file: if the import fails, the text stays in the box.
            self.data = self.data.copy()
            self.data[self.add_prefix("document")] = cleaned_data["document"]
        if not cleaned_data.get("document", "").strip():
            raise ValidationError("Paste a Markdown document or choose a file.")
        return cleaned_data


@admin.register(Article)
class ArticleAdmin(NewsroomTimes, SortableAdminBase, VersionAdmin):
    form = ArticleForm
    list_display = (
        "title",
        "status",
        "topic",
        "byline",
        "published_at",
        "expires_at",
        "updated_at",
        "changed_by",
    )
    list_filter = (VisibilityFilter, "status", "topic", "authors", "tags")
    list_select_related = ("topic",)
    search_fields = ("title", "standfirst", "slug")
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("topic", "tags", "lead_image")
    # Shown right after the title and standfirst (see the change form template).
    inlines = (
        SectionInline,
        BylineInline,
        FAQInline,
        CitationInline,
        NoteInline,
        PreviewLinkInline,
    )
    actions = (publish, unpublish)
    change_list_template = "admin/newsroom/article/change_list.html"
    object_history_template = "admin/newsroom/article/object_history.html"
    # The first fieldset comes before the inlines, the others after them.
    fieldsets = (
        (None, {"fields": ("title", "standfirst", "lead_image")}),
        ("Topic and tags", {"fields": ("topic", "tags")}),
        (
            "Publishing",
            {
                "classes": ("collapse",),
                "fields": (
                    "status",
                    "published_at",
                    "expires_at",
                    "updated_at",
                    "substantive",
                    "version",
                ),
            },
        ),
        (
            "Address and search engines",
            {"classes": ("collapse",), "fields": ("slug",)},
        ),
    )

    def get_queryset(self, request):
        latest_revision = Version.objects.filter(
            content_type=ContentType.objects.get_for_model(Article),
            object_id=Cast(OuterRef("pk"), CharField()),
        ).order_by("-pk")
        return (
            super()
            .get_queryset(request)
            .prefetch_related("bylines__author")
            .annotate(last_editor=Subquery(latest_revision.values("revision__user__username")[:1]))
        )

    def get_readonly_fields(self, request, obj=None):
        # Status changes only through the buttons; only chief editors schedule.
        fields = ("status", "updated_at")
        return fields if can_publish(request.user) else (*fields, "published_at", "expires_at")

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        per_request = {
            "user": request.user,
            "transition_name": request.POST.get("_transition", ""),
            "live_version": getattr(request, "live_article_version", None),
        }
        return type(form.__name__, (form,), per_request)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "tags":
            # Each tag has its own remove button; select2's extra "clear all" sits inside
            # its list of tags, which screen readers then misread.
            field.widget.is_required = True
        return field

    def has_publish_permission(self, request):
        return can_publish(request.user)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The sections and FAQs are saved only now: index the article with them.
        index_articles(Article.objects.filter(pk=form.instance.pk))

    @admin.display(description="Authors")
    def byline(self, article):
        return ", ".join(byline.author.name for byline in article.bylines.all())

    @admin.display(description="Last changed by", ordering="last_editor")
    def changed_by(self, article):
        return article.last_editor or "—"

    def view_on_site(self, article):
        # Staff see drafts and scheduled articles through the preview, visitors never do.
        return article.get_preview_url()

    def save_model(self, request, obj, form, change):
        if form.cleaned_data.get("substantive"):
            obj.updated_at = timezone.now()
        next_status = getattr(obj, "next_status", None)
        if next_status:
            obj.status = next_status
        super().save_model(request, obj, form, change)
        if next_status:
            self.message_user(request, step_note(obj, form.transition_name), messages.SUCCESS)

    def construct_change_message(self, request, form, formsets, add=False):
        """The workflow step first, so History says who published or scheduled, and when."""
        message = super().construct_change_message(request, form, formsets, add)
        if not getattr(form.instance, "next_status", None):
            return message
        fields = (
            LogEntry(change_message=json.dumps(message)).get_change_message() if message else ""
        )
        return f"{step_note(form.instance, form.transition_name)} {fields}".strip()

    def save_formset(self, request, form, formset, change):
        if formset.model is PreviewLink:
            for link in formset.save(commit=False):
                link.created_by = link.created_by or request.user
                link.save()
            for link in formset.deleted_objects:
                link.delete()
            return
        super().save_formset(request, form, formset, change)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        status = obj.status if obj else Article.Status.DRAFT
        context["transitions"] = allowed_transitions(request.user, status)
        if obj is not None:
            # The side-by-side preview stays open across saves until the editor closes it.
            if request.GET.get("split") in ("0", "1"):
                request.session["article_split_preview"] = request.GET["split"] == "1"
            context["preview_url"] = obj.get_preview_url()
            context["split_preview"] = request.session.get("article_split_preview", False)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _stay_on_page_after_a_step(self, request):
        if "_transition" in request.POST:
            request.POST = request.POST.copy()
            request.POST["_continue"] = "1"

    def response_add(self, request, obj, post_url_continue=None):
        self._stay_on_page_after_a_step(request)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        self._stay_on_page_after_a_step(request)
        return super().response_change(request, obj)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # The revert rewrites the row; remember the version it had, to refuse stale saves.
        if object_id.isdigit():
            request.live_article_version = (
                Article.objects.filter(pk=object_id).values_list("version", flat=True).first()
            )
        return super().revision_view(request, object_id, version_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        versions = revisions.versions_of(object_id)
        return super().history_view(
            request, object_id, {"versions": versions, **(extra_context or {})}
        )

    def get_urls(self):
        own = [
            path(
                "<int:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="newsroom_article_compare",
            ),
            path(
                "<int:object_id>/unpublish/",
                self.admin_site.admin_view(self.unpublish_view),
                name="newsroom_article_unpublish",
            ),
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="newsroom_article_import",
            ),
        ]
        return own + super().get_urls()

    def compare_view(self, request, object_id):
        """Two revisions of one article, side by side as a readable diff."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        versions = revisions.versions_of(object_id)
        try:
            old = versions.get(pk=request.GET["old"])
            new = versions.get(pk=request.GET["new"])
        except (KeyError, ValueError, Version.DoesNotExist):
            messages.error(request, "Choose two revisions to compare, one in each column.")
            return redirect("admin:newsroom_article_history", object_id)
        if (old.revision.date_created, old.pk) > (new.revision.date_created, new.pk):
            old, new = new, old
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Compare revisions of “{new.object_repr}”",
            "object_id": object_id,
            "object_repr": new.object_repr,
            "old": old,
            "new": new,
            "comparison": revisions.compare(old, new),
        }
        return TemplateResponse(request, "admin/newsroom/article/revision_compare.html", context)

    def unpublish_view(self, request, object_id):
        """Asks before taking an article off the site; the change form links here."""
        article = get_object_or_404(Article, pk=object_id)
        if not (self.has_change_permission(request, article) and can_publish(request.user)):
            raise PermissionDenied
        change_url = reverse("admin:newsroom_article_change", args=[article.pk])
        if article.status != Article.Status.PUBLISHED:
            self.message_user(request, "This article is not published.", messages.WARNING)
            return redirect(change_url)
        if request.method == "POST":
            with transaction.atomic(), reversion.create_revision():
                reversion.set_user(request.user)
                unpublish_articles(self, request, [article], "confirmed")
            self.message_user(request, TRANSITIONS["unpublish"].message, messages.SUCCESS)
            return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Unpublish this article?",
            "articles": [article],
            "original": article,
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/newsroom/article/unpublish_confirm.html", context)

    def import_view(self, request):
        """Create a draft article from a Markdown document."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = MarkdownImportForm(request.POST or None, request.FILES or None)
        line_errors = False
        if request.method == "POST" and form.is_valid():
            try:
                article = import_article(
                    form.cleaned_data["document"],
                    topic=form.cleaned_data["topic"],
                    authors=form.cleaned_data["authors"],
                    user=request.user,
                )
            except ImportFailed as failure:
                form.add_error(None, failure.errors)
                line_errors = True
            else:
                self.message_user(
                    request,
                    f"Imported “{article.title}” as a draft. Check it, then submit it for review.",
                    messages.SUCCESS,
                )
                return redirect("admin:newsroom_article_change", article.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Import an article from Markdown",
            "form": form,
            "line_errors": line_errors,
        }
        return TemplateResponse(request, "admin/newsroom/article/import.html", context)
