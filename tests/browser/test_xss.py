"""Script typed into editor and desk fields never runs in a browser, for readers or staff.

The `page` fixture fails on any dialog (every payload calls alert); a payload that reached
the page as markup would also show up as a CSP violation or as a live element.
"""

import pytest
from playwright.sync_api import expect

from ..hostile import XSS, hostile_site, pages
from .test_security_policy import log_in, watch_for_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

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


def test_the_corpus_never_runs_on_public_or_staff_pages(page, django_user_model):
    public, staff = pages(hostile_site())
    problems = watch_for_violations(page)
    for url in public:
        assert_nothing_runs(page, url, problems)
    log_in(page, django_user_model)
    for url in staff:
        assert_nothing_runs(page, url, problems)


def test_the_corpus_typed_at_the_desk_never_runs(page, django_user_model):
    problems = watch_for_violations(page)
    log_in(page, django_user_model)
    page.goto("/desk/")
    for n, payload in enumerate(XSS):
        page.get_by_label("Headline").fill(f"{n} {payload}"[:140])
        page.get_by_role("button", name="Publish now").click()
        # Wait for this banner's own message, so the next one is typed into the new form.
        expect(page.locator("#desk-panel .messages")).to_contain_text(f"Published: “{n} ")
    for url in ("/desk/", "/", "/updates/", "/admin/live/banner/"):
        assert_nothing_runs(page, url, problems)
