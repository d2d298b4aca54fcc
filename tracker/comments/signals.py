"""Retire cached pages when what readers see of the comments changes, and only then."""

from django.db.models.signals import post_delete, post_save

from tracker import pagecache
from tracker.newsroom.models import Article

from .models import SCOPE, Comment, Discussion


def comment_changed(sender, instance, **kwargs):
    """A comment that is or was public moves the content version; a pending one does not."""
    if instance.status in Comment.PUBLIC or getattr(instance, "was_public", False):
        pagecache.move(SCOPE)
    instance.was_public = instance.status in Comment.PUBLIC


def article_saved(sender, instance, **kwargs):
    """A commented article's publish time says when its comments close: keep it fresh."""
    if Discussion.objects.filter(pk=instance.pk, enabled=True).exists():
        pagecache.move(SCOPE)


def connect():
    post_save.connect(comment_changed, sender=Comment, dispatch_uid="comments-public-save")
    post_delete.connect(comment_changed, sender=Comment, dispatch_uid="comments-public-delete")
    post_save.connect(article_saved, sender=Article, dispatch_uid="comments-article-save")
