"""Through Debian's nginx with deploy/proxy-cache.conf, in front of `make serve` (three
gunicorn workers sharing a Redis of the test's own): a takedown, a retraction and an edit
leave nginx within 10 s, a takedown does not come back while the origin is down, and an
nginx restarted with an empty cache sends one request per page to the origin; the "N new
updates" button gets the arrivals it announces while nginx still holds the page.

The 10 s: 1 s for the other workers to re-read the content version
(PAGE_VERSION_RECHECK_SECONDS), then s-maxage (5) and stale-while-revalidate (3) in nginx,
which counts in whole seconds (+1).
"""

import concurrent.futures
import html
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .test_database_faults import free_port

ROOT = Path(__file__).resolve().parent.parent
BOUND_SECONDS = 10
POLL_SECONDS = 0.2


def wait_until_answers(url, process, seconds=120):
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            assert process.poll() is None, f"{process.args} stopped"
            assert time.monotonic() < deadline, f"{url} never answered"
            time.sleep(0.2)


def installed(binary, package):
    """Debian's server binary; CI must have it (make system-deps installs it)."""
    path = shutil.which(binary) or f"/usr/sbin/{binary}"
    if not os.access(path, os.X_OK):
        if os.environ.get("CI"):
            pytest.fail(f"{binary} is missing: make system-deps installs {package}")
        pytest.skip(f"{binary} is missing (make system-deps installs {package})")
    return path


@pytest.fixture(scope="module")
def nginx_binary():
    return installed("nginx", "nginx-light")


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    """A Redis of this test's own: others' tests empty the one on 6379."""
    installed("redis-server", "redis-server")
    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(tmp_path_factory.mktemp("redis"))],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(100):
            ping = subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True)
            if ping.stdout.strip() == b"PONG":
                break
            time.sleep(0.1)
        else:
            pytest.fail("redis-server did not answer")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


class Site:
    """`make serve` on its own SQLite file, Redis and port, and nginx in front of it."""

    def __init__(self, directory, redis_url, nginx_binary):
        self.dir, self.nginx_binary = directory, nginx_binary
        base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
        self.env = base | {
            "DJANGO_SECRET_KEY": "a-long-random-key-used-only-by-the-nginx-freshness-test-0123",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": f"sqlite:///{directory}/site.sqlite3",
            "REDIS_URL": redis_url,
        }
        self.app_port, self.port = free_port(), free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.access_log = directory / "gunicorn-access.log"
        self.app = self.nginx = None

    def django(self, code):
        """Run code with Django set up on the site's database; returns what it prints."""
        result = subprocess.run(
            [sys.executable, "-c", "import django; django.setup()\n" + code],
            cwd=ROOT,
            env=self.env | {"DJANGO_SETTINGS_MODULE": "tracker.settings"},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    def start_django(self, code):
        """Start code with Django set up; returns once it prints "ready"."""
        process = subprocess.Popen(
            [sys.executable, "-c", "import django; django.setup()\n" + code],
            cwd=ROOT,
            env=self.env | {"DJANGO_SETTINGS_MODULE": "tracker.settings"},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert process.stdout.readline() == "ready\n"
        return process

    def start_app(self):
        self.app = subprocess.Popen(
            ["make", "--no-print-directory", "serve", f"PORT={self.app_port}", "WORKERS=3"],
            cwd=ROOT,
            env=self.env,
            stdout=self.access_log.open("a"),  # gunicorn's access log, as `make serve` has it
            stderr=(self.dir / "gunicorn-error.log").open("a"),
            start_new_session=True,  # so make, gunicorn and its workers stop together
        )
        wait_until_answers(f"http://127.0.0.1:{self.app_port}/", self.app)

    def stop_app(self):
        if self.app and self.app.poll() is None:
            os.killpg(self.app.pid, signal.SIGTERM)
            self.app.wait(timeout=30)

    def start_nginx(self):
        """nginx with deploy/proxy-cache.conf and an empty cache of its own."""
        cache = Path(tempfile.mkdtemp(prefix="nginx-cache-", dir=self.dir))
        conf = self.dir / "nginx.conf"
        conf.write_text(
            f"""
user root;  # a root-run test writes its own temp dirs; ignored when not run as root
worker_processes 1;
pid {self.dir}/nginx.pid;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    proxy_temp_path {cache}/temp;
    client_body_temp_path {cache}/body;
    proxy_cache_path {cache}/entries levels=1:2 keys_zone=tracker:10m inactive=10m
                     use_temp_path=off;
    upstream tracker_app {{ server 127.0.0.1:{self.app_port}; keepalive 32; }}
    server {{
        listen 127.0.0.1:{self.port};
        location / {{ include {ROOT / "deploy" / "proxy-cache.conf"}; }}
    }}
}}
"""
        )
        self.nginx = subprocess.Popen(
            [self.nginx_binary, "-c", str(conf), "-p", str(self.dir), "-e", "stderr",
             "-g", "daemon off;"],
            stderr=(self.dir / "nginx-error.log").open("a"),
        )  # fmt: skip
        wait_until_answers(self.base + "/robots.txt", self.nginx)

    def stop_nginx(self):
        if self.nginx and self.nginx.poll() is None:
            self.nginx.terminate()
            self.nginx.wait(timeout=10)

    def origin_requests(self, path, status=""):
        """Requests for this path (query included) that reached gunicorn, with this status."""
        pattern = re.compile(rf'"GET {re.escape(path)} HTTP/1.1" {status}')
        with self.access_log.open() as log:
            return sum(bool(pattern.search(line)) for line in log)


@pytest.fixture(scope="module")
def migrated(tmp_path_factory, redis_url, nginx_binary):
    """A migrated database, copied for each test (make serve migrates again: nothing to do)."""
    site = Site(tmp_path_factory.mktemp("migrated"), redis_url, nginx_binary)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
        cwd=ROOT,
        env=site.env,
        check=True,
        timeout=120,
    )
    return site.dir / "site.sqlite3"


@pytest.fixture
def site(tmp_path, migrated, redis_url, nginx_binary):
    """A fresh site: its own database and processes, and an empty Redis."""
    shutil.copy(migrated, tmp_path / "site.sqlite3")
    subprocess.run(["redis-cli", "-u", redis_url, "flushall"], check=True, capture_output=True)
    site = Site(tmp_path, redis_url, nginx_binary)
    try:
        site.start_app()
        site.start_nginx()
        yield site
    finally:
        site.stop_nginx()
        site.stop_app()


def get(url, headers=None):
    """Status, X-Cache-Status and body of nginx's answer; error statuses are answers too."""
    try:
        request = urllib.request.Request(url, headers=headers or {})
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers["X-Cache-Status"], response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["X-Cache-Status"], error.read().decode()


def sparse(url):
    """The same page for the app (it ignores utm_*), another entry for nginx."""
    return url + ("&" if "?" in url else "?") + "utm_source=sparse"


SEED = """
from tests.factories import make_article, make_banner, make_counter
from tracker.live.bar import current_bar
make_counter()
make_banner("Retract me: an unverified claim")
taken_down = make_article(title="Take me down: named in a court order")
edited = make_article(title="Edit me", sections=1)
print(taken_down.get_absolute_url(), edited.get_absolute_url(), current_bar().version)
"""

# Django is set up before the test says go, so the change follows nginx's fetch at once.
CHANGE = """
import time
from tracker.live.models import Banner
from tracker.newsroom.models import Article, Section
print("ready", flush=True)
input()
article = Article.objects.get(title__startswith="Take me down")
article.status = Article.Status.UNPUBLISHED
article.save()
print("unpublish", time.time())
Banner.objects.get().retract(None)
print("retract", time.time())
section = Section.objects.get(article__title="Edit me")
section.body = "Corrected: the figure was 12, not 120."
section.save()
print("edit", time.time())
"""

# What each case watches, and how to tell the old content from the new.
CASES = {
    "unpublished article": ("taken_down", "unpublish", lambda status, body: status == 200),
    "retracted banner, the bar": ("bar", "retract", lambda status, body: status == 204),
    "retracted banner, the updates page": (
        "/updates/",
        "retract",
        lambda status, body: "Retract me" in body,
    ),
    "edited section": ("edited", "edit", lambda status, body: "Corrected" not in body),
}


def watch(url, is_old, since, until):
    """Poll through nginx until `until`: seconds after `since` of the last old answer."""
    last_old, answers = None, []
    while time.time() < until:
        status, cache_status, body = get(url)
        answers.append((round(time.time() - since, 2), status, cache_status))
        if is_old(status, body):
            last_old = time.time() - since
        time.sleep(POLL_SECONDS)
    return last_old, answers


def ask_once_at(moment, url):
    """A reader after a quiet spell: nobody asked for this entry since it was stored."""
    time.sleep(max(0, moment - time.time()))
    return get(url)


def test_a_takedown_a_retraction_and_an_edit_leave_nginx_within_10_s(site):
    taken_down, edited, bar_version = site.django(SEED).split()
    address = {"taken_down": taken_down, "edited": edited, "bar": f"/live/bar/?v={bar_version}"}
    urls = {name: site.base + address.get(page, page) for name, (page, *_) in CASES.items()}
    change = site.start_django(CHANGE)
    # nginx holds every page as it was, fetched just now, a busy and a quiet copy of each.
    for name, url in urls.items():
        for copy in (url, sparse(url)):
            get(copy)
            status, cache_status, body = get(copy)
            assert cache_status == "HIT" and CASES[name][2](status, body), (copy, status)
    changed_at = {
        kind: float(moment)
        for kind, moment in (
            line.split() for line in change.communicate("go\n", 60)[0].splitlines()
        )
    }
    until = max(changed_at.values()) + BOUND_SECONDS + 1
    with concurrent.futures.ThreadPoolExecutor(2 * len(CASES)) as pool:
        busy, quiet = {}, {}
        for name, url in urls.items():
            since, is_old = changed_at[CASES[name][1]], CASES[name][2]
            busy[name] = pool.submit(watch, url, is_old, since, until)
            quiet[name] = pool.submit(ask_once_at, since + BOUND_SECONDS, sparse(url))
        print()
        for name, future in busy.items():
            last_old, answers = future.result()
            print(f"{name}: the last old answer {last_old} s after the change")
            assert last_old is not None, (name, answers)  # nginx did hold the old copy...
            assert last_old <= BOUND_SECONDS, (name, answers)  # ...and at most 10 s
            status, cache_status, body = quiet[name].result()
            # Stale only within stale-while-revalidate, however long nginx kept the entry.
            assert not CASES[name][2](status, body), (name, status, cache_status)
    # nginx now holds the 410 in place of the article: while the origin is down it serves
    # that, never the article (an uncached 410 would leave the old 200 there to serve).
    site.stop_app()
    time.sleep(BOUND_SECONDS)  # the 410 itself has expired, and its stale-while-revalidate
    for url in (urls["unpublished article"], sparse(urls["unpublished article"])):
        status, cache_status, body = get(url)
        assert (status, cache_status) == (410, "STALE"), url
        assert "This article has been withdrawn" in body and "court order" not in body


def test_a_restarted_nginx_with_an_empty_cache_sends_one_request_per_page_to_the_origin(site):
    _, article, bar_version = site.django(SEED).split()
    paths = ["/", article, "/updates/", f"/live/bar/?v={bar_version}"]
    for path in paths:
        get(site.base + path)  # the app's page cache is warm, as before a restart
    site.stop_nginx()
    site.start_nginx()  # an empty cache: a new machine, or the cache directory lost
    before = {path: site.origin_requests(path) for path in paths}
    readers = 50
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(readers) as pool:
        answers = list(pool.map(get, [site.base + path for path in paths] * readers))
    seconds = time.monotonic() - started
    assert {status for status, *_ in answers} <= {200, 204}
    reached = {path: site.origin_requests(path) - before[path] for path in paths}
    print(f"\n{len(answers)} requests, {len(paths)} pages, {seconds:.2f} s; origin: {reached}")
    assert reached == dict.fromkeys(paths, 1)
    # Expired (5 s, and up to 1 s of nginx's whole seconds), a page is served stale while
    # nginx asks again with If-None-Match, and the app answers 304 from its page cache.
    time.sleep(max(0, started + 7 - time.monotonic()))
    assert get(site.base + "/")[1] == "STALE"
    deadline = time.monotonic() + 5  # the background request, on a machine busy with CI
    while site.origin_requests("/") < before["/"] + 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert site.origin_requests("/", status=304) == 1, site.access_log.read_text()
    # A browser asking again after its max-age gets a 304 from nginx's copy.
    etag = urllib.request.urlopen(site.base + "/", timeout=10).headers["ETag"]
    assert get(site.base + "/", {"If-None-Match": etag})[:2] == (304, "HIT")
    assert site.origin_requests("/") == before["/"] + 2  # the first reader's, the 304


SEEN = """
from tests.factories import make_banner, make_counter
from tracker.live.views import to_stamp
make_counter()
print(to_stamp(make_banner("Seen before the arrival").published_at))
"""

# Django is set up before the test says go, so the update follows nginx's fetch at once.
ARRIVAL = """
from tests.factories import make_banner
print("ready", flush=True)
input()
make_banner("The arrival")
"""


def stream(body):
    return body.split('id="updates-stream"')[1]


def test_the_new_updates_button_gets_the_arrivals_through_nginx_at_once(site):
    # nginx holds the updates page (and may for up to 8 s after an update arrives); the
    # "N new updates" button must still bring the arrival, or focus has nowhere to go.
    after = site.django(SEEN).strip()
    arrival = site.start_django(ARRIVAL)
    for _ in range(2):
        status, cache_status, body = get(site.base + "/updates/")
    assert cache_status == "HIT" and "Seen before the arrival" in stream(body)
    fetched_at = time.monotonic()
    arrival.communicate("go\n", 60)
    time.sleep(1.2)  # every worker has re-read the content version (1 s)
    status, _, answer = get(f"{site.base}/updates/new/?after={after}")
    assert status == 200 and "1 new update: show them" in answer
    address = html.unescape(re.search(r'<button [^>]*data-hx-get="([^"]+)"', answer)[1])
    status, cache_status, body = get(site.base + address, {"HX-Request": "true"})
    assert status == 200 and "The arrival" in stream(body), (address, cache_status)
    # The page's own address still gets nginx's copy from before the arrival.
    status, cache_status, body = get(site.base + "/updates/")
    assert time.monotonic() - fetched_at < 5, "too slow to show nginx's copy"
    assert cache_status == "HIT" and "The arrival" not in stream(body)
