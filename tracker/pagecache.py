"""Whole-page cache for public pages, invalidated by one content version.

Public views are marked with @public_page. The middleware stores their rendered
responses (body and headers) in Django's cache under a key that includes the content
version; any save or delete of public content bumps the version once the transaction
commits, so invalidation is one write. An entry never outlives the next scheduled
change (an article or banner due to appear or expire, or the day counter turning).

The middleware sits just after whitenoise, before the content security policy, sessions
and auth: a hit costs no database query, nothing on the way reads a cookie, and the
headers the inner middleware added (the policy, X-Frame-Options...) are replayed as
stored rather than built again for every request. With a shared cache (Redis),
each process also keeps entries in its own memory and re-reads the version at most
every PAGE_VERSION_RECHECK_SECONDS, so most hits touch no network at all; a change
made in another process is seen within that second, one made here at once.
"""

import contextlib
import hashlib
import math
import time
from datetime import timedelta
from functools import partial, wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.checks import Tags, Warning, register
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, HttpResponsePermanentRedirect, QueryDict
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.views.decorators.http import require_safe

VERSION_KEY = "pages:version"
HORIZON_KEY = "pages:horizon:{version}"
# Headers that belong to one response, not to the page: never replayed.
OWN_HEADERS = {"date", "server", "etag", "set-cookie", "expires", "last-modified", "content-length"}
# What a 304 repeats of the page's headers (RFC 9110, 15.4.5): the rest describe a body.
NOT_MODIFIED_HEADERS = {"cache-control", "vary", "content-location"}


# The only query parameters public pages read: a list's page, a sitemap's page, the bar's
# version. The rest (utm_*, fbclid, made-up ones) are hidden from public views and left out
# of the cache key: a crowd whose links each carry their own click id still shares one
# cached page. A page that reads none of these is redirected away from them (public_page).
PAGE_PARAMS = frozenset({"page", "p", "v"})


def page_query(query):
    """The part of a QueryDict a public page may depend on, as a canonical query string."""
    return urlencode(sorted((k, v) for k, v in query.lists() if k in PAGE_PARAMS), doseq=True)


def public_page(view=None, *, params=()):
    """Mark a view's successful responses as the same for every visitor, so cacheable.

    A public page is read-only: other methods than GET and HEAD get 405. `params` names
    the PAGE_PARAMS the view reads ("page" for a list), and the view sees only those. A
    request carrying another of them, or a number spelled another way ("page=07"), is
    redirected to the page's one address (301, cached like a page; the rest of the query
    string kept), so no spelling of a URL can force a render of its own.

    A response may also carry `fresh_for` (seconds, fractions kept) when its view knows
    exactly how long it holds; otherwise it holds until the next scheduled change.
    """
    if view is None:
        return partial(public_page, params=frozenset(params))

    @require_safe
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if (address := canonical_address(request, params)) is not None:
            response = HttpResponsePermanentRedirect(address)
        else:
            request.GET = QueryDict(page_query(request.GET))
            response = view(request, *args, **kwargs)
        response.public_page = True
        return response

    return wrapper


def canonical_address(request, params):
    """The address of the page this request asks for, or None if the request uses it."""
    asked = [(key, value) for key, values in request.GET.lists() for value in values]
    canonical = []
    for key, values in request.GET.lists():
        if key in params:
            number = _one_spelling(values[-1])  # the view reads the last value
            values = [number] if number else []
        elif key in PAGE_PARAMS:
            values = []
        canonical += [(key, value) for value in values]
    if canonical == asked:
        return None
    return f"{request.path}?{urlencode(canonical)}" if canonical else request.path


def _one_spelling(number):
    try:
        return str(int(number))  # "07", " 7", "+7" and "0_7" are all page 7
    except ValueError:
        return number.strip()  # "last", or words the view answers with a 404


# The version as this process last read it, and when: re-read at most every
# PAGE_VERSION_RECHECK_SECONDS, so a hit needs no trip to a shared cache at all.
_seen = {"version": None, "at": 0.0}


def content_version():
    now = time.monotonic()
    if _seen["version"] is not None and now - _seen["at"] < settings.PAGE_VERSION_RECHECK_SECONDS:
        return _seen["version"]
    version = cache.get(VERSION_KEY)
    if version is None:
        # A fresh cache starts a generation of its own, never one an old entry could match.
        cache.add(VERSION_KEY, int(time.time() * 1000), timeout=None)
        version = cache.get(VERSION_KEY)
    _seen.update(version=version, at=now)
    return version


# once_per_version's values: name -> (content version, expiry on the monotonic clock, value).
_kept = {}


def once_per_version(name, compute, timeout=None, holds=None):
    """compute(), kept in this process's memory until public content next changes (or
    `timeout` passes, or the kept value no longer `holds`).

    Kept as the object itself, not a pickled copy as Django's local-memory cache keeps
    values (a page reads several of these; unpickling each cost more than the rest of
    the lookup), so callers must treat it as read-only. One value per name: a new
    version replaces the old one.
    """
    version = content_version()
    now = time.monotonic()
    kept_version, expires, value = _kept.get(name, (None, 0, None))
    if kept_version == version and expires > now and (holds is None or holds(value)):
        return value
    value = compute()
    _kept[name] = (version, now + (timeout or settings.PAGE_CACHE_SECONDS or 60), value)
    return value


def bump_content_version(**kwargs):
    """Retire every cached page once the change that called this is committed."""
    transaction.on_commit(_bump)


def _bump():
    with contextlib.suppress(ValueError):  # no version yet: the next read starts one
        cache.incr(VERSION_KEY)
    _seen["version"] = None  # this process sees its own change at once


def next_scheduled_change(now):
    """The first moment after `now` when something public changes by itself."""
    from tracker.live.bar import current_counter
    from tracker.live.models import Banner
    from tracker.newsroom.models import Article

    moments = [
        Article.objects.next_visibility_change(now),  # a scheduled article, or an expiry
        Banner.objects.filter(retracted_at__isnull=True, published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first(),
        Banner.objects.filter(retracted_at__isnull=True, expires_at__gt=now)
        .order_by("expires_at")
        .values_list("expires_at", flat=True)
        .first(),
    ]
    counter = current_counter()
    if counter:
        moments.append(counter.next_midnight(now))
    return min((moment for moment in moments if moment), default=None)


def seconds_to_next_change(version, now):
    """How long a page may live: until the next scheduled change, at most PAGE_CACHE_SECONDS."""
    key = HORIZON_KEY.format(version=version)
    horizon = cache.get(key)
    if horizon is None:
        horizon = next_scheduled_change(now) or now + timedelta(days=1)
        cache.set(key, horizon, timeout=max(1, int((horizon - now).total_seconds())))
    return max(0, min(settings.PAGE_CACHE_SECONDS, int((horizon - now).total_seconds())))


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_SECONDS or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        version = content_version()
        key = self.key(request, version)
        entry = self.lookup(key)
        if entry is not None:
            return self.replay(request, entry)
        response = self.get_response(request)
        if self.cacheable(response):
            now = timezone.now()
            # A view that knows how long its answer holds says so (the live bar does).
            ttl = getattr(response, "fresh_for", None)
            if ttl is None:
                ttl = seconds_to_next_change(version, now)
            if ttl > 0:
                entry = self.store(key, response, ttl, now)
                self.add_headers(response, entry, ttl)
        return response

    @staticmethod
    def tiers():
        """This process's memory first, then the shared cache (when it is another one)."""
        shared = caches["default"]
        return (shared,) if isinstance(shared, LocMemCache) else (caches["local"], shared)

    def lookup(self, key):
        nearest, *others = self.tiers()
        now = time.time()
        entry = nearest.get(key)
        for shared in others:
            if entry is None and (entry := shared.get(key)) is not None and entry[3] > now:
                nearest.set(key, entry, timeout=math.ceil(entry[3] - now))
        # Cache backends count whole seconds; an entry's own expiry is exact.
        return entry if entry is not None and entry[3] > now else None

    @staticmethod
    def key(request, version):
        page = f"{request.path}?{page_query(request.GET)}"
        path = hashlib.blake2b(page.encode(), digest_size=16).hexdigest()
        return f"pages:{version}:{request.get_host()}:{path}"

    @staticmethod
    def cacheable(response):
        return (
            getattr(response, "public_page", False)
            and response.status_code in (200, 204, 301)
            and not response.streaming
            and not response.cookies
            and "Cookie" not in response.get("Vary", "")
            # A nonce must be new on every response; a replayed one would protect nothing.
            and "'nonce-" not in response.get("Content-Security-Policy", "")
        )

    @staticmethod
    def store(key, response, ttl, now):
        headers = [(k, v) for k, v in response.items() if k.lower() not in OWN_HEADERS]
        etag = f'"{hashlib.blake2b(response.content, digest_size=12).hexdigest()}"'
        expires_at = now.timestamp() + ttl
        entry = (response.content, headers, etag, expires_at, response.status_code)
        for tier in PageCacheMiddleware.tiers():
            tier.set(key, entry, timeout=math.ceil(ttl))
        return entry

    def replay(self, request, entry):
        content, headers, etag, expires_at, status = entry
        ttl = max(0, int(expires_at - time.time()))
        response = get_conditional_response(request, etag=etag)
        if response is not None:  # 304
            headers = [(k, v) for k, v in headers if k.lower() in NOT_MODIFIED_HEADERS]
        else:
            response = HttpResponse(content, status=status)
            if status != 204:
                response["Content-Length"] = len(content)
        for name, value in headers:
            response[name] = value
        self.add_headers(response, entry, ttl)
        return response

    @staticmethod
    def add_headers(response, entry, ttl):
        response["ETag"] = entry[2]
        if response.has_header("Cache-Control"):
            return  # the view chose its own lifetimes (the live bar's are seconds)
        # Written out rather than through patch_cache_control, which parses the header
        # it extends: this runs on every hit.
        response["Cache-Control"] = (
            f"public, max-age={min(settings.PAGE_BROWSER_SECONDS, int(ttl))}, "
            f"s-maxage={int(ttl)}, stale-while-revalidate=30, stale-if-error=86400"
        )


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs, **kwargs):
    """Several server processes must share one cache, or each keeps its own pages."""
    if settings.PAGE_CACHE_SECONDS and isinstance(caches["default"], LocMemCache):
        return [
            Warning(
                "Pages are cached in each server process's own memory.",
                hint=(
                    "Set REDIS_URL. `make serve` starts several processes; without a "
                    "shared cache, a change reaches the others only when their copies "
                    "expire (PAGE_CACHE_SECONDS), so readers see old pages meanwhile."
                ),
                id="tracker.W001",
            )
        ]
    return []


def watch_public_models(*models):
    """Bump the content version whenever one of these is saved, deleted or relinked."""
    for model in models:
        uid = f"pagecache-{model._meta.label}"
        post_save.connect(bump_content_version, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(bump_content_version, sender=model, dispatch_uid=f"{uid}-delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                bump_content_version,
                sender=field.remote_field.through,
                dispatch_uid=f"{uid}-{field.name}",
            )
