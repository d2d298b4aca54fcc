"""Demo comments: two articles take comments, one with a discussion and work for the moderators."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from tracker.newsroom.models import Article

from .models import Comment, Discussion, Reader, Report

WITH_COMMENTS = "frontline-dynamics-pokrovsk"
WITHOUT_COMMENTS_YET = "european-security-guarantees"

READERS = (
    ("lesia.demo@example.org", "Lesia from Dnipro"),
    ("marek.demo@example.org", "Marek W."),
    ("anon.demo@example.org", ""),
    ("loud.demo@example.org", "TruthSeeker99"),
)

# (reader index, status, text, reply to the comment at this index or None)
COMMENTS = (
    (0, Comment.Status.APPROVED,
     "The map of the approaches is the clearest I have seen. Could you add the rail line "
     "that supplies the town? It explains why both sides care so much about it.", None),
    (1, Comment.Status.APPROVED,
     "Good point about the rail line. Local channels said the station has been out of use "
     "since the summer, so the roads carry most of the supplies now.", 0),
    (2, Comment.Status.APPROVED,
     "Thank you for listing your sources at the end. It makes it easy to check the claims "
     "against the original reports.", None),
    (1, Comment.Status.PENDING,
     "How often is this page updated? I come back every morning and would like to know "
     "which parts changed overnight.", None),
    (3, Comment.Status.PENDING,
     "Everything here is invented, read the real story at http://example.invalid/truth "
     "and http://example.invalid/more", None),
    (2, Comment.Status.PENDING,
     "The humanitarian corridor mentioned in the third section: is it still open?", 2),
)  # fmt: skip


def create_demo_comments():
    """Add the demo discussion if it is missing; return how many comments were added."""
    articles = {
        a.slug: a for a in Article.objects.filter(slug__in=[WITH_COMMENTS, WITHOUT_COMMENTS_YET])
    }
    if WITHOUT_COMMENTS_YET in articles:
        Discussion.objects.get_or_create(
            article=articles[WITHOUT_COMMENTS_YET], defaults={"enabled": True}
        )
    article = articles.get(WITH_COMMENTS)
    if article is None or Discussion.objects.filter(article=article).exists():
        return 0
    Discussion.objects.create(article=article, enabled=True)
    readers = [reader(email, name) for email, name in READERS]
    start = timezone.now() - timedelta(hours=len(COMMENTS) + 1)
    made = []
    for n, (who, status, text, parent) in enumerate(COMMENTS):
        made.append(
            Comment.objects.create(
                article=article,
                reader=readers[who],
                status=status,
                body=text,
                parent=made[parent] if parent is not None else None,
                created_at=start + timedelta(hours=n),
            )
        )
    Report.objects.create(
        comment=made[2],
        reader=readers[3],
        reason=Report.Reason.DISINFORMATION,
        note="This commenter works for the newspaper.",
    )
    return len(made)


def reader(email, name):
    found = Reader.objects.filter(email=email).first()
    if found is not None:
        return found
    user = get_user_model().objects.create_user(f"reader-demo-{email.split('@')[0]}")
    return Reader.objects.create(user=user, email=email, display_name=name)
