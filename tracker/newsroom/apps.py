from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "tracker.newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        from tracker import pagecache

        from . import models

        pagecache.watch_public_models(
            models.Article, models.Section, models.FAQ, models.Citation, models.Byline,
            models.Source, models.Author, models.Topic, models.Tag, models.Note,
        )  # fmt: skip
        # The footer pages, and the sitemap that lists them.
        from django.contrib.flatpages.models import FlatPage

        pagecache.watch_public_models(FlatPage)
