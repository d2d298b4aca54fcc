from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "tracker.live"
    verbose_name = "Live coverage"

    def ready(self):
        from tracker import pagecache

        from . import bar, models

        # Every page shows the bar; the updates pages show digests too.
        pagecache.watch(models.Banner, models.Counter, models.DayDigest, scope="live")
        pagecache.schedule(bar.next_change)
