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
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
