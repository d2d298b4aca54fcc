from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Tracker newsroom"
admin.site.site_title = "Tracker newsroom"
admin.site.index_title = "Editorial desk"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("tracker.live.urls")),
    path("", include("tracker.newsroom.urls")),
]
