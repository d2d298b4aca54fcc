from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "tracker.pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from . import checks  # noqa: F401  (registers the deploy check)
