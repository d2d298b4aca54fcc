"""Pictures for the demo content, drawn here with Pillow: nothing is downloaded.

They are the project's own work, released with the demo under CC0 (README). Each is a
simple illustration (a sky, a horizon, a few shapes) or a schematic map, described
honestly by its alt text and credited to the graphics desk.
"""

import io
import json
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

GEODATA = Path(__file__).resolve().parent / "geodata"

SIZE = (1200, 675)
CREDIT = "Tracker graphics desk (demo illustration, CC0)"


def font(size):
    return ImageFont.load_default(size=size)


def sky(top, bottom):
    """A vertical gradient from `top` to `bottom` colour."""
    image = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(image)
    for y in range(SIZE[1]):
        t = y / (SIZE[1] - 1)
        draw.line(
            [(0, y), (SIZE[0], y)],
            fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    return image, draw


def fields(top, bottom, ground):
    image, draw = sky(top, bottom)
    draw.rectangle([0, 470, SIZE[0], SIZE[1]], fill=ground)
    for i in range(0, SIZE[0], 60):  # furrows
        draw.line([(SIZE[0] // 2, 470), (i * 2 - SIZE[0] // 2, SIZE[1])], fill=(0, 0, 0), width=1)
    return image, draw


def sunflowers_and_ship():
    image, draw = sky((40, 90, 160), (250, 200, 120))
    draw.rectangle([0, 430, SIZE[0], SIZE[1]], fill=(30, 70, 120))  # the sea
    draw.polygon([(420, 400), (860, 400), (820, 450), (460, 450)], fill=(60, 60, 70))  # hull
    for x in (500, 580, 660, 740):
        draw.rectangle([x, 350, x + 60, 400], fill=(180, 60, 40))  # cargo holds
    draw.ellipse([960, 90, 1080, 210], fill=(255, 230, 150))  # the sun
    return image


def pylons():
    image, draw = fields((20, 30, 70), (90, 80, 140), (40, 50, 40))
    for x in (200, 600, 1000):
        draw.polygon(
            [(x - 60, 470), (x + 60, 470), (x + 10, 150), (x - 10, 150)],
            outline=(200, 200, 210),
            width=6,
        )
        draw.line([(x - 90, 220), (x + 90, 220)], fill=(200, 200, 210), width=6)
    draw.line([(110, 225), (510, 240), (690, 240), (1090, 225)], fill=(160, 160, 170), width=3)
    return image


def wheat():
    image, draw = fields((120, 170, 230), (210, 225, 240), (220, 180, 60))
    return image


def flags():
    image, draw = sky((230, 235, 245), (200, 210, 230))
    for i, (a, b) in enumerate([((0, 87, 183), (255, 215, 0)), ((0, 51, 153), (255, 204, 0))]):
        x = 330 + i * 340
        draw.line([(x, 130), (x, 560)], fill=(90, 90, 90), width=8)
        draw.rectangle([x + 4, 140, x + 264, 225], fill=a)
        draw.rectangle([x + 4, 225, x + 264, 310], fill=b)
    return image


def table():
    image, draw = sky((70, 60, 55), (120, 100, 90))
    draw.ellipse([200, 260, 1000, 560], fill=(150, 110, 70), outline=(90, 60, 40), width=8)
    for x in range(260, 960, 120):
        draw.rectangle([x, 330, x + 70, 380], fill=(245, 245, 240))  # papers on the table
    return image


def bar_chart():
    image, draw = sky((245, 245, 245), (230, 230, 235))
    for i, h in enumerate((380, 340, 300, 320, 260, 230)):
        draw.rectangle([180 + i * 150, 560 - h, 280 + i * 150, 560], fill=(170, 40, 50))
    draw.line([(150, 560), (1080, 560)], fill=(60, 60, 60), width=4)
    return image


def cranes():
    image, draw = fields((150, 190, 230), (230, 230, 220), (120, 110, 100))
    for x, h in ((300, 260), (760, 320)):
        draw.line([(x, 470), (x, 470 - h)], fill=(230, 170, 30), width=14)
        draw.line([(x - 60, 470 - h), (x + 280, 470 - h)], fill=(230, 170, 30), width=10)
    draw.rectangle([480, 300, 700, 470], fill=(200, 190, 180), outline=(120, 110, 100), width=6)
    return image


def people():
    image, draw = sky((200, 215, 230), (240, 240, 245))
    draw.rectangle([0, 500, SIZE[0], SIZE[1]], fill=(150, 150, 150))
    for i in range(9):
        x = 150 + i * 110
        draw.ellipse([x, 300, x + 50, 350], fill=(70, 80, 100))
        draw.rounded_rectangle([x - 10, 355, x + 60, 500], radius=20, fill=(70, 80, 100))
    return image


def candles():
    image, draw = sky((20, 20, 35), (45, 40, 60))
    for i in range(7):
        x = 220 + i * 120
        draw.rectangle([x, 380, x + 40, 520], fill=(235, 230, 210))
        draw.ellipse([x + 8, 330, x + 32, 375], fill=(255, 190, 60))
    return image


def front_map():
    """A schematic map: areas of control, a river, towns, a legend, its date and credit."""
    image = Image.new("RGB", SIZE, (238, 236, 228))
    draw = ImageDraw.Draw(image)
    draw.polygon([(0, 0), (560, 0), (620, 180), (700, 330), (640, 500), (720, 675), (0, 675)],
                 fill=(246, 246, 240))  # fmt: skip
    draw.polygon([(560, 0), (1200, 0), (1200, 675), (720, 675), (640, 500), (700, 330), (620, 180)],
                 fill=(231, 150, 140))  # fmt: skip
    draw.polygon([(620, 180), (700, 330), (640, 500), (560, 420), (590, 260)], fill=(246, 205, 140))
    draw.line(
        [(0, 560), (300, 520), (520, 600), (900, 560), (1200, 610)], fill=(120, 160, 210), width=10
    )
    for x, y, name in ((430, 300, "Pokrovsk"), (470, 110, "Dobropillia"), (820, 430, "Selydove")):
        draw.ellipse([x - 9, y - 9, x + 9, y + 9], fill=(30, 30, 30))
        draw.text((x + 16, y - 14), name, fill=(30, 30, 30), font=font(24))
    draw.rectangle([24, 24, 300, 180], fill=(255, 255, 255), outline=(80, 80, 80), width=2)
    for i, (colour, label) in enumerate(
        (
            ((231, 150, 140), "Russian-held"),
            ((246, 205, 140), "Contested"),
            ((246, 246, 240), "Ukrainian-held"),
        )
    ):
        draw.rectangle([40, 44 + i * 42, 72, 70 + i * 42], fill=colour, outline=(80, 80, 80))
        draw.text((86, 44 + i * 42), label, fill=(20, 20, 20), font=font(22))
    draw.text((24, 630), "Schematic, not to scale · as of 20 Nov 2026 · Tracker graphics desk",
              fill=(40, 40, 40), font=font(20))  # fmt: skip
    return image


def portrait(background):
    """A head-and-shoulders silhouette standing in for an author's photo."""
    image = Image.new("RGB", (600, 600), background)
    draw = ImageDraw.Draw(image)
    draw.ellipse([210, 110, 390, 310], fill=(60, 66, 80))
    draw.ellipse([110, 330, 490, 760], fill=(60, 66, 80))
    return image


# Author slug -> the background of their stand-in portrait.
PORTRAITS = {
    "daryna-velychko": (214, 196, 160),
    "thomas-aldridge": (170, 196, 214),
}


def portrait_alt_text(name):
    return f"Illustration: a head-and-shoulders silhouette standing in for a photo of {name}"


def png(image):
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def illustration(key):
    return png(DRAWINGS[key]())


DRAWINGS = {
    "map": front_map,
    "ship": sunflowers_and_ship,
    "pylons": pylons,
    "wheat": wheat,
    "flags": flags,
    "table": table,
    "chart": bar_chart,
    "cranes": cranes,
    "people": people,
    "candles": candles,
}

# Article slug -> its lead picture; "figures" are placed after a section (by position).
PICTURES = {
    "frontline-dynamics-pokrovsk": {
        "lead": (
            "wheat",
            "Illustration: a harvested wheat field under a pale sky, furrows running to the horizon",
            "Farmland in Donetsk region, where the front runs through fields and villages.",
        ),
        "figures": {
            1: (
                "map",
                "Map: schematic of the areas around Pokrovsk, with Russian-held ground to the east, a contested belt just east of the town, and Ukrainian-held ground to the west",
                "Who holds what around Pokrovsk, schematically, as of 20 November 2026.",
            )
        },
    },
    "european-security-guarantees": {
        "lead": (
            "flags",
            "Illustration: the flags of Ukraine and the European Union side by side on two flagpoles",
            "European governments are weighing what guarantees they can offer.",
        ),
    },
    "refugees-and-displacement": {
        "lead": (
            "people",
            "Illustration: a row of people standing in a queue in silhouette",
            "Millions of Ukrainians remain displaced at home and abroad.",
        ),
    },
    "grain-corridor-black-sea-shipping": {
        "lead": (
            "ship",
            "Illustration: a cargo ship with red holds on a blue sea at sunset",
            "Ukraine's own corridor keeps ships moving from Odesa's ports.",
        ),
        "figures": {
            0: (
                "wheat",
                "Illustration: a wheat field ready for harvest",
                "Grain still makes up most of what the ships carry.",
            )
        },
    },
    "sanctions-russian-economy": {
        "lead": (
            "chart",
            "Illustration: a bar chart in dark red whose bars fall from left to right",
            "Growth has slowed as sanctions and high interest rates bite.",
        ),
    },
    "prisoners-missing-deported-children": {
        "lead": (
            "candles",
            "Illustration: seven lit candles in a row against a dark background",
            "Families are still waiting for news of the missing.",
        ),
    },
    "air-defence-energy-grid-winter": {
        "lead": (
            "pylons",
            "Illustration: three power pylons with sagging lines against an evening sky",
            "The grid is bracing for a fifth winter of strikes.",
        ),
    },
    "peace-talks-status-2026": {
        "lead": (
            "table",
            "Illustration: a round wooden table with papers laid out around it",
            "Negotiators meet again, with the gaps between the sides still wide.",
        ),
    },
    "reconstruction-financing": {
        "lead": (
            "cranes",
            "Illustration: two yellow construction cranes over a building under repair",
            "Rebuilding has begun, but the bill runs to hundreds of billions.",
        ),
    },
}


def ports_map():
    """GeoJSON for a map of Ukraine's outline (geodata/README.md: Natural Earth, public
    domain) with the capital and two of the ports the grain article names."""
    outline = json.loads((GEODATA / "ukraine.geojson").read_text())
    outline["features"][0]["properties"] = {"legend": "Ukraine"}
    places = (
        ("Kyiv", "Capital", 30.524, 50.450),
        ("Odesa", "Ports named in this section", 30.733, 46.482),
        ("Izmail", "Ports named in this section", 28.836, 45.351),
    )
    outline["features"] += [
        {
            "type": "Feature",
            "properties": {"name": name, "legend": legend},
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
        }
        for name, legend, lon, lat in places
    ]
    return json.dumps(outline).encode()


# Article slug -> section position -> a map drawn from GeoJSON the project ships.
MAPS = {
    "grain-corridor-black-sea-shipping": {
        1: {
            "geojson": ports_map,
            "style": "plain",
            "shows_date": "2026-11-20",
            "alt_text": "Map: Ukraine with Kyiv marked, and the ports of Odesa on the Black "
            "Sea coast and Izmail on the Danube in the south-west",
            "description": "An outline of Ukraine within its internationally recognised "
            "borders, Crimea included. Kyiv sits in the north of the country. Odesa lies on "
            "the Black Sea coast in the south, and Izmail further south-west, on the Danube "
            "where it forms the border with Romania. Both ports have been struck repeatedly.",
            "caption": "Where the ports in this section lie.",
            "credit": "Tracker graphics desk (demo map, CC0); outline: Natural Earth "
            "(public domain)",
        }
    },
}
