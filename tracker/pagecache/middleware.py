"""Stores the responses of public pages whole and replays them.

The middleware sits just after whitenoise, before the content security policy, sessions
and auth: a hit costs no database query, nothing on the way reads a cookie, and the
headers the inner middleware added (the policy, X-Frame-Options...) are replayed as
stored rather than built again. Entries go to the "kept" cache (tracker.cache.KeptCache):
each process keeps copies in its own memory, so most hits touch no network at all.
"""

import hashlib
import math
import time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response

from .decorators import page_query
from .schedule import seconds_to_next_change
from .version import content_version

# Headers that belong to one response, not to the page: never replayed.
OWN_HEADERS = {"date", "server", "etag", "set-cookie", "expires", "last-modified", "content-length"}
# What a 304 repeats of the page's headers (RFC 9110, 15.4.5): the rest describe a body.
NOT_MODIFIED_HEADERS = {"cache-control", "vary", "content-location"}


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_SECONDS or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        version = content_version()
        if version is None:  # the shared cache is unreachable: serve, keep nothing
            return self.get_response(request)
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
                # Rendered again the same (its entry was dropped): a copy nginx or a browser
                # holds is still good, so a 304 tells them so.
                return get_conditional_response(request, etag=entry[2], response=response)
        return response

    @staticmethod
    def lookup(key):
        entry = caches["kept"].get(key)
        # Cache backends count whole seconds; an entry's own expiry is exact.
        return entry if entry is not None and entry[3] > time.time() else None

    @staticmethod
    def key(request, version):
        page = f"{request.path}?{page_query(request.GET)}"
        path = hashlib.blake2b(page.encode(), digest_size=16).hexdigest()
        return f"pages:{version}:{request.get_host()}:{path}"

    @staticmethod
    def cacheable(response):
        return (
            getattr(response, "public_page", False)
            # 410: a withdrawn article, shared briefly so caches drop the page they hold.
            # 302: a live update's permanent address, leading to the page that holds it now.
            and response.status_code in (200, 204, 301, 302, 410)
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
        caches["kept"].set(key, entry, timeout=math.ceil(ttl))
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
        # Shared caches keep a page briefly and then ask again (a 304 from replay when it
        # has not changed), so a change leaves them within seconds; stale-if-error keeps
        # the site up while the origin fails.
        response["Cache-Control"] = (
            f"public, max-age={min(settings.PAGE_BROWSER_SECONDS, int(ttl))}, "
            f"s-maxage={min(settings.PAGE_SHARED_SECONDS, int(ttl))}, "
            f"stale-while-revalidate={settings.PAGE_STALE_SECONDS}, stale-if-error=86400"
        )
