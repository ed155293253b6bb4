"""Numeric values in a sentence: money, percentages, basis points, counted quantities, splits.

Each value gets a normalised key so that different wordings of one value compare equal:
"$25 million" and "25 million dollars" → ``amount:usd:25000000``; "a quarter point" and
"25 basis points" → ``bp:25``; "4.25%" and "4.25 per cent" → ``percent:4.25``; "8 km" and
"8,000 metres" → ``length:8000``. The surface text and its offsets are kept exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_WORD_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "dozen": 12, "half": 0.5, "quarter": 0.25,
}
_SCALE = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9,
          "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12}
_CURRENCY_SIGN = {"$": "usd", "us$": "usd", "£": "gbp", "€": "eur", "¥": "jpy", "₹": "inr"}
_CURRENCY_WORD = r"(?:dollars?|euros?|pounds?(?: sterling)?|yen|francs?|rupees?|crowns?|kron[aeor]+|marks?|pesos?|rand|yuan|roubles?|rubles?|dinars?|riyals?|lira|shekels?)"
_APPROX = r"(?:about|around|approximately|roughly|nearly|almost|some|more than|over|up to|at least|at most|fewer than|less than|close to|an estimated|estimated|just over|just under)"
_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_WORDNUM = r"(?:" + "|".join(sorted((w for w in _WORD_NUMBERS if len(w) > 1), key=len, reverse=True)) + r")"
_AMOUNT_NUM = rf"(?:{_NUM}|{_WORDNUM})(?:[\s-]+(?:{_WORDNUM}))?"
_SCALE_RE = r"(?:thousand|million|billion|trillion|bn|mn|tn|m|k|b)"

_UNITS = {
    "length": ({"km": 1000, "kilometre": 1000, "kilometer": 1000, "m": 1, "metre": 1,
                "meter": 1, "ft": 0.3048, "foot": 0.3048, "feet": 0.3048, "mile": 1609.344,
                "mi": 1609.344, "cm": 0.01, "mm": 0.001}),
    "volume": ({"cubic metre": 1, "cubic meter": 1, "m3": 1, "m³": 1, "litre": 0.001,
                "liter": 0.001}),
    "mass": ({"tonne": 1000, "ton": 1000, "kg": 1, "kilogram": 1, "kilo": 1}),
}
_UNIT_WORDS = sorted({u for table in _UNITS.values() for u in table}, key=len, reverse=True)
_UNIT_RE = r"(?:" + "|".join(re.escape(u) + r"(?:e?s)?" for u in _UNIT_WORDS) + r")"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("bp", re.compile(rf"(?:(?P<approx>{_APPROX})\s+)?(?P<num>{_AMOUNT_NUM})\s+basis[\s-]points?"
                      rf"|(?P<frac>a quarter|a half|half a|three quarters of a|a quarter of a|half of a)"
                      rf"[\s-]+(?:percentage[\s-])?point", re.I)),
    ("percent", re.compile(rf"(?:(?P<approx>{_APPROX})\s+)?(?P<num>{_NUM})\s?(?:%|per\s?cent\b|"
                           rf"percent\b)(?:age points?)?", re.I)),
    ("amount", re.compile(rf"(?:(?P<approx>{_APPROX})\s+)?(?P<sign>US\$|\$|£|€|¥|₹)\s?(?P<num>{_NUM})"
                          rf"(?:\s?(?P<scale>{_SCALE_RE})\b)?", re.I)),
    ("amount", re.compile(rf"(?:(?P<approx>{_APPROX})\s+)?(?P<num>{_AMOUNT_NUM})(?:\s(?P<scale>"
                          rf"thousand|million|billion|trillion))?\s+(?P<word>{_CURRENCY_WORD})\b", re.I)),
    ("split", re.compile(r"(?<![\d.,-])(?P<a>\d{1,2})\s?[-–]\s?(?P<b>\d{1,2})(?![\d.,%]|\s?(?:am|pm|a\.m|p\.m))")),
    ("quantity", re.compile(rf"(?:(?P<approx>{_APPROX})\s+)?(?P<num>{_NUM})(?:\s(?P<scale>"
                            rf"thousand|million|billion))?[\s-]?(?P<unit>{_UNIT_RE})\b", re.I)),
    ("count", re.compile(rf"\bnumber of (?P<noun>[a-z]+)\b[^.;]{{0,80}}?\b(?:to|at|reached|stood at|"
                         rf"was|is)\s+(?:(?P<approx>{_APPROX})\s+)?(?P<num>{_NUM})(?![\d,.]*\s*%)", re.I)),
    ("count", re.compile(rf"(?P<num>{_NUM}|{_WORDNUM})-(?P<noun>[a-z]+)(?=\s+[A-Za-z])(?<!-minute)"
                         rf"(?<!-hour)(?<!-day)(?<!-week)(?<!-month)(?<!-year)(?<!-second)", re.I)),
    ("count", re.compile(rf"(?:between\s+)?(?P<low>{_NUM})\s+(?:and|to)\s+(?P<num>{_NUM})(?:\s(?P<scale>"
                         rf"thousand|million|billion))?(?=\s+(?P<noun>[a-z][a-z-]+))", re.I)),
    ("count", re.compile(rf"(?:(?P<approx>{_APPROX})\s+)?(?P<num>{_NUM}|{_WORDNUM})(?:\s(?P<scale>"
                         rf"thousand|million|billion))?(?=\s+(?P<noun>[a-z][a-z-]+))", re.I)),
]
# Nouns after a number that do not make it a count: time (the temporal module's), grammar words.
_NOT_COUNTED = frozenset("""
and or to of the a an in on at by per for from than percent times first last more less other
new such same
second seconds minute minutes hour hours day days week weeks month months year years decade decades
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
""".split())


@dataclass(frozen=True)
class NumericValue:
    """A number found in a sentence: ``family`` (amount, percent, bp, length …), normalised
    ``magnitude``, the ``key`` that equal values share, and the exact surface span."""

    family: str
    magnitude: float
    key: str
    text: str
    start: int
    end: int
    approx: bool = False
    noun: str | None = None
    display: str | None = None


def parse_number(text: str) -> float | None:
    """"3,000" → 3000; "2.5" → 2.5; "twenty five"/"twenty-five" → 25; "a" → 1."""
    text = text.strip().lower().replace(",", "")
    try:
        return float(text)
    except ValueError:
        pass
    parts = re.split(r"[\s-]+", text)
    if not parts or any(p not in _WORD_NUMBERS for p in parts):
        return None
    total = 0.0
    for part in parts:
        value = _WORD_NUMBERS[part]
        total = total * value if value == 100 and total else total + value
    return total


def find_numbers(sentence: str) -> list[NumericValue]:
    """Numeric values of ``sentence``, non-overlapping, in order; years and dates are left to
    the temporal module, and bare numbers with no counted noun are ignored."""
    return list(_numbers_of(sentence))


# A pure function of the text, memoised: every question reads the numbers of its 30-odd
# candidate sentences, most of them read by earlier questions (a fifth of a warm ask at 10k
# sentences went on these patterns). lru_cache is thread-safe.
@lru_cache(maxsize=65536)
def _numbers_of(sentence: str) -> tuple[NumericValue, ...]:
    taken: list[tuple[int, int]] = []
    found: list[NumericValue] = []
    for family, pattern in _PATTERNS:
        for match in pattern.finditer(sentence):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            value = _build(family, match)
            if value is not None:
                taken.append((match.start(), match.end()))
                found.append(value)
    return tuple(sorted(found, key=lambda v: v.start))


def _build(family: str, match: re.Match[str]) -> NumericValue | None:
    parts = match.groupdict()
    builder = {"bp": _bp, "percent": _percent, "amount": _amount, "split": _split,
               "quantity": _quantity, "count": _count}[family]
    built = builder(parts)
    if built is None:
        return None
    family, magnitude, key, noun = built
    shown = None
    if parts.get("num") and len(match.group()) > 40:  # "number of people … to 2,600": the figure
        shown = " ".join(p for p in (parts.get("approx"), parts["num"]) if p)
    return NumericValue(family, magnitude, key, match.group(), match.start(), match.end(),
                        approx=bool(parts.get("approx")), noun=noun, display=shown)


def _scaled(parts: dict) -> float | None:
    number = parse_number(parts.get("num") or "")
    scale = (parts.get("scale") or "").lower()
    return None if number is None else number * _SCALE.get(scale, 1.0)


def _bp(parts: dict):
    if parts.get("frac"):
        fraction = {"a quarter": 25, "a quarter of a": 25, "a half": 50, "half a": 50,
                    "half of a": 50, "three quarters of a": 75}[" ".join(parts["frac"].lower().split())]
        return "bp", float(fraction), f"bp:{fraction}", None
    number = _scaled(parts)
    return None if number is None else ("bp", number, f"bp:{number:g}", None)


def _percent(parts: dict):
    number = _scaled(parts)
    return None if number is None else ("percent", number, f"percent:{number:g}", None)


def _amount(parts: dict):
    number = _scaled(parts)
    if number is None:
        return None
    currency = _CURRENCY_SIGN.get((parts.get("sign") or "").lower()) or _currency_word(parts.get("word"))
    return "amount", number, f"amount:{currency}:{number:g}", None


def _currency_word(word: str | None) -> str:
    word = (word or "").lower().rstrip("s")
    return {"dollar": "usd", "euro": "eur", "pound": "gbp", "pound sterling": "gbp"}.get(word, word)


def _split(parts: dict):
    a, b = int(parts["a"]), int(parts["b"])
    return "split", float(a), f"split:{a}-{b}", None


def _quantity(parts: dict):
    number = _scaled(parts)
    unit = re.sub(r"(?<=[a-z])e?s$", "", (parts.get("unit") or "").lower())
    for family, table in _UNITS.items():
        factor = table.get(unit) or table.get(unit + "e") or table.get(unit.rstrip("e"))
        if factor and number is not None:
            value = round(number * factor, 6)
            return family, value, f"{family}:{value:g}", None
    return None


def _count(parts: dict):
    number = _scaled(parts)
    noun = (parts.get("noun") or "").lower()
    if number is None or noun in _NOT_COUNTED or _looks_like_year(parts.get("num") or "", noun):
        return None
    stem = re.sub(r"(?:ies)$", "y", noun)
    stem = re.sub(r"(?<=[^s])s$", "", stem)
    if parts.get("low"):
        low = parse_number(parts["low"]) or 0.0
        return "count", number, f"count:{stem}:{low:g}-{number:g}", stem
    return "count", number, f"count:{stem}:{number:g}", stem


def _looks_like_year(num: str, noun: str) -> bool:
    digits = num.replace(",", "")
    return digits.isdigit() and len(digits) == 4 and "," not in num and 1600 <= int(digits) <= 2100


def same_value(a, b) -> bool:
    """Equal keys, or the same family and unit (the key before its last ":") within 5 % when
    either is approximate. Works on anything with ``key``, ``magnitude`` and ``approx``."""
    if a.key == b.key:
        return True
    if a.magnitude is None or b.magnitude is None or not (a.approx or b.approx):
        return False
    if a.key.rsplit(":", 1)[0] != b.key.rsplit(":", 1)[0]:
        return False
    return abs(a.magnitude - b.magnitude) <= 0.05 * max(abs(a.magnitude), abs(b.magnitude))
