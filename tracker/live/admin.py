from django.contrib import admin, messages

from tracker.newsroom.admin import NewsroomTimes

from .forms import BannerForm
from .models import Banner, Counter


@admin.register(Counter)
class CounterAdmin(admin.ModelAdmin):
    list_display = ("label", "start_date", "time_zone", "poll_interval")

    def has_add_permission(self, request):
        # The bar shows one counter: edit it rather than adding another.
        return super().has_add_permission(request) and not Counter.objects.exists()


@admin.action(description="Retract the selected banners (they leave the bar everywhere)")
def retract(modeladmin, request, queryset):
    for banner in queryset.filter(retracted_at__isnull=True):
        banner.retract(request.user)
    modeladmin.message_user(
        request, "Retracted. Open pages drop them within one refresh.", messages.SUCCESS
    )


@admin.register(Banner)
class BannerAdmin(NewsroomTimes, admin.ModelAdmin):
    form = BannerForm
    list_display = (
        "headline",
        "kind",
        "state",
        "published_at",
        "expires_at",
        "published_by",
        "retracted_by",
    )
    list_filter = ("kind", "published_at")
    list_select_related = ("published_by", "retracted_by")
    search_fields = ("headline",)
    date_hierarchy = "published_at"
    autocomplete_fields = ("article",)
    readonly_fields = ("published_by", "retracted_at", "retracted_by")
    actions = (retract,)

    @admin.display(description="State")
    def state(self, banner):
        return banner.state

    def save_model(self, request, obj, form, change):
        if not change:
            obj.published_by = request.user
        super().save_model(request, obj, form, change)
