from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.checks import Tags, Warning, register


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
