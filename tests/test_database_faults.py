"""With the database gone, readers get a fast 503 in the site's design, and the site
recovers by itself when the database returns; an editor's save is whole or not at all,
and a backup taken while editors save restores the same pages.

This drives the real thing: a throwaway PostgreSQL server the test starts and stops, and
the site under gunicorn with production settings, as `make serve` runs it. Editors and
readers are bench/editors.py's: browsers without JavaScript, over HTTP.
"""

import asyncio
import contextlib
import glob
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from html import unescape
from pathlib import Path
from unittest import mock

import psycopg
import pytest
from django.db import OperationalError
from django.test import Client
from django.utils.html import escape

from tracker.newsroom.models import Article

from .servers import first_response, free_port

ROOT = Path(__file__).resolve().parent.parent
PG_BIN = sorted(glob.glob("/usr/lib/postgresql/*/bin"))

sys.path.insert(0, str(ROOT / "bench"))
import editors  # noqa: E402


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


@contextlib.contextmanager
def serving(cluster, pool="0", workers=1, **env):
    """The site under gunicorn with production settings, on the throwaway server: as
    `make serve` runs it (DATABASE_POOL=0: one persistent connection per worker), or with
    the pool. Yields its address."""
    port = free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "tracker.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)],
        cwd=ROOT,
        env=production_env(cluster, DATABASE_POOL=pool, **env),
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


@pytest.fixture(params=["0", "1"], ids=["persistent-connection", "pool"])
def site(migrated, request):
    with serving(migrated, request.param) as base:
        yield base


def django_code(cluster, code, *args):
    """Run Python with Django set up on the throwaway database; returns what it prints."""
    env = production_env(cluster, DJANGO_SETTINGS_MODULE="tracker.settings")
    command = [sys.executable, "-c", "import django; django.setup()\n" + code, *args]
    result = subprocess.run(
        command, cwd=ROOT, env=env, check=True, capture_output=True, text=True, timeout=120
    )
    return result.stdout


def editors_and_articles(cluster, editors_count, sharing=2):
    """bench/editors.py's editors and articles, under names no other test uses."""
    password, prefix = secrets.token_urlsafe(12), f"t{secrets.token_hex(3)}-"
    args = (str(editors_count), password, prefix, str(sharing))
    return json.loads(django_code(cluster, editors.SETUP, *args)), password


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


# What a restart may still cost once the database is back, per worker process. Nothing
# with `make serve`'s persistent connections: each is checked before a request's first
# query. With the pool, a process's first request can draw its pool's two dead connections
# in a row, after which psycopg_pool waits out DATABASE_POOL_TIMEOUT (0.5 s) and gives up.
FAILURES_PER_WORKER_AFTER_A_RESTART = {"0": 0, "1": 1}
WORKERS = 2


def database_reads(base, count=16):
    """`count` requests for a page that always queries the database, eight at a time;
    each as (started, ended, "read", status)."""

    def read(_):
        started = time.monotonic()
        status = get(base + "/search/?q=war")[0]  # search results are never cached
        return started, time.monotonic(), "read", status

    with ThreadPoolExecutor(8) as threads:
        return list(threads.map(read, range(count)))


@pytest.mark.parametrize("pool", ["0", "1"], ids=["persistent-connection", "pool"])
def test_a_restart_under_load_gives_no_500_and_every_connection_heals_by_itself(migrated, pool):
    setup, password = editors_and_articles(migrated, 2)
    outage = {}

    async def restart(*_):
        await asyncio.sleep(2)
        outage["down"] = time.monotonic()
        try:
            await asyncio.to_thread(migrated.stop)
            await asyncio.sleep(0.5)
        finally:
            await asyncio.to_thread(migrated.start)  # returns once it accepts connections
        outage["up"] = time.monotonic()

    with serving(migrated, pool, workers=WORKERS) as base:
        # A restart while nobody asks: the connections every worker holds die idle.
        assert {status for *_, status in database_reads(base)} == {200}
        migrated.stop()
        migrated.start()
        back = time.monotonic()
        idle_restart = database_reads(base)
        # Then one under load: readers, and editors opening and saving forms.
        run, _ = asyncio.run(editors.load(base, setup, password, 10, 6, during=restart))

    def assert_healed(entries, back):
        failed = [e for e in entries if e[0] >= back and run.errors([e])]
        assert len(failed) <= FAILURES_PER_WORKER_AFTER_A_RESTART[pool] * WORKERS, failed
        assert all(e[3] == 503 and e[0] < back + 1 for e in failed), failed

    assert_healed(idle_restart, back)
    assert_healed(run.timeline, outage["up"])
    assert not [e for e in run.timeline if e[3] == 500]
    assert run.errors([e for e in run.timeline if e[1] <= outage["down"]]) == {}
    felt = [e for e in run.timeline if e[0] < outage["up"] and e[1] > outage["down"]]
    assert set(run.errors(felt)) <= {"read: 503", "form: 503", "save: 503"}
    assert run.errors(felt), "the outage should have been felt"
    after = [e for e in run.timeline if e[0] >= outage["up"]]
    assert {what for _, _, what, _ in after} == {"read", "form", "save"}
    assert "saved" in {outcome for *_, outcome in after}


ARTICLE_TABLES = {  # the article and every part the change form saves, by the article's id
    "newsroom_article": "id",
    "newsroom_byline": "article_id",
    "newsroom_section": "article_id",
    "newsroom_faq": "article_id",
    "newsroom_citation": "article_id",
    "newsroom_note": "article_id",
}


def saved_rows(url, article_id):
    """Every row of the article and its parts, and its revisions, as the database holds them."""
    with psycopg.connect(url) as connection:
        rows = {
            table: connection.execute(
                f"SELECT * FROM {table} WHERE {key} = %s ORDER BY id", [article_id]
            ).fetchall()
            for table, key in ARTICLE_TABLES.items()
        }
        rows["revisions"] = connection.execute(
            "SELECT count(*) FROM reversion_version v JOIN django_content_type t"
            " ON t.id = v.content_type_id AND t.model = 'article' WHERE v.object_id = %s",
            [str(article_id)],
        ).fetchone()
    return rows


def wait_for_a_save_blocked_on(url, table):
    """Until a query that writes to `table` waits for its lock."""
    query = "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE %s"
    with psycopg.connect(url, autocommit=True) as connection:
        for _ in range(300):
            if connection.execute(query, [f"%{table}%"]).fetchone()[0]:
                return
            time.sleep(0.05)
    raise AssertionError(f"no save reached {table}")


def resend_form(page):
    """The 503 page's "Try saving again" form, as the browser sends it."""
    data = {}
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page):
        data.setdefault(name, []).append(unescape(value))
    action = re.search(r'<form method="post" action="([^"]+)">', page).group(1)
    return unescape(action), data


def test_a_save_cut_off_by_the_outage_leaves_the_article_as_it_was_then_saves_whole(migrated):
    setup, password = editors_and_articles(migrated, 1)
    article_id = setup["articles"][0]["id"]
    before = saved_rows(migrated.url, article_id)
    changes = {
        "title": "Cut off halfway through its save",
        "sections-1-body": "Editor 0, save 1.",
        "faqs-0-answer": "An answer written during the outage.",
        "sections-TOTAL_FORMS": "3",  # and a new section
        "sections-2-heading": "A new section",
        "sections-2-anchor": "a-new-section",
        "sections-2-body": "Added as the database went down.",
        "sections-2-position": "2",
    }

    async def save_through_the_outage(base):
        editor = editors.Editor(base, f"{setup['prefix']}editor0", password)
        await editor.sign_in()
        _, data = await editor.open_form(article_id)
        assert data["sections-1-heading"] == "Editor 0"
        # Hold the FAQs' table so the save stops there: the article and its sections are
        # written (in its transaction) when the database goes down under it.
        holder = psycopg.connect(migrated.url)
        holder.execute("LOCK TABLE newsroom_faq IN SHARE MODE")
        saving = asyncio.create_task(editor.post(editor.change_url(article_id), data | changes))
        try:
            await asyncio.to_thread(wait_for_a_save_blocked_on, migrated.url, "newsroom_faq")
            await asyncio.to_thread(migrated.stop)
            try:
                status, page = await saving
            finally:
                await asyncio.to_thread(migrated.start)  # for the tests that follow, too
        finally:
            with contextlib.suppress(psycopg.Error):
                holder.close()
        assert status == 503
        assert "Your changes were not saved" in page
        assert escape(changes["faqs-0-answer"]) in page  # what they typed, to send again
        assert saved_rows(migrated.url, article_id) == before  # nothing of it was kept
        action, resend = resend_form(page)
        assert await editor.post(base + action, resend) == (302, "")
        await editor.close()

    with serving(migrated) as base:
        asyncio.run(save_through_the_outage(base))
    assert saved_rows(migrated.url, article_id)["revisions"][0] == before["revisions"][0] + 1
    with psycopg.connect(migrated.url) as connection:
        title, version = connection.execute(
            "SELECT title, version FROM newsroom_article WHERE id = %s", [article_id]
        ).fetchone()
        sections = connection.execute(
            "SELECT heading, body FROM newsroom_section WHERE article_id = %s ORDER BY position",
            [article_id],
        ).fetchall()
        answer = connection.execute(
            "SELECT answer FROM newsroom_faq WHERE article_id = %s", [article_id]
        ).fetchone()[0]
    assert (title, version) == (changes["title"], 2)
    assert sections[1:] == [
        ("Editor 0", "Editor 0, save 1."),
        ("A new section", "Added as the database went down."),
    ]
    assert answer == changes["faqs-0-answer"]


def public_page(base, path):
    """A public page as readers get it, addressed to the same host whichever server answers."""
    request = urllib.request.Request(base + path, headers={"Host": "127.0.0.1"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read().decode()


def test_a_backup_taken_while_editors_save_restores_the_same_pages(migrated, tmp_path):
    setup, password = editors_and_articles(migrated, 2, sharing=1)
    edited = {article["url"]: article["editors"][0] for article in setup["articles"][:-1]}
    after_save = {}  # (address, save number): the public page just after that save
    dump = tmp_path / "tracker.dump"
    backup = {}

    async def edit(base, article):
        """Save, read the public page, again; until a save that began after the backup."""
        editor = editors.Editor(base, f"{setup['prefix']}editor{article['editors'][0]}", password)
        await editor.sign_in()
        save, last = 0, False
        while not last:
            last = "done" in backup
            _, data = await editor.open_form(article["id"])
            heading = next(k for k, v in data.items() if v == f"Editor {article['editors'][0]}")
            save += 1
            data[heading.replace("heading", "body")] = editors.text_of(article["editors"][0], save)
            assert (await editor.save(article["id"], data))[0] == "saved"
            page = await asyncio.to_thread(public_page, base, article["url"])
            after_save[article["url"], save] = page
        await editor.close()

    async def take_backup():
        while {url for url, _ in after_save} != set(edited):  # every editor is saving
            await asyncio.sleep(0.05)
        # The README's command, word for word, while the editors go on saving.
        command = ["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", migrated.url]
        await asyncio.to_thread(subprocess.run, command, check=True, timeout=60)
        backup["done"] = True

    async def edit_during_a_backup(base):
        articles = setup["articles"][:-1]
        await asyncio.gather(take_backup(), *(edit(base, article) for article in articles))

    with serving(migrated) as base:
        asyncio.run(edit_during_a_backup(base))
        now = {path: public_page(base, path) for path in site_addresses(base)}

    restored = migrated.url.rsplit("/", 1)[0] + "/tracker_restored"
    server = {"PGHOST": "127.0.0.1", "PGPORT": str(migrated.port), "PGUSER": "postgres"}
    subprocess.run(["createdb", "tracker_restored"], env=os.environ | server, check=True)
    subprocess.run(["pg_restore", "--no-owner", f"--dbname={restored}", dump], check=True)

    with serving(migrated, DATABASE_URL=restored) as base:
        pages = {path: public_page(base, path) for path in site_addresses(base)}
    assert pages.keys() == now.keys()
    for path, page in pages.items():
        if path not in edited:
            assert page == now[path], path
            continue
        # The article as one of its saves left it, before the last one (after the backup).
        number = edited[path]
        save = int(re.search(rf"Editor {number}, save (\d+)\.", page).group(1))
        assert page == after_save[path, save], path
        assert (path, save + 1) in after_save
    # The rows agree with each other: the article's version, its sections and its history
    # are from one moment.
    with psycopg.connect(restored) as connection:
        for path, number in edited.items():
            article_id = next(a["id"] for a in setup["articles"] if a["url"] == path)
            version, body = connection.execute(
                "SELECT a.version, s.body FROM newsroom_article a JOIN newsroom_section s"
                " ON s.article_id = a.id WHERE a.id = %s AND s.heading = %s",
                [article_id, f"Editor {number}"],
            ).fetchone()
            save = int(re.search(r"save (\d+)", body).group(1))
            assert version == save + 1
            assert saved_rows(restored, article_id)["revisions"] == (save,)


def site_addresses(base):
    """Every public page: what the sitemap lists, and the pages it leaves out."""
    sitemap = public_page(base, "/sitemap.xml")
    listed = re.findall(r"<loc>http://127\.0\.0\.1(/[^<]*)</loc>", sitemap)
    return sorted({*listed, "/", "/sitemap.xml", "/updates/", "/feed/"})


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
