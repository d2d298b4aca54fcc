"""Shared fixtures."""

from functools import cache
from importlib import import_module
from types import SimpleNamespace

import pytest
from django.test import Client

# The data migrations' forward steps; each is idempotent (get_or_create), so can run again.
MIGRATION_DATA = [
    ("tracker.live.migrations.0002_desk_group", "create_desk_group"),
    ("tracker.newsroom.migrations.0002_editors_group", "create_editors_group"),
    ("tracker.newsroom.migrations.0005_editorial_groups", "create_groups"),
    ("tracker.newsroom.migrations.0007_footer_pages", "create_footer_pages"),
    ("tracker.newsroom.migrations.0007_footer_pages", "let_editors_edit_them"),
]


@pytest.fixture(autouse=True)
def migration_data(request):
    """What the data migrations made (staff groups, footer pages), in every database test.

    A transactional test ends by emptying every table; the next test gets it back here,
    whatever order the tests run in.
    """
    if request.node.get_closest_marker("django_db") is None:
        return
    request.getfixturevalue("django_db_setup")  # the test database, never the real one
    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    # A transactional test's flush makes content types anew, with new ids: forget the old.
    ContentType.objects.clear_cache()
    with request.getfixturevalue("django_db_blocker").unblock():
        if Group.objects.filter(name="Desk").exists():
            return
        cursor = connection.cursor()
        schema_editor = SimpleNamespace(connection=connection, execute=cursor.execute)
        for module, step in MIGRATION_DATA:
            getattr(import_module(module), step)(migrated_apps(), schema_editor)


@cache
def migrated_apps():
    """The models as the migrations see them, as a data migration expects."""
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    return MigrationLoader(connection).project_state().apps


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
    for alias in ("default", "local"):
        caches[alias].clear()
    yield
    for alias in ("default", "local"):
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
