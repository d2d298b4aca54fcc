"""An article's `modified_at` moves whenever anything its page shows changes: its own
fields, a part (section, FAQ, note, byline, citation), its tags, or the name of a
source, author, tag, topic or picture it shows (a picture's alt text, caption, credit or
focal point). The article page keeps its rendered content
under that time, so an edit anywhere shows at once.

The touch is an update(), not a save(): it is no edit of the article (its version, which
guards concurrent saves, and its revision history stay as they were).
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from .models import (
    FAQ,
    Article,
    Author,
    Byline,
    Citation,
    Image,
    Note,
    Section,
    Source,
    Tag,
    Topic,
)

PARTS = (Section, FAQ, Note, Byline, Citation)
# What an article page shows of other rows, and how to find the articles that show it.
SHOWN = {Source: "citations__source", Author: "bylines__author", Tag: "tags", Topic: "topic"}


def touch(articles):
    articles.update(modified_at=timezone.now())


def part_changed(sender, instance, **kwargs):
    touch(Article.objects.filter(pk=instance.article_id))


def shown_row_changed(sender, instance, **kwargs):
    touch(Article.objects.filter(**{SHOWN[sender]: instance}))


def image_changed(sender, instance, **kwargs):
    # Its lead image, a section's figure or an author's photo; pk__in, as update() refuses
    # a distinct join.
    touch(Article.objects.filter(pk__in=instance.articles_using().values("pk")))


def tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not reverse and action.startswith("post_"):  # an article's tags
        touch(Article.objects.filter(pk=instance.pk))
    elif reverse and action == "pre_clear":  # a tag's articles, while they are still linked
        touch(Article.objects.filter(tags=instance))
    elif reverse and action.startswith("post_") and pk_set:
        touch(Article.objects.filter(pk__in=pk_set))


def connect():
    for model in PARTS:
        post_save.connect(part_changed, sender=model, dispatch_uid=f"touch-{model.__name__}")
        post_delete.connect(part_changed, sender=model, dispatch_uid=f"touch-del-{model.__name__}")
    for model in SHOWN:
        post_save.connect(shown_row_changed, sender=model, dispatch_uid=f"touch-{model.__name__}")
    post_save.connect(image_changed, sender=Image, dispatch_uid="touch-Image")
    m2m_changed.connect(tags_changed, sender=Article.tags.through, dispatch_uid="touch-tags")
