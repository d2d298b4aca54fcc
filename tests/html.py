"""Look inside rendered HTML the way a browser would."""

from html.parser import HTMLParser


class ActiveContentFinder(HTMLParser):
    """Collects everything in a page that could run script."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        is_static = dict(attrs).get("src", "").startswith("/static/")
        # A JSON-LD block is data that browsers never run (and is escaped by the json_ld filter).
        is_data = tag == "script" and dict(attrs).get("type") == "application/ld+json"
        if tag in {"script", "iframe", "object", "embed"} and not (is_static or is_data):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag}[{name}]")
            if name in {"href", "src", "action", "formaction"} and (
                value or ""
            ).strip().lower().startswith(("javascript:", "data:", "vbscript:")):
                self.found.append(f"{tag}[{name}={value}]")


def active_content(html: str) -> list[str]:
    finder = ActiveContentFinder()
    finder.feed(html)
    return finder.found
