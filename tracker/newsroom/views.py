from csp.constants import SELF
from csp.decorators import csp_replace
from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.sitemaps import views as sitemap_views
from django.core import signing
from django.core.cache import caches
from django.core.paginator import Paginator
from django.db.models import F, Prefetch, Window
from django.db.models.functions import RowNumber
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import SimpleLazyObject
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView, TemplateView

from tracker.jsonld import json_ld
from tracker.pagecache import content_version, public_page

from . import structured_data
from .forms import SearchForm
from .models import (
    PREVIEW_SALT,
    Article,
    Author,
    Byline,
    PreviewLink,
    SlugRedirect,
    Tag,
    Topic,
)
from .search import highlight, search_articles
from .sitemaps import SITEMAPS

LATEST_COUNT = 8
PER_TOPIC_COUNT = 3
SEARCH_PAGE_SIZE = 10
# Kept out of search engines: the editors' admin, the desk, and staff previews of drafts.
ROBOTS_DISALLOW = ("/admin/", "/desk/", "/preview/")


def article_cards(queryset):
    """What an article teaser needs: what its page reads first, and its authors."""
    return queryset.for_page().prefetch_related(
        Prefetch("bylines", queryset=Byline.objects.select_related("author"))
    )


@public_page
def home(request):
    """The lead article, the latest ones, and the latest per topic."""
    latest = list(article_cards(Article.objects.published())[: LATEST_COUNT + 1])
    ranked = article_cards(
        Article.objects.published().annotate(
            rank=Window(RowNumber(), partition_by=F("topic"), order_by=F("published_at").desc())
        )
    ).filter(rank__lte=PER_TOPIC_COUNT)
    by_topic = {}
    for article in ranked:
        by_topic.setdefault(article.topic, []).append(article)
    topics = sorted(by_topic.items(), key=lambda item: (item[0].position, item[0].name))
    context = {
        "lead": latest[0] if latest else None,
        "latest": latest[1:],
        "topics": topics,
        "structured_data": json_ld(structured_data.website(request)),
    }
    return render(request, "newsroom/home.html", context)


@method_decorator(public_page, name="dispatch")
class ArticleDetailView(TemplateView):
    template_name = "newsroom/article_detail.html"

    def get(self, request, *args, **kwargs):
        article, version = published_article(kwargs["slug"])
        if article is None:
            return self.moved_or_missing(kwargs["slug"])
        return self.render_to_response({"article": article, "article_version": version})

    def moved_or_missing(self, slug):
        # A renamed article keeps its old address (one more query, only on a miss).
        moved = SlugRedirect.objects.filter(
            old_slug=slug, article__in=Article.objects.published()
        ).select_related("article")
        if redirect := moved.first():
            return HttpResponsePermanentRedirect(redirect.article.get_absolute_url())
        # A taken-down article answers 410, which caches keep briefly like a page, so nginx
        # replaces its copy rather than serving it again while the origin fails.
        if Article.objects.withdrawn().filter(slug=slug).exists():
            return render(self.request, "newsroom/article_withdrawn.html", status=410)
        raise Http404("No published article at this address.")


def published_article(slug):
    """The article visitors may see at this address, and its version (what the page's kept
    parts are keyed on: id and modified_at); (None, None) if there is none.

    The version is kept under the newsroom's version, which any change of an article, a
    part or what they show moves (a banner does not), and never past the article's
    expiry. While it is kept, the article is read only if a kept part is missing.
    """
    newsroom = content_version("newsroom")
    keep = newsroom is not None and settings.FRAGMENT_CACHE_SECONDS  # not when cold
    key = f"newsroom:published:{newsroom}:{slug}"
    version = caches["kept"].get(key) if keep else None
    if version is None:
        article = Article.objects.published().for_page().filter(slug=slug).first()
        if article is None:
            return None, None
        version = version_of(article)
        if keep:
            kept = version | {"expires_at": article.expires_at}
            caches["kept"].set(key, kept, timeout=settings.FRAGMENT_CACHE_SECONDS)
        return article, version
    if version["expires_at"] is not None and version["expires_at"] <= timezone.now():
        return None, None
    return SimpleLazyObject(lambda: Article.objects.for_page().get(pk=version["pk"])), version


def article_to_preview(pk):
    """An article in any state, read as its public page reads it; 404 if there is none."""
    return get_object_or_404(Article.objects.for_page(), pk=pk)


def version_of(article):
    """What the article page's kept parts are keyed on (as ArticleDetailView reads it)."""
    return {"pk": article.pk, "modified_at": article.modified_at}


# The admin shows it beside the article's form, in a frame of the same origin; only this
# staff page may be framed, and it is never cached.
@method_decorator(
    [
        never_cache,
        staff_member_required,
        xframe_options_sameorigin,
        csp_replace({"frame-ancestors": [SELF]}),
    ],
    name="dispatch",
)
class ArticlePreviewView(DetailView):
    """Any article, draft or scheduled, exactly as visitors will see it; staff only."""

    extra_context = {"preview": True}

    def get_object(self, queryset=None):
        return article_to_preview(self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(article_version=version_of(self.object), **kwargs)

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response


@never_cache
@require_safe
def preview_link(request, token):
    """An article's latest draft for a reviewer without an account, through a signed link."""
    try:
        pk = signing.Signer(salt=PREVIEW_SALT).unsign(token)
        link = PreviewLink.objects.get(pk=pk)
    except (signing.BadSignature, ValueError, PreviewLink.DoesNotExist):
        link = None
    if link is None or not link.is_valid:
        response = render(
            request,
            "newsroom/preview_link_invalid.html",
            {"link": link},
            status=404 if link is None else 410,
        )
    else:
        article = article_to_preview(link.article_id)
        context = {
            "article": article,
            "article_version": version_of(article),
            "preview": True,
            "preview_link": link,
        }
        response = render(request, "newsroom/article_detail.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


class ArticleListView(ListView):
    """Published articles filtered by one topic, tag or author; paginated."""

    paginate_by = 12
    owner_model = None
    owner_filter = None

    def get_queryset(self):
        self.owner = get_object_or_404(self.owner_model, slug=self.kwargs["slug"])
        published = Article.objects.published().filter(**{self.owner_filter: self.owner})
        return article_cards(published.distinct())

    def get_context_data(self, **kwargs):
        return super().get_context_data(owner=self.owner, **kwargs)


topic_detail = public_page(params={"page"})(
    ArticleListView.as_view(
        owner_model=Topic, owner_filter="topic", template_name="newsroom/topic_detail.html"
    )
)
tag_detail = public_page(params={"page"})(
    ArticleListView.as_view(
        owner_model=Tag, owner_filter="tags", template_name="newsroom/tag_detail.html"
    )
)
author_detail = public_page(params={"page"})(
    ArticleListView.as_view(
        owner_model=Author, owner_filter="authors", template_name="newsroom/author_detail.html"
    )
)


@public_page
def author_list(request):
    """Everyone who writes for the tracker."""
    return render(request, "newsroom/author_list.html", {"authors": Author.objects.all()})


@require_safe
def search(request):
    """Published articles matching the visitor's words, best match first, optionally by topic."""
    form = SearchForm(request.GET or None)
    page_obj = None
    if form.is_valid() and form.cleaned_data["q"]:
        articles = Article.objects.published()
        if form.cleaned_data["topic"]:
            articles = articles.filter(topic=form.cleaned_data["topic"])
        results = article_cards(search_articles(articles, form.cleaned_data["q"]))
        page_obj = Paginator(results, SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
        for article in page_obj:
            article.snippet = highlight(article.headline)
    return render(request, "newsroom/search.html", {"form": form, "page_obj": page_obj})


@public_page
def robots_txt(request):
    """Tell crawlers where the sitemap is and what to leave alone."""
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW)]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('newsroom:sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@public_page(params={"p"})
def sitemap(request):
    """sitemap.xml, its URLs on the host the request came to."""
    sitemaps = {name: cls(request) for name, cls in SITEMAPS.items()}
    return sitemap_views.sitemap(request, sitemaps=sitemaps)
