import pytest
from django.test import Client


@pytest.fixture
def staff_client(django_user_model):
    """A client of its own, logged in as a superuser editor; `client` stays anonymous."""
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw-1234567")
    staff = Client()
    staff.force_login(user)
    return staff


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache, as the live bar and pages are cached."""
    from django.core.cache import caches

    from tracker import pagecache

    for alias in ("default", "local"):
        caches[alias].clear()
    pagecache._seen["version"] = None
    yield
    for alias in ("default", "local"):
        caches[alias].clear()


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
