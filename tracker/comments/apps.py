from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "tracker.comments"
    verbose_name = "Readers' comments"

    def ready(self):
        from tracker import pagecache

        from . import models, signals

        # Only what readers see moves the versions (signals.py): a pending comment does not
        # retire every cached page of the site.
        signals.connect()
        pagecache.watch(models.Discussion, scope=models.SCOPE)
        pagecache.schedule(models.Discussion.objects.next_closing)
