"""With Redis down, refusing connections or hanging, the site runs without it: pages render
from the database, the newsroom signs in and works, each request waits at most a short
timeout for Redis, and when Redis answers again the site uses it, with nothing stale.

The tests start and stop a real redis-server of their own on a free loopback port; the
last two drive the site under gunicorn as `make serve` runs it.
"""

import http.cookiejar
import logging
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
import redis
from django.conf import settings as django_settings
from django.core.cache import caches
from django.test import Client

from tracker import cache as redis_cache
from tracker.newsroom.models import Article
from tracker.pagecache import content_version
from tracker.pagecache import version as pagecache_version

from .factories import make_article
from .test_database_faults import free_port, get
from .test_login_protection import PASSWORD, fail_until_locked, log_in
from .test_serve import make_serve
from .test_settings import PRODUCTION, manage

REDIS_SERVER = shutil.which("redis-server")


class RedisServer:
    """A redis-server on a free loopback port that keeps its data in memory only: stopped,
    it refuses connections; started again, it is empty; paused, it accepts and never answers;
    resumed, it answers with the data it had."""

    def __init__(self, directory):
        self.dir = directory
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self):
        return redis.Redis.from_url(self.url, socket_timeout=2)

    def start(self):
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.dir)]
            + ["--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                self.client().ping()
                return
            except redis.ConnectionError:
                assert time.monotonic() < deadline and self.process.poll() is None
                time.sleep(0.05)

    def stop(self):
        self.process.kill()
        self.process.wait(timeout=10)

    def pause(self):
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self):
        os.kill(self.process.pid, signal.SIGCONT)


@pytest.fixture
def redis_server(tmp_path):
    if REDIS_SERVER is None:
        if os.environ.get("CI"):
            pytest.fail("redis-server is missing: apt-get install redis-server")
        pytest.skip("redis-server is missing")
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


def forget_process_state():
    """What this process remembers of Redis and of the content version between requests."""
    redis_cache._failed_at.clear()
    pagecache_version._seen.clear()
    pagecache_version._unmoved.clear()


@pytest.fixture
def cache_on(settings):
    """Gives the production cache settings on a Redis address, with the timeout and retry
    interval a test asks for; afterwards this process remembers nothing of that Redis."""

    def configure(url, timeout=0.2, retry=30.0):
        options = {"socket_connect_timeout": timeout, "socket_timeout": timeout}
        settings.CACHES = {
            "default": django_settings.REDIS_CACHE
            | {"LOCATION": url, "OPTIONS": options | {"retry_seconds": retry}},
            "kept": {"BACKEND": "tracker.cache.KeptCache"},
        }
        forget_process_state()
        return caches["default"]

    yield configure
    forget_process_state()


# The cache backend, in this process.


def test_every_cache_operation_answers_as_a_miss_while_redis_refuses(redis_server, cache_on):
    cache = cache_on(redis_server.url)
    cache.set("kept", "before")
    redis_server.stop()
    assert cache.get("kept", "missing") == "missing"
    assert cache.get_many(["kept"]) == {}
    assert cache.has_key("kept") is False
    assert cache.add("new", 1) is False
    assert cache.set("kept", "after") is None
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]  # the keys not stored
    assert cache.touch("kept") is False
    assert cache.delete("kept") is False
    assert cache.delete_many(["a"]) is None
    assert cache.get_or_set("kept", lambda: "computed") == "computed"
    with pytest.raises(ValueError):
        cache.incr("counter")  # as for a key that does not exist
    with pytest.raises(ValueError):
        cache.decr("counter")
    assert cache.clear() is False


def unanswered_address():
    """A listening socket whose queue is full, so a new connection is never answered."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    waiting = []
    for _ in range(3):
        client = socket.socket()
        client.setblocking(False)
        client.connect_ex(listener.getsockname())
        waiting.append(client)
    return listener, waiting


@pytest.mark.parametrize("hangs", ["on connect", "on reply"])
def test_a_hanging_redis_costs_one_short_wait_then_none_until_the_next_try(
    request, cache_on, hangs
):
    if hangs == "on connect":
        listener, waiting = unanswered_address()
        cache = cache_on(f"redis://127.0.0.1:{listener.getsockname()[1]}/0", timeout=0.2)
    else:
        redis_server = request.getfixturevalue("redis_server")
        cache = cache_on(redis_server.url, timeout=0.2)
        cache.set("warm", 1)  # a pooled connection, which the pause leaves open
        redis_server.pause()
    started = time.monotonic()
    assert cache.get("page") is None
    waited = time.monotonic() - started
    assert 0.2 <= waited < 1.0  # the configured timeout, not the client's default (forever)
    started = time.monotonic()
    for n in range(50):
        assert cache.get_or_set(f"page-{n}", n) == n
    assert time.monotonic() - started < 0.2  # not even one timeout for all of them
    if hangs == "on reply":
        redis_server.resume()
    else:
        listener.close()
        for client in waiting:
            client.close()


def test_redis_is_tried_once_per_interval_logged_once_and_used_again_when_it_answers(
    redis_server, cache_on, caplog
):
    caplog.set_level(logging.INFO, logger="tracker.cache")

    def logged():
        return [(r.levelname, r.getMessage()) for r in caplog.records if r.name == "tracker.cache"]

    cache = cache_on(redis_server.url, retry=0.5)
    redis_server.stop()
    for n in range(100):
        cache.get_or_set(f"page-{n}", n)
    assert len(logged()) == 1  # not 100 times
    assert logged()[0][0] == "ERROR" and "Redis cache unreachable" in logged()[0][1]
    time.sleep(0.6)
    for n in range(100):
        cache.get(f"page-{n}")
    assert len(logged()) == 2 and "Redis cache unreachable" in logged()[1][1]  # the next try
    redis_server.start()
    time.sleep(0.6)
    cache.set("page", "stored")
    assert cache.get("page") == "stored"
    assert redis_server.client().get(":1:page")  # in Redis itself
    assert logged()[2:] == [("INFO", "Redis cache reachable again")]


# The site, through Django's test client.


@pytest.mark.django_db
def test_public_pages_render_from_the_database_and_keep_nothing_while_redis_is_down(
    client, redis_server, cache_on, settings
):
    settings.PAGE_VERSION_RECHECK_SECONDS = 0
    cache_on(redis_server.url)
    article = make_article(title="Before the outage")
    first = client.get(article.get_absolute_url())
    assert "ETag" in first and client.get(article.get_absolute_url())["ETag"] == first["ETag"]
    redis_server.stop()
    # Changes the page cache is not told of (made by a process whose move was lost).
    for title in ("During the outage", "Later in the outage"):
        Article.objects.filter(pk=article.pk).update(title=title)
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200 and title in response.content.decode()
        assert "ETag" not in response  # neither Redis nor this process's memory keeps it
    assert content_version() is None
    for path, status in [
        ("/", 200),
        ("/updates/", 200),
        ("/live/bar/", 200),
        ("/search/?q=outage", 200),
        ("/no-such-page/", 404),
    ]:
        assert client.get(path).status_code == status, path


@pytest.mark.django_db
def test_a_redis_that_comes_back_empty_never_brings_back_a_page_from_before(
    client, redis_server, cache_on, settings
):
    settings.PAGE_VERSION_RECHECK_SECONDS = 0
    cache_on(redis_server.url, retry=0.3)
    article = make_article(title="Before the outage")
    client.get(article.get_absolute_url())  # kept in Redis and in this process's memory
    before = content_version()
    redis_server.stop()
    Article.objects.filter(pk=article.pk).update(title="Changed in the outage")
    client.get(article.get_absolute_url())
    redis_server.start()  # empty
    time.sleep(0.4)
    response = client.get(article.get_absolute_url())
    assert "Changed in the outage" in response.content.decode()
    assert content_version() > before  # a new version starts above every old one
    assert "ETag" in response  # cached again


@pytest.mark.django_db
def test_a_change_made_while_redis_hung_moves_the_version_once_redis_answers_with_old_data(
    client, redis_server, cache_on, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_VERSION_RECHECK_SECONDS = 0
    cache_on(redis_server.url, timeout=0.1, retry=0.3)
    article = make_article(title="Taken down in the outage")
    assert client.get(article.get_absolute_url()).status_code == 200  # kept under this version
    before = content_version()
    redis_server.pause()
    article.status = Article.Status.UNPUBLISHED
    with django_capture_on_commit_callbacks(execute=True):
        article.save()  # the version cannot move: Redis does not answer
    assert client.get(article.get_absolute_url()).status_code == 410  # withdrawn
    redis_server.resume()  # with the page kept under the old version
    time.sleep(0.4)
    assert client.get(article.get_absolute_url()).status_code == 410
    assert content_version() == before + 1


@pytest.mark.django_db
def test_signing_in_and_its_lockout_work_while_redis_is_down(
    client, redis_server, cache_on, django_user_model, settings
):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    django_user_model.objects.create_user("reporter", password=PASSWORD, is_staff=True)
    cache_on(redis_server.url)
    redis_server.stop()
    assert log_in(client, "reporter", PASSWORD).status_code == 302
    assert client.get("/admin/").status_code == 200  # the session outlived the request
    guesser = Client()
    fail_until_locked(guesser, address="198.51.100.7")  # counted in the database
    assert log_in(guesser, "reporter", PASSWORD, "198.51.100.7").status_code == 429


# The site under gunicorn, as `make serve` runs it.

SEED = """
from django.contrib.auth import get_user_model
from tests.factories import make_article, make_banner
get_user_model().objects.create_superuser("chief", "chief@example.org", "{password}")
article = make_article(title="Kept before the outage")
banner = make_banner("Banner before the outage")
print(article.pk, article.get_absolute_url(), banner.pk)
"""


class Browser:
    """An editor's browser: keeps its cookies and sends the CSRF token with each form."""

    def __init__(self, base):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def open(self, path, data=None):
        """Status, body and seconds taken, after redirects."""
        if data is not None:
            token = next(c.value for c in self.cookies if c.name == "csrftoken")
            data = urllib.parse.urlencode(data | {"csrfmiddlewaretoken": token}).encode()
        started = time.monotonic()
        try:
            with self.opener.open(self.base + path, data, timeout=10) as response:
                status, body = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, body = error.code, error.read().decode()
        return status, body, time.monotonic() - started

    def sign_in(self, password):
        self.open("/admin/login/")
        return self.open("/admin/login/?next=/admin/", {"username": "chief", "password": password})


@pytest.fixture
def served(tmp_path, redis_server):
    """`make serve` (one worker) on a site with an article, a live banner and a chief
    editor, with the cache on redis_server; each test sets the Redis timings."""
    started = []

    def serve(**env):
        port = free_port()
        env = PRODUCTION | {
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "REDIS_URL": redis_server.url,
            **env,
        }
        server = make_serve(tmp_path, PORT=str(port), **env)
        started.append(server)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 180
        while True:
            try:
                get(base + "/admin/login/")  # a page the cache keeps nothing of
                break
            except (urllib.error.URLError, ConnectionError):
                assert server.poll() is None and time.monotonic() < deadline
                time.sleep(0.2)
        password = "a-long-chief-editor-password-2026"
        seeded = manage(
            "shell",
            "-v0",
            "-c",
            SEED.format(password=password),
            DJANGO_DEBUG="1",
            DATABASE_URL=f"sqlite:///{tmp_path}/serve.sqlite3",
            REDIS_URL=redis_server.url,  # another process, as in production: pages follow
        )
        assert seeded.returncode == 0, seeded.stderr
        article_pk, article_url, banner_pk = seeded.stdout.split()
        time.sleep(1.1)  # the server re-reads the version the seeding moved (once a second)
        site = Browser(base)
        site.article, site.article_pk, site.banner_pk = article_url, article_pk, banner_pk
        site.password = password
        site.server = server
        return site

    yield serve
    for server in started:
        stop(server)


def stop(server):
    """Stops `make serve` and returns what it wrote to its error stream."""
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
    return server.communicate(timeout=30)[1]


PUBLIC = ["/", "/updates/", "/live/bar/", "/search/?q=outage", "/authors/", "/feed/"]


def test_make_serve_with_redis_refusing_serves_everyone_and_uses_redis_again_when_back(
    served, redis_server
):
    site = served(REDIS_TIMEOUT_SECONDS="0.5", REDIS_RETRY_SECONDS="2")
    assert site.open(site.article)[0] == 200
    assert "ETag" in urllib.request.urlopen(site.base + site.article).headers  # cached
    redis_server.stop()
    outage_started = time.monotonic()
    requests = [site.article, *PUBLIC, "/admin/login/"] * 3
    for path in requests:
        assert site.open(path)[0] == 200, path
    status, body, _ = site.sign_in(site.password)
    assert status == 200 and "Log out" in body  # sessions live in the database
    status, body, _ = site.open(
        "/admin/newsroom/article/",
        {"action": "unpublish", "_selected_action": site.article_pk, "post": "yes"},
    )
    assert status == 200 and "Unpublished 1 article(s)" in body  # and so do messages
    status, body, _ = site.open(f"/desk/banners/{site.banner_pk}/retract/", {})
    assert status == 200 and "Retracted:" in body
    assert site.open(site.article)[0] == 410  # withdrawn
    outage = time.monotonic() - outage_started

    redis_server.start()  # empty
    time.sleep(2.1)
    assert site.open(site.article)[0] == 410  # not the copy kept before the outage
    home = urllib.request.urlopen(site.base + "/")
    assert "ETag" in home.headers and "Banner before the outage" not in home.read().decode()
    assert redis_server.client().dbsize() > 0  # Redis is used again
    log = stop(site.server)
    # Once per try (every 2 s), not once per request.
    assert 1 <= log.count("Redis cache unreachable") <= outage // 2 + 2 < len(requests)
    assert log.count("Redis cache reachable again") == 1


def test_make_serve_with_redis_hanging_waits_a_short_timeout_and_nothing_stale_comes_back(
    served, redis_server
):
    site = served(REDIS_TIMEOUT_SECONDS="1", REDIS_RETRY_SECONDS="3")
    assert site.sign_in(site.password)[0] == 200
    assert "Banner before the outage" in site.open(site.article)[1]
    assert "Banner before the outage" in urllib.request.urlopen(site.base + "/").read().decode()
    redis_server.pause()
    outage_started = time.monotonic()
    seconds = []
    for path in [site.article, *PUBLIC, "/desk/"] * 2:
        status, _, took = site.open(path)
        assert status == 200, path
        seconds.append(took)
    for form in [
        (
            "/admin/newsroom/article/",
            {"action": "unpublish", "_selected_action": site.article_pk, "post": "yes"},
        ),
        (f"/desk/banners/{site.banner_pk}/retract/", {}),
    ]:
        status, _, took = site.open(*form)
        assert status == 200, form
        seconds.append(took)
    outage = time.monotonic() - outage_started
    # The request that tries Redis waits the timeout (1 s) once, then goes on without it,
    # as do the others for 3 s. (Were each cache operation to wait, reading the content
    # version alone would take three timeouts.)
    assert max(seconds) < 1 + 1

    redis_server.resume()  # with every page it kept from before
    time.sleep(3.1)
    site.open("/live/bar/")  # this process tries Redis again, and moves the version
    assert site.open(site.article)[0] == 410
    home = urllib.request.urlopen(site.base + "/")
    assert "ETag" in home.headers and "Banner before the outage" not in home.read().decode()
    log = stop(site.server)
    assert 1 <= log.count("Redis cache unreachable") <= 1 + outage // 3  # once per try
