"""Cache backends: Redis that costs speed when it fails, never the site; and process
memory in front of it for values kept under versioned keys.

RedisCache: an operation that fails (refused, timed out, any Redis error) answers as a
miss: `get` gives the default, `add` and `delete` False, `set` nothing, `incr` raises
ValueError as for a missing key. After a failure this process leaves Redis alone for
`retry_seconds` (the caller gets a miss at once), then the next operation tries it again.
So while Redis is down a request waits for it at most once per interval (for the socket
timeouts the settings give), the failure is logged once per interval, and when Redis
answers the site uses it again by itself.
"""

import logging
import time

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# When Redis at each location last failed, for this whole process: Django keeps a cache
# object per thread, and each should not wait for a Redis another has found down.
_failed_at = {}
MISSING = object()


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.retry_seconds = options.pop("retry_seconds", 5)  # not a redis-py option
        super().__init__(server, params | {"OPTIONS": options})
        self.location = str(server)

    def _try(self, operation, miss, *args):
        """`operation(*args)`, or `miss` when Redis fails or failed less than an interval ago."""
        failed_at = _failed_at.get(self.location)
        if failed_at is not None and time.monotonic() - failed_at < self.retry_seconds:
            return miss
        try:
            result = operation(*args)
        except RedisError as error:
            _failed_at[self.location] = time.monotonic()
            logger.error(
                "Redis cache unreachable, serving without it (next try in %ss): %s",
                self.retry_seconds,
                error,
            )
            return miss
        if failed_at is not None and _failed_at.pop(self.location, None) is not None:
            logger.info("Redis cache reachable again")
        return result

    def get(self, key, default=None, version=None):
        return self._try(super().get, default, key, default, version)

    def get_many(self, keys, version=None):
        return self._try(super().get_many, {}, keys, version)

    def has_key(self, key, version=None):
        return self._try(super().has_key, False, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(super().add, False, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._try(super().set, None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(super().set_many, list(data), data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(super().touch, False, key, timeout, version)

    def delete(self, key, version=None):
        return self._try(super().delete, False, key, version)

    def delete_many(self, keys, version=None):
        self._try(super().delete_many, None, keys, version)

    def incr(self, key, delta=1, version=None):
        value = self._try(super().incr, None, key, delta, version)
        if value is None:
            raise ValueError(f"Key '{key}' not found: the Redis cache is unreachable.")
        return value

    def clear(self):
        return self._try(super().clear, False)


class KeptCache(BaseCache):
    """Values that never change under their key (the key holds the version of what they
    show): each process keeps copies in its own memory, in front of the shared cache.

    A page, a fragment or the bar's state read here usually costs no trip to Redis, and one
    render is shared by every process. Only for such keys: a delete or a new value set here
    does not reach the copies other processes hold. A copy lives at most TIMEOUT seconds;
    what must end sooner carries its own end (a page's expiry, the bar's valid_until).
    """

    def __init__(self, name, params):
        super().__init__(params)
        options = params.get("OPTIONS", {})
        self.shared_alias = options.get("SHARED", "default")
        self.local = LocMemCache(
            f"kept-{name}", {"OPTIONS": {"MAX_ENTRIES": options.get("MAX_ENTRIES", 2000)}}
        )

    @property
    def shared(self):
        return caches[self.shared_alias]

    def local_timeout(self, timeout):
        timeout = self.get_backend_timeout(timeout)
        cap = self.default_timeout
        return cap if timeout is None else min(cap, max(0, round(timeout - time.time())))

    def get(self, key, default=None, version=None):
        value = self.local.get(key, MISSING, version)
        if value is MISSING:
            value = self.shared.get(key, MISSING, version)
            if value is MISSING:
                return default
            self.local.set(key, value, self.default_timeout, version)
        return value

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self.shared.set(key, value, timeout, version)
        self.local.set(key, value, self.local_timeout(timeout), version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if self.get(key, MISSING, version) is not MISSING:
            return False
        self.set(key, value, timeout, version)
        return True

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self.shared.touch(key, timeout, version)

    def delete(self, key, version=None):
        self.local.delete(key, version)
        return self.shared.delete(key, version)

    def clear(self):
        self.local.clear()
        return self.shared.clear()
