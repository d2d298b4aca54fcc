from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.cache import cache_page, never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.generic import ListView
from django_htmx.http import HTMX_STOP_POLLING

from tracker.jsonld import json_ld
from tracker.pagecache import public_page

from .bar import current_bar
from .forms import DeskBannerForm
from .models import Banner

# Browsers keep a poll answer briefly; shared caches (a CDN, nginx) serve one answer to
# every reader for as long as they share a page, then briefly stale while they fetch the
# next (settings.PAGE_SHARED_SECONDS, PAGE_STALE_SECONDS): a retraction leaves them in 10 s.
BAR_BROWSER_SECONDS = 2
DESK_HISTORY = 20


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def to_stamp(moment):
    """A datetime as whole microseconds since 1970: exact, and short enough for a URL."""
    return (moment - EPOCH) // timedelta(microseconds=1)


def _shared(response):
    patch_cache_control(
        response,
        public=True,
        max_age=BAR_BROWSER_SECONDS,
        s_maxage=settings.PAGE_SHARED_SECONDS,
        stale_while_revalidate=settings.PAGE_STALE_SECONDS,
    )
    return response


@require_safe
def bar(request):
    """The bar alone, for polling: 204 when the reader already has this version.

    It reads no session, user or CSRF token, so it never varies on cookies, and every
    reader with the same version asks for the same URL.
    """
    state = current_bar()
    if request.GET.get("v") == state.version:
        # Most polls end here: the page cache may replay this answer until anything
        # public changes (a banner, the counter) or this state runs out.
        response = HttpResponse(status=204)
        response.public_page = True
        response.fresh_for = (state.valid_until - timezone.now()).total_seconds()
        return _shared(response)
    # Any other version gets the same new bar. (Not through the page cache: its key holds
    # `v`, and made-up versions would each fill it.)
    response = render(request, "base.html#live-bar", {"bar": state})
    if not state.poll_interval:
        response.status_code = HTMX_STOP_POLLING  # htmx swaps it in and stops polling
    return _shared(response)


@method_decorator(public_page(params={"page"}), name="dispatch")
class UpdatesView(ListView):
    """Every banner that has been live, newest first, grouped by day."""

    template_name = "live/updates.html"
    paginate_by = 50

    def get_queryset(self):
        return Banner.objects.have_been_live().select_related("article")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counter = current_bar().counter
        for banner in context["object_list"]:
            banner.local_date = timezone.localdate(banner.published_at)
            banner.day = counter.day_on(banner.published_at) if counter else None
        newest = context["object_list"][0] if context["object_list"] else None
        context["newest_stamp"] = to_stamp(newest.published_at) if newest else 0
        context["live_blog_jsonld"] = json_ld(self.live_blog(context["object_list"], newest))
        return context

    def live_blog(self, banners, newest):
        url = self.request.build_absolute_uri(reverse("live:updates"))
        return {
            "@context": "https://schema.org",
            "@type": "LiveBlogPosting",
            "headline": "Live updates",
            "url": url,
            "dateModified": newest.published_at if newest else None,
            "liveBlogUpdate": [
                {
                    "@type": "BlogPosting",
                    "headline": banner.headline,
                    "datePublished": banner.published_at,
                    "url": self.request.build_absolute_uri(banner.get_absolute_url()),
                }
                for banner in banners
            ],
        }


@require_safe
@cache_page(5)
def updates_new(request):
    """How many updates came after the newest one a reader has: a link to them, or 204."""
    try:
        after = EPOCH + timedelta(microseconds=int(request.GET.get("after", "")))
    except (ValueError, OverflowError):
        return HttpResponse("Give ‘after’ as a whole number of microseconds.", status=400)
    count = Banner.objects.have_been_live().filter(published_at__gt=after).count()
    if not count:
        return _shared(HttpResponse(status=204))
    return _shared(render(request, "live/updates.html#new-updates", {"count": count}))


class UpdatesFeed(Feed):
    title = "Live updates"
    link = reverse_lazy("live:updates")
    description = "Short updates from the tracker's desk, newest first."

    def items(self):
        return Banner.objects.have_been_live().select_related("article")[:50]

    def item_title(self, banner):
        return banner.headline

    def item_description(self, banner):
        return f"{banner.get_kind_display()}: {banner.headline}"

    def item_pubdate(self, banner):
        return banner.published_at

    def item_link(self, banner):
        return banner.get_absolute_url()


class UpdatesAtomFeed(UpdatesFeed):
    feed_type = Atom1Feed
    subtitle = UpdatesFeed.description


def _desk_page(request, form):
    context = {
        "form": form,
        "banners": Banner.objects.select_related("published_by", "retracted_by", "article")[
            :DESK_HISTORY
        ],
    }
    template = "live/desk.html#desk-panel" if request.htmx else "live/desk.html"
    return render(request, template, context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@permission_required("live.add_banner", raise_exception=True)
@never_cache
def desk(request):
    """Publish a banner in seconds; with htmx the panel refreshes in place."""
    form = DeskBannerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        banner = form.save(commit=False)
        banner.published_by = request.user
        banner.save()
        messages.success(
            request, f"Published: “{banner.headline}”. It reaches open pages within one refresh."
        )
        if not request.htmx:
            return redirect("live:desk")
        form = DeskBannerForm()
    return _desk_page(request, form)


@require_POST
@login_required
@permission_required("live.change_banner", raise_exception=True)
@never_cache
def retract(request, pk):
    """Take a banner out of the bar everywhere; the record stays."""
    banner = get_object_or_404(Banner, pk=pk)
    banner.retract(request.user)
    messages.success(
        request, f"Retracted: “{banner.headline}”. Open pages drop it within one refresh."
    )
    if not request.htmx:
        return redirect(reverse("live:desk"))
    return _desk_page(request, DeskBannerForm())
