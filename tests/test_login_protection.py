"""The admin (and desk) login locks out password guessing; staff sessions expire."""

from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "a-long-editor-password-2026"


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("reporter", password=PASSWORD, is_staff=True)


def log_in(client, username, password, address="203.0.113.5"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail_until_locked(client, username="reporter", address="203.0.113.5"):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, username, "wrong guess", address)


def test_a_right_password_signs_in(client, editor):
    assert log_in(client, "reporter", PASSWORD).status_code == 302


def test_repeated_failures_lock_the_account_with_a_clear_message(client, editor):
    fail_until_locked(client)
    response = log_in(client, "reporter", PASSWORD)  # even the right password now
    assert response.status_code == 429
    body = response.content.decode()
    assert "Sign-in is locked for now" in body
    assert "Try again in an hour" in body
    assert "_auth_user_id" not in client.session


def test_the_account_stays_locked_from_another_address(client, editor):
    fail_until_locked(client, address="203.0.113.5")
    assert log_in(Client(), "reporter", PASSWORD, address="198.51.100.7").status_code == 429


def test_one_address_guessing_many_accounts_is_locked(client, editor):
    for n in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, f"someone-{n}", "wrong guess", address="203.0.113.9")
    assert log_in(client, "reporter", PASSWORD, address="203.0.113.9").status_code == 429
    assert log_in(Client(), "reporter", PASSWORD, address="198.51.100.7").status_code == 302


def test_fewer_failures_than_the_limit_do_not_lock(client, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "reporter", "wrong guess")
    assert log_in(client, "reporter", PASSWORD).status_code == 302


def test_the_lock_lifts_after_the_cool_off(client, editor):
    fail_until_locked(client)
    with time_machine.travel(timedelta(hours=1, minutes=1)):
        assert log_in(client, "reporter", PASSWORD).status_code == 302


def test_an_administrator_unlocks_an_account_in_the_admin(client, staff_client, editor):
    fail_until_locked(client)
    attempts = AccessAttempt.objects.filter(username="reporter")
    assert attempts.exists()
    response = staff_client.post(
        "/admin/axes/accessattempt/",
        {
            "action": "delete_selected",
            "_selected_action": [a.pk for a in attempts],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert log_in(client, "reporter", PASSWORD).status_code == 302


def test_a_staff_session_expires_after_a_working_day(client, editor):
    log_in(client, "reporter", PASSWORD)
    assert client.get("/admin/").status_code == 200
    with time_machine.travel(timedelta(hours=8, minutes=1)):
        response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


@pytest.mark.parametrize("weak", ["short-pw-1", "password1234", "123456789012", "editor-editor"])
def test_weak_passwords_are_refused(django_user_model, weak):
    user = django_user_model(username="editor-editor", email="editor-editor@example.org")
    with pytest.raises(ValidationError):
        validate_password(weak, user)


def test_a_long_uncommon_password_is_accepted(django_user_model):
    validate_password("river-lantern-orbit-1917", django_user_model(username="reporter"))


def test_behind_the_tls_proxy_lockouts_count_the_address_the_proxy_saw(rf, settings):
    from tracker.security import client_ip

    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5")
    assert client_ip(request) == "127.0.0.1"  # not behind a proxy: the header is a lie
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert client_ip(request) == "203.0.113.5"  # only the proxy's own entry is trusted
