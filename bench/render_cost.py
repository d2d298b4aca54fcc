"""`make bench-render`: where the time of an article render goes, in process.

F and K in `make bench` are the article page rendered for every request, with its
parts kept (F) and cold (K). This splits them: what Django's request cycle costs with
no work at all, what the page's queries cost as plain SQL, what the ORM and the template
add with the parts kept and without. It runs twice in one process pinned to one core,
without an HTTP server: as F's server (page cache off) and as K's (fragments off too);
each figure is the best of five batches. A JSON report goes to bench/results/.
"""

import json
from datetime import UTC, datetime

from common import ROOT, SERVER_CORE, Site, machine

MEASURE = r"""
import io, json, sys, time
from django.db import connection
from django.http import HttpResponse
from django.template.loader import get_template
from django.test import RequestFactory
from django.urls import path
from tracker import urls
from tracker.newsroom import models, structured_data
from tracker.pagecache import public_page
from tracker.wsgi import application

SLUG = "benchmark-article"
article = models.Article.objects.get(slug=SLUG)
table = {m.__name__: m._meta.db_table for m in (
    models.Article, models.Topic, models.Section, models.FAQ, models.Note, models.Tag,
    models.Byline, models.Author, models.Citation, models.Source)}
table["ArticleTags"] = models.Article.tags.through._meta.db_table
PARTS_SQL = [  # the article page's queries, written by hand: no ORM, no model instances
    ("SELECT * FROM {Article} a JOIN {Topic} t ON t.id = a.topic_id WHERE a.slug = %s", SLUG),
    ("SELECT * FROM {Section} WHERE article_id = %s ORDER BY position, id", article.pk),
    ("SELECT * FROM {FAQ} WHERE article_id = %s ORDER BY position, id", article.pk),
    ("SELECT * FROM {Note} WHERE article_id = %s ORDER BY position, id", article.pk),
    ("SELECT t.* FROM {Tag} t JOIN {ArticleTags} x ON x.tag_id = t.id WHERE x.article_id = %s",
     article.pk),
    ("SELECT * FROM {Byline} b JOIN {Author} a ON a.id = b.author_id WHERE b.article_id = %s",
     article.pk),
    ("SELECT * FROM {Citation} c JOIN {Source} s ON s.id = c.source_id WHERE c.article_id = %s",
     article.pk),
]
PAGE = b"x" * int(sys.argv[1])


@public_page
def constant(request):
    return HttpResponse(PAGE)


@public_page
def constant_after_sql(request):
    with connection.cursor() as cursor:
        for sql, param in PARTS_SQL:
            cursor.execute(sql.format(**table), [param])
            cursor.fetchall()
    return HttpResponse(PAGE)


urls.urlpatterns[:0] = [path("cost/constant/", constant), path("cost/sql/", constant_after_sql)]


def request(url):
    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": url, "QUERY_STRING": "", "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1", "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(), "wsgi.errors": sys.stderr, "SERVER_PROTOCOL": "HTTP/1.1",
    }
    statuses = []
    body = application(environ, lambda status, headers, *_: statuses.append(status))
    b"".join(body)
    body.close()
    assert statuses[0].startswith("200"), (url, statuses)


def best_ms(work, batch=300):
    for _ in range(50):
        work()
    times = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(batch):
            work()
        times.append((time.perf_counter() - start) / batch * 1000)
    return round(min(times), 3)


def version():
    return models.Article.objects.published().values("pk", "modified_at").get(slug=SLUG)


def load():
    return models.Article.objects.for_page().get(pk=article.pk)


def load_with_parts():
    return load().with_parts()


http_request = RequestFactory().get(article.get_absolute_url(), HTTP_HOST="127.0.0.1")
loaded = load_with_parts()
template = get_template("newsroom/article_detail.html")
context = {"article": loaded, "article_version": version()}
print(json.dumps({
    "static_file": best_ms(lambda: request("/static/bench/same-size.html"), 2000),
    "framework_floor": best_ms(lambda: request("/cost/constant/"), 2000),
    "floor_with_sql": best_ms(lambda: request("/cost/sql/"), 2000),
    "version": best_ms(version),
    "article": best_ms(load),
    "article_and_parts": best_ms(load_with_parts),
    "template": best_ms(lambda: template.render(context, http_request)),
    "structured_data": best_ms(lambda: structured_data.article_graph(loaded, http_request)),
    "article_request": best_ms(lambda: request(article.get_absolute_url())),
}))
"""

LABELS = {
    "static_file": "S: the static file of the page's size (whitenoise)",
    "framework_floor": "a constant page of that size through every middleware",
    "floor_with_sql": "the same after the page's 7 queries as plain SQL",
    "version": "the article's version through published() (one query)",
    "article": "the article, its topic and lead image through the ORM (one query)",
    "article_and_parts": "the same and its 6 kinds of parts (prefetch_related_objects)",
    "template": "the template, its parts read already",
    "structured_data": "the JSON-LD graph",
    "article_request": "the whole article request, no page cache",
}
RUNS = {  # what each run's server keeps below the page cache
    "F": {"PAGE_CACHE_SECONDS": "0"},
    "K": {"PAGE_CACHE_SECONDS": "0", "FRAGMENT_CACHE_SECONDS": "0"},
}


def main():
    site = Site()
    try:
        site.prepare()
        _, size = site.add_bench_article()
        costs = {
            run: json.loads(
                site.django(MEASURE, args=[str(size)], core=SERVER_CORE, **env).splitlines()[-1]
            )
            for run, env in RUNS.items()
        }
    finally:
        site.stop()
    print(f"\nIn process, one core, milliseconds per call (page: {size} bytes):")
    print(f"  {'as F':>7}  {'as K':>7}")
    for name, label in LABELS.items():
        print(f"  {costs['F'][name]:7.3f}  {costs['K'][name]:7.3f}  {label}")
    report = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": "make bench-render",
        "machine": machine(),
        "page_bytes": size,
        "ms_per_call": costs,
    }
    path = ROOT / "bench" / "results" / f"render-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.json"
    path.write_text(json.dumps(report, indent=2) + "\n")
    print(f"Report: {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
