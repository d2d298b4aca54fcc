"""JSON-LD, Open Graph and Twitter tags, canonical links and meta descriptions."""

import json
import re
from html.parser import HTMLParser

import pytest

from .factories import make_article, make_author, make_source
from .html import active_content

pytestmark = pytest.mark.django_db


class HeadReader(HTMLParser):
    """The JSON-LD blocks and the <meta>/<link> tags of a page."""

    def __init__(self):
        super().__init__()
        self.json_ld, self.meta, self.links, self._in_ld = [], {}, {}, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self._in_ld = tag == "script" and attrs.get("type") == "application/ld+json"
        if tag == "meta" and "content" in attrs:
            self.meta[attrs.get("property") or attrs.get("name")] = attrs["content"]
        if tag == "link":
            self.links.setdefault(attrs["rel"], attrs["href"])

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld.append(json.loads(data))

    def handle_endtag(self, tag):
        self._in_ld = False


def read(client, url):
    reader = HeadReader()
    reader.feed(client.get(url).content.decode())
    return reader


def by_type(graph, kind):
    [item] = [item for item in graph["@graph"] if item["@type"] == kind]
    return item


def test_an_article_page_describes_itself_in_json_ld(client):
    author = make_author("Olena Kovalenko")
    article = make_article(
        title="Peace talks", standfirst="Where they stand.", authors=[author], sources=0
    )
    article.citations.create(
        source=make_source("ISW", title="Assessment", url="https://isw.example/a")
    )
    article.faqs.all().delete()
    article.faqs.create(question="Is a deal close?", answer="Not *yet*.")
    url = "http://testserver" + article.get_absolute_url()

    [graph] = read(client, article.get_absolute_url()).json_ld
    news = by_type(graph, "NewsArticle")
    assert news["headline"] == "Peace talks" and news["description"] == "Where they stand."
    assert news["datePublished"].startswith(article.published_at.isoformat()[:19])
    assert news["dateModified"] and news["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert news["author"] == [
        {
            "@type": "Person",
            "name": "Olena Kovalenko",
            "url": "http://testserver" + author.get_absolute_url(),
        }
    ]
    assert news["publisher"]["name"] and news["publisher"]["url"] == "http://testserver/"
    assert news["citation"] == [
        {
            "@type": "CreativeWork",
            "name": "Assessment",
            "publisher": {"@type": "Organization", "name": "ISW"},
            "url": "https://isw.example/a",
        }
    ]
    faq = by_type(graph, "FAQPage")
    assert faq["mainEntity"] == [
        {
            "@type": "Question",
            "name": "Is a deal close?",
            "acceptedAnswer": {"@type": "Answer", "text": "<p>Not <em>yet</em>.</p>"},
        }
    ]
    crumbs = by_type(graph, "BreadcrumbList")["itemListElement"]
    assert [crumb["position"] for crumb in crumbs] == [1, 2, 3]
    assert [crumb["item"] for crumb in crumbs][1:] == [
        "http://testserver" + article.topic.get_absolute_url(),
        url,
    ]


def test_an_article_without_faqs_has_no_faq_page(client):
    article = make_article(faqs=0)
    [graph] = read(client, article.get_absolute_url()).json_ld
    assert "FAQPage" not in [item["@type"] for item in graph["@graph"]]


def test_editor_text_cannot_break_out_of_the_json_ld_script(client):
    attack = '</script><script>alert("x")</script><!--'
    article = make_article(title=attack, standfirst=attack)
    page = client.get(article.get_absolute_url()).content.decode()
    assert active_content(page) == []
    assert page.count('<script type="application/ld+json">') == 1
    [graph] = read(client, article.get_absolute_url()).json_ld
    assert by_type(graph, "NewsArticle")["headline"] == attack


def test_the_home_page_describes_the_site_and_its_search(client):
    [website] = read(client, "/").json_ld
    assert website["@type"] == "WebSite" and website["url"] == "http://testserver/"
    action = website["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == "http://testserver/search/?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"


def test_pages_carry_canonical_sharing_and_description_tags(client):
    article = make_article(title="Peace talks", standfirst="Where they stand. " * 40)
    head = read(client, article.get_absolute_url() + "?utm_source=x")
    url = "http://testserver" + article.get_absolute_url()
    assert head.links["canonical"] == url
    assert head.meta["og:url"] == url and head.meta["og:type"] == "article"
    assert head.meta["og:title"] == "Peace talks"
    assert head.meta["twitter:card"] == "summary"
    assert head.meta["description"].startswith("Where they stand.")
    assert len(head.meta["description"].split()) <= 51  # truncated to 50 words and an ellipsis
    assert head.meta["og:description"] == head.meta["description"]
    assert head.meta["article:section"] == article.topic.name

    topic = read(client, article.topic.get_absolute_url())
    assert topic.links["canonical"] == "http://testserver" + article.topic.get_absolute_url()
    assert topic.meta["og:title"] == article.topic.name


def test_datetimes_in_time_elements_are_valid_html(client):
    article = make_article()
    page = client.get(article.get_absolute_url()).content.decode()
    for value in re.findall(r'<time datetime="([^"]+)"', page):
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:?\d\d", value), value
