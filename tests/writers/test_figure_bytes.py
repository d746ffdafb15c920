"""A figure carries none of its file's metadata into any output, and looks exactly the same.

Every test image is made here, with a unique canary word in each place metadata hides: EXIF
(with GPS, camera serial, author, software), XMP, IPTC, JPEG comments, bytes after the image's
end, PNG tEXt/zTXt/iTXt/eXIf/tIME/private chunks, an iCCP profile name, GIF comments, SVG
<metadata>, comments, processing instructions and Inkscape/Sodipodi attributes. The outputs are
searched byte by byte (PDF streams decompressed, every DOCX part, PNG text chunks inflated).
"""

from __future__ import annotations

import base64
import contextlib
import io
import itertools
import math
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageChops, ImageCms, ImageDraw, ImageOps, ImageStat
from PIL.PngImagePlugin import PngInfo

import sitrep
from sitrep.writers.colour_profile import blank_profile_text
from sitrep.writers.figure_bytes import without_metadata

# -- images with canaries ------------------------------------------------------------------------


def _picture(size: tuple[int, int] = (120, 80), mode: str = "RGB") -> Image.Image:
    """Big flat areas and a mark in one corner, so a turn or a mirror shows."""
    image = Image.new("RGB", size, (240, 240, 230))
    draw = ImageDraw.Draw(image)
    width, height = size
    draw.rectangle((2, 2, width // 3, height // 3), fill=(200, 30, 30))
    draw.ellipse((width // 2, height // 3, width - 4, height - 4), fill=(30, 60, 200))
    return image.convert(mode)


def _exif(canary: Callable[[str], str], orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010E] = canary("description")
    exif[0x013B] = canary("artist")
    exif[0x0131] = canary("software")
    exif[0x010F] = canary("make")
    exif[0x0110] = canary("model")
    exif[0x8298] = canary("copyright")
    exif[0x0112] = orientation
    camera = exif.get_ifd(0x8769)
    camera[0xA431] = canary("serial")
    camera[0x9003] = "2024:01:02 03:04:05"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (52.0, 22.0, 1.5), 3: "E", 4: (4.0, 53.0, 2.0)})
    gps[0x12] = canary("gpsdatum")
    return exif


def _xmp(canary: Callable[[str], str]) -> bytes:
    return (
        '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
        f'xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="{canary("xmp")}"/></rdf:RDF>'
        '</x:xmpmeta><?xpacket end="w"?>'
    ).encode()


def _profile(canary: Callable[[str], str]) -> bytes:
    """An sRGB colour profile whose description and copyright name a canary, as a calibration
    tool names the monitor and its owner: each tag rewritten at the end of the profile."""
    profile = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    (count,) = struct.unpack_from(">I", profile, 128)
    for index in range(count):
        entry = 132 + 12 * index
        if profile[entry : entry + 4] not in (b"desc", b"cprt"):
            continue
        text = canary("icc" + profile[entry : entry + 4].decode()).encode("utf-16-be")
        tag = b"mluc" + bytes(4) + struct.pack(">IIII", 1, 12, 0x656E5553, len(text))
        tag += struct.pack(">I", len(tag) + 4) + text
        profile += bytes(-len(profile) % 4)
        struct.pack_into(">II", profile, entry + 4, len(profile), len(tag))
        profile += tag
    struct.pack_into(">I", profile, 0, len(profile))
    return bytes(profile)


def _jpeg_segment(marker: int, payload: bytes) -> bytes:
    return bytes((0xFF, marker)) + struct.pack(">H", len(payload) + 2) + payload


def _jpeg(
    canary: Callable[[str], str],
    orientation: int = 1,
    with_exif: bool = True,
    progressive: bool = False,
    size: tuple[int, int] = (120, 80),
) -> bytes:
    out = io.BytesIO()
    profile = _profile(canary)
    _picture(size).save(
        out,
        "JPEG",
        quality=90,
        exif=_exif(canary, orientation) if with_exif else b"",
        xmp=_xmp(canary),
        comment=canary("comment"),
        icc_profile=profile,
        dpi=(150, 150),
        progressive=progressive,
    )
    name = canary("iptc").encode()
    record = b"\x1c\x02\x50" + struct.pack(">H", len(name)) + name  # IPTC by-line
    resource = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(record)) + record
    iptc = _jpeg_segment(0xED, b"Photoshop 3.0\x00" + resource)
    jpeg = out.getvalue()
    with_iptc = jpeg.replace(b"\xff\xdb", iptc + b"\xff\xdb", 1)
    # bytes after the end of the image (as an appended file would be)
    return with_iptc + canary("trailing").encode()


def _png(
    canary: Callable[[str], str],
    orientation: int = 1,
    mode: str = "RGB",
    with_exif: bool = True,
    size: tuple[int, int] = (120, 80),
) -> bytes:
    info = PngInfo()
    info.add_text("Author", canary("text"))
    info.add_text("Comment", canary("ztxt"), zip=True)
    info.add_itxt("Description", canary("itxt"), lang="en", tkey="Desc", zip=True)
    info.add_itxt("XML:com.adobe.xmp", _xmp(canary).decode())
    info.add(b"tIME", struct.pack(">HBBBBB", 2024, 1, 2, 3, 4, 5))
    info.add(b"prVt", canary("private").encode())
    out = io.BytesIO()
    image = _picture(size, mode)
    options = {"transparency": 0} if mode == "P" else {}
    exif = _exif(canary, orientation) if with_exif else b""
    image.save(out, "PNG", pnginfo=info, exif=exif, dpi=(150, 150), **options)
    # a colour profile whose name is free text (Pillow writes no iCCP of its own choosing)
    profile = zlib.compress(_profile(canary))
    body = b"iCCP" + canary("iccname").encode() + b"\x00\x00" + profile
    iccp = struct.pack(">I", len(body) - 4) + body + struct.pack(">I", zlib.crc32(body))
    png = out.getvalue()
    header_end = 8 + 25  # signature, IHDR
    return png[:header_end] + iccp + png[header_end:]


def _gif(canary: Callable[[str], str], size: tuple[int, int] = (120, 80)) -> bytes:
    out = io.BytesIO()
    _picture(size).convert("P").save(out, "GIF", comment=canary("gifcomment"))
    return out.getvalue()


def _webp(canary: Callable[[str], str], size: tuple[int, int] = (120, 80)) -> bytes:
    out = io.BytesIO()
    _picture(size).save(out, "WEBP", lossless=True, exif=_exif(canary), xmp=_xmp(canary))
    return out.getvalue()


def _tiff(canary: Callable[[str], str], size: tuple[int, int] = (120, 80)) -> bytes:
    out = io.BytesIO()
    tags = {270: canary("description"), 315: canary("artist"), 305: canary("software")}
    _picture(size).save(out, "TIFF", tiffinfo=tags, dpi=(150, 150))
    return out.getvalue()


def _svg(canary: Callable[[str], str], size: tuple[int, int] = (120, 80)) -> bytes:
    nested = base64.b64encode(
        _jpeg(lambda w: canary("nested" + w), with_exif=False, size=size)
    ).decode()
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- {canary("comment")} -->
<?{canary("pi")} some="thing"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
 xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
 xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
 xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 width="200" height="100" viewBox="0 0 200 100" sodipodi:docname="{canary("docname")}.svg"
 inkscape:export-filename="/home/{canary("exportpath")}/x.png">
 <metadata><rdf:RDF><rdf:Description dc:creator="{canary("creator")}"/></rdf:RDF></metadata>
 <sodipodi:namedview id="view" inkscape:current-layer="{canary("layer")}"/>
 <rect x="0" y="0" width="200" height="100" fill="#eeeeee"/>
 <!-- {canary("inner")} --><text x="10" y="30" font-size="14">Visible svg words</text>
 <?{canary("innerpi")}?>
 <image x="100" y="20" width="60" height="40" xlink:href="data:image/jpeg;base64,{nested}"/>
</svg>""".encode()


@dataclass(frozen=True)
class Kind:
    name: str
    file: str
    make: Callable[[Callable[[str], str], tuple[int, int]], bytes]
    """Makes the file from a canary maker, at a size (each figure its own, to tell them apart)."""
    turned: bool = False
    """Turned by its EXIF orientation: re-encoded, so JPEG pixels are close, not equal."""


KINDS = (
    Kind("jpeg", "photo.jpg", lambda c, s: _jpeg(c, size=s)),
    Kind("jpeg-turned", "turned.jpg", lambda c, s: _jpeg(c, 6, size=s), turned=True),
    Kind("jpeg-mirrored", "mirrored.jpg", lambda c, s: _jpeg(c, 2, size=s), turned=True),
    Kind("jpeg-progressive", "progressive.jpg", lambda c, s: _jpeg(c, progressive=True, size=s)),
    Kind("jpeg-no-exif", "plain.jpg", lambda c, s: _jpeg(c, with_exif=False, size=s)),
    Kind("png", "chart.png", lambda c, s: _png(c, size=s)),
    Kind("png-turned", "turned.png", lambda c, s: _png(c, 8, size=s), turned=True),
    Kind("png-palette", "palette.png", lambda c, s: _png(c, mode="P", with_exif=False, size=s)),
    Kind("gif", "anim.gif", lambda c, s: _gif(c, s)),
    Kind("webp", "photo.webp", lambda c, s: _webp(c, s)),
    Kind("tiff", "scan.tif", lambda c, s: _tiff(c, s)),
    Kind("svg", "diagram.svg", _svg),
)


def _canaries(prefix: str) -> tuple[Callable[[str], str], list[str]]:
    """A canary maker (letters only, so no typography changes one) and the list it fills."""
    made: list[str] = []

    def canary(where: str) -> str:
        word = "zq" + prefix + re.sub(r"[^a-z]", "", where.lower()) + "vx"
        made.append(word)
        return word

    return canary, made


# -- searching outputs ---------------------------------------------------------------------------


def _png_texts(data: bytes) -> list[bytes]:
    """The inflated text of every compressed PNG chunk in `data` (zTXt, iTXt, iCCP)."""
    found = []
    for match in re.finditer(rb"(zTXt|iTXt|iCCP)", data):
        start = match.end()
        (length,) = struct.unpack(">I", data[match.start() - 4 : match.start()])
        body = data[start : start + length]
        for offset in range(len(body)):
            try:
                found.append(zlib.decompressobj().decompress(body[offset:]))
                break
            except zlib.error:
                continue
    return found


def _haystack(fmt: str, data: bytes) -> bytes:
    embedded = [base64.b64decode(m) for m in re.findall(rb"base64,([A-Za-z0-9+/=]+)", data)]
    parts = [data, *_png_texts(data), *embedded]
    if fmt == "pdf":
        import pikepdf

        with pikepdf.open(io.BytesIO(data)) as pdf:
            for obj in pdf.objects:
                if isinstance(obj, pikepdf.Stream):
                    with contextlib.suppress(pikepdf.PdfError):  # a JPEG stays encoded
                        parts.append(obj.read_bytes())
                    parts.append(obj.read_raw_bytes())
                else:
                    parts.append(repr(obj).encode("utf-8", "replace"))
    elif fmt == "docx":
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            for name in package.namelist():
                part = package.read(name)
                parts += [name.encode(), part, *_png_texts(part)]
    joined = b"\n".join(parts)
    return joined + joined.replace(b"\x00", b"")  # UTF-16 strings too


def _pixels(data: bytes) -> Image.Image:
    with Image.open(io.BytesIO(data)) as image:
        return ImageOps.exif_transpose(image).convert("RGB")


def _same(expected: Image.Image, actual: Image.Image, turned: bool) -> bool:
    if expected.size != actual.size:
        return False
    difference = ImageChops.difference(expected, actual)
    if not turned:
        return difference.getbbox() is None
    # turned, a JPEG is re-encoded once at high quality: within JPEG's rounding (PSNR)
    squares = sum(value * value for value in ImageStat.Stat(difference).rms) / 3
    return squares == 0 or 10 * math.log10(255**2 / squares) >= 35


# -- the function --------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_no_canary_is_left_and_the_pixels_are_the_same(kind: Kind) -> None:
    canary, made = _canaries("k")
    original = kind.make(canary, (120, 80))
    assert all(word.encode() in _haystack("raw", original) for word in made)  # the test can fail
    cleaned = without_metadata(original)
    found = _haystack("raw", cleaned)
    assert [word for word in made if word.encode() in found] == []
    assert without_metadata(cleaned) == cleaned
    if kind.name != "svg":
        assert _same(_pixels(original), _pixels(cleaned), kind.turned)


def test_the_resolution_and_colour_profile_stay() -> None:
    # DOCX sizes a figure by its resolution; the ICC profile gives its colours
    canary, _ = _canaries("r")
    for data in (_jpeg(canary), _jpeg(canary, orientation=6), _png(canary)):
        with Image.open(io.BytesIO(without_metadata(data))) as cleaned:
            assert tuple(round(d) for d in cleaned.info["dpi"]) == (150, 150)
            assert cleaned.info.get("icc_profile")


def test_an_unturned_jpeg_keeps_its_compressed_data_byte_for_byte() -> None:
    original = _jpeg(_canaries("b")[0])
    cleaned = without_metadata(original)
    start = original.index(b"\xff\xda")
    scan = original[start : original.rindex(b"\xff\xd9")]
    assert scan in cleaned
    assert len(cleaned) < len(original)


def test_what_an_svg_draws_stays() -> None:
    cleaned = without_metadata(_svg(_canaries("d")[0])).decode()
    assert "Visible svg words" in cleaned
    assert '<rect x="0" y="0" width="200" height="100" fill="#eeeeee"/>' in cleaned
    nested = re.search(r'href="data:image/jpeg;base64,([^"]+)"', cleaned)
    assert nested is not None
    assert _pixels(base64.b64decode(nested.group(1))).size == (120, 80)


def test_what_is_not_an_image_is_returned_as_it_is() -> None:
    for data in (b"", b"\xff\xd8\xff broken", b"\x89PNG\r\n\x1a\n", b"<svg", b"plain text"):
        assert without_metadata(data) == data


@settings(max_examples=25, deadline=None)
@given(
    width=st.integers(8, 300),
    height=st.integers(8, 300),
    orientation=st.integers(1, 8),
    fmt=st.sampled_from(["JPEG", "PNG"]),
    mode=st.sampled_from(["RGB", "L", "RGBA", "LA", "P"]),
    words=st.lists(st.text("abcdefghijklmnop", min_size=3, max_size=12), min_size=1, max_size=4),
)
def test_any_image_loses_every_canary_and_keeps_its_look(
    width: int, height: int, orientation: int, fmt: str, mode: str, words: list[str]
) -> None:
    counter = itertools.count()
    canary, made = _canaries("h")
    labels = {f"{word}{next(counter)}" for word in words}
    exif = _exif(lambda w: canary(w + "".join(sorted(labels))), orientation)
    out = io.BytesIO()
    extra: dict[str, object] = {"comment": canary("comment")} if fmt == "JPEG" else {}
    if fmt == "PNG":
        info = PngInfo()
        for label in labels:
            info.add_text("Comment", canary(label), zip=len(label) % 2 == 0)
        extra["pnginfo"] = info
    if fmt == "JPEG" and mode not in ("RGB", "L"):
        mode = "RGB"  # JPEG has no alpha and no palette
    picture = _picture((width, height), mode)
    if mode == "P":
        extra["transparency"] = 0
    elif mode in ("RGBA", "LA"):
        picture.putalpha(Image.linear_gradient("L").resize((width, height)))
    picture.save(out, fmt, exif=exif, xmp=_xmp(canary), **extra)
    original = out.getvalue()
    cleaned = without_metadata(original)
    found = _haystack("raw", cleaned)
    assert [word for word in made if word.encode() in found] == []
    assert _same(_pixels(original), _pixels(cleaned), orientation != 1 and fmt == "JPEG")
    with Image.open(io.BytesIO(original)) as before, Image.open(io.BytesIO(cleaned)) as after:
        alpha_before = ImageOps.exif_transpose(before).convert("RGBA").getchannel("A")
        alpha_after = after.convert("RGBA").getchannel("A")
        assert ImageChops.difference(alpha_before, alpha_after).getbbox() is None  # transparency


# -- the outputs ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def figures(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[str]]]:
    """A brief with one figure of each kind; the canaries of each figure's file."""
    folder = tmp_path_factory.mktemp("figures")
    canaries: dict[str, list[str]] = {}
    lines = ["title: Figures\ndate: 2024-06-01\nfigures:\n"]
    for index, kind in enumerate(KINDS):
        canary, made = _canaries(chr(ord("a") + index))
        (folder / kind.file).write_bytes(kind.make(canary, (100 + 6 * index, 70 + 3 * index)))
        canaries[kind.name] = made
        lines.append(f"  - {{image: {kind.file}, caption: Figure of kind {kind.name}}}\n")
    (folder / "brief.yaml").write_text("".join(lines), encoding="utf-8")
    return folder, canaries


def _embedded_images(fmt: str, data: bytes) -> list[Image.Image]:
    if fmt == "docx":
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            media = [n for n in package.namelist() if n.startswith("word/media/")]
            return [_pixels(package.read(name)) for name in media]
    import pikepdf
    from pikepdf import PdfImage

    images = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for obj in pdf.objects:
            if (
                isinstance(obj, pikepdf.Stream)
                and obj.get("/Subtype") == "/Image"
                and obj.get("/ImageMask") is not True
            ):
                images.append(PdfImage(obj).as_pil_image().convert("RGB"))
    return images


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html", "md"])
def test_no_output_carries_a_figure_file_metadata(
    figures: tuple[Path, dict[str, list[str]]], fmt: str
) -> None:
    folder, canaries = figures
    output = sitrep.render(sitrep.load(folder / "brief.yaml"), fmt, warn=lambda _: None)
    assert isinstance(output, bytes)
    found = _haystack(fmt, output)
    leaked = {kind: [w for w in words if w.encode() in found] for kind, words in canaries.items()}
    assert {kind: words for kind, words in leaked.items() if words} == {}
    if fmt in ("html", "md"):  # they point at the brief's files, which they do not copy
        assert all(kind.file.encode() in output for kind in KINDS)
        return
    embedded = _embedded_images(fmt, output)
    # a DOCX embeds no SVG or WebP (it shows their captions, with a warning)
    raster = [k for k in KINDS if k.name != "svg" and (fmt == "pdf" or k.name != "webp")]
    for kind in raster:
        expected = _pixels((folder / kind.file).read_bytes())
        assert any(_same(expected, image, kind.turned) for image in embedded), kind.name
    if fmt == "pdf":
        assert b"Visiblesvgwords" in re.sub(rb"\s", b"", _pdf_text(output))  # drawn, kept


def _pdf_text(data: bytes) -> bytes:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return " ".join(page.extract_text() or "" for page in pdf.pages).encode()


def test_an_adobe_cmyk_jpeg_keeps_its_colours_and_stays_readable_by_python_docx() -> None:
    from docx.image.image import Image as DocxImage

    out = io.BytesIO()
    exif = Image.Exif()
    exif.update({0x011A: 200, 0x011B: 200, 0x0128: 2, 0x013B: "zqcmykartistvx"})
    _picture().convert("CMYK").save(out, "JPEG", comment="zqcmykvx", exif=exif)
    original = out.getvalue()
    assert b"Adobe" in original and b"JFIF" not in original  # CMYK: Adobe and EXIF, no JFIF
    cleaned = without_metadata(original)
    assert b"zqcmykvx" not in cleaned and b"zqcmykartistvx" not in cleaned
    assert b"JFIF" not in cleaned  # JFIF would make readers take the data for YCbCr
    with Image.open(io.BytesIO(original)) as before, Image.open(io.BytesIO(cleaned)) as after:
        assert after.mode == "CMYK"
        assert ImageChops.difference(before, after).getbbox() is None
    assert DocxImage.from_blob(cleaned).horz_dpi == 200


def test_an_svg_that_declares_entities_keeps_them() -> None:
    svg = b"""<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY fill "#336699">]>
<!-- zqdtdcommentvx -->
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><metadata>zqdtdmetavx</metadata>
<rect width="10" height="10" fill="&fill;"/></svg>"""
    cleaned = without_metadata(svg)
    assert b"zqdtdcommentvx" not in cleaned and b"zqdtdmetavx" not in cleaned
    assert b'<!ENTITY fill "#336699">' in cleaned and b'fill="&fill;"' in cleaned


def test_a_colour_profile_with_its_text_blanked_gives_the_same_colours() -> None:
    canary, made = _canaries("c")
    profile = _profile(canary)
    blanked = blank_profile_text(profile)
    assert len(blanked) == len(profile)
    assert not [w for w in made if w.encode("utf-16-be") in blanked]
    picture = _picture()
    display = ImageCms.createProfile("LAB")
    colours = [
        ImageCms.profileToProfile(
            picture, ImageCms.ImageCmsProfile(io.BytesIO(p)), display, outputMode="LAB"
        )
        for p in (profile, blanked)
    ]
    assert ImageChops.difference(*colours).getbbox() is None
    description = ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(blanked)))
    assert description.strip() == ""


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_a_damaged_colour_profile_is_blanked_without_an_error(data: st.DataObject) -> None:
    profile = bytearray(_profile(_canaries("x")[0]))
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(profile) - 1))
        profile[at] = data.draw(st.integers(0, 255))
    blanked = blank_profile_text(bytes(profile))
    assert len(blanked) == len(profile)


def test_a_colour_profile_claiming_four_billion_strings_is_read_at_once() -> None:
    profile = bytearray(_profile(_canaries("y")[0]))
    (count,) = struct.unpack_from(">I", profile, 128)
    for index in range(count):
        signature, offset, _ = struct.unpack_from(">4sII", profile, 132 + 12 * index)
        if signature == b"desc":
            struct.pack_into(">II", profile, offset + 8, 0xFFFFFFFF, 0)  # records, record size
    assert len(blank_profile_text(bytes(profile))) == len(profile)
