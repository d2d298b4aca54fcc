from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.flatpages.views import flatpage
from django.urls import include, path

from tracker.pagecache import public_page

footer_page = public_page(flatpage)

admin.site.site_header = "Tracker newsroom"
admin.site.site_title = "Tracker newsroom"
admin.site.index_title = "Editorial desk"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("tracker.live.urls")),
    path("", include("tracker.newsroom.urls")),
    # Footer pages, edited in the admin as flatpages; named so templates can link to them.
    # Pages editors add at other addresses are served by FlatpageFallbackMiddleware.
    path("about/", footer_page, {"url": "/about/"}, name="about"),
    path("contact/", footer_page, {"url": "/contact/"}, name="contact"),
    path("privacy/", footer_page, {"url": "/privacy/"}, name="privacy"),
    path("terms/", footer_page, {"url": "/terms/"}, name="terms"),
]

# Development only (static() adds nothing when DEBUG is off): production serves media
# from nginx or an object store (README, "Pictures").
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "tracker.errors.page_not_found"
handler500 = "tracker.errors.server_error"
