"""The site, the admin and the live bar work under the Content-Security-Policy."""

import pytest
from playwright.sync_api import expect

from tracker.newsroom.models import Article

from ..factories import make_article, make_banner, make_counter

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "editor-pass-2026!"


def watch_for_violations(page):
    """Every CSP violation and script error the page reports, as a list that fills up."""
    problems = []
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def log_in(page, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.org", PASSWORD)
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Editorial desk")).to_be_visible()


def test_the_live_bar_refreshes_under_the_policy_without_violations(page):
    make_counter(poll_interval=1)
    problems = watch_for_violations(page)
    page.goto("/")
    make_banner("Air raid alert lifted in Kyiv")
    expect(page.locator(".live-bar")).to_contain_text("Air raid alert lifted", timeout=6000)
    assert problems == []


def test_the_admin_reorders_sections_by_drag_and_drop_under_the_policy(page, django_user_model):
    article = make_article(title="Drag check", sections=2)
    problems = watch_for_violations(page)
    log_in(page, django_user_model)
    # Both handles on screen: a drag that has to scroll the page drops nowhere.
    page.set_viewport_size({"width": 1280, "height": 1600})
    page.goto(f"/admin/newsroom/article/{article.pk}/change/")
    headings = page.locator("#sections-group .inline-related:not(.empty-form) h3")
    expect(headings).to_have_count(2)
    # Drag the second section above the first by its heading, adminsortable2's handle.
    page.drag_and_drop(
        "#sections-1 > h3",
        "#sections-0 > h3",
        source_position={"x": 60, "y": 8},
        target_position={"x": 60, "y": 4},
    )
    expect(page.locator("#sections-group .inline_label").first).to_contain_text("Section 2")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert [s.heading for s in Article.objects.get().sections.all()] == ["Section 2", "Section 1"]
    page.goto("/admin/newsroom/article/add/")
    expect(page.locator("#article_form")).to_be_visible()
    page.get_by_label("Title").press_sequentially("Slug from title")
    expect(page.get_by_label("Slug")).to_have_value("slug-from-title")  # admin scripts ran
    assert problems == []
