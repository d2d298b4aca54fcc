from django.conf import settings
from django.contrib import admin
from django.contrib.flatpages.views import flatpage
from django.http import Http404
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.views.static import serve

from tracker.pagecache import public_page

footer_page = public_page(flatpage)

admin.site.site_header = "Tracker newsroom"
admin.site.site_title = "Tracker newsroom"
admin.site.index_title = "Editorial desk"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("tracker.live.urls")),
    path("", include("tracker.newsroom.urls")),
    path("", include("tracker.comments.urls")),
    # Footer pages, edited in the admin as flatpages; named so templates can link to them.
    # Pages editors add at other addresses are served by FlatpageFallbackMiddleware.
    path("about/", footer_page, {"url": "/about/"}, name="about"),
    path("contact/", footer_page, {"url": "/contact/"}, name="contact"),
    path("privacy/", footer_page, {"url": "/privacy/"}, name="privacy"),
    path("terms/", footer_page, {"url": "/terms/"}, name="terms"),
    # Tools that ask for /favicon.ico without reading the page's <link rel="icon">.
    path(
        "favicon.ico", public_page(lambda request: redirect(static("favicon.svg"), permanent=True))
    ),
]


def media(request, path):
    """Uploaded pictures, in development and `make serve` (SERVE_MEDIA); production serves
    them from nginx or an object store (README, "Pictures")."""
    if not settings.SERVE_MEDIA:
        raise Http404("Media files are served by the web server.")
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    # Names follow content (pictures.py): a file never changes under its name.
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    # Only images are stored, but should anything else appear there, it cannot run.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


if settings.MEDIA_URL.startswith("/"):
    urlpatterns.append(re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.+)$", media))

handler404 = "tracker.errors.page_not_found"
handler500 = "tracker.errors.server_error"
