import pytest
from django.urls import reverse
from django.utils import timezone

from tracker.newsroom.admin import NO_SECTIONS_MESSAGE
from tracker.newsroom.models import Article, Author, Source, Topic

from .factories import make_article, make_author, make_source, make_topic

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:newsroom_article_add")


def inline(prefix, rows):
    """POST data for one inline formset: management form plus one form per row."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{name}": value for name, value in row.items()})
    return data


def article_form(topic, authors, sources, *, sections=5, faqs=3, **fields):
    data = {
        "title": "Frontline dynamics in spring",
        "slug": "frontline-dynamics-in-spring",
        "standfirst": "Where the front moved, and why.",
        "topic": str(topic.pk),
        "status": "draft",
        **fields,
    }
    data |= inline("bylines", [{"author": a.pk, "position": i + 1} for i, a in enumerate(authors)])
    data |= inline(
        "sections",
        [
            {
                "heading": f"Part {i}",
                "anchor": f"part-{i}",
                "body": f"- **Lead {i}.** Detail.",
                "position": i + 1,
            }
            for i in range(sections)
        ],
    )
    data |= inline(
        "faqs",
        [{"question": f"Why {i}?", "answer": "Because.", "position": i + 1} for i in range(faqs)],
    )
    data |= inline(
        "citations", [{"source": s.pk, "position": i + 1} for i, s in enumerate(sources)]
    )
    return data | inline("notes", []) | inline("preview_links", [])


def test_an_editor_creates_previews_publishes_and_finds_an_article(staff_client, client):
    topic = make_topic("Frontline")
    authors = [make_author("Olena"), make_author("Mark")]
    sources = [make_source() for _ in range(4)]

    response = staff_client.post(ADD_URL, article_form(topic, authors, sources))
    assert response.status_code == 302, response.context["errors"]
    article = Article.objects.get(slug="frontline-dynamics-in-spring")
    assert (article.sections.count(), article.faqs.count(), article.citations.count()) == (5, 3, 4)
    assert [b.author for b in article.bylines.all()] == authors

    # "View on site" leads staff to the preview; visitors get nothing.
    change_page = staff_client.get(reverse("admin:newsroom_article_change", args=[article.pk]))
    assert (
        f'href="{article.get_preview_url()}" class="viewsitelink"' in change_page.content.decode()
    )
    preview = staff_client.get(article.get_preview_url())
    assert preview.status_code == 200
    assert "Preview, not published" in preview.content.decode()
    assert preview["X-Robots-Tag"].startswith("noindex")
    assert client.get(article.get_absolute_url()).status_code == 404
    assert client.get(article.get_preview_url()).status_code == 302  # to the login page

    response = staff_client.post(
        reverse("admin:newsroom_article_changelist"),
        {"action": "publish", "_selected_action": [article.pk]},
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED and article.is_public
    for url in ["/", topic.get_absolute_url()]:
        assert "Frontline dynamics in spring" in client.get(url).content.decode()
    assert "Preview, not published" not in client.get(article.get_absolute_url()).content.decode()


def test_reordering_sections_in_the_admin_changes_the_page(staff_client, client):
    article = make_article(sections=3, faqs=0, sources=0)
    sections = list(article.sections.all())
    url = reverse("admin:newsroom_article_change", args=[article.pk])
    data = {
        "title": article.title,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "topic": article.topic.pk,
        "status": article.status,
        "published_at": timezone.localtime(article.published_at).strftime("%Y-%m-%dT%H:%M"),
    }
    data |= inline("bylines", [])
    data["bylines-TOTAL_FORMS"] = data["bylines-INITIAL_FORMS"] = "1"
    data |= {
        "bylines-0-id": article.bylines.get().pk,
        "bylines-0-author": article.bylines.get().author.pk,
        "bylines-0-position": 1,
        "bylines-0-article": article.pk,
    }
    data |= inline(
        "sections",
        [
            {
                "id": s.pk,
                "article": article.pk,
                "heading": s.heading,
                "anchor": s.anchor,
                "body": s.body,
                "position": 3 - i,
            }
            for i, s in enumerate(sections)
        ],
    )
    data["sections-INITIAL_FORMS"] = "3"
    data |= inline("faqs", []) | inline("citations", []) | inline("notes", [])
    data |= inline("preview_links", []) | {"version": article.version}
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    page = client.get(article.get_absolute_url()).content.decode()
    assert page.index("Section 3") < page.index("Section 2") < page.index("Section 1")


def test_a_duplicate_slug_is_refused_in_plain_words(staff_client):
    existing = make_article()
    data = article_form(existing.topic, [make_author()], [], sections=1, faqs=0, slug=existing.slug)
    response = staff_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "Another article already uses this slug" in response.content.decode()
    assert data["title"] not in [a.title for a in Article.objects.all()]


def test_publishing_an_article_without_sections_is_refused_and_keeps_the_input(staff_client):
    data = article_form(
        make_topic(), [make_author()], [], sections=0, faqs=1, _transition="publish"
    )
    response = staff_client.post(ADD_URL, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert NO_SECTIONS_MESSAGE in page
    assert "Where the front moved, and why." in page  # the standfirst is still on the form
    assert not Article.objects.exists()


def test_the_publish_action_refuses_articles_without_sections(staff_client):
    article = make_article(sections=0, status=Article.Status.DRAFT)
    response = staff_client.post(
        reverse("admin:newsroom_article_changelist"),
        {"action": "publish", "_selected_action": [article.pk]},
        follow=True,
    )
    assert NO_SECTIONS_MESSAGE in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_unpublish_hides_the_article_from_visitors(staff_client, client):
    article = make_article()
    staff_client.post(
        reverse("admin:newsroom_article_changelist"),
        {"action": "unpublish", "_selected_action": [article.pk], "post": "yes"},
    )
    assert client.get(article.get_absolute_url()).status_code == 410  # withdrawn


@pytest.mark.parametrize("model", [Author, Topic, Source])
def test_deleting_something_still_in_use_is_refused_with_a_reason(staff_client, model):
    article = make_article()
    obj = {
        Author: lambda: article.bylines.get().author,
        Topic: lambda: article.topic,
        Source: lambda: article.citations.get().source,
    }[model]()
    url = reverse(f"admin:newsroom_{model._meta.model_name}_delete", args=[obj.pk])
    response = staff_client.post(url, {"post": "yes"})
    assert response.status_code == 200
    assert (
        "would require deleting the following protected related objects"
        in response.content.decode()
    )
    assert model.objects.filter(pk=obj.pk).exists()


def test_the_article_list_shows_status_topic_and_authors_in_fixed_queries(
    staff_client, django_assert_max_num_queries
):
    for _ in range(3):
        make_article()
    url = reverse("admin:newsroom_article_changelist")
    # django-reversion wraps the list in a revision block (a savepoint and its release).
    with django_assert_max_num_queries(17) as small:
        staff_client.get(url)
    for _ in range(10):
        make_article()
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = staff_client.get(url).content.decode()
    assert "Published" in page


def test_autocomplete_finds_authors_for_the_byline(staff_client):
    make_author("Olena Kovalenko")
    response = staff_client.get(
        reverse("admin:autocomplete"),
        {"term": "olena", "app_label": "newsroom", "model_name": "byline", "field_name": "author"},
    )
    assert [r["text"] for r in response.json()["results"]] == ["Olena Kovalenko"]
