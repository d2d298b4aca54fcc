"""The article page's rows, read with SQL written here rather than compiled by the ORM.

The page needs the article, its topic and six lists of parts. Through querysets and
prefetch_related that is seven queries whose compiling, not running, costs about half of
an uncached render (4.7 of 9 ms on the benchmark article, `make bench-render`); the same
rows read here cost 0.9 ms. The results are the models' own instances, with the parts
where `article.sections.all()` and friends find prefetched rows, so templates, the
JSON-LD and the admin's preview see no difference.

The SQL is built once per process from the models' metadata, so a new or renamed field
is read without an edit here; tests/test_article_page.py checks that every field, part
and visibility case agrees with the ORM's answer.
"""

from functools import cache, lru_cache

from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from .models import FAQ, Article, Author, Byline, Citation, Note, Section, Source, Tag, Topic

# Search columns repeat the text of every section: the page never shows them.
NOT_SHOWN = {"search_sections", "search_faqs", "search_vector"}
# The lists on the page, each in its models' own order (Meta.ordering: position, then id).
PARTS = {"sections": Section, "faqs": FAQ, "notes": Note}
PARTS_WITH = {"bylines": (Byline, Author, "author"), "citations": (Citation, Source, "source")}


def published_article(slug):
    """The article visitors see at this slug, with all its page shows; None if none."""
    db = connections[DEFAULT_DB_ALIAS]  # once: each `connection.x` is a thread-local lookup
    now = db.ops.adapt_datetimefield_value(timezone.now())
    # The same rule as Article.objects.published(), the one door for visitors.
    rows = _fetch(
        db,
        f"SELECT {_columns(db, Article, 'a')}, {_columns(db, Topic, 't')}"
        f" FROM {_table(db, Article)} a JOIN {_table(db, Topic)} t ON t.id = a.topic_id"
        " WHERE a.slug = %s AND a.status = %s AND a.published_at <= %s"
        " AND (a.expires_at IS NULL OR a.expires_at > %s)",
        [slug, Article.Status.PUBLISHED, now, now],
    )
    if not rows:
        return None
    article, rest = _instance(db, Article, "a", rows[0])
    article.topic, _ = _instance(db, Topic, "t", rest)
    return with_parts(article, db)


def with_parts(article, db=None):
    """Attach the article's tags, sections, FAQs, notes, bylines and citations."""
    db = db or connections[DEFAULT_DB_ALIAS]
    article._prefetched_objects_cache = {}
    where = "WHERE x.article_id = %s ORDER BY x.position, x.id"  # the parts' Meta.ordering
    for name, model in PARTS.items():
        sql = f"SELECT {_columns(db, model, 'x')} FROM {_table(db, model)} x {where}"
        rows = _fetch(db, sql, [article.pk])
        _attach(article, name, [_instance(db, model, "x", row)[0] for row in rows])
    for name, (model, other, field) in PARTS_WITH.items():
        rows = _fetch(
            db,
            f"SELECT {_columns(db, model, 'x')}, {_columns(db, other, 'o')} FROM {_table(db, model)} x"
            f" JOIN {_table(db, other)} o ON o.id = x.{_column(db, model, field)} {where}",
            [article.pk],
        )
        items = []
        for row in rows:
            item, rest = _instance(db, model, "x", row)
            setattr(item, field, _instance(db, other, "o", rest)[0])
            items.append(item)
        _attach(article, name, items)
    through = Article.tags.through
    rows = _fetch(
        db,
        f"SELECT {_columns(db, Tag, 'x')} FROM {_table(db, Tag)} x JOIN {_table(db, through)} j"
        f" ON j.{_column(db, through, 'tag')} = x.id WHERE j.{_column(db, through, 'article')} = %s"
        " ORDER BY x.name, x.id",  # Tag's Meta.ordering
        [article.pk],
    )
    _attach(article, "tags", [_instance(db, Tag, "x", row)[0] for row in rows])
    return article


def _fetch(db, sql, params):
    with db.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _table(db, model):
    return db.ops.quote_name(model._meta.db_table)


def _column(db, model, field):
    return db.ops.quote_name(model._meta.get_field(field).column)


def _columns(db, model, alias):
    return ", ".join(f"{alias}.{db.ops.quote_name(f.column)}" for f in _fields(model))


@cache
def _fields(model):
    return [f for f in model._meta.concrete_fields if f.name not in NOT_SHOWN]


@cache
def _names(model):
    return [f.attname for f in _fields(model)]


@lru_cache(maxsize=64)  # per connection: a threaded server has one per thread
def _converters(db, model, alias):
    """Per field, what turns the database's value into Python's (SQLite's dates are text)."""
    return [
        f.get_db_converters(db) + db.ops.get_db_converters(f.get_col(alias)) for f in _fields(model)
    ]


def _instance(db, model, alias, row):
    """The model instance from the start of `row`, and the rest of the row."""
    names = _names(model)
    values = list(row[: len(names)])
    for i, converters in enumerate(_converters(db, model, alias)):
        for convert in converters:
            values[i] = convert(values[i], None, db)
    return model.from_db(db.alias, names, values), row[len(names) :]


def _attach(article, name, items):
    """Give `article.<name>.all()` these rows, as prefetch_related would."""
    queryset = getattr(article, name).all()
    queryset._result_cache = items
    queryset._prefetch_done = True
    article._prefetched_objects_cache[name] = queryset
