from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "tracker.live"
    verbose_name = "Live bar"

    def ready(self):
        from tracker import pagecache

        from . import bar, models

        bar.connect_invalidation()
        pagecache.watch_public_models(models.Banner, models.Counter)  # pages show the bar
