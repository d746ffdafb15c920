"""Draw the schematic maps used by the bundled examples.

Run from anywhere with the project's virtual environment:

    .venv/bin/python examples/make_figures.py

The maps are schematic: coastlines and borders are hand-simplified polygons in an
equirectangular projection, good enough to show where places lie relative to one another and
nothing more. Nothing is random and no date is written into the files, so running the script
again with the same Pillow and DejaVu fonts gives byte-identical PNGs.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
FONT_ITALIC = FONT_DIR / "DejaVuSans-Oblique.ttf"

WIDTH, HEIGHT = 1600, 900

# Map extent in degrees; the x axis is squeezed by cos(45°) so shapes look about right.
LON_MIN, LON_MAX = 108.0, 154.0
LAT_MIN, LAT_MAX = 30.5, 57.0

# Muted palette.
SEA = (218, 228, 234)
LAND = (238, 234, 224)
COAST = (150, 150, 140)
BORDER = (160, 140, 130)
GRID = (200, 212, 220)
TEXT = (55, 60, 66)
COUNTRY = (140, 135, 125)
WATER_TEXT = (110, 135, 155)
MARK = (150, 50, 45)
MARK_OTHER = (70, 80, 95)
PANEL = (250, 249, 246)

Point = tuple[float, float]

# --- Simplified geography (lon, lat) --------------------------------------------------------

# fmt: off
MAINLAND: list[Point] = [
    (100.0, 30.0), (121.9, 30.0), (121.9, 30.9), (120.9, 32.6), (120.3, 34.3), (119.3, 34.9),
    (120.4, 36.1), (121.6, 36.8), (122.6, 37.4), (121.4, 37.6), (119.9, 37.3), (119.0, 37.2),
    (118.9, 38.0), (117.7, 38.9), (118.4, 39.3), (119.5, 39.9), (120.9, 40.6), (121.9, 40.9),
    (122.2, 40.4), (121.2, 38.8), (122.3, 39.4), (123.5, 39.8), (124.3, 39.9), (124.8, 39.6),
    (125.4, 39.5), (125.1, 38.7), (124.8, 38.1), (125.6, 37.9), (126.1, 37.7), (126.6, 37.4),
    (126.5, 36.6), (126.6, 35.9), (126.3, 35.0), (126.4, 34.4), (127.4, 34.7), (128.5, 34.9),
    (129.1, 35.1), (129.5, 35.7), (129.4, 36.6), (129.1, 37.6), (128.5, 38.4), (127.6, 39.1),
    (127.5, 39.7), (128.3, 40.0), (129.0, 40.5), (129.7, 40.9), (129.8, 41.8), (130.7, 42.3),
    (131.2, 42.7), (131.9, 43.1), (132.4, 43.2), (132.9, 42.8), (134.0, 43.2), (135.1, 43.6),
    (136.5, 44.6), (137.8, 45.8), (138.6, 47.0), (139.4, 48.0), (140.3, 48.9), (140.5, 50.0),
    (140.6, 51.2), (141.3, 52.2), (141.2, 53.2), (140.4, 53.7), (139.3, 54.2), (137.9, 54.0),
    (136.9, 54.6), (137.6, 55.3), (138.4, 56.2), (140.0, 57.5), (141.5, 58.6), (100.0, 58.6),
]

SAKHALIN: list[Point] = [
    (141.9, 45.9), (142.6, 46.6), (143.5, 46.2), (143.1, 47.6), (142.6, 48.6), (143.9, 49.2),
    (143.2, 50.4), (143.2, 51.7), (143.3, 52.9), (142.8, 54.3), (142.3, 54.2), (142.2, 53.0),
    (141.7, 52.0), (141.8, 50.6), (142.1, 49.0), (141.9, 47.6),
]

HOKKAIDO: list[Point] = [
    (140.0, 41.4), (140.6, 41.7), (141.1, 41.8), (140.6, 42.2), (140.9, 42.55), (141.6, 42.6),
    (142.5, 42.2), (143.25, 41.95), (143.6, 42.6), (144.4, 42.95), (145.6, 43.3), (145.2, 43.6),
    (145.3, 44.3), (144.3, 44.1), (143.3, 44.3), (142.0, 45.4), (141.7, 45.3), (141.8, 44.4),
    (141.4, 43.4), (141.0, 43.2), (140.4, 43.35), (140.0, 42.9), (139.85, 42.6), (140.1, 42.2),
    (139.95, 41.6),
]

HONSHU: list[Point] = [
    (141.4, 41.4), (142.0, 39.5), (141.0, 38.3), (141.0, 37.0), (140.6, 36.1), (140.9, 35.7),
    (139.8, 35.0), (138.8, 34.6), (137.0, 34.6), (136.8, 34.1), (135.8, 33.4), (135.1, 34.3),
    (133.5, 34.5), (132.3, 34.2), (131.0, 33.9), (131.1, 34.5), (132.5, 35.4), (134.0, 35.6),
    (135.9, 35.6), (136.7, 37.0), (137.3, 37.5), (137.0, 36.8), (138.6, 37.5), (139.4, 38.2),
    (140.0, 39.8), (139.9, 40.8), (140.9, 41.2),
]

SHIKOKU: list[Point] = [
    (132.4, 33.0), (133.0, 32.7), (134.3, 33.3), (134.7, 34.1), (133.5, 34.3), (132.7, 33.9),
]

KYUSHU: list[Point] = [
    (130.9, 33.9), (131.8, 33.3), (131.5, 32.0), (131.1, 30.0), (130.2, 30.0), (130.2, 31.3),
    (129.7, 32.8), (129.9, 33.5),
]

ISLANDS = [SAKHALIN, HOKKAIDO, HONSHU, SHIKOKU, KYUSHU]

BORDERS: list[list[Point]] = [
    # China - North Korea (Yalu and Tumen rivers)
    [
        (124.3, 39.9), (125.3, 40.6), (126.9, 41.8), (128.1, 42.0), (129.0, 42.4), (129.9, 42.9),
        (130.6, 42.4), (130.7, 42.3),
    ],
    # Russia - China (Ussuri, Amur, Argun)
    [
        (130.6, 42.4), (131.1, 42.9), (131.2, 44.8), (132.5, 45.0), (133.1, 45.3), (134.2, 47.1),
        (135.0, 48.4), (132.5, 47.7), (130.9, 48.9), (129.5, 49.4), (127.5, 50.3), (126.0, 52.8),
        (124.0, 53.3), (121.2, 53.3), (119.9, 52.3), (117.8, 49.5), (116.7, 49.8),
    ],
    # China - Mongolia
    [
        (116.7, 49.8), (115.4, 48.0), (113.0, 44.8), (111.9, 43.6), (108.0, 42.4),
    ],
    # Russia - Mongolia
    [
        (116.7, 49.8), (113.0, 50.0), (108.0, 49.3),
    ],
    # Korean Demilitarized Zone
    [
        (126.1, 37.7), (126.7, 37.9), (127.1, 38.3), (128.0, 38.3), (128.4, 38.6),
    ],
]
# fmt: on

COUNTRIES: list[tuple[str, Point]] = [
    ("RUSSIA", (125.0, 55.2)),
    ("CHINA", (117.5, 44.0)),
    ("MONGOLIA", (111.5, 46.5)),
    ("NORTH\nKOREA", (127.0, 40.6)),
    ("SOUTH\nKOREA", (128.0, 36.2)),
    ("JAPAN", (139.2, 36.3)),
]

WATERS: list[tuple[str, Point]] = [
    ("Sea of Japan\n(East Sea)", (134.5, 40.3)),
    ("Yellow\nSea", (123.6, 35.3)),
    ("Sea of\nOkhotsk", (147.5, 52.5)),
    ("Pacific\nOcean", (146.5, 37.0)),
]


@dataclass(frozen=True)
class Place:
    name: str
    lon: float
    lat: float
    focus: bool = False
    capital: bool = False
    dx: int = 14
    dy: int = 0
    anchor: str = "lm"


PYONGYANG = Place("Pyongyang", 125.75, 39.02, capital=True, dx=-16, anchor="rm")
SEOUL = Place("Seoul", 126.98, 37.57, capital=True, dx=-16, anchor="rm")
BEIJING = Place("Beijing", 116.40, 39.90, capital=True)
TOKYO = Place("Tokyo", 139.69, 35.69, capital=True, dx=10, dy=22, anchor="lm")
VLADIVOSTOK = Place("Vladivostok", 131.89, 43.12)
VOSTOCHNY = Place("Vostochny Cosmodrome", 128.33, 51.88)


@dataclass(frozen=True)
class MapSpec:
    filename: Path
    title: str
    subtitle: str
    places: tuple[Place, ...]
    notes: tuple[tuple[str, str], ...]
    """(place, what happened there), listed in the side panel."""


_SQUEEZE = math.cos(math.radians(45.0))
_SCALE = HEIGHT / (LAT_MAX - LAT_MIN)
MAP_W = round((LON_MAX - LON_MIN) * _SQUEEZE * _SCALE)


def _project(lon: float, lat: float) -> tuple[float, float]:
    """Equirectangular projection onto the map frame (the left part of the image)."""
    x = (lon - LON_MIN) * _SQUEEZE * _SCALE
    y = (LAT_MAX - lat) * _SCALE
    return round(x, 1), round(y, 1)


def _poly(points: list[Point]) -> list[tuple[float, float]]:
    return [_project(lon, lat) for lon, lat in points]


def _dashed(
    draw: ImageDraw.ImageDraw, points: list[Point], dash: float = 9, gap: float = 6
) -> None:
    xy = _poly(points)
    for (x0, y0), (x1, y1) in itertools.pairwise(xy):
        length = math.hypot(x1 - x0, y1 - y0)
        if length == 0:
            continue
        pos = 0.0
        while pos < length:
            end = min(pos + dash, length)
            draw.line(
                [
                    (x0 + (x1 - x0) * pos / length, y0 + (y1 - y0) * pos / length),
                    (x0 + (x1 - x0) * end / length, y0 + (y1 - y0) * end / length),
                ],
                fill=BORDER,
                width=2,
            )
            pos += dash + gap


def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)


def _star(cx: float, cy: float, r: float) -> list[tuple[float, float]]:
    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.45
        angle = math.radians(-90 + i * 36)
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


def _marker(draw: ImageDraw.ImageDraw, x: float, y: float, capital: bool, colour: tuple) -> None:
    if capital:
        draw.polygon(_star(x, y, 13), fill=colour, outline=(255, 255, 255))
    else:
        draw.ellipse([x - 8, y - 8, x + 8, y + 8], fill=colour, outline=(255, 255, 255), width=2)


def _draw_map(spec: MapSpec) -> Image.Image:
    image = Image.new("RGB", (MAP_W, HEIGHT), SEA)
    draw = ImageDraw.Draw(image)

    # Graticule every 5 degrees; the labels are drawn last, over the land.
    meridians = range(110, int(LON_MAX) + 1, 5)
    parallels = range(35, int(LAT_MAX) + 1, 5)
    for lon in meridians:
        x, _ = _project(lon, LAT_MIN)
        draw.line([(x, 0), (x, HEIGHT)], fill=GRID, width=1)
    for lat in parallels:
        _, y = _project(LON_MIN, lat)
        draw.line([(0, y), (MAP_W, y)], fill=GRID, width=1)

    # Land, then borders.
    draw.polygon(_poly(MAINLAND), fill=LAND, outline=COAST)
    for island in ISLANDS:
        draw.polygon(_poly(island), fill=LAND, outline=COAST)
    jx, jy = _project(126.55, 33.38)  # Jeju
    draw.ellipse([jx - 9, jy - 4, jx + 9, jy + 4], fill=LAND, outline=COAST)
    for border in BORDERS:
        _dashed(draw, border)

    # Country and water names.
    country_font = _font(FONT, 24)
    water_font = _font(FONT_ITALIC, 20)
    for name, (lon, lat) in COUNTRIES:
        x, y = _project(lon, lat)
        draw.multiline_text(
            (x, y), name, font=country_font, fill=COUNTRY, anchor="mm", align="center", spacing=2
        )
    for name, (lon, lat) in WATERS:
        x, y = _project(lon, lat)
        draw.multiline_text(
            (x, y), name, font=water_font, fill=WATER_TEXT, anchor="mm", align="center"
        )

    small = _font(FONT, 15)
    for lon in meridians:
        x, _ = _project(lon, LAT_MIN)
        draw.text(
            (x + 4, HEIGHT - 8),
            f"{lon}°E",
            font=small,
            fill=WATER_TEXT,
            anchor="ls",
            stroke_width=2,
            stroke_fill=SEA,
        )
    for lat in parallels:
        _, y = _project(LON_MIN, lat)
        draw.text(
            (6, y - 4),
            f"{lat}°N",
            font=small,
            fill=WATER_TEXT,
            anchor="ls",
            stroke_width=2,
            stroke_fill=SEA,
        )

    # Places, with a light halo behind each label.
    label_font = _font(FONT, 22)
    label_bold = _font(FONT_BOLD, 23)
    for place in spec.places:
        x, y = _project(place.lon, place.lat)
        colour = MARK if place.focus else MARK_OTHER
        _marker(draw, x, y, place.capital, colour)
        draw.text(
            (x + place.dx, y + place.dy),
            place.name,
            font=label_bold if place.focus else label_font,
            fill=colour,
            anchor=place.anchor,
            stroke_width=3,
            stroke_fill=PANEL,
        )
    return image


def _wrap(
    draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int
) -> list[str]:
    lines: list[str] = []
    for raw in text.split("\n"):
        line = ""
        for word in raw.split():
            trial = f"{line} {word}".strip()
            if draw.textlength(trial, font=font) <= width or not line:
                line = trial
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


def draw_map(spec: MapSpec) -> Image.Image:
    image = Image.new("RGB", (WIDTH, HEIGHT), PANEL)
    image.paste(_draw_map(spec), (0, 0))
    draw = ImageDraw.Draw(image)
    draw.line([(MAP_W, 0), (MAP_W, HEIGHT)], fill=COAST, width=2)

    x0 = MAP_W + 40
    text_w = WIDTH - x0 - 40
    title_font = _font(FONT_BOLD, 34)
    sub_font = _font(FONT, 21)
    head_font = _font(FONT_BOLD, 20)
    body_font = _font(FONT, 19)
    y = 56
    for line in _wrap(draw, spec.title, title_font, text_w):
        draw.text((x0, y), line, font=title_font, fill=TEXT)
        y += 44
    y += 4
    for line in _wrap(draw, spec.subtitle, sub_font, text_w):
        draw.text((x0, y), line, font=sub_font, fill=TEXT)
        y += 30
    y += 30

    for place, what in spec.notes:
        draw.text((x0, y), place, font=head_font, fill=MARK)
        y += 28
        for line in _wrap(draw, what, body_font, text_w):
            draw.text((x0, y), line, font=body_font, fill=TEXT)
            y += 26
        y += 16

    # Legend at the foot of the panel.
    y = HEIGHT - 200
    draw.line([(x0, y - 20), (WIDTH - 40, y - 20)], fill=GRID, width=2)
    _marker(draw, x0 + 10, y + 11, True, MARK_OTHER)
    draw.text((x0 + 32, y), "Capital city", font=body_font, fill=TEXT)
    _marker(draw, x0 + 230, y + 11, False, MARK_OTHER)
    draw.text((x0 + 250, y), "Other place", font=body_font, fill=TEXT)
    y += 36
    _dashed_legend = [(x0, y + 11), (x0 + 20, y + 11)]
    draw.line(_dashed_legend, fill=BORDER, width=2)
    draw.line([(x0 + 26, y + 11), (x0 + 46, y + 11)], fill=BORDER, width=2)
    draw.text((x0 + 56, y), "International border, simplified", font=body_font, fill=TEXT)
    y += 36
    draw.text((x0, y), "Red: places named in the text", font=body_font, fill=MARK)
    y += 44
    footer = _font(FONT_ITALIC, 16)
    for line in _wrap(
        draw, "Schematic, not to scale. Coasts and borders are hand-simplified.", footer, text_w
    ):
        draw.text((x0, y), line, font=footer, fill=WATER_TEXT)
        y += 22
    return image


def _with(place: Place, **changes: object) -> Place:
    return Place(**{**place.__dict__, **changes})


MAPS = (
    MapSpec(
        filename=HERE / "russia-north-korea-alliance" / "region-map.png",
        title="Russia and North Korea",
        subtitle="Places named in the analysis",
        places=(
            _with(PYONGYANG, focus=True),
            _with(VLADIVOSTOK, focus=True),
            _with(VOSTOCHNY, focus=True),
            SEOUL,
            BEIJING,
            TOKYO,
        ),
        notes=(
            (
                "Vostochny Cosmodrome",
                "Russian space launch center in the Amur region, where Putin and Kim met in"
                " September 2023.",
            ),
            (
                "Pyongyang",
                "Capital of North Korea; Russian Foreign Minister Sergey Lavrov visited in"
                " October 2023.",
            ),
            (
                "Vladivostok",
                "Russia's main Pacific port, near the short Russia-North Korea border.",
            ),
        ),
    ),
    MapSpec(
        filename=HERE / "putin-kim-article" / "region-map.png",
        title="Vladivostok and Pyongyang",
        subtitle="Where Putin and Kim met in 2019, and where a new meeting was expected",
        places=(
            _with(PYONGYANG, focus=True),
            _with(VLADIVOSTOK, focus=True),
            VOSTOCHNY,
            _with(SEOUL, focus=True),
            BEIJING,
            TOKYO,
        ),
        notes=(
            (
                "Vladivostok",
                "Site of the first Putin–Kim summit, April 2019, and of the Eastern Economic"
                " Forum, September 10–13, 2023.",
            ),
            (
                "Pyongyang",
                "Capital of North Korea; Russian Defense Minister Sergei Shoigu visited in"
                " July 2023.",
            ),
            ("Seoul", "Capital of South Korea, where this article was written."),
        ),
    ),
)


def main() -> None:
    for spec in MAPS:
        spec.filename.parent.mkdir(parents=True, exist_ok=True)
        draw_map(spec).save(spec.filename, format="PNG", optimize=True)
        print(spec.filename.relative_to(HERE.parent))


if __name__ == "__main__":
    main()
