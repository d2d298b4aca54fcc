from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "tracker.live"
    verbose_name = "Live bar"

    def ready(self):
        from tracker import pagecache

        from . import bar, models

        # In this order: on commit the shared bar state is dropped before the content
        # version moves, so a process that sees the new version never finds the old
        # state to keep in its memory (tracker/live/bar.py).
        bar.connect_invalidation()
        pagecache.watch_public_models(models.Banner, models.Counter)  # pages show the bar
