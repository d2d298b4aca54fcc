"""Shared fixtures."""

import pytest
from django.test import Client


def pytest_collection_modifyitems(items):
    """Every transactional test asks for serialized_rollback, Django's way to keep what the
    data migrations made (staff groups, footer pages).

    A transactional test ends by emptying every table. pytest-django runs the other database
    tests first, on the migrated database; each transactional test then starts from the
    migrated rows, ids included, restored by serialized_rollback. One transactional test
    without it would run on empty tables, and the next one's restore would clash with the
    content types and permissions its flush recreates.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        asked = marker.kwargs if marker else {}
        if (
            asked.get("transaction") or {"transactional_db", "live_server"} & set(item.fixturenames)
        ) and not asked.get("serialized_rollback"):
            raise pytest.UsageError(
                f"{item.nodeid}: use django_db(transaction=True, serialized_rollback=True)"
            )


@pytest.fixture
def staff_client(django_user_model):
    """A client of its own, logged in as a superuser editor; `client` stays anonymous."""
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw-1234567")
    staff = Client()
    staff.force_login(user)
    return staff


@pytest.fixture(autouse=True)
def empty_cache(settings):
    """Every test starts with an empty cache, as the live bar and pages are cached.

    Processes re-read the content version from the cache every time here (in production
    at most once a second), so no test sees the version an earlier test left.
    """
    from django.core.cache import caches

    settings.PAGE_VERSION_RECHECK_SECONDS = 0
    for alias in settings.CACHES:
        caches[alias].clear()
    yield
    for alias in settings.CACHES:
        caches[alias].clear()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path_factory):
    """Uploads and renditions go to a folder of each test's own, never the project's media/."""
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))
    return settings.MEDIA_ROOT


def member_client(django_user_model, username, group_name):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(
        username, f"{username}@example.org", is_staff=True, first_name=username
    )
    user.groups.add(Group.objects.get(name=group_name))
    client = Client()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def editor_client(django_user_model):
    """Logged in as a member of "Editors" (the data migration's group): writes, cannot publish."""
    return member_client(django_user_model, "Olena", "Editors")


@pytest.fixture
def second_editor_client(django_user_model):
    return member_client(django_user_model, "Mark", "Editors")


@pytest.fixture
def chief_client(django_user_model):
    """Logged in as a member of "Chief editors": may also publish, unpublish and schedule."""
    return member_client(django_user_model, "Iryna", "Chief editors")
