"""Script typed into editor and desk fields never runs in a browser, for readers or staff.

The `page` fixture fails on any dialog (every payload calls alert); a payload that reached
the page as markup would also show up as a CSP violation or as a live element.
"""

import pytest
from playwright.sync_api import expect

from ..hostile import XSS, hostile_site, pages
from .test_security_policy import watch_for_violations

# Transactional tests empty the database, data-migration groups included: this file sorts
# after test_live_bar.py, whose desk fixture needs the Desk group from the migration.
pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "desk-pass-2026-long"
INJECTED = (
    "script:not([src]):not([type='application/ld+json']), [onerror], [onload], [onfocus],"
    " [onmouseover], [ontoggle], iframe, object, embed, a[href^='javascript:' i]"
)


def assert_nothing_runs(page, url, problems):
    page.goto(url)
    page.mouse.move(5, 5)
    page.mouse.move(300, 300)  # hover handlers, if any had slipped through
    assert page.locator(INJECTED).count() == 0, url
    assert problems == [], url


def sign_in(page, django_user_model):
    django_user_model.objects.create_superuser("chief", "c@example.org", PASSWORD)
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("chief")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Editorial desk")).to_be_visible()


def test_the_corpus_never_runs_on_public_or_staff_pages(page, django_user_model):
    public, staff = pages(hostile_site())
    problems = watch_for_violations(page)
    for url in public:
        assert_nothing_runs(page, url, problems)
    sign_in(page, django_user_model)
    for url in staff:
        assert_nothing_runs(page, url, problems)


def test_the_corpus_typed_at_the_desk_never_runs(page, django_user_model):
    problems = watch_for_violations(page)
    sign_in(page, django_user_model)
    page.goto("/desk/")
    for n, payload in enumerate(XSS):
        page.get_by_label("Headline").fill(f"{n} {payload}"[:140])
        page.get_by_role("button", name="Publish now").click()
        # Wait for this banner's own message, so the next one is typed into the new form.
        expect(page.locator("#desk-panel .messages")).to_contain_text(f"Published: “{n} ")
    for url in ("/desk/", "/", "/updates/", "/admin/live/banner/"):
        assert_nothing_runs(page, url, problems)
