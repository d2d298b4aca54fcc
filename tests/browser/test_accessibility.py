"""Every public page type has no axe-core violations (axe-core bundled by axe-playwright-python)."""

from pathlib import Path

import axe_playwright_python
import pytest

from ..factories import make_banner
from ..public_pages import PAGE_TYPES, public_pages

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# The copy of axe-core that the package installs; the browser fetches nothing from the network.
AXE_SCRIPT = Path(axe_playwright_python.__file__).parent / "axe.min.js"


@pytest.fixture
def context_options():
    """Pages that let axe-core in: the site's CSP allows no injected inline script."""
    return {"bypass_csp": True}


def axe_violations(page):
    page.add_script_tag(path=AXE_SCRIPT)
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(node["target"][0] for node in violation["nodes"][:5])
        for violation in results["violations"]
    ]


def test_axe_finds_a_violation_on_a_broken_page(page):
    page.set_content('<html><body><img src="x.png"><a href="#"></a></body></html>')
    assert any(v.startswith("image-alt") for v in axe_violations(page))


def test_every_public_page_type_has_no_axe_violations(page):
    pages = public_pages()
    assert sorted(pages) == sorted(PAGE_TYPES)
    problems = {}
    for name, url in pages.items():
        response = page.goto(url)
        assert response.status == (404 if name == "404" else 200), name
        if violations := axe_violations(page):
            problems[name] = violations
    # The pages above show an ordinary update in the live bar; check a breaking one too.
    make_banner("Missile strike on Kyiv", kind="breaking")
    page.goto("/?breaking")  # another URL: the browser may keep "/" for a while (max-age)
    assert page.locator(".live-bar__content--breaking").count() == 1
    if violations := axe_violations(page):
        problems["home with a breaking bar"] = violations
    assert problems == {}
