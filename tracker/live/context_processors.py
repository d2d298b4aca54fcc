from django.utils.functional import SimpleLazyObject

from .bar import current_bar


def live_bar(request):
    """The bar and the day counter, read when a template first shows them (the admin never)."""
    bar = SimpleLazyObject(current_bar)
    return {"bar": bar, "day_counter": SimpleLazyObject(lambda: bar.counter)}
