"""schema.org data (JSON-LD) about the site and its articles, for search engines."""

from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import reverse

CONTEXT = "https://schema.org"


def organisation(request):
    return {
        "@type": "NewsMediaOrganization",
        "name": settings.SITE_NAME,
        "url": request.build_absolute_uri("/"),
    }


def website(request):
    """The site, with the search action that lets search engines offer a search box."""
    search = request.build_absolute_uri(reverse("newsroom:search"))
    return {
        "@context": CONTEXT,
        "@type": "WebSite",
        "name": settings.SITE_NAME,
        "url": request.build_absolute_uri(reverse("newsroom:home")),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }


def article_graph(article, request):
    """NewsArticle, BreadcrumbList and (when it has questions) FAQPage for an article page."""
    url = request.build_absolute_uri(article.get_absolute_url())
    news_article = {
        "@type": "NewsArticle",
        "@id": f"{url}#article",
        "headline": article.title,
        "description": article.standfirst,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": article.published_at,
        "dateModified": max(article.published_at, article.updated_at or article.published_at),
        "articleSection": article.topic.name,
        "keywords": [tag.name for tag in article.tags.all()],
        "author": [
            {
                "@type": "Person",
                "name": byline.author.name,
                "url": request.build_absolute_uri(byline.author.get_absolute_url()),
            }
            for byline in article.bylines.all()
        ],
        "publisher": organisation(request),
        "citation": [citation_data(citation.source) for citation in article.citations.all()],
    }
    if article.lead_image:
        news_article["image"] = image_data(article.lead_image, request)
    breadcrumbs = {
        "@type": "BreadcrumbList",
        "itemListElement": [
            crumb(1, settings.SITE_NAME, request.build_absolute_uri(reverse("newsroom:home"))),
            crumb(
                2, article.topic.name, request.build_absolute_uri(article.topic.get_absolute_url())
            ),
            crumb(3, article.title, url),
        ],
    }
    graph = [news_article, breadcrumbs]
    faqs = article.faqs.all()
    if faqs:
        graph.append(
            {
                "@type": "FAQPage",
                "url": f"{url}#faq",
                "mainEntity": [
                    {
                        "@type": "Question",
                        "name": faq.question,
                        # Search engines take an answer's HTML (links, lists, emphasis)
                        # and show it; it is the sanitized HTML the page itself shows.
                        "acceptedAnswer": {"@type": "Answer", "text": faq.answer_html.strip()},
                    }
                    for faq in faqs
                ],
            }
        )
    return {"@context": CONTEXT, "@graph": graph}


def image_data(image, request):
    """The lead image in the three shapes search engines ask for: 1:1, 4:3 and 16:9."""
    crops = image.renditions.get("crops", {})
    return [
        {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(default_storage.url(crops[shape]["name"])),
            "width": crops[shape]["width"],
            "height": crops[shape]["height"],
            "caption": image.alt_text,
            "creditText": image.credit,
        }
        for shape in ("1x1", "4x3", "16x9")
        if shape in crops
    ]


def citation_data(source):
    data = {"@type": "CreativeWork", "name": source.title or source.publisher}
    data["publisher"] = {"@type": "Organization", "name": source.publisher}
    if source.link:
        data["url"] = source.link
    return data


def crumb(position, name, url):
    return {"@type": "ListItem", "position": position, "name": name, "item": url}
