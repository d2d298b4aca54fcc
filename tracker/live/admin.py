from django.contrib import admin, messages

from tracker.newsroom.admin import NewsroomTimes

from .bar import current_bar
from .forms import BannerForm
from .models import Banner, Counter, DayDigest, Revision


@admin.register(Counter)
class CounterAdmin(admin.ModelAdmin):
    list_display = ("label", "start_date", "time_zone", "poll_interval", "coverage_ended_at")

    def has_add_permission(self, request):
        # The bar shows one counter: edit it rather than adding another.
        return super().has_add_permission(request) and not Counter.objects.exists()


@admin.action(description="Retract the selected updates (they leave the bar and every page)")
def retract(modeladmin, request, queryset):
    for banner in queryset.filter(retracted_at__isnull=True):
        banner.retract(request.user)
    modeladmin.message_user(
        request, "Retracted. Open pages drop them within one refresh.", messages.SUCCESS
    )


class RevisionInline(admin.TabularInline):
    """Earlier versions of an update's text, kept by every edit; never changed here."""

    model = Revision
    fields = ("replaced_at", "replaced_by", "kind", "headline", "body")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Banner)
class BannerAdmin(NewsroomTimes, admin.ModelAdmin):
    form = BannerForm
    inlines = (RevisionInline,)
    list_display = (
        "headline",
        "kind",
        "key_event",
        "pinned",
        "state",
        "published_at",
        "expires_at",
        "published_by",
        "retracted_by",
    )
    list_filter = ("kind", "key_event", "pinned", "published_at")
    list_select_related = ("published_by", "retracted_by")
    search_fields = ("headline", "body")
    date_hierarchy = "published_at"
    autocomplete_fields = ("article",)
    readonly_fields = ("published_by", "edited_at", "retracted_at", "retracted_by")
    actions = (retract,)

    @admin.display(description="State")
    def state(self, banner):
        return "Live" if banner.pk == current_bar().banner_id else banner.get_state_display()

    def save_model(self, request, obj, form, change):
        if not change:
            obj.published_by = request.user
        obj.editor = request.user  # an edit of the text records who made it
        super().save_model(request, obj, form, change)


@admin.register(DayDigest)
class DayDigestAdmin(admin.ModelAdmin):
    """Text for a day's "at a glance", instead of its key events."""

    list_display = ("date", "text")
    date_hierarchy = "date"
