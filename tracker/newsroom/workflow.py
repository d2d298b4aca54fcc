"""Editorial states: which step an editor may take next, and who may take it."""

from dataclasses import dataclass

from .models import Article

Status = Article.Status
PUBLISH_PERMISSION = "newsroom.publish_article"


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset
    target: str
    needs_publish_permission: bool
    message: str


TRANSITIONS = {
    t.name: t
    for t in (
        Transition(
            "submit",
            "Submit for review",
            frozenset({Status.DRAFT}),
            Status.IN_REVIEW,
            False,
            "Submitted for review: a chief editor can now publish it.",
        ),
        Transition(
            "return",
            "Return to draft",
            frozenset({Status.IN_REVIEW}),
            Status.DRAFT,
            False,
            "Returned to draft: it is no longer waiting for review.",
        ),
        Transition(
            "publish",
            "Publish or schedule",
            frozenset({Status.DRAFT, Status.IN_REVIEW, Status.UNPUBLISHED}),
            Status.PUBLISHED,
            True,
            "Published.",
        ),
        Transition(
            "unpublish",
            "Unpublish",
            frozenset({Status.PUBLISHED}),
            Status.UNPUBLISHED,
            True,
            "Unpublished: visitors no longer see it.",
        ),
        Transition(
            "redraft",
            "Back to draft",
            frozenset({Status.UNPUBLISHED}),
            Status.DRAFT,
            False,
            "Back to draft.",
        ),
    )
}


def can_publish(user):
    return user.has_perm(PUBLISH_PERMISSION)


def allowed_transitions(user, status):
    """The next steps this user may take from this status, in display order."""
    return [
        t
        for t in TRANSITIONS.values()
        if status in t.sources and (can_publish(user) or not t.needs_publish_permission)
    ]
