"""The Jinja2 environment of the public site's templates (templates/).

Public pages are rendered with Jinja2 rather than the Django template language: the
article page renders in about 60% of the time (bench/render_cost.py), and every
publish retires every cached page, so under breaking news that time is paid often.
The admin's overrides (templates/django/) stay in Django's language, which it needs.

Templates see what Django's own tags and filters gave them, under the same names where
Jinja2 has none: `url()` takes keyword arguments and is memoised (tracker.links). What
context processors gave Django templates are functions here, as Django advises for
Jinja2: base.html calls `live_bar()`, `day_counter()` and `navigation_topics()` once.
"""

from datetime import datetime
from functools import lru_cache

from django.conf import settings
from django.template import defaultfilters
from django.templatetags.static import static
from django.urls import get_script_prefix
from django.utils.timezone import template_localtime
from django.utils.translation import get_language
from django_htmx.jinja import htmx_script
from jinja2 import ChainableUndefined, Environment, pass_environment
from markupsafe import Markup

from tracker.jsonld import json_ld
from tracker.links import page_url
from tracker.live.bar import bar_html, current_bar, current_counter
from tracker.newsroom.markdown import render_markdown
from tracker.newsroom.navigation import navigation_topics
from tracker.pagecache import once_per_version


@pass_environment
def shared_html(env, template_name, **context):
    """A part that every page shows alike (the site's header and footer), rendered once
    per content version and kept: an uncached page renders only what is its own.

    The part sees the site's globals and `context`, which must be plain values (they are
    part of the key), never the page's variables. The script prefix is in the key too,
    as the part holds addresses.
    """
    key = f"html:{template_name}:{get_script_prefix()}:{sorted(context.items())}"
    return once_per_version(
        key, lambda: Markup(env.get_template(template_name).render(context).strip())
    )


def isotime(value):
    """A time for machines (datetime attributes, meta tags): 2026-11-28T09:30:00+0200.

    The same text as Django's date filter with "Y-m-d\\TH:i:sO", at a twentieth of its
    cost: an article page shows several, and renders follow every publish.
    """
    return template_localtime(value).strftime("%Y-%m-%dT%H:%M:%S%z") if value else ""


def date(value, format_string=None):
    """Django's `date` filter, in the site's time zone as Django templates show it.

    Remembered for each moment, zone, format and language: Django's filter costs five
    times the lookup, and a page shows the same times on every render.
    """
    if not isinstance(value, datetime):
        return defaultfilters.date(value, format_string)
    local = template_localtime(value)
    # Aware datetimes are equal when their instants are: the zone keeps them apart.
    return _date(local, str(local.tzinfo), format_string, get_language())


@lru_cache(maxsize=4096)
def _date(moment, zone, format_string, language):
    return defaultfilters.date(moment, format_string)


def war_day(moment, counter):
    """'Day 1462' for a datetime, by the bar's counter; empty without a counter or a time."""
    if not moment or not counter:
        return ""
    return f"Day {counter.day_on(moment)}"


def page_markdown(text):
    """A footer page's Markdown as sanitized HTML; its headings start at <h2>."""
    return render_markdown(text, first_heading=2)


def linebreaksbr(value):
    return defaultfilters.linebreaksbr(value, autoescape=True)


def querystring(request, **changes):
    """This page's query string with `changes` applied (None removes a key)."""
    params = request.GET.copy()
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    return f"?{params.urlencode()}"


def environment(**options):
    # As in Django's language, a missing variable (or its attribute) renders as nothing,
    # in development too (Django would pick DebugUndefined there, changing the output).
    env = Environment(**options | {"undefined": ChainableUndefined})
    env.globals.update(
        # A file's hashed name is fixed while the process runs: look each up once.
        static=lru_cache(maxsize=256)(static),
        url=page_url,
        htmx_script=lru_cache(maxsize=8)(htmx_script),  # the same tag all along
        querystring=querystring,
        # What every page shows; base.html calls each once and names the result.
        site_name=settings.SITE_NAME,
        live_bar=current_bar,
        bar_html=bar_html,
        day_counter=current_counter,
        navigation_topics=navigation_topics,
        shared_html=shared_html,
    )
    env.filters.update(
        date=date,
        isotime=isotime,
        linebreaksbr=linebreaksbr,
        capfirst=defaultfilters.capfirst,
        # Jinja2's own forceescape leaves Django's SafeStrings (which have __html__)
        # unescaped; Django's always escapes, as the flatpage template needs.
        forceescape=defaultfilters.force_escape,
        pluralize=defaultfilters.pluralize,
        truncatewords=defaultfilters.truncatewords,
        truncatechars=defaultfilters.truncatechars,
        json_ld=json_ld,  # a JSON-LD <script>, escaped so editor text cannot end it early
        page_markdown=page_markdown,
        war_day=war_day,
    )
    return env
