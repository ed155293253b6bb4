"""Tests for :mod:`index.metadata`: tables of title, outlet, byline and date cases (all invented),
plus what the real sample corpus yields."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.boilerplate import find_furniture
from index.metadata import byline_parts, clean_title, parse_date, read_meta
from index.types import DocumentMeta

SEEDS = Path(__file__).resolve().parent.parent / "evals" / "corpus" / "seeds"
BODY = "\n\nThe council voted on Tuesday to close the bridge.\n\nEngineers said the work would take six weeks.\n"


def meta(text: str, html_title: str | None = None) -> DocumentMeta:
    return read_meta(text, find_furniture(text), html_title=html_title)


# --- title --------------------------------------------------------------------------------------
@pytest.mark.parametrize("raw,expected", [
    ("Bridge to close for repairs | Example Daily", "Bridge to close for repairs"),
    ("Bridge to close | Local | Example Daily", "Bridge to close"),
    ("Bridge to close for repairs - Example Daily", "Bridge to close for repairs"),
    ("Bridge to close for repairs — The Example Times", "Bridge to close for repairs"),
    ("Volcano erupts - live updates", "Volcano erupts - live updates"),
    ("Rates held - what it means for your mortgage", "Rates held - what it means for your mortgage"),
    ("  Bridge   to close  ", "Bridge to close"),
    ("Example Daily", "Example Daily"),
])
def test_clean_title(raw: str, expected: str) -> None:
    assert clean_title(raw) == expected


@pytest.mark.parametrize("text,html_title,expected", [
    ("Bridge to close" + BODY, None, "Bridge to close"),
    ("# Bridge to close" + BODY, None, "Bridge to close"),
    ("Politics\n\nBridge to close" + BODY, None, "Bridge to close"),
    ("advertisement\nBridge to close" + BODY, None, "Bridge to close"),
    ("{adslot}Bridge to close" + BODY, None, "Bridge to close"),
    ("Bridge to close" + BODY, "Council shuts bridge | Example Daily", "Council shuts bridge"),
    ("Bridge to close" + BODY, " | ", "Bridge to close"),
    ("", None, ""),
])
def test_title(text: str, html_title: str | None, expected: str) -> None:
    assert meta(text, html_title).title == expected


# --- outlet and byline ---------------------------------------------------------------------------
@pytest.mark.parametrize("text,outlet,byline", [
    ("Bridge to close\n\nJane Doe, Example Wire" + BODY, "Example Wire", "Jane Doe"),
    ("Bridge to close\n\nBy Jane Doe and John Roe, The Example Post" + BODY, "The Example Post", "Jane Doe, John Roe"),
    ("Bridge to close\n\nBy Jane Doe | Example Wire" + BODY, "Example Wire", "Jane Doe"),
    ("Bridge to close\n\nBy Jane Doe, Staff Writer" + BODY, None, "Jane Doe"),
    ("Bridge to close\nJane Doe\nJohn Roe, EXW" + BODY, "EXW", "Jane Doe, John Roe"),
    ("Bridge to close\n\n(EXW) — The council voted on Tuesday." + BODY, "EXW", None),
    ("Bridge to close\n\nNORTHTOWN (Example Wire) - The council voted." + BODY, "Example Wire", None),
    ("Bridge to close\n\nNORTHTOWN, Sept 12 (Example Wire) - The council voted." + BODY, "Example Wire", None),
    ("Bridge to close" + BODY + "\nCopyright 2023 by Example Network, Inc., a Big Media Company. All rights reserved.",
     "Example Network", None),
    ("Bridge to close" + BODY + "\n© 2021 The Example Times Ltd. All rights reserved", "The Example Times", None),
    ("Bridge to close" + BODY + "\nCopyright 2020 Example Media, Inc. All rights reserved.", "Example Media", None),
    ("Bridge to close" + BODY + "\n(At Example Weekly, we ask hard questions. Become a member today.)",
     "Example Weekly", None),
    ("Bridge to close" + BODY + "\nAll rights reserved.", None, None),
    ("Bridge to close" + BODY, None, None),
    # the byline's outlet wins over the copyright holder, which is often a parent company
    ("Bridge to close\n\nBy Jane Doe, Example Wire" + BODY + "\nCopyright 2023 Parent Co, Inc.",
     "Example Wire", "Jane Doe"),
    ("Bridge to close\n\nNorthern Group (NG) – the rebels – attacked." + BODY, None, None),
])
def test_outlet_and_byline(text: str, outlet: str | None, byline: str | None) -> None:
    found = meta(text)
    assert (found.outlet, found.byline) == (outlet, byline)


@pytest.mark.parametrize("header,outlet", [
    ("Outlet: The Northtown Evening Chronicle", "The Northtown Evening Chronicle"),
    ("Outlet: Example Wire", "Example Wire"),
    ("Source: Northtown Radio News", "Northtown Radio News"),
])
def test_a_plain_text_header_names_the_outlet_and_is_not_the_title(header, outlet) -> None:
    """"Field: value" above the headline is the report's header: its value is the outlet,
    whatever the field's name, and the headline stays the title."""
    text = header + "\n\nCouncil votes to close the old bridge\n\nBy Jane Doe" + BODY
    found = meta(text)
    assert (found.outlet, found.title, found.byline) == (
        outlet, "Council votes to close the old bridge", "Jane Doe")
    assert any(f.kind == "masthead" and f.start == 0 for f in find_furniture(text))


@pytest.mark.parametrize("line,names,outlet", [
    ("By Jane Doe", ["Jane Doe"], None),
    ("By Jane Doe, John Roe and Ann Poe", ["Jane Doe", "John Roe", "Ann Poe"], None),
    ("Jane Doe & John Roe, Example Wire", ["Jane Doe", "John Roe"], "Example Wire"),
    ("By JANE DOE | EXAMPLE WIRE", ["JANE DOE"], "EXAMPLE WIRE"),
    ("Jane Doe", ["Jane Doe"], None),
])
def test_byline_parts(line: str, names: list[str], outlet: str | None) -> None:
    assert byline_parts(line) == (names, outlet)


# --- publication date ----------------------------------------------------------------------------
@pytest.mark.parametrize("text,expected", [
    ("Bridge to close\nPublished 12 September 2021" + BODY, "2021-09-12"),
    ("Bridge to close\nPublished: 2021-09-12" + BODY, "2021-09-12"),
    ("Bridge to close\n• Published 3 March 2020, 10:04 GMT" + BODY, "2020-03-03"),
    ("Bridge to close\nPosted: Sep. 12, 2021 4:05 PM ET" + BODY, "2021-09-12"),
    ("Bridge to close\nFirst published on Thursday 4 May 2023" + BODY, "2023-05-04"),
    ("Bridge to close\nPublished September 2021" + BODY, "2021-09"),
    ("September 12, 2021 — The council voted on Tuesday to close the bridge.\n", "2021-09-12"),
    ("Bridge to close\n\nNORTHTOWN, September 12, 2021 — The council voted to close it.\n", "2021-09-12"),
    ("Bridge to close\n12 September 2021\n" + BODY, "2021-09-12"),
    ("Bridge to close\nUpdated 3 March 2020" + BODY, "2020-03-03"),
    ("Bridge to close\nUpdated 3 March 2020\nPublished 1 March 2020" + BODY, "2020-03-01"),
    ("Bridge to close\nPublished 12 September 2021 Updated 14 September 2021" + BODY, "2021-09-12"),
    # never guessed:
    ("Bridge to close\n• Published" + BODY, None),
    ("Bridge to close\nPosted Updated" + BODY, None),
    ("Bridge to close\nUpdated at 9:45 a.m." + BODY, None),
    ("Bridge to close" + BODY + "Copyright 2023 Example Media, Inc. All rights reserved.", None),
    ("Bridge to close\n\nThe bridge was built on 12 September 1921 and closed in May 2020." + BODY, None),
    ("Bridge to close\n\nPublished reports on 12 September 2021 said it would close." + BODY, None),
    ("Bridge to close\nPublished 31 February 2021" + BODY, None),
    ("Bridge to close" + BODY * 8 + "\nSeptember 12, 2021 — a later dated entry.\n", None),
])
def test_published(text: str, expected: str | None) -> None:
    assert meta(text).published == expected


@pytest.mark.parametrize("text,expected", [
    ("12 September 2021", "2021-09-12"),
    ("12th of September, 2021", "2021-09-12"),
    ("Sept. 12, 2021", "2021-09-12"),
    ("2021/09/12", "2021-09-12"),
    ("March 2020", "2020-03"),
    ("Marathon 2020", None),
    ("2021-13-01", None),
    ("no date here", None),
])
def test_parse_date(text: str, expected: str | None) -> None:
    assert parse_date(text) == expected


# --- the real sample corpus ------------------------------------------------------------------------
EXPECTED_SEEDS = {
    "000_1c8997f6c28d3217.txt": DocumentMeta(
        title="Abu Bakr al-Baghdadi: 'New audio message' from IS leader released"),
    "001_a4e180222eadada6.txt": DocumentMeta(
        title="After long silence, IS says chief calls on jihadists to ‘resist’"),
    "002_28bc9624375c7ad8.txt": DocumentMeta(
        title="Islamic State leader Abu Bakr Al-Baghdadi has exhorted followers across the world to wage "
              "attacks against the West and to keep fighting in Iraq, Syria and elsewhere.",
        outlet="The Quint"),
    "003_57815fe446113bf0.txt": DocumentMeta(
        title="Abu Bakr al-Baghdadi admits ISIS is losing in apparent audio message",
        outlet="CNN", byline="Mohammed Tawfeeq, Steve Almasy"),
    "004_fb38ee7aa02f1d5e.txt": DocumentMeta(
        title="ISIS leader breaks silence as Mosul offensive progresses", outlet="Nexstar Media"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED_SEEDS))
def test_sample_corpus_meta(name: str) -> None:
    assert meta((SEEDS / name).read_text(encoding="utf-8")) == EXPECTED_SEEDS[name]
