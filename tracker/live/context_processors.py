from django.utils.functional import SimpleLazyObject

from .bar import current_bar, current_counter


def live_bar(request):
    """The bar's state and the day counter, computed only if a template uses them."""
    return {"bar": SimpleLazyObject(current_bar), "live_counter": SimpleLazyObject(current_counter)}
