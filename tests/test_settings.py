"""Settings come from the environment, and production refuses unsafe values."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DJANGO_SECRET_KEY": "a-long-random-production-key-that-is-only-used-in-this-test-0123456789",
    "DJANGO_ALLOWED_HOSTS": "tracker.example",
    # Production runs several processes, which share one cache (nothing connects to it here).
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def manage(*args, **env):
    base = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    base.pop("REDIS_URL", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=base | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DJANGO_ALLOWED_HOSTS="tracker.example")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = manage("check", DJANGO_SECRET_KEY=PRODUCTION["DJANGO_SECRET_KEY"])
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS is not set" in result.stderr


def test_the_deploy_check_is_clean_under_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_the_deploy_check_warns_when_each_process_would_cache_pages_on_its_own():
    alone = {k: v for k, v in PRODUCTION.items() if k != "REDIS_URL"}
    result = manage("check", "--deploy", "--fail-level", "WARNING", **alone)
    assert result.returncode != 0
    assert "tracker.W001" in result.stderr and "REDIS_URL" in result.stderr
    assert manage("check", "--deploy", PAGE_CACHE_SECONDS="0", **alone).returncode == 0


def test_development_mode_runs_without_any_configuration():
    result = manage("check", DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr


def database_settings(**env):
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "d = settings.DATABASES['default']; "
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'], 'pool' in d.get('OPTIONS', {}))"
    )
    base = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DATABASE_POOL")}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=base | {"DJANGO_SETTINGS_MODULE": "tracker.settings", "DJANGO_DEBUG": "1"} | env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_postgresql_uses_the_psycopg_pool_by_default():
    assert database_settings(DATABASE_URL="postgres://u@127.0.0.1/x") == ["0", "True", "True"]


def test_single_threaded_servers_keep_persistent_health_checked_connections_instead():
    settings = database_settings(DATABASE_URL="postgres://u@127.0.0.1/x", DATABASE_POOL="0")
    assert settings == ["60", "True", "False"]
