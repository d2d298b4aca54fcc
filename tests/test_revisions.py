"""Every save is a revision: readable diffs, revert, recovery, and thinning old ones."""

from datetime import timedelta
from io import StringIO

import pytest
import reversion
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from tracker.newsroom.models import FAQ, Article, Citation, Section
from tracker.newsroom.revisions import word_diff

from .admin_forms import open_change_form, save
from .factories import make_article
from .html import form_data

pytestmark = pytest.mark.django_db


def revise(article, user=None):
    """Save the article and its parts as one revision, as the admin does."""
    with reversion.create_revision():
        reversion.set_user(user)
        article.save()
    return Version.objects.get_for_object(article).first()


def compare(client, article, old, new):
    url = reverse("admin:newsroom_article_compare", args=[article.pk])
    return client.get(url, {"old": old.pk, "new": new.pk})


def test_the_diff_shows_an_added_section_a_removed_faq_and_a_reordered_source(staff_client):
    article = make_article(sections=2, faqs=2, sources=3)
    first = revise(article)

    Section.objects.create(article=article, position=5, heading="Grain corridor", body="New text.")
    FAQ.objects.get(article=article, question="Question 2?").delete()
    citations = list(article.citations.all())
    Citation.objects.filter(pk=citations[2].pk).update(position=0)
    for position, citation in enumerate(citations[:2], 1):
        Citation.objects.filter(pk=citation.pk).update(position=position)
    Section.objects.filter(article=article, heading="Section 1").update(
        body="- **Point 0.** New words."
    )
    article.title = "A renamed article"
    second = revise(article)

    response = compare(staff_client, article, first, second)
    assert response.status_code == 200
    parts = response.context["comparison"]["parts"]
    assert [(c.kind, c.label) for c in parts["Sections"]] == [
        ("changed", "Section 1"),
        ("unchanged", "Section 2"),
        ("added", "Grain corridor"),
    ]
    assert [(c.kind, c.label) for c in parts["FAQs"]] == [
        ("unchanged", "Question 1?"),
        ("removed", "Question 2?"),
    ]
    moved = str(citations[2].source)
    assert [(c.kind, c.label) for c in parts["Sources"]][0] == ("moved", moved)
    assert {c.kind for c in parts["Sources"][1:]} == {"unchanged"}

    page = response.content.decode()
    assert '<span class="kind">added</span>' in page and "Grain corridor" in page
    assert '<span class="kind">removed</span>' in page
    assert '<span class="kind">moved</span>' in page
    assert '<del><span class="vh">removed: </span>Text.</del>' in page
    assert '<ins><span class="vh">added: </span>New words.</ins>' in page
    assert "A renamed article" in page


def test_the_order_of_revisions_chosen_does_not_matter(staff_client):
    article = make_article()
    first = revise(article)
    article.title = "Later title"
    second = revise(article)
    response = compare(staff_client, article, second, first)
    assert response.context["old"] == first and response.context["new"] == second


def test_word_diff_escapes_what_editors_typed():
    html = word_diff("<script>x</script> stays", "<b>bold</b> stays")
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;" in html


def test_comparing_without_choosing_two_revisions_says_so(staff_client):
    article = make_article()
    url = reverse("admin:newsroom_article_compare", args=[article.pk])
    response = staff_client.get(url, {"old": "x"}, follow=True)
    assert "Choose two revisions to compare" in response.content.decode()


def test_history_lists_who_saved_and_offers_a_comparison(editor_client):
    article = make_article()
    save(editor_client, article, open_change_form(editor_client, article), title="Second title")
    page = editor_client.get(
        reverse("admin:newsroom_article_history", args=[article.pk])
    ).content.decode()
    assert "Olena" in page and "Compare the chosen revisions" in page


def test_revert_restores_the_parts_and_becomes_a_new_revision(editor_client, client):
    article = make_article(sections=2, faqs=1, sources=0, title="Original title")
    save(editor_client, article, open_change_form(editor_client, article))
    original = Version.objects.get_for_object(article).first()

    data = open_change_form(editor_client, article)
    data |= {"title": "Rewritten title", "sections-1-DELETE": "on"}
    assert save(editor_client, article, data).status_code == 302
    assert article.sections.count() == 1
    revisions_before = Version.objects.get_for_object(article).count()

    url = reverse("admin:newsroom_article_revision", args=[article.pk, original.pk])
    form = form_data(editor_client.get(url).content.decode(), "article_form")
    assert form["title"] == "Original title"
    assert editor_client.post(url, form).status_code == 302

    article.refresh_from_db()
    assert article.title == "Original title"
    assert [s.heading for s in article.sections.all()] == ["Section 1", "Section 2"]
    assert Version.objects.get_for_object(article).count() == revisions_before + 1
    assert "Original title" in client.get(article.get_absolute_url()).content.decode()


def test_a_deleted_article_can_be_recovered_with_its_parts(staff_client):
    article = make_article(sections=3, faqs=2, title="Deleted by mistake")
    save(staff_client, article, open_change_form(staff_client, article))
    pk = article.pk
    delete_url = reverse("admin:newsroom_article_delete", args=[pk])
    assert staff_client.post(delete_url, {"post": "yes"}).status_code == 302
    assert not Article.objects.filter(pk=pk).exists()

    listing = staff_client.get(reverse("admin:newsroom_article_recoverlist")).content.decode()
    assert "Deleted by mistake" in listing
    version = Version.objects.get_deleted(Article).get()
    url = reverse("admin:newsroom_article_recover", args=[version.pk])
    form = form_data(staff_client.get(url).content.decode(), "article_form")
    assert staff_client.post(url, form).status_code == 302

    recovered = Article.objects.get(pk=pk)
    assert (recovered.sections.count(), recovered.faqs.count()) == (3, 2)


def test_prune_keeps_the_newest_and_the_live_revision():
    article = make_article(status=Article.Status.DRAFT)
    long_ago = timezone.now() - timedelta(days=90)
    versions = []
    with time_machine.travel(long_ago, tick=False) as clock:
        for status in ["draft", "published", "unpublished", "unpublished", "unpublished"]:
            article.status = status
            versions.append(revise(article))
            clock.shift(timedelta(hours=1))
    recent = revise(article)

    call_command("prune_revisions", keep=1, days=30, stdout=StringIO())
    kept = set(Version.objects.get_for_object(article).values_list("pk", flat=True))
    # The newest, the last one saved as published, and anything younger than 30 days stay.
    assert kept == {versions[1].pk, recent.pk}


def test_prune_never_removes_the_current_revision_of_a_live_article():
    article = make_article()
    with time_machine.travel(timezone.now() - timedelta(days=90)):
        live = revise(article)
    call_command("prune_revisions", keep=1, days=0, stdout=StringIO())
    assert list(Version.objects.get_for_object(article)) == [live]


def test_line_endings_alone_are_not_a_change(staff_client):
    article = make_article(sections=1, faqs=0, sources=0)
    Section.objects.filter(article=article).update(body="- One.\n- Two.")
    first = revise(article)
    Section.objects.filter(article=article).update(body="- One.\r\n- Two.")
    second = revise(article)
    parts = compare(staff_client, article, first, second).context["comparison"]["parts"]
    assert [c.kind for c in parts["Sections"]] == ["unchanged"]
