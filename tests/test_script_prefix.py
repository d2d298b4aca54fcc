"""Under a script prefix, every address a page holds starts with it."""

import pytest
from django.urls import set_script_prefix


@pytest.mark.django_db
def test_pages_hold_the_addresses_of_their_script_prefix(client):
    set_script_prefix("/tracker/")  # as Django's WSGI handler does; the test client does not
    try:
        under_prefix = client.get("/", SCRIPT_NAME="/tracker").content.decode()
        missing_under_prefix = client.get("/nowhere/", SCRIPT_NAME="/tracker").content.decode()
    finally:
        set_script_prefix("/")
    at_root = client.get("/").content.decode()
    missing_at_root = client.get("/nowhere/").content.decode()
    assert 'href="/tracker/">Go to the latest coverage' in missing_under_prefix
    assert 'href="/">Go to the latest coverage' in missing_at_root
    assert '<a class="site-name" href="/tracker/">' in under_prefix
    assert '<a class="site-name" href="/">' in at_root
    assert 'data-hx-get="/tracker/live/bar/?v=' in under_prefix  # and so is the bar
    assert 'data-hx-get="/live/bar/?v=' in at_root
