from django.utils.functional import SimpleLazyObject

from tracker.pagecache import content_version

from .bar import current_bar


def live_bar(request):
    """The bar and the day counter, read when a template first shows them (the admin never),
    and the version of live coverage, which any update's change moves."""
    bar = SimpleLazyObject(current_bar)
    return {
        "bar": bar,
        "day_counter": SimpleLazyObject(lambda: bar.counter),
        "live_version": SimpleLazyObject(lambda: content_version("live")),
    }
