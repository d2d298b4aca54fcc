from adminsortable2.admin import (
    CustomInlineFormSet,
    SortableAdminBase,
    SortableStackedInline,
    SortableTabularInline,
)
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils import timezone

from tracker.pagecache import bump_content_version

from .models import FAQ, Article, Author, Byline, Citation, Section, Source, Tag, Topic
from .search import index_articles

NO_SECTIONS_MESSAGE = "An article needs at least one section before it can be published."


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


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("publisher", "title", "url")
    search_fields = ("publisher", "title", "url")


class BylineInline(SortableTabularInline):
    model = Byline
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
        if self.instance.status == Article.Status.PUBLISHED and not remaining:
            raise ValidationError(NO_SECTIONS_MESSAGE)


class SectionInline(SortableStackedInline):
    model = Section
    formset = SectionFormSet
    fields = ("heading", "anchor", "body")
    prepopulated_fields = {"anchor": ("heading",)}
    extra = 0
    verbose_name_plural = "sections (drag to reorder)"


class FAQInline(SortableStackedInline):
    model = FAQ
    fields = ("question", "answer")
    extra = 0
    verbose_name_plural = "FAQs (drag to reorder)"


class CitationInline(SortableTabularInline):
    model = Citation
    autocomplete_fields = ("source",)
    extra = 0
    verbose_name = "source"
    verbose_name_plural = "sources (drag to reorder)"


@admin.action(description="Publish the selected articles now")
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
    now = timezone.now()
    scheduled = queryset.filter(published_at__isnull=False)
    immediate = queryset.filter(published_at__isnull=True)
    count = scheduled.update(status=Article.Status.PUBLISHED, modified_at=now)
    count += immediate.update(status=Article.Status.PUBLISHED, published_at=now, modified_at=now)
    bump_content_version()  # update() sends no signals
    modeladmin.message_user(request, f"Published {count} article(s).", messages.SUCCESS)


@admin.action(description="Unpublish the selected articles")
def unpublish(modeladmin, request, queryset):
    count = queryset.filter(status=Article.Status.PUBLISHED).update(
        status=Article.Status.UNPUBLISHED, modified_at=timezone.now()
    )
    bump_content_version()  # update() sends no signals
    modeladmin.message_user(
        request, f"Unpublished {count} article(s); visitors no longer see them.", messages.SUCCESS
    )


@admin.register(Article)
class ArticleAdmin(SortableAdminBase, admin.ModelAdmin):
    list_display = ("title", "status", "topic", "byline", "published_at", "updated_at")
    list_filter = ("status", "topic", "authors", "tags")
    list_select_related = ("topic",)
    search_fields = ("title", "standfirst", "slug")
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("topic", "tags")
    inlines = (BylineInline, SectionInline, FAQInline, CitationInline)
    actions = (publish, unpublish)
    fieldsets = (
        (None, {"fields": ("title", "slug", "standfirst", "topic", "tags")}),
        ("Publishing", {"fields": ("status", "published_at", "updated_at")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("bylines__author")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The sections and FAQs are saved only now: index the article with them.
        index_articles(Article.objects.filter(pk=form.instance.pk))

    @admin.display(description="Authors")
    def byline(self, article):
        return ", ".join(byline.author.name for byline in article.bylines.all())

    def view_on_site(self, article):
        # Staff see drafts and scheduled articles through the preview, visitors never do.
        return article.get_preview_url()
