from django.conf import settings
from django.utils.functional import SimpleLazyObject

from tracker.pagecache import once_per_version

from .models import Topic


def navigation_topics():
    """The topics, in order. They change about never, so they are read once per content
    version (any public change moves it) and kept in this process's memory."""
    return once_per_version("nav-topics", lambda: list(Topic.objects.all()))


def site_navigation(request):
    """The site's name and topic list, for the header and footer of every page."""
    return {"site_name": settings.SITE_NAME, "nav_topics": SimpleLazyObject(navigation_topics)}


def canonical_url(request):
    """This page's address without its query string, for canonical links and sharing.

    Built only when a template shows it: the 400 page answers requests whose Host header
    is not allowed, and building an address from that header would raise again (a 500).
    """
    return {"canonical_url": SimpleLazyObject(lambda: request.build_absolute_uri(request.path))}
