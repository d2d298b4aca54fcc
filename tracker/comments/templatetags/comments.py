import nh3
from django import template
from django.utils.html import linebreaks, urlize
from django.utils.safestring import mark_safe

from tracker.pagecache import content_version

from ..models import SCOPE, Comment
from ..threads import discussions_on, thread_page

register = template.Library()


@register.filter
def comment_html(text):
    """A reader's plain text as HTML: escaped, paragraphs, links marked as theirs (nofollow ugc)."""
    html = linebreaks(urlize(text, trim_url_limit=60, autoescape=True), autoescape=False)
    return mark_safe(
        nh3.clean(
            html,
            tags={"p", "br", "a"},
            attributes={"a": {"href"}},
            url_schemes={"http", "https"},
            link_rel="nofollow ugc noopener",
        )
    )


@register.simple_tag
def comment_discussion(article_pk):
    """Whether the article takes comments now, and the comments' version that what the page
    shows of them is kept under ({"open": ..., "version": ...}); None when they are off.

    No query: the settings of articles with comments on are kept per content version.
    """
    found = discussions_on().get(int(article_pk))
    if found is None:
        return None
    discussion, published_at = found
    return {"open": discussion.is_open(published_at), "version": content_version(SCOPE)}


@register.simple_tag
def comment_threads(article_pk):
    """The first page of the article's public comments: two queries, whatever their number."""
    page, threads = thread_page(article_pk)
    return {"page": page, "threads": threads}


@register.simple_tag
def comments_waiting():
    """How many comments wait for a moderator (the admin index)."""
    return Comment.objects.pending().count()
