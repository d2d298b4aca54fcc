"""Browser tests: Playwright drives Debian's Chromium (/usr/bin/chromium); nothing downloads a browser."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
# Playwright's sync API runs an event loop in the test thread; the ORM calls in the tests are
# still synchronous and safe there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def chromium(transactional_db):
    """Chromium, for one test, started after its database set-up and stopped before its teardown.

    While Playwright's sync API runs, an asyncio loop runs in the test thread, and Django's
    connections, per async context then, give the test another connection. Setting up and
    tearing down on the one pytest-django prepared is what lets serialized_rollback bring
    back what the data migrations made; a browser kept for the session broke that.
    """
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM}: apt-get install -y chromium"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI installs it, so a missing browser is a real failure there.
        pytest.skip(message)
    from django.db import connections
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()
        connections.close_all()  # the test's other connection, while the loop still runs


@pytest.fixture
def context_options():
    """Options for each test's browser context; a test module may override this fixture."""
    return {}


@pytest.fixture
def page(chromium, live_server, context_options):
    """A fresh browser context and page; fails the test on any JavaScript dialog."""
    context = chromium.new_context(base_url=live_server.url, **context_options)
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()
    assert dialogs == [], f"a page opened a dialog: {dialogs}"


@pytest.fixture
def new_page(chromium, live_server):
    """Opens further independent browser contexts (another reader, or a desk user)."""
    contexts = []

    def open_page():
        context = chromium.new_context(base_url=live_server.url)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
