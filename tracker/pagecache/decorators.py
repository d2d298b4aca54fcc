"""`@public_page`: a view whose successful answers are the same for every visitor."""

from functools import partial, wraps
from urllib.parse import urlencode

from django.http import HttpResponsePermanentRedirect, QueryDict
from django.views.decorators.http import require_safe

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
