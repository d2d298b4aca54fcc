"""`make serve` runs the site as in production, and refuses to start unsafely configured."""

import os
import signal
import subprocess
import urllib.request

import pytest

from .servers import first_response, free_port
from .test_settings import PRODUCTION, ROOT


def make_serve(tmp_path, **env):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env = base | {"DATABASE_URL": f"sqlite:///{tmp_path}/serve.sqlite3", "WORKERS": "1"} | env
    return subprocess.Popen(
        ["make", "--no-print-directory", "serve", f"PORT={env.pop('PORT', free_port())}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # so the test can stop make, gunicorn and its workers together
    )


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"])
def test_make_serve_refuses_to_start_without_a_secret_key_or_hosts(tmp_path, missing):
    env = {k: v for k, v in PRODUCTION.items() if k != missing}
    server = make_serve(tmp_path, **env)
    _, stderr = server.communicate(timeout=120)
    assert server.returncode != 0
    assert f"{missing} is not set" in stderr


def test_make_serve_answers_over_plain_http_with_the_security_headers(tmp_path):
    port = free_port()
    env = PRODUCTION | {"DJANGO_ALLOWED_HOSTS": "127.0.0.1", "DJANGO_SECURE_SSL_REDIRECT": "0"}
    server = make_serve(tmp_path, PORT=str(port), **env)
    try:
        response = first_response(server, f"http://127.0.0.1:{port}/")
        assert response.status == 200
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        assert response.headers["X-Frame-Options"] == "DENY"
        assert "Strict-Transport-Security" not in response.headers  # plain HTTP on loopback
        assert "Set-Cookie" not in response.headers
        login = urllib.request.urlopen(f"http://127.0.0.1:{port}/admin/login/", timeout=5)
        cookie = login.headers["Set-Cookie"]
        assert "csrftoken=" in cookie and "Secure" not in cookie  # so the admin works there
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.communicate(timeout=30)
