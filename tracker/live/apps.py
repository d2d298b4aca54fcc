from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "tracker.live"
    verbose_name = "Live bar"

    def ready(self):
        from . import bar

        bar.connect_invalidation()
