"""The article page's rows, read with SQL written here rather than compiled by the ORM.

The page needs the article, its topic and six lists of parts. Through querysets and
prefetch_related that is seven queries whose compiling, not running, cost about half of
an uncached render; the same rows read here cost a sixth of that (`make bench-render`
shows both). The results are the models' own instances, with the parts where
`article.sections.all()` and friends find prefetched rows, so templates, the JSON-LD
and the staff previews see no difference.

The SQL is built once per connection from the models' metadata, so a new or renamed
field is read without an edit here; tests/test_article_page.py checks that every field,
part and visibility case agrees with the ORM's answer.
"""

from functools import cache, lru_cache

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.base import ModelState
from django.db.models.signals import post_init, pre_init
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
    with db.cursor() as cursor:  # one for all seven queries: each new one costs as much as a query
        rows = _fetch(
            cursor, _statements(db)["article"], [slug, Article.Status.PUBLISHED, now, now]
        )
        if not rows:
            return None
        article, rest = _instance(db, Article, "a", rows[0])
        article.topic, _ = _instance(db, Topic, "t", rest)
        return with_parts(article, cursor)


def with_parts(article, cursor=None):
    """Attach the article's tags, sections, FAQs, notes, bylines and citations."""
    if cursor is None:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            return with_parts(article, cursor)
    db = cursor.db
    sql = _statements(db)
    article._prefetched_objects_cache = {}
    for name, model in PARTS.items():
        rows = _fetch(cursor, sql[name], [article.pk])
        _attach(article, name, [_instance(db, model, "x", row)[0] for row in rows])
    for name, (model, other, field) in PARTS_WITH.items():
        items = []
        for row in _fetch(cursor, sql[name], [article.pk]):
            item, rest = _instance(db, model, "x", row)
            setattr(item, field, _instance(db, other, "o", rest)[0])
            items.append(item)
        _attach(article, name, items)
    rows = _fetch(cursor, sql["tags"], [article.pk])
    _attach(article, "tags", [_instance(db, Tag, "x", row)[0] for row in rows])
    return article


@lru_cache(maxsize=64)  # per connection: a threaded server has one per thread
def _statements(db):
    """The page's SELECTs in this database's quoting, built once."""

    def table(model):
        return db.ops.quote_name(model._meta.db_table)

    def column(model, field):
        return db.ops.quote_name(model._meta.get_field(field).column)

    def columns(model, alias):
        return ", ".join(f"{alias}.{db.ops.quote_name(f.column)}" for f in _fields(model))

    where = "WHERE x.article_id = %s ORDER BY x.position, x.id"  # the parts' Meta.ordering
    through = Article.tags.through
    return {
        # The same rule as Article.objects.published(), the one door for visitors.
        "article": f"SELECT {columns(Article, 'a')}, {columns(Topic, 't')}"
        f" FROM {table(Article)} a JOIN {table(Topic)} t ON t.id = a.topic_id"
        " WHERE a.slug = %s AND a.status = %s AND a.published_at <= %s"
        " AND (a.expires_at IS NULL OR a.expires_at > %s)",
        **{
            name: f"SELECT {columns(model, 'x')} FROM {table(model)} x {where}"
            for name, model in PARTS.items()
        },
        **{
            name: f"SELECT {columns(model, 'x')}, {columns(other, 'o')} FROM {table(model)} x"
            f" JOIN {table(other)} o ON o.id = x.{column(model, field)} {where}"
            for name, (model, other, field) in PARTS_WITH.items()
        },
        "tags": f"SELECT {columns(Tag, 'x')} FROM {table(Tag)} x JOIN {table(through)} j"
        f" ON j.{column(through, 'tag')} = x.id WHERE j.{column(through, 'article')} = %s"
        " ORDER BY x.name, x.id",  # Tag's Meta.ordering
    }


def _fetch(cursor, sql, params):
    cursor.execute(sql, params)
    return cursor.fetchall()


@cache
def _fields(model):
    return [f for f in model._meta.concrete_fields if f.name not in NOT_SHOWN]


@cache
def _names(model):
    return [f.attname for f in _fields(model)]


@lru_cache(maxsize=64)  # per connection: a threaded server has one per thread
def _converters(db, model, alias):
    """(position, converters) of the fields whose database values need turning into
    Python's (SQLite's dates are text); most fields need none."""
    fields = _fields(model)
    found = [f.get_db_converters(db) + db.ops.get_db_converters(f.get_col(alias)) for f in fields]
    return [(i, converters) for i, converters in enumerate(found) if converters]


def _instance(db, model, alias, row):
    """The model instance from the start of `row`, and the rest of the row."""
    names = _names(model)
    values = list(row[: len(names)])
    for i, converters in _converters(db, model, alias):
        for convert in converters:
            values[i] = convert(values[i], None, db)
    if not _built_plainly(model):
        return model.from_db(db.alias, names, values), row[len(names) :]
    # As Django's unpickling builds an instance: at a quarter of the cost of __init__,
    # which has nothing else to do here. Fields left out (NOT_SHOWN) load when read.
    instance = model.__new__(model)
    instance.__dict__.update(zip(names, values, strict=True))
    instance._state = ModelState()
    instance._state.adding, instance._state.db = False, db.alias
    return instance, row[len(names) :]


@cache
def _built_plainly(model):
    """Whether nothing listens for the model's pre_init or post_init (an ImageField with
    dimension fields would): then __init__, which sends them, may be skipped."""
    return not (pre_init.has_listeners(model) or post_init.has_listeners(model))


def _attach(article, name, items):
    """Give `article.<name>.all()` these rows, as prefetch_related would."""
    queryset = getattr(article, name).all()
    queryset._result_cache = items
    queryset._prefetch_done = True
    article._prefetched_objects_cache[name] = queryset
