"""Retire cached pages when what readers see of the comments changes, and only then."""

from django.db.models.signals import post_delete, post_save

from tracker.pagecache.version import move_version

from .models import Comment


def comment_changed(sender, instance, **kwargs):
    """A comment that is or was public moves the content version; a pending one does not."""
    if instance.status in Comment.PUBLIC or getattr(instance, "was_public", False):
        move_version()
    instance.was_public = instance.status in Comment.PUBLIC


def connect():
    post_save.connect(comment_changed, sender=Comment, dispatch_uid="comments-public-save")
    post_delete.connect(comment_changed, sender=Comment, dispatch_uid="comments-public-delete")
