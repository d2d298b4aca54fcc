from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "tracker.live"
    verbose_name = "Live bar"

    def ready(self):
        from tracker import pagecache

        from . import bar, models

        pagecache.watch(models.Banner, models.Counter)  # every page shows the bar
        pagecache.schedule(bar.next_change)
