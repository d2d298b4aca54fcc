"""With the database gone, readers get a fast 503 in the site's design, and the site
recovers by itself when the database returns.

This drives the real thing: a throwaway PostgreSQL server the test starts and stops, and
the site under gunicorn with production settings, as `make serve` runs it.
"""

import contextlib
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from html import unescape
from pathlib import Path
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client
from django.utils.html import escape

from tracker.newsroom.models import Article

from .servers import first_response, free_port

ROOT = Path(__file__).resolve().parent.parent
PG_BIN = sorted(glob.glob("/usr/lib/postgresql/*/bin"))


def as_postgres(*args):
    """Run a server binary; PostgreSQL refuses to run as root, so root runs it as postgres."""
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return subprocess.run([*prefix, *args], check=True, capture_output=True, text=True, timeout=60)


class Cluster:
    def __init__(self, bin_dir):
        self.bin = Path(bin_dir)
        self.dir = tempfile.mkdtemp(prefix="tracker-pg-")
        self.port = free_port()
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        as_postgres(str(self.bin / "initdb"), "-D", self.dir, "-U", "postgres", "--auth=trust")

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def start(self):
        opts = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        log = f"{self.dir}/server.log"  # the server must not hold our output pipe open
        as_postgres(str(self.bin / "pg_ctl"), "-D", self.dir, "-o", opts, "-l", log, "-w", "start")

    def stop(self):
        # An immediate stop is a crash, as far as the site can tell.
        as_postgres(str(self.bin / "pg_ctl"), "-D", self.dir, "-m", "immediate", "-w", "stop")

    def remove(self):
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture(scope="module")
def cluster():
    if not PG_BIN or shutil.which("runuser") is None and os.geteuid() == 0:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL server binaries are missing: apt-get install postgresql")
        pytest.skip("PostgreSQL server binaries are missing")
    cluster = Cluster(PG_BIN[-1])
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.remove()


def production_env(cluster, **extra):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    return base | {
        "DJANGO_SECRET_KEY": "a-long-random-key-used-only-by-the-database-fault-test-0123456789",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": cluster.url,
        "DATABASE_POOL_MIN": "1",
        **extra,
    }


@pytest.fixture(scope="module")
def migrated(cluster):
    env = production_env(cluster)
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--no-input", "-v0"], ["collectstatic", "--no-input", "-v0"]):
        subprocess.run([*manage, *command], cwd=ROOT, env=env, check=True, timeout=120)
    return cluster


@pytest.fixture(params=["0", "1"], ids=["persistent-connection", "pool"])
def site(migrated, request):
    """The site under gunicorn with production settings, on the throwaway database:
    as `make serve` runs it (one persistent connection per worker), and with the pool."""
    env = production_env(migrated, DATABASE_POOL=request.param)
    port = free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "tracker.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        first_response(server, base + "/").close()
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def get(url):
    """Status, body and seconds taken; error statuses are answers too."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            status, body = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read().decode()
    return status, body, time.monotonic() - started


def test_public_pages_answer_503_fast_while_the_database_is_down_and_recover(migrated, site):
    status, home, _ = get(site + "/")
    assert status == 200
    status, bar, _ = get(site + "/live/bar/")
    assert status == 200
    migrated.stop()
    try:
        # What the cache has keeps being served: the whole home page, and the bar's state.
        assert get(site + "/")[:2] == (200, home)
        assert get(site + "/live/bar/")[:2] == (200, bar)
        for path in ("/updates/", "/authors/", "/articles/anything/"):
            status, body, seconds = get(site + path)
            assert status == 503, path
            assert seconds < 1, f"{path} took {seconds:.2f}s"
            assert "We'll be back in a moment" in body
            assert "css/site" in body  # the site's own design
    finally:
        migrated.start()
    deadline = time.monotonic() + 10
    while get(site + "/updates/")[0] != 200 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert get(site + "/updates/")[0] == 200
    assert get(site + "/authors/")[0] == 200


# In-process: a database error in the middle of a request, as when the server drops.


@pytest.fixture
def editor_client(django_user_model):
    """A logged-in editor whose client shows error responses instead of raising."""
    user = django_user_model.objects.create_superuser("desk-editor", "e@example.org", "x" * 16)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def dropped_connection(*args, **kwargs):
    raise OperationalError("server closed the connection unexpectedly")


@pytest.mark.django_db
def test_an_editors_save_that_fails_because_the_database_dropped_keeps_every_field(
    editor_client,
):
    from .factories import make_author, make_source, make_topic
    from .test_admin import ADD_URL, article_form

    data = article_form(make_topic(), [make_author()], [make_source()], sections=1, faqs=1)
    data["standfirst"] = "Line one of a long standfirst.\nLine two <b>with</b> “quotes” & more."
    with mock.patch.object(Article, "save", dropped_connection):
        response = editor_client.post(ADD_URL, data)
    assert response.status_code == 503
    assert response["Retry-After"]
    html = response.content.decode()
    assert "Your changes were not saved" in html
    assert f'<form method="post" action="{ADD_URL}">' in html
    # Every field comes back, escaped, ready to send again.
    for key, value in data.items():
        assert f'name="{key}" value="{escape(value)}"' in html, key
    assert "Line two &lt;b&gt;with&lt;/b&gt;" in html  # shown to read, never as markup
    assert not Article.objects.exists()
    # Sending it again once the database is back saves the article.
    resend = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html))
    resend = {key: unescape(value) for key, value in resend.items()}
    assert editor_client.post(ADD_URL, resend).status_code == 302
    assert Article.objects.get().standfirst == data["standfirst"]


@pytest.mark.django_db
def test_a_failed_sign_in_never_echoes_the_password():
    client = Client(raise_request_exception=False)
    with mock.patch("django.contrib.auth.backends.ModelBackend.authenticate", dropped_connection):
        response = client.post(
            "/admin/login/", {"username": "reporter", "password": "secret-pass-2026"}
        )
    assert response.status_code == 503
    assert "secret-pass-2026" not in response.content.decode()


@pytest.mark.django_db
def test_other_server_errors_keep_the_plain_500_page():
    client = Client(raise_request_exception=False)
    with mock.patch("tracker.newsroom.views.render", side_effect=RuntimeError("bug")):
        response = client.get("/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
