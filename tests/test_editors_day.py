"""The editors' day without snags (issue 18): each snag as an editor meets it in the admin."""

import io
import re
from datetime import timedelta
from html import unescape

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tracker.live.models import Counter
from tracker.newsroom.models import Article, Source
from tracker.pagecache import content_version

from .admin_forms import change_url, open_change_form, save
from .factories import make_article, make_author, make_counter, make_topic

pytestmark = pytest.mark.django_db
Status = Article.Status


def page_of(response):
    return unescape(response.content.decode())


# 1. "View on site" on a section or FAQ row goes to example.com, and a draft would 404.
def test_view_on_site_of_a_section_or_faq_opens_the_staff_preview(staff_client):
    article = make_article(status=Status.DRAFT, sections=1, faqs=1)
    page = page_of(staff_client.get(change_url(article)))
    links = set(re.findall(r'href="([^"]+)"[^>]*>View on site', page))
    section, faq = article.sections.get(), article.faqs.get()
    preview = reverse("newsroom:article-preview", args=[article.pk])
    assert {f"{preview}#{section.anchor}", f"{preview}#faq-{faq.pk}"} <= links
    assert not any("/admin/r/" in link for link in links)
    shown = staff_client.get(preview)
    assert shown.status_code == 200 and f'id="{section.anchor}"' in shown.content.decode()


# 2. A Day 1 in the future showed "Day -23" on the bar and "Day 0" on articles.
def test_the_counter_refuses_a_day_1_in_the_future(staff_client):
    with time_machine.travel(timezone.make_aware(timezone.datetime(2026, 12, 1, 12)), tick=False):
        response = staff_client.post(
            reverse("admin:live_counter_add"),
            {
                "label": "of the full-scale invasion",
                "start_date": "2026-12-25",
                "time_zone": "Europe/Kyiv",
                "poll_interval": "30",
            },
        )
    assert response.status_code == 200
    assert "Day 1 cannot be in the future: today is 1 December 2026" in page_of(response)
    assert not Counter.objects.exists()


def test_no_day_number_before_day_1_on_the_bar_or_an_article(client):
    make_counter(start_date=timezone.localdate() + timedelta(days=1))  # written around the form
    article = make_article()
    page = client.get(article.get_absolute_url()).content.decode()
    assert not re.search(r"Day -?\d", page)


# 3. History said "No fields changed." for "Submit for review" and "Publish".
def test_history_says_who_took_each_workflow_step(editor_client, chief_client):
    article = make_article(status=Status.DRAFT)
    save(editor_client, article, open_change_form(editor_client, article), _transition="submit")
    later = timezone.localtime() + timedelta(days=2)
    data = open_change_form(chief_client, article)
    save(
        chief_client,
        article,
        data,
        published_at=later.strftime("%Y-%m-%dT09:30"),
        _transition="publish",
    )
    history = page_of(
        chief_client.get(reverse("admin:newsroom_article_history", args=[article.pk]))
    )
    assert "No fields changed." not in history
    rows = re.findall(r"<tr>(.*?)</tr>", history, re.S)
    assert any("Olena" in row and "Submitted for review" in row for row in rows)
    assert any(
        "Iryna" in row and f"Scheduled: visitors see it from {later:%d %b %Y}, 09:30" in row
        for row in rows
    )


# 4. An imported article without an author could never be saved or published.
def test_the_import_page_asks_for_an_author_and_keeps_the_document(editor_client):
    document = "# A title\n\nThe standfirst.\n\n## Section\n\nText."
    response = editor_client.post(
        reverse("admin:newsroom_article_import"),
        {"topic": make_topic().pk, "document": document},
    )
    page = page_of(response)
    assert "Choose an author: every article needs at least one on its byline." in page
    assert "The standfirst." in page and not Article.objects.exists()


def test_a_byline_without_an_author_says_so(editor_client):
    article = make_article(status=Status.DRAFT, authors=[])
    response = save(editor_client, article, open_change_form(editor_client, article))
    assert "Choose an author: every article needs at least one on its byline." in page_of(response)


# 5. Times did not say which zone; split DD/MM/YYYY inputs and an offset warning.
def test_times_are_one_picker_in_kyiv_time(chief_client):
    article = make_article()
    page = page_of(chief_client.get(change_url(article)))
    for name in ("published_at", "expires_at"):
        field = re.search(rf'<input [^>]*name="{name}"[^>]*>', page)[0]
        assert 'type="datetime-local"' in field
    assert "published_at_0" not in page and "vDateField" not in page
    assert "Kyiv time (Europe/Kyiv)." in page
    shown = timezone.localtime(article.published_at).strftime("%Y-%m-%dT%H:%M")
    assert f'value="{shown}"' in page


# 6. A long pasted title was cut to 200 characters by maxlength, with no message.
def test_an_overlong_title_is_refused_with_its_length_and_kept(staff_client):
    article = make_article()
    data = open_change_form(staff_client, article)
    title_input = re.search(
        r'<input [^>]*name="title"[^>]*>', page_of(staff_client.get(change_url(article)))
    )[0]
    assert "maxlength" not in title_input
    long_title = "Frontline" + "s" * 491
    response = save(staff_client, article, data, title=long_title)
    page = page_of(response)
    assert "Keep the title to 200 characters or fewer (this one has 500)" in page
    assert long_title in page
    article.refresh_from_db()
    assert article.title != long_title


# 7. A javascript: source address got Django's generic "Enter a valid URL."
def test_a_source_address_gets_the_desks_words(staff_client):
    response = staff_client.post(
        reverse("admin:newsroom_source_add"),
        {"publisher": "Reuters", "title": "Grain", "url": "javascript:alert(1)"},
    )
    page = page_of(response)
    assert "Enter a full web address that starts with http:// or https://." in page
    assert "Enter a valid URL." not in page and not Source.objects.exists()


# 8. The import page: wrong heading, breadcrumbs without Newsroom, a failed file lost.
def test_the_import_page_heading_breadcrumbs_and_a_failed_file(editor_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("admin:newsroom_article_import")
    author, topic = make_author(), make_topic()
    empty = page_of(editor_client.post(url, {"topic": topic.pk, "authors": [author.pk]}))
    assert "Paste a Markdown document or choose a file." in empty
    assert "Fix these lines" not in empty
    assert f'href="{reverse("admin:app_list", args=["newsroom"])}"' in empty

    text = "Not a title\n\nsome words"
    upload = SimpleUploadedFile("draft.md", text.encode(), content_type="text/markdown")
    failed = page_of(
        editor_client.post(url, {"topic": topic.pk, "authors": [author.pk], "file": upload})
    )
    assert "Fix these lines" in failed and "Line 1:" in failed
    assert re.search(r"<textarea[^>]*>\s*Not a title\s+some words</textarea>", failed)


# 9. No favicon: every page asked for /favicon.ico and got a 404.
def test_every_kind_of_page_links_an_icon_that_exists(client, staff_client):
    article = make_article()
    pages = [
        client.get("/"),
        client.get(article.get_absolute_url()),
        client.get("/no-such-page/"),
        staff_client.get(reverse("admin:index")),
        staff_client.get(change_url(article)),
    ]
    for response in pages:
        icon = re.search(r'<link rel="icon" href="([^"]+)"', response.content.decode())
        assert icon, response.request["PATH_INFO"]
        assert client.get(icon[1]).status_code == 200


# 10. `make run` (debug) showed Django's technical 404 with every URL pattern.
def test_under_debug_a_missing_page_is_the_sites_own_404(settings, client, staff_client):
    settings.DEBUG = True
    for response in (
        client.get("/no-such-page/"),
        client.get("/articles/not-published-yet/"),
        staff_client.get(reverse("newsroom:article-preview", args=[999999])),
    ):
        page = response.content.decode()
        assert response.status_code == 404
        assert "We can't find that page" in page and "URLconf" not in page
    assert client.get("/about/").status_code == 200  # footer pages still answer


# 11. Re-running `make run` signed everyone out.
def test_rerunning_ensure_admin_keeps_editors_signed_in(monkeypatch, django_user_model):
    monkeypatch.delenv("DJANGO_ADMIN_PASSWORD", raising=False)
    call_command("ensure_admin", stdout=io.StringIO())
    browser = Client()
    browser.force_login(django_user_model.objects.get(username="admin"))
    assert browser.get(reverse("admin:index")).status_code == 200
    call_command("ensure_admin", stdout=io.StringIO())
    assert browser.get(reverse("admin:index")).status_code == 200  # still signed in


# 12. One click took an article off the site.
def test_unpublish_from_the_form_asks_first(chief_client, client):
    article = make_article()
    form = page_of(chief_client.get(change_url(article)))
    confirm_url = reverse("admin:newsroom_article_unpublish", args=[article.pk])
    assert f'href="{confirm_url}"' in form and 'value="unpublish"' not in form
    question = page_of(chief_client.get(confirm_url))
    assert "Yes, unpublish" in question and article.title in question
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert chief_client.post(confirm_url).url == change_url(article)
    article.refresh_from_db()
    assert article.status == Status.UNPUBLISHED
    assert client.get(article.get_absolute_url()).status_code == 410
    history = page_of(
        chief_client.get(reverse("admin:newsroom_article_history", args=[article.pk]))
    )
    assert "Unpublished: visitors no longer see it." in history


def test_editors_who_cannot_publish_cannot_unpublish(editor_client):
    article = make_article()
    url = reverse("admin:newsroom_article_unpublish", args=[article.pk])
    assert editor_client.post(url).status_code == 403
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED


def test_unpublish_from_the_list_asks_first(chief_client):
    articles = [make_article(), make_article()]
    url = reverse("admin:newsroom_article_changelist")
    chosen = {"action": "unpublish", "_selected_action": [a.pk for a in articles]}
    question = page_of(chief_client.post(url, chosen))
    assert "Unpublish these articles?" in question and "Yes, unpublish" in question
    assert Article.objects.filter(status=Status.PUBLISHED).count() == 2
    chief_client.post(url, {**chosen, "post": "yes"})
    assert Article.objects.filter(status=Status.UNPUBLISHED).count() == 2


# 13. Two search landmarks with the same name on the search page.
def test_search_landmarks_have_names_of_their_own(client):
    make_article()
    page = client.get("/search/?q=article").content.decode()
    names = re.findall(r'role="search" aria-label="([^"]+)"', page)
    assert len(names) == 2 and len(set(names)) == 2


# Layout: what editors use most first, the rest in collapsible fieldsets.
def test_the_article_form_puts_the_writing_first(staff_client):
    page = page_of(staff_client.get(change_url(make_article())))
    order = [
        page.index(marker)
        for marker in (
            'name="title"',
            'name="standfirst"',
            "sections-group",
            'name="topic"',
            "Publishing",
            'name="slug"',
            "preview_links-group",
        )
    ]
    assert order == sorted(order)
    assert re.search(r"<details><summary>\s*<h2[^>]*>Publishing</h2>", page)


# The side-by-side preview.
def test_the_side_by_side_preview_frames_the_staff_preview_only(staff_client, client):
    article = make_article(status=Status.DRAFT, title="Draft on the grain corridor")
    preview = reverse("newsroom:article-preview", args=[article.pk])
    closed = page_of(staff_client.get(change_url(article)))
    assert 'href="?split=1"' in closed and "<iframe" not in closed
    opened = page_of(staff_client.get(change_url(article) + "?split=1"))
    assert f'<iframe name="article-preview" src="{preview}"' in opened
    assert f'href="{preview}" target="article-preview">Refresh the preview' in opened
    # It stays open after a save (the redirect drops the query string), until closed.
    assert "<iframe" in staff_client.get(change_url(article)).content.decode()
    assert "<iframe" not in staff_client.get(change_url(article) + "?split=0").content.decode()

    version = content_version()
    framed = staff_client.get(preview)
    assert framed.status_code == 200 and "Draft on the grain corridor" in framed.content.decode()
    assert framed["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in framed["Content-Security-Policy"]
    assert "no-cache" in framed["Cache-Control"] and "public" not in framed["Cache-Control"]
    assert content_version() == version
    assert client.get(preview).status_code == 302  # visitors are sent to sign in
    public = client.get("/")
    assert public["X-Frame-Options"] == "DENY"


def test_favicon_ico_leads_to_the_sites_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.svg")
