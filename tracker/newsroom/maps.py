"""Maps from GeoJSON: checked in the editor's words, then drawn on the server as an SVG
(what pages show) and a PNG (for sharing, and the fallback), each with its legend, the
date it shows and its credit. No tiles and no other origin: the site's content security
policy allows images from itself alone.

The projection is Web Mercator fitted to the shapes' bounds: a few lines of arithmetic,
right for the size of a country or a front, where its stretching is small, and the one
readers know from web maps. The PNG is drawn with Pillow at twice the size and scaled
down, so its edges are smooth.
"""

import hashlib
import io
import json
import math
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

MAX_BYTES = 1024 * 1024
MAX_POINTS = 50_000
MAX_LEGEND = 6
MAX_LEGEND_CHARS = 60
MAX_NAME_CHARS = 40
GEOMETRIES = ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon")

WIDTH = 1200
MARGIN = 24
MAX_MAP_HEIGHT = 860
LEGEND_ROW = 40
FOOTER = 44
SUPERSAMPLE = 2

# Colours chosen to tell apart for readers with the common colour-vision deficiencies,
# each with the dark edge every shape gets.
STYLES = {
    "areas": {
        "name": "Areas of control: strong colours",
        "paper": "#ffffff",
        "land": "#f1efe8",
        "edge": "#3d3d3d",
        "ink": "#1a1a1a",
        "colours": ["#d9534f", "#f0ad4e", "#3a78c2", "#5b9a3c", "#8e63b5", "#7a7a7a"],
    },
    "plain": {
        "name": "Plain: muted colours",
        "paper": "#ffffff",
        "land": "#eef1f4",
        "edge": "#55606b",
        "ink": "#1a1a1a",
        "colours": ["#9db7d5", "#c9b98f", "#a9c79a", "#d2a7a7", "#b7a6cf", "#b0b0b0"],
    },
}
STYLE_CHOICES = [(key, style["name"]) for key, style in STYLES.items()]
DEFAULT_STYLE = "areas"

GEOJSON_HELP = (
    "Optional: makes this picture a map. A GeoJSON file (at most 1 MB) in longitude and "
    "latitude (WGS 84). Give a shape a “legend” property (for example “Russian-held”) to "
    "colour it and list it in the legend; shapes without one are drawn as plain land. A "
    "point's “name” is written beside it. The map is drawn when you save; no picture file "
    "is needed."
)


def say_feature(number, properties):
    label = properties.get("legend") or properties.get("name")
    return f"Shape {number} (“{label}”)" if isinstance(label, str) and label else f"Shape {number}"


def read_geojson(upload):
    """The upload as checked GeoJSON: (features, a clean file to store), or a ValidationError."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_BYTES:
        raise ValidationError(
            f"This GeoJSON file is {size / 1024 / 1024:.1f} MB; the largest we accept is "
            f"{MAX_BYTES // 1024 // 1024} MB. Simplify the shapes and upload it again."
        )
    upload.seek(0)
    raw = upload.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise ValidationError(
            f"This GeoJSON file is larger than {MAX_BYTES // 1024 // 1024} MB, the most we "
            "accept. Simplify the shapes and upload it again."
        )
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise ValidationError(
            "This file is not GeoJSON we can read: it is not text in UTF-8. Export it again "
            "as GeoJSON."
        ) from error
    except json.JSONDecodeError as error:
        raise ValidationError(
            f"This file is not GeoJSON we can read: {error.msg.lower()} on line {error.lineno}. "
            "Export it again as GeoJSON."
        ) from error
    features = check(data)
    clean = json.dumps(
        {"type": "FeatureCollection", "features": features},
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()
    name = f"{hashlib.sha256(clean).hexdigest()[:20]}.geojson"
    return features, ContentFile(clean, name=name)


def check(data):
    """The features of a GeoJSON object, with only what we draw; ValidationError otherwise."""
    kind = data.get("type") if isinstance(data, dict) else None
    if kind == "FeatureCollection":
        found = data.get("features")
        if not isinstance(found, list):
            raise ValidationError("This FeatureCollection has no list of “features”.")
    elif kind == "Feature":
        found = [data]
    elif kind in GEOMETRIES:
        found = [{"type": "Feature", "properties": {}, "geometry": data}]
    else:
        raise ValidationError(
            "GeoJSON must be a FeatureCollection, a Feature or a geometry; "
            + (
                f"this file's type is “{kind}”."
                if isinstance(kind, str)
                else "this file has no type."
            )
        )
    features, legend, points = [], [], 0
    for number, feature in enumerate(found, start=1):
        if not isinstance(feature, dict) or not isinstance(feature.get("geometry"), dict):
            raise ValidationError(f"Shape {number} has no geometry to draw.")
        properties = feature.get("properties") or {}
        if not isinstance(properties, dict):
            properties = {}
        who = say_feature(number, properties)
        geometry = feature["geometry"]
        if geometry.get("type") not in GEOMETRIES:
            raise ValidationError(
                f"{who} is a “{geometry.get('type')}”; we draw {', '.join(GEOMETRIES[:-1])} "
                f"and {GEOMETRIES[-1]}."
            )
        points += check_coordinates(geometry["type"], geometry.get("coordinates"), who)
        kept = {}
        label = properties.get("legend")
        if label not in (None, ""):
            label = str(label).strip()
            if len(label) > MAX_LEGEND_CHARS:
                raise ValidationError(
                    f"{who}: legend entries must be {MAX_LEGEND_CHARS} characters or fewer."
                )
            kept["legend"] = label
            if label not in legend:
                legend.append(label)
        name = properties.get("name")
        if geometry["type"] in ("Point", "MultiPoint") and name not in (None, ""):
            kept["name"] = str(name).strip()[:MAX_NAME_CHARS]
        features.append({"type": "Feature", "properties": kept, "geometry": geometry})
    if not features:
        raise ValidationError("This GeoJSON has no shapes to draw.")
    if points > MAX_POINTS:
        raise ValidationError(
            f"This map has {points:,} points; we draw up to {MAX_POINTS:,}. "
            "Simplify the shapes and upload it again."
        )
    if len(legend) > MAX_LEGEND:
        raise ValidationError(
            f"The legend can show {MAX_LEGEND} entries; this file names {len(legend)} "
            f"({', '.join(legend)}). Give shapes that belong together the same “legend”."
        )
    return features


def check_coordinates(kind, coordinates, who):
    """How many positions a geometry has, after checking each is a longitude and latitude."""
    depth = {"Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2}.get(kind)
    depth = {"Polygon": 2, "MultiPolygon": 3}.get(kind, depth)
    unreadable = ValidationError(
        f"{who} has coordinates we cannot read: each point must be two numbers, longitude "
        "then latitude."
    )

    def positions(value, level):
        if level == 0:
            if (
                not isinstance(value, list)
                or len(value) not in (2, 3)
                or not all(
                    isinstance(n, int | float) and not isinstance(n, bool) and math.isfinite(n)
                    for n in value
                )
            ):
                raise unreadable
            lon, lat = value[0], value[1]
            if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                raise ValidationError(
                    f"{who} has a point at {lon:g}, {lat:g}, outside the world: longitude "
                    "must be between −180 and 180 and latitude between −90 and 90. GeoJSON "
                    "gives longitude first, in degrees (WGS 84), not metres."
                )
            return [value]
        if not isinstance(value, list) or not value:
            raise unreadable
        found = []
        for item in value:
            found += positions(item, level - 1)
        return found

    if kind in ("Polygon", "MultiPolygon"):
        polygons = coordinates if kind == "MultiPolygon" else [coordinates]
        if not isinstance(polygons, list):
            raise unreadable
        count = 0
        for polygon in polygons:
            for ring in polygon if isinstance(polygon, list) else [None]:
                found = positions(ring, 1)
                if len(found) < 4 or found[0][:2] != found[-1][:2]:
                    raise ValidationError(
                        f"{who}: each ring of an area needs at least four points, the last "
                        "the same as the first."
                    )
                count += len(found)
        return count
    return len(positions(coordinates, depth))


# Drawing ------------------------------------------------------------------------------


@dataclass
class Layout:
    """Everything drawn, in pixels of the final picture: shared by the SVG and the PNG."""

    width: int
    height: int
    style: dict
    areas: list = field(default_factory=list)  # (fill, [ring, ...]) with rings of (x, y)
    lines: list = field(default_factory=list)  # (colour, [(x, y), ...])
    points: list = field(default_factory=list)  # (colour, x, y, name)
    legend: list = field(default_factory=list)  # {"label", "colour", "kind", "x", "y"}
    footer: str = ""
    footer_y: int = 0


def mercator(lon, lat):
    lat = max(min(lat, 85.0), -85.0)
    return math.radians(lon), math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def rings_of(geometry):
    """(kind, parts) of a geometry: kind is "area", "line" or "point"; parts lists rings,
    lines or single positions."""
    kind, coords = geometry["type"], geometry["coordinates"]
    if kind == "Point":
        return "point", [[coords]]
    if kind == "MultiPoint":
        return "point", [[c] for c in coords]
    if kind == "LineString":
        return "line", [coords]
    if kind == "MultiLineString":
        return "line", coords
    polygons = coords if kind == "MultiPolygon" else [coords]
    return "area", polygons


def lay_out(features, style_key, shows, credit):
    style = STYLES.get(style_key) or STYLES[DEFAULT_STYLE]
    projected = []
    for feature in features:
        kind, parts = rings_of(feature["geometry"])
        for part in parts:
            for ring in part if kind == "area" else [part]:
                projected += [mercator(*position[:2]) for position in ring]
    xs, ys = [p[0] for p in projected], [p[1] for p in projected]
    span_x, span_y = max(max(xs) - min(xs), 1e-6), max(max(ys) - min(ys), 1e-6)
    inner = WIDTH - 2 * MARGIN
    scale = min(inner / span_x, MAX_MAP_HEIGHT / span_y) * 0.94  # a little air at the edges
    map_height = min(MAX_MAP_HEIGHT, math.ceil(span_y * scale / 0.94))
    off_x = MARGIN + (inner - span_x * scale) / 2
    off_y = MARGIN + (map_height - span_y * scale) / 2

    left, top_y = min(xs), max(ys)

    def to_px(position):
        x, y = mercator(*position[:2])
        return (round(off_x + (x - left) * scale, 1), round(off_y + (top_y - y) * scale, 1))

    labels = []
    for feature in features:
        label = feature["properties"].get("legend")
        if label and label not in labels:
            labels.append(label)
    colour = {label: style["colours"][i] for i, label in enumerate(labels)}
    kinds = {}
    areas, lines, points = [], [], []
    for feature in features:
        label = feature["properties"].get("legend")
        kind, parts = rings_of(feature["geometry"])
        kinds.setdefault(label, kind)
        if kind == "area":
            for polygon in parts:
                areas.append((label, [[to_px(p) for p in ring] for ring in polygon]))
        elif kind == "line":
            for line in parts:
                lines.append((colour.get(label, style["edge"]), [to_px(p) for p in line]))
        else:
            for (position,) in parts:
                x, y = to_px(position)
                points.append(
                    (colour.get(label, style["ink"]), x, y, feature["properties"].get("name", ""))
                )
    # Plain land first, then the legend's areas in its order, so they lie on top.
    areas.sort(key=lambda area: -1 if area[0] is None else labels.index(area[0]))
    layout = Layout(width=WIDTH, height=0, style=style)
    layout.areas = [(colour.get(label, style["land"]), rings) for label, rings in areas]
    layout.lines, layout.points = lines, points
    top = MARGIN + map_height + 16
    for row, label in enumerate(labels):  # one entry a row: long labels never collide
        layout.legend.append(
            {
                "label": label,
                "colour": colour[label],
                "kind": kinds.get(label, "area"),
                "x": MARGIN,
                "y": top + row * LEGEND_ROW,
            }
        )
    layout.footer_y = top + len(labels) * LEGEND_ROW + 22
    shows_text = f"Shows {shows:%-d %B %Y}" if shows else ""
    layout.footer = " · ".join(text for text in (shows_text, credit) if text)
    layout.height = layout.footer_y + FOOTER - 22
    return layout


def path_data(rings):
    return " ".join(
        "M" + " L".join(f"{x:g} {y:g}" for x, y in ring) + " Z" for ring in rings if ring
    )


def svg(layout):
    """The map as an SVG document: attributes only (no style), so a strict policy allows it."""
    return render_to_string(
        "newsroom/map.svg",
        {
            "layout": layout,
            "areas": [{"fill": fill, "d": path_data(rings)} for fill, rings in layout.areas],
            "lines": [
                {"colour": c, "points": " ".join(f"{x:g},{y:g}" for x, y in line)}
                for c, line in layout.lines
            ],
        },
    )


def font(size):
    return ImageFont.load_default(size=size)


def png(layout):
    """The same map as a PNG, drawn at twice the size and scaled down for smooth edges."""
    k = SUPERSAMPLE
    style = layout.style
    canvas = PILImage.new("RGB", (layout.width * k, layout.height * k), style["paper"])
    draw = ImageDraw.Draw(canvas)
    # Areas of one colour are painted through one mask: each outer ring fills it, the inner
    # rings (holes) cut it away. Colours in the legend's order, so they lie on plain land.
    for fill in dict.fromkeys(fill for fill, _ in layout.areas):
        mask = PILImage.new("L", canvas.size, 0)
        shape = ImageDraw.Draw(mask)
        for _, rings in (area for area in layout.areas if area[0] == fill):
            for i, ring in enumerate(rings):
                if len(ring) >= 3:
                    shape.polygon([(x * k, y * k) for x, y in ring], fill=0 if i else 255)
        canvas.paste(fill, mask=mask)
    for _, rings in layout.areas:
        for ring in rings:
            draw.line([(x * k, y * k) for x, y in ring], fill=style["edge"], width=2 * k)
    for colour, line in layout.lines:
        draw.line([(x * k, y * k) for x, y in line], fill=colour, width=3 * k, joint="curve")
    for colour, x, y, name in layout.points:
        r = 7 * k
        draw.ellipse([x * k - r, y * k - r, x * k + r, y * k + r], fill=colour,
                     outline=style["edge"], width=2 * k)  # fmt: skip
        if name:
            draw.text((x * k + 12 * k, y * k - 14 * k), name, fill=style["ink"], font=font(22 * k),
                      stroke_width=2 * k, stroke_fill=style["paper"])  # fmt: skip
    for entry in layout.legend:
        x, y = entry["x"] * k, entry["y"] * k
        if entry["kind"] == "point":
            draw.ellipse([x + 6 * k, y + 2 * k, x + 22 * k, y + 18 * k], fill=entry["colour"],
                         outline=style["edge"], width=2 * k)  # fmt: skip
        elif entry["kind"] == "line":
            draw.line(
                [(x, y + 10 * k), (x + 28 * k, y + 10 * k)], fill=entry["colour"], width=4 * k
            )
        else:
            draw.rectangle([x, y, x + 28 * k, y + 20 * k], fill=entry["colour"],
                           outline=style["edge"], width=k)  # fmt: skip
        draw.text((x + 38 * k, y - 2 * k), entry["label"], fill=style["ink"], font=font(20 * k))
    draw.text((MARGIN * k, (layout.footer_y - 18) * k), layout.footer, fill=style["ink"],
              font=font(18 * k))  # fmt: skip
    picture = canvas.resize((layout.width, layout.height), PILImage.Resampling.LANCZOS)
    out = io.BytesIO()
    picture.save(out, "PNG", optimize=True)
    return out.getvalue()


@dataclass
class Drawn:
    png: bytes
    svg: bytes
    width: int
    height: int
    legend: list  # {"label", "colour", "kind"} for the page's own key


def draw(features, style_key, shows, credit):
    """The map of checked features as PNG and SVG bytes, with what its legend lists."""
    layout = lay_out(features, style_key, shows, credit)
    return Drawn(
        png=png(layout),
        svg=svg(layout).encode(),
        width=layout.width,
        height=layout.height,
        legend=[{k: entry[k] for k in ("label", "colour", "kind")} for entry in layout.legend],
    )
