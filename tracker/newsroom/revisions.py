"""Readable differences between two saved revisions of an article (django-reversion)."""

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.contrib.contenttypes.models import ContentType
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from reversion.models import Version

from .models import FAQ, Article, Author, Byline, Citation, Note, Section, Source, Tag, Topic

# Article fields shown in a comparison, with the label editors know them by.
ARTICLE_FIELDS = {
    "title": "Title",
    "slug": "Slug",
    "standfirst": "Standfirst",
    "topic_id": "Topic",
    "tags": "Tags",
    "status": "Status",
    "published_at": "Publish time",
    "expires_at": "Expiry time",
    "updated_at": "Updated",
}
# Ordered parts: the model, the key that identifies an item across revisions, its text fields
# (the first one names the item; sources and authors are named by what they point to).
PARTS = {
    "Sections": (Section, "id", ("heading", "body")),
    "FAQs": (FAQ, "id", ("question", "answer")),
    "Sources": (Citation, "source_id", ()),
    "Byline": (Byline, "author_id", ()),
    "Updates and corrections": (Note, "id", ("text", "kind")),
}


def word_diff(old, new):
    """HTML of `new` with words removed from `old` in <del> and words added in <ins>."""
    a, b = re.split(r"(\s+)", old), re.split(r"(\s+)", new)
    out = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(format_html("{}", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(
                format_html('<del><span class="vh">removed: </span>{}</del>', "".join(a[i1:i2]))
            )
        if j2 > j1:
            out.append(
                format_html('<ins><span class="vh">added: </span>{}</ins>', "".join(b[j1:j2]))
            )
    return mark_safe("".join(out))


def _text(model, name, value):
    if value is None:
        return ""
    if name == "topic_id":
        return str(Topic.objects.filter(pk=value).first() or f"Topic #{value}")
    if name == "tags":
        return ", ".join(Tag.objects.filter(pk__in=value).values_list("name", flat=True))
    if name == "kind":
        return Note.Kind(value).label
    if name == "status":
        return Article.Status(value).label
    if hasattr(value, "strftime"):
        return f"{value:%d %b %Y %H:%M}"
    # Browsers send text areas with \r\n: line endings alone are no change.
    return str(value).replace("\r\n", "\n")


@dataclass
class Snapshot:
    """An article as one revision saved it: its fields and its ordered parts."""

    version: Version
    fields: dict
    parts: dict = field(default_factory=dict)


def _label(model, key):
    if model is Citation:
        return str(Source.objects.filter(pk=key).first() or f"Source #{key}")
    if model is Byline:
        return str(Author.objects.filter(pk=key).first() or f"Author #{key}")
    return ""


def snapshot(version):
    article_id = int(version.object_id)
    data = version.field_dict
    fields = {label: _text(Article, name, data.get(name)) for name, label in ARTICLE_FIELDS.items()}
    snap = Snapshot(version, fields)
    for part, (model, key, text_fields) in PARTS.items():
        rows = [
            v.field_dict
            for v in version.revision.version_set.filter(
                content_type=ContentType.objects.get_for_model(model)
            )
            if v.field_dict["article_id"] == article_id
        ]
        rows.sort(key=lambda row: (row["position"], row["id"]))
        snap.parts[part] = [
            {
                "key": row[key],
                "label": _text(model, text_fields[0], row[text_fields[0]])
                if text_fields
                else _label(model, row[key]),
                "texts": {name: _text(model, name, row[name]) for name in text_fields},
            }
            for row in rows
        ]
    return snap


@dataclass
class Change:
    kind: str  # "added", "removed", "changed", "moved", "unchanged"
    label: str
    texts: dict  # field name: HTML
    moved: bool = False


def diff_parts(old, new):
    """Changes between two ordered lists of parts, in the new order, removed ones last."""
    old_by_key = {item["key"]: item for item in old}
    new_by_key = {item["key"]: item for item in new}
    old_order = [item["key"] for item in old if item["key"] in new_by_key]
    new_order = [item["key"] for item in new if item["key"] in old_by_key]
    # Items outside the longest common order are the ones that moved.
    stayed = set()
    for a, _, size in SequenceMatcher(
        None, old_order, new_order, autojunk=False
    ).get_matching_blocks():
        stayed.update(old_order[a : a + size])
    changes = []
    for item in new:
        before = old_by_key.get(item["key"])
        label = item["label"]
        if before is None:
            changes.append(Change("added", label, item["texts"]))
            continue
        texts = {
            name: word_diff(before["texts"][name], text) for name, text in item["texts"].items()
        }
        edited = before["texts"] != item["texts"]
        moved = item["key"] not in stayed
        kind = "changed" if edited else "moved" if moved else "unchanged"
        if edited and texts:
            label = next(iter(texts.values()))  # the name itself, with its changed words marked
        changes.append(Change(kind, label, texts, moved=moved))
    for item in old:
        if item["key"] not in new_by_key:
            changes.append(Change("removed", item["label"], item["texts"]))
    return changes


def compare(old_version, new_version):
    """Field changes and part changes between two revisions of one article."""
    old, new = snapshot(old_version), snapshot(new_version)
    fields = [
        (label, word_diff(old.fields[label], new.fields[label]))
        for label in ARTICLE_FIELDS.values()
        if old.fields[label] != new.fields[label]
    ]
    parts = {name: diff_parts(old.parts[name], new.parts[name]) for name in PARTS}
    return {"fields": fields, "parts": parts}


def changed_names(comparison):
    """What changed, in a few words: "title, sections"."""
    names = [label.lower() for label, _ in comparison["fields"]]
    names += [
        name.lower()
        for name, changes in comparison["parts"].items()
        if any(change.kind != "unchanged" for change in changes)
    ]
    return ", ".join(names)


def versions_of(article_id):
    """The saved revisions of an article, newest first."""
    return (
        Version.objects.get_for_object_reference(Article, article_id)
        .select_related("revision__user")
        .order_by("-revision__date_created", "-pk")
    )
