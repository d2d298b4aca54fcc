"""Error pages: the 404 without a query, and a 500/503 without the database."""

import sys

from django.conf import settings
from django.contrib.flatpages.middleware import FlatpageFallbackMiddleware
from django.contrib.flatpages.models import FlatPage
from django.core.cache import cache, caches
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse, HttpResponseNotFound
from django.template.loader import render_to_string
from django.views.defaults import server_error as django_server_error

from tracker.live.bar import state_key
from tracker.pagecache import content_version

DATABASE_DOWN = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 10


def page_not_found(request, exception):
    """The site's 404: the bar and topics come from the cache, so it costs no query."""
    return HttpResponseNotFound(render_to_string("404.html", request=request))


class SiteNotFoundPage:
    """Under debug too, a missing page gets the site's 404, not Django's list of URL patterns.

    Editors running `make run` preview the site as readers see it. Without debug Django
    already uses handler404, so this passes everything through.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # No resolver match: no URL pattern matched, and Django answered with its debug page.
        if settings.DEBUG and response.status_code == 404 and request.resolver_match is None:
            return page_not_found(request, None)
        return response

    def process_exception(self, request, exception):
        if settings.DEBUG and isinstance(exception, Http404):
            return page_not_found(request, exception)
        return None


class FlatpageFallback(FlatpageFallbackMiddleware):
    """Django's flatpage fallback, asked only for addresses that are flatpages.

    The addresses are read once per content version (a flatpage edit moves it), so a
    flood of made-up addresses costs no query at all.
    """

    def process_response(self, request, response):
        path = request.path_info
        if response.status_code == 404 and not {path, path + "/"} & flatpage_addresses():
            return response
        return super().process_response(request, response)


def flatpage_addresses():
    return cache.get_or_set(
        f"flatpages:addresses:{content_version()}",
        lambda: set(FlatPage.objects.filter(sites=settings.SITE_ID).values_list("url", flat=True)),
        timeout=settings.PAGE_CACHE_SECONDS or 60,
    )


def server_error(request, template_name="500.html"):
    """A 503 in the site's design when the database is unreachable; Django's 500 otherwise.

    The 503 page renders from templates and the cache alone. A form post that failed comes
    back with every field the user typed, and a button that sends it again.
    """
    if not isinstance(sys.exc_info()[1], DATABASE_DOWN):
        return django_server_error(request, template_name)
    posted = []
    if request.method == "POST":
        # Passwords and fields a view marks sensitive are never echoed; files cannot be kept.
        hidden = getattr(request, "sensitive_post_parameters", ())
        posted = [
            (key, value)
            for key, values in request.POST.lists()
            for value in values
            if hidden != "__ALL__" and key not in hidden and "password" not in key
        ]
    context = {
        "site_name": settings.SITE_NAME,
        # The last bar, if kept (the bar's markup too, under its version).
        "bar": caches["kept"].get(state_key()),
        "fragment_seconds": settings.FRAGMENT_CACHE_SECONDS,
        "posted": posted,
        "typed": [(key, value) for key, value in posted if key != "csrfmiddlewaretoken" and value],
        "action": request.get_full_path(),
    }
    response = HttpResponse(render_to_string("503.html", context), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
