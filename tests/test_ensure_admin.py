import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory

pytestmark = pytest.mark.django_db


def sign_in(username, password):
    # The login throttle (django-axes) needs the request a real sign-in comes with.
    return authenticate(
        RequestFactory().post("/admin/login/"), username=username, password=password
    )


def run(**kwargs):
    out = io.StringIO()
    call_command("ensure_admin", stdout=out, **kwargs)
    return out.getvalue()


def printed_password(output):
    return next(
        line.split(":", 1)[1].strip() for line in output.splitlines() if "password:" in line
    )


def test_it_creates_an_admin_with_a_generated_password_and_prints_the_login(monkeypatch):
    monkeypatch.delenv("DJANGO_ADMIN_PASSWORD", raising=False)
    output = run(url="http://127.0.0.1:8000/admin/")
    password = printed_password(output)
    assert "http://127.0.0.1:8000/admin/" in output and "user name: admin" in output
    assert len(password) >= 16
    user = sign_in("admin", password)
    assert user is not None and user.is_staff and user.is_superuser


def test_rerunning_keeps_the_password_and_makes_no_second_user(django_user_model, monkeypatch):
    monkeypatch.delenv("DJANGO_ADMIN_PASSWORD", raising=False)
    first = printed_password(run())
    assert printed_password(run()).startswith("unchanged")
    assert django_user_model.objects.filter(username="admin").count() == 1
    assert sign_in("admin", first) is not None


def test_a_new_password_only_when_asked(django_user_model, monkeypatch):
    monkeypatch.delenv("DJANGO_ADMIN_PASSWORD", raising=False)
    first = printed_password(run())
    second = printed_password(run(new_password=True))
    assert first != second and len(second) >= 16
    assert sign_in("admin", first) is None and sign_in("admin", second) is not None


def test_the_password_can_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("DJANGO_ADMIN_PASSWORD", "correct-horse-battery-staple")
    run()
    assert sign_in("admin", "correct-horse-battery-staple") is not None
