"""The moderation queue in the admin: oldest first, approve or reject in bulk, block readers."""

import pytest
from django.contrib.auth.models import Group

from tracker.comments.models import Comment, Discussion, Report

from .comments_helpers import (
    commented_article,
    comments_url,
    make_comment,
    make_reader,
    reader_client,
)
from .conftest import member_client

pytestmark = pytest.mark.django_db

QUEUE = "/admin/comments/comment/"


@pytest.fixture
def moderator(django_user_model):
    return member_client(django_user_model, "Mia", "Moderators")


def act(client, action, comments, **extra):
    data = {"action": action, "_selected_action": [c.pk for c in comments], "index": 0, **extra}
    return client.post(QUEUE, data)


def test_moderators_and_editors_may_moderate_and_only_editors_set_comments():
    moderators = set(
        Group.objects.get(name="Moderators").permissions.values_list("codename", flat=True)
    )
    assert {"view_comment", "change_comment", "change_reader"} <= moderators
    assert "change_discussion" not in moderators and "delete_comment" not in moderators
    for name in ("Editors", "Chief editors"):
        editors = set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))
        assert moderators | {"add_discussion", "change_discussion"} <= editors


def test_the_queue_lists_waiting_comments_oldest_first_with_article_and_reader(moderator):
    article = commented_article(title="Grain corridor")
    first = make_comment(article, reader=make_reader(email="first@example.net"),
                         status=Comment.Status.PENDING, body="Oldest waiting")  # fmt: skip
    make_comment(article, status=Comment.Status.PENDING, body="Newer waiting")
    make_comment(article, body="Already approved")
    html = moderator.get(QUEUE).content.decode()
    assert html.index("Oldest waiting") < html.index("Newer waiting")
    assert "Already approved" not in html
    assert "Grain corridor" in html and "first@example.net" in html
    assert first.pk


def test_a_queue_of_fifty_is_approved_in_one_action(
    moderator, client, django_capture_on_commit_callbacks
):
    article = commented_article()
    waiting = [
        make_comment(article, status=Comment.Status.PENDING, body=f"Waiting {n}") for n in range(50)
    ]
    client.get(article.get_absolute_url())  # cached without them
    with django_capture_on_commit_callbacks(execute=True):
        response = act(moderator, "approve", waiting)
    assert response.status_code == 302
    assert Comment.objects.filter(status=Comment.Status.APPROVED).count() == 50
    assert all(c.moderated_by_id == moderator.user.pk for c in Comment.objects.all())
    assert b"Waiting 49" in client.get(article.get_absolute_url()).content


def test_rejecting_asks_for_a_reason_and_shows_it_to_the_author(moderator, client):
    article = commented_article()
    reader = make_reader()
    comments = [
        make_comment(article, reader=reader, status=Comment.Status.PENDING) for _ in range(3)
    ]
    ask = act(moderator, "reject", comments)
    assert ask.status_code == 200 and b"Why are they rejected?" in ask.content
    missing = act(moderator, "reject", comments, why="1", reason="")
    assert b"Give a reason" in missing.content
    assert not Comment.objects.filter(status=Comment.Status.REJECTED).exists()
    done = act(moderator, "reject", comments, why="1", reason="Off topic")
    assert done.status_code == 302
    assert set(Comment.objects.values_list("status", "rejection_reason")) == {
        ("rejected", "Off topic")
    }
    panel = reader_client(reader).get(comments_url(article)).content
    assert b"Not published: Off topic" in panel


def test_a_free_reason_can_be_given(moderator):
    comment = make_comment(commented_article(), status=Comment.Status.PENDING)
    act(moderator, "reject", [comment], why="1", reason="", other="Names a private person")
    comment.refresh_from_db()
    assert comment.rejection_reason == "Names a private person"


def test_one_comment_is_moderated_from_its_own_page_and_a_rejection_needs_a_reason(moderator):
    comment = make_comment(commented_article(), status=Comment.Status.PENDING)
    url = f"{QUEUE}{comment.pk}/change/"
    response = moderator.post(url, {"status": "rejected", "rejection_reason": "",
                                     "reports-TOTAL_FORMS": 0, "reports-INITIAL_FORMS": 0})  # fmt: skip
    assert response.status_code == 200 and b"Give a reason" in response.content
    response = moderator.post(url, {"status": "approved", "rejection_reason": "",
                                    "reports-TOTAL_FORMS": 0, "reports-INITIAL_FORMS": 0})  # fmt: skip
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == "approved" and comment.moderated_by_id == moderator.user.pk


def test_reported_comments_are_flagged_and_can_be_listed_alone(moderator):
    article = commented_article()
    reported = make_comment(article, body="Reported one")
    make_comment(article, body="Quiet one")
    Report.objects.create(comment=reported, reader=make_reader(), reason="abuse")
    html = moderator.get(QUEUE + "?status=all").content.decode()
    assert "⚑ 1" in html
    only = moderator.get(QUEUE + "?status=all&reported=yes").content.decode()
    assert "Reported one" in only and "Quiet one" not in only


def test_blocking_a_reader_rejects_their_waiting_comments_and_refuses_new_ones(moderator):
    article = commented_article()
    reader = make_reader()
    waiting = make_comment(article, reader=reader, status=Comment.Status.PENDING)
    published = make_comment(article, reader=reader)
    act(moderator, "block_authors", [waiting])
    reader.refresh_from_db()
    assert reader.is_blocked
    waiting.refresh_from_db()
    published.refresh_from_db()
    assert waiting.status == "rejected" and published.status == "approved"
    response = reader_client(reader).post(comments_url(article), {"body": "New", "website": ""})
    assert b"can no longer post" in response.content and b"New" in response.content
    assert Comment.objects.count() == 2


def test_readers_can_be_blocked_and_unblocked_from_their_list(moderator):
    reader = make_reader()
    data = {"_selected_action": [reader.pk], "index": 0}
    moderator.post("/admin/comments/reader/", {"action": "block_readers", **data})
    reader.refresh_from_db()
    assert reader.is_blocked
    moderator.post("/admin/comments/reader/", {"action": "unblock_readers", **data})
    reader.refresh_from_db()
    assert not reader.is_blocked


def test_the_admin_index_says_how_many_comments_wait(moderator):
    article = commented_article()
    for _ in range(3):
        make_comment(article, status=Comment.Status.PENDING)
    make_comment(article)
    assert b"3 comments wait for moderation" in moderator.get("/admin/").content


def test_the_queue_costs_the_same_with_few_or_many_comments(
    moderator, django_assert_max_num_queries
):
    article = commented_article()
    make_comment(article, status=Comment.Status.PENDING)
    moderator.get(QUEUE)
    with django_assert_max_num_queries(20) as few:
        moderator.get(QUEUE)
    for _ in range(30):
        make_comment(article, status=Comment.Status.PENDING)
    with django_assert_max_num_queries(len(few.captured_queries)):
        moderator.get(QUEUE)


def test_an_editor_turns_comments_on_for_an_article(
    editor_client, client, django_capture_on_commit_callbacks
):
    from .factories import make_article

    article = make_article()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            "/admin/comments/discussion/add/",
            {"article": article.pk, "enabled": "on", "close_after_days": "7"},
        )
    assert response.status_code == 302
    discussion = Discussion.objects.get()
    assert discussion.enabled and discussion.close_after_days == 7
    assert b'id="comments"' in client.get(article.get_absolute_url()).content


def test_a_moderator_cannot_change_comment_settings(moderator):
    assert moderator.get("/admin/comments/discussion/add/").status_code == 403


def test_a_moderator_renames_a_reader_and_pages_show_the_new_name(
    moderator, client, django_capture_on_commit_callbacks
):
    article = commented_article()
    reader = make_reader(display_name="Rude name")
    make_comment(article, reader=reader)
    assert b"Rude name" in client.get(article.get_absolute_url()).content
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator.post(
            f"/admin/comments/reader/{reader.pk}/change/", {"display_name": "Renamed"}
        )
    assert response.status_code == 302
    page = client.get(article.get_absolute_url()).content
    assert b"Renamed" in page and b"Rude name" not in page


def test_the_comment_settings_list_says_how_many_wait_per_article(editor_client):
    article = commented_article(title="Front line at dawn")
    for _ in range(2):
        make_comment(article, status=Comment.Status.PENDING)
    make_comment(article)
    html = editor_client.get("/admin/comments/discussion/").content.decode()
    assert "Front line at dawn" in html
    assert '<td class="field-waiting">2</td>' in html
