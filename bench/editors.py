"""`make bench-editors`: editors save articles in the admin while readers load pages.

EDITORS (20) editors each sign in to the admin as a browser without JavaScript would,
then, over and over, open an article's change form, change their own section and post
the form back with its CSRF token and the article's `version`. Two editors share each
article, so their saves collide: the optimistic lock must refuse a save made from a
version someone else has already replaced (a refusal, counted, not an error). At the
same time READERS (64) readers load public pages, among them the articles being edited.

Then it checks that no acknowledged save was lost: each editor's section holds the text
of their last save the server acknowledged, and each article's version and revision
history moved on exactly once per acknowledged save. LOCK_ROUNDS (3) times during the
run, two more editors post the same article at the same instant from the same version:
exactly one may win. Any other answer than a page, a redirect or a refusal is an error;
on PostgreSQL, so is a deadlock PostgreSQL reports. The run lasts EDITORS_SECONDS (45),
or until the last lock round is done if that is later.

The database is PostgreSQL when DATABASE_URL names one (a scratch database is created
beside it and dropped afterwards), SQLite otherwise. The server is gunicorn with WORKERS
sync workers (make serve's default: two per core plus one) pinned to core 0, with a
Redis of its own as the shared cache; this load runs on core 1. The report goes to
EDITORS_REPORT, by default bench/results/editors-<time>.json.

tests/test_database_faults.py drives the same editors and readers through a database
restart and a backup.
"""

import asyncio
import json
import os
import random
import secrets
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from urllib.parse import urlsplit

import aiohttp
from common import LOAD_CORE, ROOT, Site, free_port, machine

sys.path.insert(0, str(ROOT))
from tests.html import form_data  # noqa: E402  (what a browser would post from a form)

REFUSED = "Nothing was saved"  # in the optimistic lock's message

# Editor accounts, and articles with a section for each of their editors (two to an
# article, by default) plus one for the lock check. Arguments: editors, password, a prefix
# that keeps the names apart from an earlier setup's, and optionally editors per article.
# Prints the articles as JSON.
SETUP = """
import json, sys
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User
from django.utils import timezone
from tracker.newsroom.models import FAQ, Article, Author, Byline, Citation, Section, Source, Topic

editors, password, prefix = int(sys.argv[1]), sys.argv[2], sys.argv[3]
sharing = int(sys.argv[4]) if len(sys.argv) > 4 else 2
group, hashed = Group.objects.get(name="Editors"), make_password(password)  # hashing is slow
for number in range(editors + 2):
    User.objects.create(username=f"{prefix}editor{number}", password=hashed, is_staff=True).groups.add(group)
topic = Topic.objects.first() or Topic.objects.create(name="Bench", slug="bench")
author = Author.objects.first() or Author.objects.create(name="Bench", slug="bench")
source = Source.objects.first() or Source.objects.create(publisher="Bench")
groups = [range(n, min(n + sharing, editors)) for n in range(0, editors, sharing)] + [()]
articles = []
for index, numbers in enumerate(groups):
    article = Article.objects.create(
        title=f"Editors under load {prefix}{index}", slug=f"{prefix}editors-bench-{index}", topic=topic,
        standfirst="Editors save this article again and again.",
        status="published", published_at=timezone.now(),
    )
    Byline.objects.create(article=article, author=author)
    Citation.objects.create(article=article, source=source)
    FAQ.objects.create(article=article, question="Why?", answer="To measure saves.")
    Section.objects.create(article=article, position=0, heading="Background", anchor="background",
                           body="A section nobody changes. " * 20)
    for number in numbers:
        Section.objects.create(article=article, position=number + 1, heading=f"Editor {number}",
                               anchor=f"editor-{number}", body=f"Editor {number}, save 0.")
    articles.append({"id": article.pk, "url": article.get_absolute_url(), "editors": list(numbers)})
print(json.dumps({"articles": articles, "topic": topic.get_absolute_url(), "prefix": prefix}))
"""

# Each article's version, revision count and section texts, as JSON. Argument: the ids.
STATE = """
import json, sys
from reversion.models import Version
from tracker.newsroom.models import Article
print(json.dumps({
    article.pk: {
        "version": article.version,
        "revisions": Version.objects.get_for_object(article).count(),
        "sections": {section.heading: section.body for section in article.sections.all()},
    }
    for article in Article.objects.filter(pk__in=json.loads(sys.argv[1]))
}))
"""


def text_of(number, save):
    return f"Editor {number}, save {save}."


def form_pairs(data):
    """form_data's dict as the (name, value) pairs a browser posts."""
    return [(k, v) for k, vs in data.items() for v in (vs if isinstance(vs, list) else [vs])]


class Editor:
    """One editor's browser: a session cookie, a CSRF token, and the admin's forms."""

    def __init__(self, base, username, password):
        self.base, self.username, self.password = base, username, password
        self.session = aiohttp.ClientSession(
            cookie_jar=aiohttp.CookieJar(unsafe=True),  # keep cookies from 127.0.0.1
            timeout=aiohttp.ClientTimeout(total=60),
        )

    async def sign_in(self):
        url = f"{self.base}/admin/login/"
        async with self.session.get(url) as response:
            assert response.status == 200, f"the sign-in page answered {response.status}"
            token = form_data(await response.text(), "login-form")["csrfmiddlewaretoken"]
        fields = {"username": self.username, "password": self.password, "next": "/admin/"}
        fields["csrfmiddlewaretoken"] = token
        async with self.session.post(url, data=fields, allow_redirects=False) as response:
            assert response.status == 302, f"{self.username} could not sign in"

    def change_url(self, article_id):
        return f"{self.base}/admin/newsroom/article/{article_id}/change/"

    async def open_form(self, article_id):
        """The change form's status and fields, as the page shows them (None if no form)."""
        async with self.session.get(self.change_url(article_id)) as response:
            html = await response.text()
        return response.status, form_data(html, "article_form") if response.status == 200 else None

    async def post(self, url, data):
        """Post a form back: the status and the page."""
        async with self.session.post(url, data=form_pairs(data), allow_redirects=False) as response:
            return response.status, await response.text()

    async def save(self, article_id, data):
        """The verdict, "saved", "refused" (the lock) or the status of anything else, and the page."""
        status, page = await self.post(self.change_url(article_id), data)
        if status == 302:
            return "saved", page
        if status == 200 and REFUSED in page:
            return "refused", page
        return (
            f"{status} (form errors)" if status == 200 and "errorlist" in page else status
        ), page

    async def close(self):
        await self.session.close()


class Run:
    """Editors and readers against one site. Every request is kept in the timeline as
    (started, ended, what, outcome), so a test can tell what happened in which window."""

    EXPECTED = {"read": {200, 204}, "form": {200}, "save": {"saved", "refused"}}

    def __init__(self):
        self.running = True
        self.timeline = []
        self.saves = {}  # editor -> {save number: outcome}
        self.lock_rounds = []

    async def timed(self, what, request):
        """The request's (outcome, value), kept in the timeline; a failed connection's
        outcome is the error's name."""
        started = time.monotonic()
        try:
            outcome, value = await request
        except (TimeoutError, aiohttp.ClientError) as error:
            outcome, value = type(error).__name__, None
        self.timeline.append((started, time.monotonic(), what, outcome))
        return outcome, value

    async def edit(self, editor, number, article_id):
        """Open the form, change this editor's own section, save; again until the end."""
        outcomes = self.saves.setdefault(number, {})
        while self.running:
            _, data = await self.timed("form", editor.open_form(article_id))
            if data is None:
                continue
            heading = next(k for k, v in data.items() if v == f"Editor {number}")
            save = len(outcomes) + 1
            data[heading.replace("heading", "body")] = text_of(number, save)
            outcomes[save], _ = await self.timed("save", editor.save(article_id, data))

    async def read(self, session, urls):
        async def get(url):
            async with session.get(url, allow_redirects=False) as response:
                return response.status, await response.read()

        while self.running:
            await self.timed("read", get(random.choice(urls)))

    def errors(self, entries=None):
        """Outcomes other than the expected ones, by kind."""
        entries = self.timeline if entries is None else entries
        return Counter(
            f"{what}: {outcome}"
            for _, _, what, outcome in entries
            if outcome not in self.EXPECTED[what]
        )

    async def lock_check(self, first, second, article_id):
        """Two editors open the same version and post at the same instant: one must win."""
        forms = await asyncio.gather(first.open_form(article_id), second.open_form(article_id))
        texts = [f"Lock round {len(self.lock_rounds)}, {e.username}." for e in (first, second)]
        saves = [
            editor.save(article_id, data | {"standfirst": text})
            for editor, (_, data), text in zip((first, second), forms, texts, strict=True)
        ]
        outcomes = [verdict for verdict, _ in await asyncio.gather(*saves)]
        _, after = await first.open_form(article_id)
        winners = [
            text for text, outcome in zip(texts, outcomes, strict=True) if outcome == "saved"
        ]
        held = after and after["standfirst"]
        passed = sorted(outcomes) == ["refused", "saved"] and [held] == winners
        self.lock_rounds.append({"outcomes": outcomes, "held": held, "passed": passed})


async def load(base, setup, password, seconds, readers, during=None):
    """Setup's editors edit and `readers` readers read for `seconds`; `during(run, lock
    editors, lock article)` runs alongside. Returns the run and how long it took."""
    run = Run()
    articles, lock_article = setup["articles"][:-1], setup["articles"][-1]
    numbers = [n for article in articles for n in article["editors"]]
    names = [f"{setup['prefix']}editor{n}" for n in range(len(numbers) + 2)]
    editors = [Editor(base, name, password) for name in names]
    await asyncio.gather(*(editor.sign_in() for editor in editors))
    urls = ["/", "/updates/", "/authors/", setup["topic"], "/live/bar/?v=old"]
    urls = [base + url for url in urls + [article["url"] for article in articles]]
    session = aiohttp.ClientSession(
        cookie_jar=aiohttp.DummyCookieJar(),
        connector=aiohttp.TCPConnector(limit=readers),
        timeout=aiohttp.ClientTimeout(total=60),
    )
    started = time.monotonic()
    tasks = [asyncio.create_task(run.read(session, urls)) for _ in range(readers)]
    tasks += [
        asyncio.create_task(run.edit(editors[n], n, article["id"]))
        for article in articles
        for n in article["editors"]
    ]
    if during:
        await during(run, editors[-2:], lock_article["id"])
    await asyncio.sleep(started + seconds - time.monotonic())
    run.running = False
    await asyncio.gather(*tasks)  # each finishes what it started
    elapsed = time.monotonic() - started
    await session.close()
    for editor in editors:
        await editor.close()
    return run, elapsed


def lost_saves(run, setup, state):
    """Acknowledged saves missing from the database, and saves it holds but refused."""
    problems = []
    for article in setup["articles"][:-1]:
        final = state[str(article["id"])]
        acknowledged = 0
        for number in article["editors"]:
            outcomes = run.saves.get(number, {})
            saved = [save for save, outcome in outcomes.items() if outcome == "saved"]
            acknowledged += len(saved)
            expected = text_of(number, max(saved, default=0))
            held = final["sections"][f"Editor {number}"]
            if held != expected:
                problems.append(f"editor {number}: expected {expected!r}, found {held!r}")
        if final["version"] - 1 != acknowledged or final["revisions"] != acknowledged:
            problems.append(
                f"article {article['id']}: {acknowledged} saves acknowledged, version "
                f"{final['version']}, {final['revisions']} revisions"
            )
    return problems


def scratch_database(site):
    """On PostgreSQL, a database of the site's own beside DATABASE_URL's; returns a function
    that reads its deadlock count and one that drops it."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return None
    import psycopg

    name = f"{urlsplit(url).path.lstrip('/')}_bench_editors_{secrets.token_hex(3)}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    site.env["DATABASE_URL"] = f"{url.rsplit('/', 1)[0]}/{name}"

    def deadlocks():
        with psycopg.connect(site.env["DATABASE_URL"]) as connection:
            query = "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()"
            return connection.execute(query).fetchone()[0]

    def drop():
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return deadlocks, drop


def percentile_ms(values, share):
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000, 1)


def main():
    editors = int(os.environ.get("EDITORS", "20"))
    readers = int(os.environ.get("READERS", "64"))
    seconds = float(os.environ.get("EDITORS_SECONDS", "45"))
    lock_rounds = int(os.environ.get("LOCK_ROUNDS", "3"))
    workers = int(os.environ.get("WORKERS", str(2 * (os.cpu_count() or 1) + 1)))

    async def lock_checks(run, lock_editors, lock_article):
        started = time.monotonic()
        for round_ in range(lock_rounds):
            await asyncio.sleep(started + seconds * (round_ + 0.5) / lock_rounds - time.monotonic())
            await run.lock_check(*lock_editors, lock_article)

    site = Site()
    site.redis()  # the processes share the cache, as in production
    postgres = scratch_database(site)
    database = "PostgreSQL" if postgres else "SQLite"
    try:
        site.prepare()
        password = secrets.token_urlsafe(16)
        setup = json.loads(site.django(SETUP, args=(str(editors), password, "")))
        port = free_port()
        site.serve(port, workers=workers)
        print(
            f"{editors} editors and {readers} readers for {seconds:g} s on {database}, "
            f"{workers} gunicorn workers ...",
            flush=True,
        )
        load_before = os.getloadavg()
        deadlocks_before = postgres[0]() if postgres else None
        os.sched_setaffinity(0, {int(LOAD_CORE)})
        base = f"http://127.0.0.1:{port}"
        run, elapsed = asyncio.run(load(base, setup, password, seconds, readers, lock_checks))
        deadlocks = postgres[0]() - deadlocks_before if postgres else None
        ids = json.dumps([article["id"] for article in setup["articles"]])
        state = json.loads(site.django(STATE, args=(ids,)))
    finally:
        site.stop()
        if postgres:
            postgres[1]()

    outcomes = Counter(o for saves in run.saves.values() for o in saves.values())
    seconds_of = {
        what: [end - start for start, end, kind, outcome in run.timeline if kind == what]
        for what in ("read", "form")
    }
    seconds_of["save"] = [
        e - s for s, e, kind, o in run.timeline if kind == "save" and o == "saved"
    ]
    lost = lost_saves(run, setup, state)
    errors = run.errors()
    result = {
        "database": database,
        "editors": editors,
        "readers": readers,
        "gunicorn_workers": workers,
        "seconds": round(elapsed, 1),
        "saves": outcomes["saved"],
        "saves_per_s": round(outcomes["saved"] / elapsed, 1),
        "save_p50_ms": percentile_ms(seconds_of["save"], 0.5),
        "save_p99_ms": percentile_ms(seconds_of["save"], 0.99),
        "form_open_p50_ms": percentile_ms(seconds_of["form"], 0.5),
        "form_open_p99_ms": percentile_ms(seconds_of["form"], 0.99),
        "refused_by_the_lock": outcomes["refused"],
        "reader_requests": len(seconds_of["read"]),
        "reader_requests_per_s": round(len(seconds_of["read"]) / elapsed, 1),
        "reader_p50_ms": percentile_ms(seconds_of["read"], 0.5),
        "reader_p99_ms": percentile_ms(seconds_of["read"], 0.99),
        "errors": sum(errors.values()),
        "errors_by_kind": dict(errors),
        "lost_saves": len(lost),
        "lost_save_details": lost,
        "deadlocks": deadlocks,
        "lock_rounds": run.lock_rounds,
        "lock_rounds_passed": sum(r["passed"] for r in run.lock_rounds),
        "load_average_before": [round(n, 2) for n in load_before],
    }
    result["passed"] = (
        result["saves"] > 0
        and not errors
        and not lost
        and not deadlocks
        and result["lock_rounds_passed"] == lock_rounds
    )
    result |= {"machine": machine(), "command": command()}
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = os.environ.get("EDITORS_REPORT") or ROOT / "bench" / "results" / f"editors-{stamp}.json"
    with open(out, "w") as file:
        json.dump(result, file, indent=2)
    for key, value in result.items():
        if key not in ("machine", "lock_rounds"):
            print(f"  {key}: {value}")
    print(f"Report: {out}")
    sys.exit(0 if result["passed"] else 1)


def command():
    """The command as typed, with the settings that differ from the defaults."""
    names = ("DATABASE_URL", "EDITORS", "READERS", "EDITORS_SECONDS", "LOCK_ROUNDS", "WORKERS")
    given = [f"{name}={os.environ[name]}" for name in names if os.environ.get(name)]
    return " ".join([*given, "make bench-editors"])


if __name__ == "__main__":
    main()
