"""`make serve` runs the site as in production, and refuses to start unsafely configured."""

import http.client
import os
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request

import pytest

from .servers import first_response, free_port
from .test_settings import PRODUCTION, ROOT


def make_serve(tmp_path, stdout=subprocess.PIPE, **env):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env = base | {"DATABASE_URL": f"sqlite:///{tmp_path}/serve.sqlite3", "WORKERS": "1"} | env
    return subprocess.Popen(
        ["make", "--no-print-directory", "serve", f"PORT={env.pop('PORT', free_port())}"],
        cwd=ROOT,
        env=env,
        stdout=stdout,
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


def gunicorn_workers(session):
    """The worker processes of the gunicorn master in this process session."""
    listing = subprocess.run(
        ["ps", "-s", str(session), "-o", "pid=,ppid=,args="], capture_output=True, text=True
    ).stdout
    processes = [line.split(None, 2) for line in listing.splitlines()]
    gunicorns = {  # the master and its workers (not the shell make starts it with)
        int(pid): int(ppid)
        for pid, ppid, args in processes
        if "gunicorn tracker.wsgi" in args and not args.startswith("/bin/sh")
    }
    return {pid for pid, ppid in gunicorns.items() if ppid in gunicorns}


def test_a_killed_worker_is_replaced_and_only_the_request_it_was_serving_fails(tmp_path):
    port = free_port()
    env = PRODUCTION | {"DJANGO_ALLOWED_HOSTS": "127.0.0.1", "DJANGO_SECURE_SSL_REDIRECT": "0"}
    env |= {"REDIS_URL": "", "WORKERS": "2"}  # each worker its own memory cache: no Redis needed
    # The access log goes to a file: in an unread pipe it would fill up and stall the workers.
    with open(tmp_path / "access.log", "w") as log:
        server = make_serve(tmp_path, stdout=log, PORT=str(port), **env)
    answers = []  # (started, status or the error that ended the request)
    reading = threading.Event()

    def read():
        while not reading.wait(0):
            started = time.monotonic()
            try:
                status = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10).status
            except (OSError, http.client.HTTPException) as error:
                status = type(error).__name__
            answers.append((started, status))

    try:
        for _ in range(300):
            workers = gunicorn_workers(server.pid)
            if len(workers) == 2 and fetch_status(port) == 200:
                break
            assert server.poll() is None, server.communicate()[1]
            time.sleep(0.1)
        readers = [threading.Thread(target=read) for _ in range(4)]
        for reader in readers:
            reader.start()
        time.sleep(1)
        victim = min(workers)
        os.kill(victim, signal.SIGKILL)
        killed = time.monotonic()
        while (replaced := gunicorn_workers(server.pid)) == workers or len(replaced) < 2:
            assert time.monotonic() - killed < 10, "gunicorn did not replace the worker"
            time.sleep(0.05)
        back = time.monotonic()
        time.sleep(1)
        reading.set()
        for reader in readers:
            reader.join()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.communicate(timeout=30)
    assert victim not in replaced and len(replaced - workers) == 1
    assert back - killed < 2
    failed = [(started, status) for started, status in answers if status != 200]
    assert len(failed) <= 1, failed  # the one request the killed worker had accepted, if any
    assert len([a for a in answers if a[0] > killed]) > len(failed)


def fetch_status(port):
    try:
        return urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).status
    except OSError:
        return None
