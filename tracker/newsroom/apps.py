from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "tracker.newsroom"
    verbose_name = "Newsroom"
