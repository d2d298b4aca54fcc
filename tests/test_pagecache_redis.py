"""With Redis as the shared cache, each process keeps hot pages in its own memory too."""

import os
import socket
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.test import override_settings

from tracker.pagecache.version import VERSION_KEY

from .factories import make_article

REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/14",
    },
    "kept": {"BACKEND": "tracker.cache.KeptCache"},
}


def redis_answers():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture
def redis_cache():
    if not redis_answers():
        if os.environ.get("CI"):
            pytest.fail("CI machines run Redis on 127.0.0.1:6379")
        pytest.skip("no Redis on 127.0.0.1:6379")
    with override_settings(CACHES=REDIS):
        for alias in REDIS:
            caches[alias].clear()
        yield caches["default"]
        for alias in REDIS:
            caches[alias].clear()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_hit_is_served_from_process_memory_without_asking_redis(
    client, redis_cache, monkeypatch, settings
):
    settings.PAGE_VERSION_RECHECK_SECONDS = 3600  # the version, read once, is held too
    article = make_article(title="Kept close")
    first = client.get(article.get_absolute_url())
    monkeypatch.setattr(type(redis_cache), "get", lambda *a, **k: pytest.fail("asked Redis"))
    second = client.get(article.get_absolute_url())
    assert second.content == first.content and second["ETag"] == first["ETag"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_another_process_change_is_seen_after_the_recheck_interval(client, redis_cache, settings):
    settings.PAGE_VERSION_RECHECK_SECONDS = 3600
    article = make_article(title="First words")
    assert "First words" in client.get(article.get_absolute_url()).content.decode()
    # Another process edits the article and bumps the shared version; this one has not
    # re-read the version yet, so it still serves its copy...
    type(article).objects.filter(pk=article.pk).update(
        title="Second words", modified_at=article.modified_at + timedelta(seconds=1)
    )
    redis_cache.incr(VERSION_KEY)
    redis_cache.incr(f"{VERSION_KEY}:newsroom")
    assert "First words" in client.get(article.get_absolute_url()).content.decode()
    # ...until the interval passes.
    settings.PAGE_VERSION_RECHECK_SECONDS = 0
    assert "Second words" in client.get(article.get_absolute_url()).content.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_change_made_in_this_process_is_seen_at_once(client, redis_cache, settings):
    settings.PAGE_VERSION_RECHECK_SECONDS = 3600
    article = make_article(title="Before")
    client.get(article.get_absolute_url())
    article.title = "After"
    article.save()
    assert "After" in client.get(article.get_absolute_url()).content.decode()
