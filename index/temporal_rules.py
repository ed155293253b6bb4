"""The grammar behind :mod:`index.temporal`: vocabulary, regex pieces and one rule per shape.

Each rule is ``(gate, pattern, builder)``: the pattern's group ``x`` is the expression's span
(the whole match when absent), the builder turns a match into ``(kind, value, approx)`` or None
to reject it, and the rule only runs on sentences where its gate's keywords occur. Rules are
listed most specific first; the list index is the tie-break priority. Value grammar: see
:mod:`index.temporal`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from index.dates import MONTHS

__all__ = ["RULES", "GATES", "Built", "MOD_WORDS", "NUMERAL", "ORDINALS", "UNIT_DAYS", "YEAR", "number",
           "iso_duration"]

# --- vocabulary -------------------------------------------------------------------------------
_SMALL = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
          "fourteen fifteen sixteen seventeen eighteen nineteen").split()
_TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty "
                                          "ninety".split()) if w != "_"}
_WORD_NUM = {w: i for i, w in enumerate(_SMALL)} | _TENS | {"a": 1, "an": 1, "a dozen": 12}
WEEKDAYS = {d: i for i, d in enumerate(
    "monday tuesday wednesday thursday friday saturday sunday".split(), start=1)}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
            "4th": 4}
# unit word → (ISO designator, multiplier, is a time-of-day unit)
_UNITS = {"second": ("S", 1, True), "sec": ("S", 1, True), "minute": ("M", 1, True),
          "min": ("M", 1, True), "hour": ("H", 1, True), "hr": ("H", 1, True),
          "day": ("D", 1, False), "week": ("W", 1, False), "fortnight": ("W", 2, False),
          "month": ("M", 1, False), "year": ("Y", 1, False), "yr": ("Y", 1, False),
          "decade": ("Y", 10, False), "century": ("Y", 100, False)}
# Nominal length of one ISO designator, in days (the inference reads durations with this).
UNIT_DAYS = {"Y": 365.25, "M": 30.4375, "W": 7.0, "D": 1.0, "TH": 1 / 24, "TM": 1 / 1440,
             "TS": 1 / 86400}
# Qualifiers of a quantity; all but "only"/"just" make it approximate.
MOD_WORDS = ("just over|just under|well over|a little over|more than|less than|fewer than|"
             "at least|at most|up to|close to|about|around|approximately|roughly|some|nearly|"
             "almost|over|under|barely|only|just")

# --- regex building blocks ---------------------------------------------------------------------
_MONTH_NAMES = sorted(MONTHS, key=len, reverse=True)
_FULL = [n for n in _MONTH_NAMES if len(n) > 4 or n in ("may", "june", "july")]
_ABBR = [n for n in _MONTH_NAMES if n not in _FULL]
# Capitalised or upper-case only, so the verbs "may" and "march" are never months.
_MON = "(?-i:(?:" + "|".join(f"{n.capitalize()}|{n.upper()}" for n in _FULL) + r")\b|(?:" + \
       "|".join(f"{n.capitalize()}|{n.upper()}" for n in _ABBR) + r")\b\.?)"
MONTH = rf"(?P<mon>{_MON})"
_WD = "|".join(d.capitalize() for d in WEEKDAYS)
_WD_ANY = rf"(?-i:(?:{_WD}|Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\b\.?)"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
_NOT_QUANTITY = r"(?!\s*(?:%|per\s*cent|m\b|km\b|cm\b|mm\b|ft\b|kg\b|t\b|tonnes?\b|metres?\b|" \
                r"meters?\b|feet\b|miles?\b|people\b))"
YEAR = rf"(?P<year>1[6-9]\d\d|20\d\d)(?![\d,.]?\d){_NOT_QUANTITY}"
_NUM = (r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)|"
        r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
        r"(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?|"
        r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
        r"zero|one|two|three|four|five|six|seven|eight|nine|ten")
NUMERAL = _NUM  # a count in digits or English words, as other modules match one
QTY = rf"(?P<qty>{_NUM}|a\s+dozen|an?)"
UNIT = r"(?P<unit>seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|fortnights?|" \
       r"months?|years?|yrs?|decades?|century|centuries)"
MOD = rf"(?:(?P<mod>{MOD_WORDS})\s+(?:in\s+)?)?"
PART = r"(?:(?P<part>early|mid|late)(?:\s+|-))?"
I = re.IGNORECASE


# --- value helpers -----------------------------------------------------------------------------
def number(text: str) -> float | None:
    """``"37"`` → 37, ``"twenty-one"`` → 21, ``"an"`` → 1; None for anything else."""
    word = " ".join(text.lower().replace("-", " ").split())
    if word in _WORD_NUM:
        return float(_WORD_NUM[word])
    parts = word.split()
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _WORD_NUM:
        return float(_TENS[parts[0]] + _WORD_NUM[parts[1]])
    try:
        value = float(word.replace(",", ""))
    except ValueError:
        return None
    return value if value <= 1e6 else None  # "111…1 years" is not a quantity of time


def _unit(word: str) -> tuple[str, int, bool]:
    word = word.lower().rstrip("s")
    return _UNITS["century" if word == "centurie" else word]


def iso_duration(amount: float, unit_word: str) -> str:
    """ISO 8601 duration for ``amount`` ``unit_word``s: (2, "weeks") → ``P2W``."""
    designator, factor, is_time = _unit(unit_word)
    n = amount * factor
    text = str(int(n)) if n == int(n) else f"{n:g}"
    return f"PT{text}{designator}" if is_time else f"P{text}{designator}"


def _month_value(match: re.Match[str]) -> int:
    return MONTHS[match["mon"].rstrip(".").lower()]


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _approx(mod: str | None) -> bool:
    return bool(mod) and mod.lower() not in ("only", "just")


def _part(match: re.Match[str]) -> str:
    return f"-{match['part'].lower()}" if match.groupdict().get("part") else ""


# --- rule builders: match → (kind, value, approx) or None to reject ------------------------------
Built = tuple[str, str | None, bool] | None


def _b_iso(m: re.Match[str]) -> Built:
    y, mo, d = int(m["year"]), int(m["mnum"]), int(m["day"])
    return ("date", f"{y:04d}-{mo:02d}-{d:02d}", False) if _valid(y, mo, d) else None


def _b_full(m: re.Match[str]) -> Built:
    y, mo, d = int(m["year"]), _month_value(m), int(m["day"])
    return ("date", f"{y:04d}-{mo:02d}-{d:02d}", False) if _valid(y, mo, d) else None


def _b_month_year(m: re.Match[str]) -> Built:
    return "date", f"{m['year']}-{_month_value(m):02d}{_part(m)}", False


def _b_season_year(m: re.Match[str]) -> Built:
    return "date", f"{m['year']}-{SEASONS[m['season'].lower()]}{_part(m)}", False


def _b_quarter_year(m: re.Match[str]) -> Built:
    if m["qn"] or m["hn"]:
        return "date", f"{m['year']}-{'Q' + m['qn'] if m['qn'] else 'H' + m['hn']}", False
    letter = "Q" if m["q"].lower() == "quarter" else "H"
    index = ORDINALS[m["ord"].lower()]
    return ("date", f"{m['year']}-{letter}{index}", False) if letter == "Q" or index <= 2 else None


def _b_decade(m: re.Match[str]) -> Built:
    return "date", f"{m['dec'][:3]}X{_part(m)}", False


def _b_year(m: re.Match[str]) -> Built:
    approx = (m.groupdict().get("cue") or "").lower() in ("around", "circa", "c.")
    return "date", f"{m['year']}{_part(m)}", approx


def _b_partial(m: re.Match[str]) -> Built:
    mo, d = _month_value(m), int(m["day"])
    return ("date", f"--{mo:02d}-{d:02d}", False) if _valid(2000, mo, d) else None


def _b_month_rel_year(m: re.Match[str]) -> Built:
    shift = {"last": -1, "this": 0, "next": 1}[m["rel"].lower()]
    return "relative", f"year{shift:+d},month={_month_value(m):02d}", False


def _b_rel_month(m: re.Match[str]) -> Built:
    rel, month = m["rel"].lower(), _month_value(m)
    value = {"last": f"month={month:02d},<ref", "next": f"month={month:02d},>ref",
             "this": f"year+0,month={month:02d}"}[rel]
    return "relative", value, False


def _b_month_only(m: re.Match[str]) -> Built:
    if not (m["cue"] or m["part"]):
        return None  # a bare capitalised month name may be a name or a verb ("May")
    part = f",part={m['part'].lower()}" if m["part"] else ""
    return "relative", f"month={_month_value(m):02d}{part}", False


def _b_rel_unit(m: re.Match[str]) -> Built:
    rel, unit = m["rel"].lower(), m["unit"].lower()
    shift = {"last": -1, "this": 0, "next": 1}[rel]
    clip = {"earlier": ",<ref", "later": ",>ref"}.get((m["mod"] or "").lower(), "")
    part = f",part={m['mod'].lower()}" if (m["mod"] or "").lower() in ("early", "late") else ""
    if unit in SEASONS:
        season = SEASONS[unit]
        value = {"last": f"season={season},<ref", "next": f"season={season},>ref",
                 "this": f"year+0,season={season}"}[rel]
        return "relative", value + part, False
    return "relative", f"{unit}{shift:+d}{clip}{part}", False


def _b_half_rel(m: re.Match[str]) -> Built:
    shift = {"last": -1, "this": 0, "next": 1}[m["rel"].lower()]
    return "relative", f"year{shift:+d},half={ORDINALS[m['ord'].lower()]}", False


def _b_quarter(m: re.Match[str]) -> Built:
    return "relative", f"quarter={ORDINALS[m['ord'].lower()]}", False


def _b_season(m: re.Match[str]) -> Built:
    part = f",part={m['part'].lower()}" if m["part"] else ""
    return "relative", f"season={SEASONS[m['season'].lower()]}{part}", False


def _b_weekday(m: re.Match[str]) -> Built:
    value = f"weekday={WEEKDAYS[m['wd'].lower()]}"
    part = (m["part"] or m["tod"] or "").lower()
    return "relative", value + (f",part={part}" if part else ""), False


def _b_dayword(m: re.Match[str]) -> Built:
    shift = {"yesterday": "day-1", "today": "day+0", "tomorrow": "day+1"}[m["w"].lower()]
    return "relative", shift, False


def _b_ago(m: re.Match[str]) -> Built:
    amount = number(m["qty"])
    designator, factor, is_time = _unit(m["unit"])
    if amount is None or is_time or amount != int(amount):
        return None
    n = int(amount * factor)
    unit = {"Y": "year", "M": "month", "W": "day", "D": "day"}[designator]
    n = n * 7 if designator == "W" else n
    return "relative", f"{unit}-{n}", _approx(m["mod"])


def _b_anchored(m: re.Match[str]) -> Built:
    sign = "+" if m["dir"].lower() == "after" else "-"
    if m["vague"]:
        unit = m["vague"].split()[-1].lower()
        return "relative", f"{'after' if sign == '+' else 'before'}:{unit}", False
    if m["the"]:
        return "anchored", sign + iso_duration(1, m["tunit"]), False
    amount = number(m["qty"])
    return ("anchored", sign + iso_duration(amount, m["unit"]), _approx(m["mod"])) if amount else None


def _b_duration(m: re.Match[str]) -> Built:
    amount = number(m["qty"])
    if amount is None:
        return None
    amount += 0.5 if m["half"] or m["half2"] else 0
    value = iso_duration(amount, m["unit"])
    if m["qty2"]:
        upper = number(m["qty2"])
        if upper is None or upper <= amount:
            return None
        value = f"{value}..{iso_duration(upper, m['unit'])}"
    return "duration", value, _approx(m["mod"]) or bool(m["post"])


def _b_half_unit(m: re.Match[str]) -> Built:
    return "duration", iso_duration(0.5, m["unit"]), _approx(m["mod"])


def _b_dur_adj(m: re.Match[str]) -> Built:
    amount = number(m["qty"]) if m["qty"] else 1.0
    return ("duration", iso_duration(amount, m["unit"]), _approx(m["mod"])) if amount else None


# --- rules, most specific first (priority breaks ties between equally long readings) -----------
Rule = tuple[str, re.Pattern[str], Callable[[re.Match[str]], Built]]  # (gate, pattern, builder)
_YEAR_CUES = (r"in|since|by|until|till|from|during|before|after|around|circa|c\.|year|than|"
              r"between|through|throughout|as\s+of|compared\s+(?:with|to)")
_MONTH_CUES = r"in|since|until|till|by|from|during|through|throughout|before|after|to|around"
_DIRS = r"(?P<dir>after|before)\b"
_RULE_SOURCES: list[tuple[str, str, Callable[[re.Match[str]], Built]]] = [
    # "three days after …", "the day before …", "weeks after …" (anchor found in index.temporal)
    ("unit", rf"\b(?P<x>{MOD}(?:{QTY}\s+{UNIT}|(?P<the>the)\s+(?P<tunit>day|week|month|year)|"
             r"(?P<vague>(?:a\s+few\s+|several\s+|some\s+|just\s+)?(?:hours|days|weeks|months|"
             rf"years)))\s+{_DIRS})", _b_anchored),
    # absolute dates: 2031-04-17, 17 April 2031, Apr. 17, 2031, April 2031, summer 2031, Q3 2031
    ("year", r"(?<![\w-])(?P<x>(?P<year>(?:1[6-9]|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d))"
             r"(?![\w-])", _b_iso),
    ("month", rf"(?<!\w)(?P<x>(?:{_WD_ANY},?\s+)?{DAY}\s+(?:of\s+)?{MONTH},?\s+{YEAR})", _b_full),
    ("month", rf"(?<!\w)(?P<x>(?:{_WD_ANY},?\s+)?{MONTH}\s+{DAY},?\s+{YEAR})", _b_full),
    ("month", rf"\b(?P<x>{PART}{MONTH}(?:\s+of)?,?\s+{YEAR})", _b_month_year),
    ("season", rf"\b(?P<x>{PART}(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?{YEAR})",
     _b_season_year),
    ("year", rf"\b(?P<x>(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)\s+(?P<q>quarter|half)"
             rf"\s+(?:of\s+)?|Q(?P<qn>[1-4])\s+|H(?P<hn>[12])\s+){YEAR})", _b_quarter_year),
    ("year", rf"\b(?P<x>{PART}(?P<dec>1[6-9]\d0|20\d0)s)\b", _b_decade),
    ("year", rf"\b(?P<x>(?P<part>early|mid|late)(?:\s+|-){YEAR})\b", _b_year),
    ("year", rf"\b(?P<cue>{_YEAR_CUES})\s+(?P<x>{YEAR})\b", _b_year),
    # partial dates: April 17, 17 April
    ("month", rf"(?<!\w)(?P<x>(?:{_WD_ANY},?\s+)?{MONTH}\s+{DAY})(?!,?\s*\d)(?![\w%])", _b_partial),
    ("month", rf"(?<![\w.,])(?P<x>{DAY}\s+(?:of\s+)?{MONTH})(?!,?\s*\d)", _b_partial),
    # relative: October last year, last October, in October, first half of next year, last week …
    ("month", rf"\b(?P<x>{MONTH}\s+(?P<rel>last|this|next)\s+year)\b", _b_month_rel_year),
    ("month", rf"\b(?P<x>(?P<rel>last|this|next)\s+{MONTH})(?!\s*\d)", _b_rel_month),
    ("month", rf"(?:\b(?P<cue>{_MONTH_CUES})\s+)?(?<!\w)(?P<x>{PART}{MONTH})(?!\s*\d)", _b_month_only),
    ("rel", r"\b(?:the\s+)?(?P<x>(?P<ord>first|second)\s+half\s+of\s+(?P<rel>last|this|next)"
            r"\s+year)\b", _b_half_rel),
    ("rel", r"\b(?P<x>(?:(?P<mod>earlier|later|early|late)\s+)?(?P<rel>last|this|next)\s+"
            r"(?P<unit>year|month|week|quarter|spring|summer|autumn|fall|winter))\b", _b_rel_unit),
    ("rel", r"\bthe\s+(?P<x>(?P<ord>first|second|third|fourth)\s+quarter)\b", _b_quarter),
    # "the fall of the capital" is not a season
    ("season", r"\b(?:in|by|until|till|since|during|over|through)\s+(?:the\s+)?"
               rf"(?P<x>{PART}(?P<season>spring|summer|autumn|fall|winter))\b(?!\s+of\b)", _b_season),
    ("weekday", rf"\b(?P<x>(?:(?P<part>late|early)\s+(?:on\s+)?)?(?-i:(?P<wd>{_WD}))(?:['’]s)?"
                r"(?:\s+(?P<tod>morning|afternoon|evening|night))?)\b", _b_weekday),
    ("rel", r"\b(?P<x>(?P<w>yesterday|today|tomorrow))\b", _b_dayword),
    ("unit", rf"\b(?P<x>{MOD}{QTY}\s+{UNIT}\s+ago)\b", _b_ago),
    # durations: 90-minute, decade-long, half an hour, about 40 minutes, 12 to 14 weeks, 3 days or so
    ("unit", rf"\b(?P<x>{MOD}(?P<qty>{_NUM})-(?P<unit>second|minute|hour|day|week|month|year|decade)"
             r"(?:-long)?)\b(?!-old)", _b_dur_adj),
    ("unit", rf"\b(?P<x>{MOD}(?P<qty>)(?P<unit>year|month|week|day|decade|hour)-?long)\b", _b_dur_adj),
    ("unit", rf"\b(?P<x>{MOD}(?:half\s+an?)\s+(?P<unit>second|minute|hour|day|week|month|year))\b",
     _b_half_unit),
    ("unit", rf"\b(?P<x>{MOD}{QTY}(?:\s*(?:to|or|-|–)\s*(?P<qty2>{_NUM}))?(?P<half>\s+and\s+a\s+half)?"
             rf"\s+{UNIT}(?P<half2>\s+and\s+a\s+half)?(?P<post>\s+or\s+(?:more|so|longer|less))?)\b"
             # not "a second-stage failure" (an ordinal compound) nor "five years old"
             r"(?!-\w)(?!\s+old\b)", _b_duration),
]
RULES: list[Rule] = [(gate, re.compile(pattern, I), build) for gate, pattern, build in _RULE_SOURCES]

# A rule runs only when the sentence holds its gate's keyword: most sentences hold few of them,
# and the qualifier-prefixed patterns are the costly ones.
GATES = {
    "unit": re.compile(r"\b(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|fortnights?|"
                       r"months?|years?|yrs?|decades?|century|centuries)\b|(?:minute|hour|day|week|"
                       r"month|year|decade|second)-|long\b", I),
    "year": re.compile(r"(?:1[6-9]|20)\d\d"),
    "month": re.compile(_MON),
    "season": re.compile(r"spring|summer|autumn|fall|winter", I),
    "weekday": re.compile(f"(?-i:{_WD})"),
    "rel": re.compile(r"\b(?:last|this|next|yesterday|today|tomorrow)\b|quarter", I),
}
