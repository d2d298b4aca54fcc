from django.contrib import admin
from django.contrib.flatpages.views import flatpage
from django.urls import include, path

admin.site.site_header = "Tracker newsroom"
admin.site.site_title = "Tracker newsroom"
admin.site.index_title = "Editorial desk"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("tracker.live.urls")),
    path("", include("tracker.newsroom.urls")),
    # Footer pages, edited in the admin as flatpages; named so templates can link to them.
    # Pages editors add at other addresses are served by FlatpageFallbackMiddleware.
    path("about/", flatpage, {"url": "/about/"}, name="about"),
    path("contact/", flatpage, {"url": "/contact/"}, name="contact"),
    path("privacy/", flatpage, {"url": "/privacy/"}, name="privacy"),
    path("terms/", flatpage, {"url": "/terms/"}, name="terms"),
]
