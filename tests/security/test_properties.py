"""Property-based: any valid brief renders in every format; any broken one gets our own error."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep import BriefError, render
from sitrep.files.load import validate

# Any printable text, including markup and template syntax; XML-invalid controls are refused by
# the model (tested elsewhere), so they are left out here.
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
    max_size=60,
)
NASTY = st.sampled_from(
    [
        "<b>x</b>",
        "{{ x }}",
        "{% if %}",
        "{_{ y }_}",
        "&amp;",
        "]]>",
        "*",
        "**",
        "_",
        "`",
        "[",
        "]",
        "^[",
        "@",
        "\\",
        "\u202e",
        "\u200b",
        "#",
    ]
)
PROSE = st.lists(st.one_of(TEXT, NASTY), max_size=6).map("".join)
DATES = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31))
MARKINGS = st.sampled_from(
    [None, "TLP:CLEAR", "TLP:GREEN", "amber", "TLP:AMBER+STRICT", "red", "TLP:WHITE"]
)


@st.composite
def briefs(draw: st.DrawFn) -> dict[str, Any]:
    source_ids = [f"s{i}" for i in range(draw(st.integers(0, 3)))]

    def cited(text: str) -> str:
        if source_ids and draw(st.booleans()):
            return f"{text} [@{draw(st.sampled_from(source_ids))}]"
        return text

    events = [
        {
            "text": cited(draw(PROSE)),
            **({"date": draw(DATES).isoformat()} if draw(st.booleans()) else {}),
        }
        for _ in range(draw(st.integers(0, 4)))
    ]
    data: dict[str, Any] = {
        "template": draw(st.sampled_from(["intel-brief", "analysis", "article"])),
        "title": draw(TEXT.map(lambda text: text if text.strip() else "Untitled")),
        "date": draw(DATES).isoformat(),
        "where": draw(st.lists(TEXT, max_size=2)),
        "who": draw(st.lists(TEXT, max_size=2)),
        "what": events,
        "assessment": cited(draw(PROSE)),
        "sources": [
            {
                "id": i,
                "title": draw(TEXT) or "Untitled",
                "type": draw(st.sampled_from(["news", "webpage", "report", "book"])),
            }
            for i in source_ids
        ],
    }
    marking = draw(MARKINGS)
    if marking is not None:
        data["marking"] = marking
    if draw(st.booleans()):
        data["sections"] = [{"heading": draw(TEXT), "body": cited(draw(PROSE))}]
    return data


def fast(examples: int) -> settings:
    return settings(
        max_examples=examples, deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )


@pytest.mark.parametrize("fmt,examples", [("md", 60), ("html", 40), ("pdf", 8), ("docx", 8)])
def test_random_valid_briefs_render_in_every_format(fmt: str, examples: int) -> None:
    @fast(examples)
    @given(briefs())
    def check(data: dict[str, Any]) -> None:
        brief = validate(data, "brief.yaml", {})
        output = render(brief, fmt)
        assert isinstance(output, bytes) and output

    check()


def _break(data: dict[str, Any], how: str, draw: st.DrawFn) -> tuple[dict[str, Any], str]:
    broken = dict(data)
    if how == "unknown key":
        broken["assesment"] = "typo"
        return broken, "assesment"
    if how == "bad date":
        broken["date"] = draw(st.sampled_from(["2023-02-30", "yesterday", "15/09/2023", ""]))
        return broken, "date"
    if how == "wrong type":
        broken["what"] = [{"text": draw(st.integers())}]
        return broken, "what[0].text"
    if how == "unknown citation":
        broken["assessment"] = "See [@nobody-has-this-id]."
        return broken, "assessment"
    if how == "bad marking":
        broken["marking"] = draw(st.sampled_from(["TLP:PURPLE", "secret", "TLP"]))
        return broken, "marking"
    broken.pop("title")
    return broken, "title"


@fast(80)
@given(st.data())
def test_random_broken_briefs_raise_brief_error_with_a_field_path(data: st.DataObject) -> None:
    valid = data.draw(briefs())
    how = data.draw(
        st.sampled_from(
            [
                "unknown key",
                "bad date",
                "wrong type",
                "unknown citation",
                "bad marking",
                "missing title",
            ]
        )
    )
    broken, path = _break(valid, how, data.draw)
    with pytest.raises(BriefError) as caught:
        validate(broken, "brief.yaml", {})
    assert path in [problem.path for problem in caught.value.problems]
    assert all(problem.file == "brief.yaml" for problem in caught.value.problems)


# --- Structure: whatever the file holds, the loader answers with a brief or a located BriefError.

ODD_SCALARS = st.sampled_from(
    [
        "yes", "no", "on", "off", "y", "n", "True", "NO", ".nan", ".NaN", ".inf", "-.inf",
        "0x1F", "0o17", "017", "1_000", "1e400", "-0", "9" * 5000, "2023-02-30",
        "2023-09-15 25:61:00", "2001-12-14t21:59:43.10-05:00", "~", "null", "''", '"\\u0000"',
        "!!binary aGVsbG8=", "!!str 5", "!!int x", "!!float y", "!!bool maybe",
        "!!timestamp 2023", "!!null x", "=", "<<", "&a x", "*a", "!!set {a}", "!!omap [a]",
        "[", "{", "'", '"', "|", ">", "- -", "? ?", "%YAML 1.1", "@", "`",
    ]
)  # fmt: skip
KEYS = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=12,
)
SCALARS = st.one_of(st.integers(), st.floats(), st.booleans(), st.none(), TEXT, DATES)


def nested(depth: int, inner: Any, as_list: bool) -> Any:
    for _ in range(depth):
        inner = [inner] if as_list else {"k": inner}
    return inner


@st.composite
def structures(draw: st.DrawFn) -> Any:
    """Plain data from a brief's fields down to odd corners: any shape, any depth."""
    leaf = st.recursive(
        SCALARS, lambda kids: st.lists(kids, max_size=3) | st.dictionaries(KEYS, kids, max_size=3)
    )
    data: dict[str, Any] = dict(draw(briefs())) if draw(st.booleans()) else {}
    for _ in range(draw(st.integers(0, 3))):
        data[draw(st.sampled_from(["what", "where", "title", "extra", draw(KEYS)]))] = nested(
            draw(st.sampled_from([0, 1, 5, 98, 99, 100, 101, 150])),
            draw(leaf),
            draw(st.booleans()),
        )
    return data


@st.composite
def alias_documents(draw: st.DrawFn) -> str:
    """YAML whose anchors and aliases expand modestly or explosively."""
    lines = [f"a0: &a0 {draw(st.sampled_from(['x', 'y' * 500, '[1, 2]', '{k: v}']))}"]
    for level in range(1, draw(st.integers(1, 9))):
        fan = draw(st.integers(1, 12))
        refs = ", ".join(f"*a{draw(st.integers(0, level - 1))}" for _ in range(fan))
        merge = f"<<: *a{level - 1}, " if draw(st.booleans()) else ""
        body = f"[{refs}]" if not merge else f"{{{merge}k{level}: [{refs}]}}"
        lines.append(f"a{level}: &a{level} {body}")
    lines.append(f"{draw(st.sampled_from(['what', 'assessment', 'where']))}: *a{len(lines) - 1}")
    return "title: T\ndate: 2023-09-15\n" + "\n".join(lines) + "\n"


@st.composite
def brief_files(draw: st.DrawFn) -> tuple[str, str]:
    """(file name, text) of a brief file in any of the three formats, hostile or not."""
    import json

    import yaml

    name = draw(
        st.text(
            alphabet=st.characters(
                blacklist_categories=("Cs", "Cc"), blacklist_characters="/\\\x00"
            ),
            min_size=1,
            max_size=40,
        ).filter(lambda n: n not in (".", ".."))
    )
    kind = draw(st.sampled_from(["yaml", "json", "md", "aliases", "odd scalar", "odd key"]))
    if kind == "aliases":
        return f"{name}.yaml", draw(alias_documents())
    if kind in ("odd scalar", "odd key"):
        odd = draw(ODD_SCALARS)
        field = draw(st.sampled_from(["title", "date", "marking", "where", "assessment"]))
        line = f"{odd}: x" if kind == "odd key" else f"{field}: {odd}"
        return f"{name}.yaml", f"title: T\ndate: 2023-09-15\n{line}\n"
    data = draw(structures())
    if kind == "json":
        return f"{name}.json", json.dumps(data, default=str, ensure_ascii=draw(st.booleans()))
    text = yaml.safe_dump(data, allow_unicode=True, default_flow_style=draw(st.booleans()))
    if kind == "md":
        return f"{name}.md", f"---\n{text}---\n## Assessment\n{draw(PROSE)}\n"
    return f"{name}.yaml", text


@fast(300)
@given(brief_files())
def test_any_file_gives_a_brief_or_a_located_brief_error(file: tuple[str, str]) -> None:
    import tempfile
    from pathlib import Path

    from sitrep import load

    name, text = file
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_text(text, encoding="utf-8")
        try:
            brief = load(path)
        except BriefError as error:
            for problem in error.problems:
                assert problem.file == str(path)
                whole_file = problem.message.startswith(("is empty", "holds "))
                assert problem.line is not None or problem.path or whole_file, str(problem)
            return
        assert isinstance(render(brief, "md"), bytes)
