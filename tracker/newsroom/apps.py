from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "tracker.newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        from django.contrib.flatpages.models import FlatPage
        from django.db.models.signals import post_delete

        from tracker import pagecache

        from . import freshness, models, pictures

        pagecache.watch(
            models.Article, models.Section, models.FAQ, models.Citation, models.Byline,
            models.Source, models.Author, models.Topic, models.Tag, models.Note, models.Image,
            FlatPage,  # the footer pages, and the sitemap that lists them
            scope="newsroom",
        )  # fmt: skip
        pagecache.schedule(models.Article.objects.next_visibility_change)
        freshness.connect()
        # A deleted picture's files go too (a bulk delete in the admin sends this as well).
        post_delete.connect(pictures.image_deleted, sender=models.Image, dispatch_uid="image-files")
