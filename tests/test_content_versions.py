"""A process reads the site's version and the scopes' together, so a page is never
rendered under a new site version with a scope's state from before the same change."""

import time

import pytest
from django.core.cache import cache

from tracker.pagecache import content_version, move
from tracker.pagecache.version import VERSION_KEY


def another_process_posts_a_banner():
    """What a banner's commit does elsewhere: the scope's version moves, then the site's."""
    cache.incr(f"{VERSION_KEY}:live")
    cache.incr(VERSION_KEY)


def test_the_site_version_and_a_scope_version_are_read_together(settings):
    settings.PAGE_VERSION_RECHECK_SECONDS = 0.3
    time.sleep(0.35)  # whatever earlier tests read here is due again
    site_before = content_version()
    time.sleep(0.15)
    live_before = content_version("live")  # asked for later than the site's
    another_process_posts_a_banner()
    time.sleep(0.2)  # the site's first reading is due again
    moved = (content_version() - site_before, content_version("live") - live_before)
    assert moved in {(0, 0), (1, 1)}  # both from before the banner, or both from after


@pytest.mark.django_db
def test_a_change_made_here_is_seen_here_at_once(settings, django_capture_on_commit_callbacks):
    site, live = content_version(), content_version("live")  # read now (the recheck is 0)
    settings.PAGE_VERSION_RECHECK_SECONDS = 3600  # and held from now on
    with django_capture_on_commit_callbacks(execute=True):
        move("live")
    assert (content_version(), content_version("live")) == (site + 1, live + 1)
