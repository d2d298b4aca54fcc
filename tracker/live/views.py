from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.syndication.views import Feed
from django.db.models import Count, Max
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.views.decorators.cache import cache_page, never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.generic import TemplateView
from django_htmx.http import HTMX_STOP_POLLING

from tracker.jsonld import json_ld
from tracker.newsroom import structured_data
from tracker.pagecache import public_page

from . import stream
from .bar import current_bar
from .digest import Digest, digests
from .forms import DeskBannerForm, pinned_elsewhere_message
from .models import Banner, Counter

# Browsers keep a poll answer briefly; shared caches (a CDN, nginx) serve one answer to
# every reader for as long as they share a page, then briefly stale while they fetch the
# next (settings.PAGE_SHARED_SECONDS, PAGE_STALE_SECONDS): a retraction leaves them in 10 s.
BAR_BROWSER_SECONDS = 2
DESK_HISTORY = 20
FEED_ITEMS = 50


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
class UpdatesView(TemplateView):
    """Updates newest first, by day in the counter's zone, on pages that keep their updates."""

    template_name = "live/updates.html"
    key_events = False

    def get_context_data(self, **kwargs):
        try:
            number = int(self.request.GET["page"]) if "page" in self.request.GET else None
        except ValueError:
            raise Http404("No such page of updates.") from None
        page = stream.read_page(number, key_events=self.key_events)
        counter = current_bar().counter
        days = []
        for update in page.updates:
            day = stream.local_date(update.published_at, counter)
            if not days or days[-1]["date"] != day:
                day_number = counter.day_on(update.published_at) if counter else None
                days.append({"date": day, "day": day_number, "updates": []})
            days[-1]["updates"].append(update)
        at_a_glance = digests([day["date"] for day in days], counter)
        for day in days:
            day["digest"] = at_a_glance.get(day["date"])
        pinned = None
        if page.is_front:
            pinned = (
                Banner.objects.have_been_live().filter(pinned=True).select_related("published_by")
            ).first()
        newest = page.updates[0] if page.updates else None
        address = stream.page_address(number, self.key_events)
        bar = current_bar()
        coverage_ended_at = bar.counter.coverage_ended_at if bar.ended else None
        return super().get_context_data(
            **kwargs,
            page=page,
            days=days,
            pinned=pinned,
            key_events=self.key_events,
            newer_address=stream.page_address(page.newer, self.key_events),
            older_address=stream.page_address(page.older, self.key_events),
            newest_stamp=to_stamp(newest.published_at) if newest else 0,
            new_updates_url=reverse(
                "live:key-events-new" if self.key_events else "live:updates-new"
            ),
            coverage_ended_at=coverage_ended_at,
            live_blog_jsonld=json_ld(self.live_blog(page, address, coverage_ended_at)),
        )

    def live_blog(self, page, address, coverage_ended_at):
        absolute = self.request.build_absolute_uri
        publisher = structured_data.organisation(self.request)
        data = {
            "@context": "https://schema.org",
            "@type": "LiveBlogPosting",
            "headline": "Key events" if self.key_events else "Live updates",
            "description": "Updates from the tracker's desk as events happen, newest first.",
            "url": absolute(address),
            "datePublished": page.coverage_start,
            "dateModified": max(
                (update.edited_at or update.published_at for update in page.updates), default=None
            ),
            "coverageStartTime": page.coverage_start,
            "author": publisher,
            "publisher": publisher,
            "liveBlogUpdate": [
                {
                    "@type": "BlogPosting",
                    "headline": update.headline,
                    "articleBody": strip_tags(update.body_html).strip() or update.headline,
                    "datePublished": update.published_at,
                    "dateModified": update.edited_at or update.published_at,
                    "author": {"@type": "Person", "name": update.byline}
                    if update.byline
                    else publisher,
                    "url": absolute(f"{address}#{update.anchor}"),
                }
                for update in page.updates
            ],
        }
        if coverage_ended_at:
            data["coverageEndTime"] = coverage_ended_at
        return data


class KeyEventsView(UpdatesView):
    key_events = True


@public_page
def permalink(request, pk):
    """An update's permanent address: to the page that holds it now, at its anchor."""
    return redirect(stream.address_of(get_object_or_404(Banner.objects.have_been_live(), pk=pk)))


@public_page
def day(request, date):
    """A day's address (its digest's, in the feeds): the page holding its last update."""
    try:
        day = datetime.strptime(date, "%Y-%m-%d").date()
    except ValueError:
        raise Http404("Not a date.") from None
    start, end = stream.day_bounds(day, current_bar().counter)
    last = (
        Banner.objects.have_been_live()
        .filter(published_at__gte=start, published_at__lt=end)
        .first()
    )
    if last is None:
        raise Http404("No updates that day.")
    return redirect(stream.address_of(last).split("#")[0] + f"#day-{day.isoformat()}")


@require_safe
@cache_page(5)
def updates_new(request, key_events=False):
    """How many updates came after the newest one a reader has: a button to them, or 204
    (286 once the coverage has ended, so that open pages stop asking)."""
    try:
        after = EPOCH + timedelta(microseconds=int(request.GET.get("after", "")))
    except (ValueError, OverflowError):
        return HttpResponse("Give ‘after’ as a whole number of microseconds.", status=400)
    arrived = Banner.objects.have_been_live().filter(published_at__gt=after)
    if key_events:
        arrived = arrived.filter(key_event=True)
    found = arrived.aggregate(count=Count("pk"), newest=Max("published_at"))
    # Once the coverage has ended (or polling is stopped), pages already open stop asking:
    # 286 tells htmx to stop polling, after swapping in what came (a last button, or nothing).
    stop = not current_bar().poll_interval
    if not found["count"]:
        return _shared(HttpResponse(status=HTMX_STOP_POLLING if stop else 204))
    # The button fetches the front at an address that names the newest arrival, so a
    # shared cache (nginx) holds a copy of it only from after that update: never one made
    # before it came. The app ignores `upto` (public pages see only their own parameters)
    # and answers from its page cache, which the update has already retired.
    front = stream.page_address(None, key_events)
    context = {
        "count": found["count"],
        "key_events": key_events,
        "stream_address": f"{front}?{urlencode({'upto': to_stamp(found['newest'])})}",
        "after": request.GET["after"],
    }
    response = render(request, "live/updates.html#new-updates", context)
    if stop:
        response.status_code = HTMX_STOP_POLLING
    return _shared(response)


class UpdatesFeed(Feed):
    """The latest updates, in full, with the digests of the days they cover."""

    title = "Live updates"
    link = reverse_lazy("live:updates")
    description = "Updates from the tracker's desk, newest first, and each day at a glance."

    def items(self):
        updates = list(
            Banner.objects.have_been_live().select_related("article", "published_by")[:FEED_ITEMS]
        )
        counter = current_bar().counter
        days = {stream.local_date(update.published_at, counter) for update in updates}
        items = updates + list(digests(days, counter).values())
        return sorted(items, key=self.item_pubdate, reverse=True)

    def item_title(self, item):
        return item.title if isinstance(item, Digest) else item.headline

    def item_description(self, item):
        if isinstance(item, Digest):
            return render_to_string("live/_digest.html", {"digest": item})
        return item.body_html or item.headline

    def item_pubdate(self, item):
        return item.ends_at if isinstance(item, Digest) else item.published_at

    def item_updateddate(self, item):
        return (
            self.item_pubdate(item)
            if isinstance(item, Digest)
            else item.edited_at or item.published_at
        )

    def item_author_name(self, item):
        return "" if isinstance(item, Digest) else item.byline

    def item_categories(self, item):
        if isinstance(item, Digest):
            return ["Digest"]
        return [item.get_kind_display()] + (["Key event"] if item.key_event else [])

    def item_link(self, item):
        return item.get_absolute_url()


class UpdatesAtomFeed(UpdatesFeed):
    feed_type = Atom1Feed
    subtitle = UpdatesFeed.description


def _desk_page(request, form, editing=None):
    context = {
        "form": form,
        "editing": editing,
        "banners": Banner.objects.select_related("published_by", "retracted_by", "article")[
            :DESK_HISTORY
        ],
    }
    template = "live/desk.html#desk-panel" if request.htmx else "live/desk.html"
    return render(request, template, context)


def _done(request, message, level=messages.SUCCESS):
    """Confirm a step; the desk shows the message first and moves focus to it."""
    messages.add_message(request, level, message)
    if not request.htmx:
        return redirect(reverse("live:desk") + "#desk-message")
    return _desk_page(request, DeskBannerForm())


desk_view = [
    require_http_methods(["GET", "HEAD", "POST"]),
    login_required,
    permission_required("live.add_banner", raise_exception=True),
    never_cache,
]
desk_step = [
    require_POST,
    login_required,
    permission_required("live.change_banner", raise_exception=True),
    never_cache,
]


def _apply(decorators, view):
    for decorator in reversed(decorators):
        view = decorator(view)
    return view


def desk(request):
    """Post an update in seconds; with htmx the panel refreshes in place."""
    form = DeskBannerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        banner = form.save(commit=False)
        banner.published_by = request.user
        banner.save()
        return _done(
            request, f"Published: “{banner.headline}”. It reaches open pages within one refresh."
        )
    return _desk_page(request, form)


def edit(request, pk):
    """Edit an update; readers see "edited" and its earlier text stays in its history."""
    banner = get_object_or_404(Banner, pk=pk)
    form = DeskBannerForm(request.POST or None, instance=banner)
    if request.method == "POST" and form.is_valid():
        banner = form.save(commit=False)
        banner.editor = request.user
        banner.save()
        edited = " Readers see it marked as edited." if banner.edited_at else ""
        return _done(request, f"Saved: “{banner.headline}”.{edited}")
    return _desk_page(request, form, editing=banner)


def retract(request, pk):
    """Take an update out of the bar and every page; the record stays."""
    banner = get_object_or_404(Banner, pk=pk)
    banner.retract(request.user)
    return _done(request, f"Retracted: “{banner.headline}”. Open pages drop it within one refresh.")


def pin(request, pk):
    banner = get_object_or_404(Banner, pk=pk)
    other = Banner.objects.filter(pinned=True).exclude(pk=pk).first()
    if banner.retracted_at:
        return _done(
            request, f"“{banner.headline}” was retracted, so it cannot be pinned.", messages.ERROR
        )
    if other:
        return _done(request, pinned_elsewhere_message(other), messages.ERROR)
    banner.pinned = True
    banner.save(update_fields=["pinned"])
    return _done(request, f"Pinned: “{banner.headline}” now opens the updates page.")


def unpin(request, pk):
    banner = get_object_or_404(Banner, pk=pk)
    banner.pinned = False
    banner.save(update_fields=["pinned"])
    return _done(request, f"Unpinned: “{banner.headline}”. No summary is pinned now.")


def end_coverage(request):
    """Close the live coverage: open pages stop checking and the updates page says so."""
    counter = Counter.objects.first()
    if counter is None:
        return _done(request, "There is no live coverage to end: no day counter is set up.",
                     messages.ERROR)  # fmt: skip
    if request.POST.get("confirm") != "yes":
        # Pages open now stop asking for good (a reopening does not restart them): ask first.
        return _done(
            request,
            "Nothing changed: to end the live coverage, tick the box that says what it does, "
            "then press End the live coverage.",
            messages.ERROR,
        )
    if counter.coverage_ended_at is None:
        counter.coverage_ended_at = timezone.now()
        counter.save(update_fields=["coverage_ended_at"])
    return _done(
        request,
        "The live coverage has ended. Open pages stop checking for updates after their next "
        "refresh, and the updates page says the coverage has ended. Reopen it to post again.",
    )


def reopen_coverage(request):
    """Undo the end of the coverage: pages check for updates again."""
    for counter in Counter.objects.filter(coverage_ended_at__isnull=False):
        counter.coverage_ended_at = None
        counter.save(update_fields=["coverage_ended_at"])  # a save: pages are retired
    return _done(request, "The live coverage is open again: you can post updates.")


desk = _apply(desk_view, desk)
edit = _apply(
    desk_view[:2] + [permission_required("live.change_banner", raise_exception=True), never_cache],
    edit,
)
retract = _apply(desk_step, retract)
pin = _apply(desk_step, pin)
unpin = _apply(desk_step, unpin)
coverage_step = [
    require_POST,
    login_required,
    permission_required("live.end_coverage", raise_exception=True),
    never_cache,
]
end_coverage = _apply(coverage_step, end_coverage)
reopen_coverage = _apply(coverage_step, reopen_coverage)
