from django.conf import settings
from django.core.cache import caches
from django.utils.functional import SimpleLazyObject

from tracker.pagecache import content_version

from .models import Topic

NAVIGATION_KEY = "newsroom:topics:{version}"


def navigation_topics():
    """The topics in the site's navigation; read once per content version (a topic's
    change moves it) and kept in Django's cache."""
    return caches["kept"].get_or_set(
        NAVIGATION_KEY.format(version=content_version("newsroom")),
        lambda: list(Topic.objects.all()),
        timeout=settings.PAGE_CACHE_SECONDS or 60,
    )


def site(request):
    return {
        "site_name": settings.SITE_NAME,
        "nav_topics": SimpleLazyObject(navigation_topics),
        "fragment_seconds": settings.FRAGMENT_CACHE_SECONDS,  # for {% cache %}
        # What the header and footer vary on: the newsroom's changes move it, a banner does not.
        "newsroom_version": SimpleLazyObject(lambda: content_version("newsroom")),
    }
