"""The public comments of an article, a page of threads at a time, in a fixed number of queries."""

from django.conf import settings
from django.core.cache import caches
from django.core.paginator import Paginator
from django.db.models import Q

from tracker.pagecache import content_version

from .models import SCOPE, Comment, Discussion

THREADS_PER_PAGE = 50


def thread_page(article_pk, number=1):
    """A page of top-level public comments, each with its public replies in `thread_replies`.

    Two queries whatever the number of comments: the count, then the page's comments and
    their replies together (the page's ids are a subquery).
    """
    threads = Comment.objects.public().filter(article_id=article_pk, parent=None)
    page = Paginator(threads, THREADS_PER_PAGE).get_page(number)
    offset = (page.number - 1) * THREADS_PER_PAGE
    ids = threads.values("pk")[offset : offset + THREADS_PER_PAGE]
    rows = list(
        Comment.objects.public()
        .filter(article_id=article_pk)
        .filter(Q(pk__in=ids) | Q(parent__in=ids))
        .select_related("reader")
    )
    replies = {}
    for row in rows:
        if row.parent_id is not None:
            replies.setdefault(row.parent_id, []).append(row)
    tops = [row for row in rows if row.parent_id is None]
    for top in tops:
        top.thread_replies = replies.get(top.pk, [])
    return page, tops


DISCUSSIONS_KEY = "comments:discussions:{version}"


def discussions_on():
    """Articles whose comments are on: {article id: (their settings, its publish time)}.

    Read once per version of the comments (which saving a commented article moves too, for
    its publish time: signals.py) and kept like the bar's state: an article whose comments
    are off costs its page no query, neither a banner nor another article's edit costs this
    a read, and the page never needs the article itself to know whether comments are open.
    """
    return caches["kept"].get_or_set(
        DISCUSSIONS_KEY.format(version=content_version(SCOPE)),
        lambda: {
            discussion.pk: (discussion, discussion.article.published_at)
            for discussion in Discussion.objects.filter(enabled=True)
            .select_related("article")
            .only("enabled", "closed", "close_after_days", "article__published_at")
        },
        timeout=settings.PAGE_CACHE_SECONDS or 60,
    )
