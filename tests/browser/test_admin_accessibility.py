"""The editors' pages have no critical or serious axe-core violations (WCAG 2.x A/AA)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from playwright.sync_api import expect

from tracker.newsroom.models import Note, PreviewLink

from ..factories import make_article, make_banner, make_counter, make_tag
from .test_accessibility import AXE_SCRIPT

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PASSWORD = "a-long-test-password-1"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture
def context_options():
    return {"bypass_csp": True}  # lets axe-core's script in


def serious_violations(page):
    page.add_script_tag(path=AXE_SCRIPT)
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG
    )
    return [
        f"{violation['id']} ({violation['impact']}, {len(violation['nodes'])}): "
        + ", ".join(str(node["target"][-1]) for node in violation["nodes"][:4])
        for violation in results["violations"]
        if violation["impact"] in ("critical", "serious")
    ]


def log_in(page, django_user_model):
    user = django_user_model.objects.create_superuser("chief", "chief@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name="Desk"))
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("chief")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Editorial desk")).to_be_visible()


def test_the_editors_pages_have_no_serious_axe_violations(page, django_user_model):
    make_counter()
    article = make_article(sections=2, faqs=2, sources=2, tags=[make_tag()])
    Note.objects.create(article=article, text="Casualty figures revised")
    PreviewLink.objects.create(article=article)
    for _ in range(30):  # a full page of rows, each with its checkbox
        make_article(sections=1, faqs=0, sources=0)
    banner = make_banner("Air raid alert in Kyiv")
    log_in(page, django_user_model)
    pages = {
        "admin index": reverse("admin:index"),
        "article list": reverse("admin:newsroom_article_changelist"),
        "article form": reverse("admin:newsroom_article_change", args=[article.pk]),
        "new article": reverse("admin:newsroom_article_add"),
        "banner form": reverse("admin:live_banner_change", args=[banner.pk]),
        "import page": reverse("admin:newsroom_article_import"),
        "desk": reverse("live:desk"),
    }
    problems = {}
    for name, url in pages.items():
        response = page.goto(url)
        assert response.status == 200, name
        page.wait_for_load_state("networkidle")  # select2 and the sortable inlines are set up
        if violations := serious_violations(page):
            problems[name] = violations
    assert problems == {}, "\n".join(f"{k}: {v}" for k, v in problems.items())
