from tracker.pagecache import once_per_version

from .models import Topic


def navigation_topics():
    """The topics, in order. They change about never, so they are read once per content
    version (any public change moves it) and kept in this process's memory."""
    return once_per_version("nav-topics", lambda: list(Topic.objects.all()))
