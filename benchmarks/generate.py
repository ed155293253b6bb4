"""Realistic benchmark corpora: many distinct reports of many recurring stories, dated and undated.

    python benchmarks/generate.py DIR --sentences 100000

Each document is a report by one of several invented outlets about one instance of a recurring
event (a storm, a strike, a court ruling, a rate decision, a product recall …) in one of many
invented places: a headline, an optional dateline, and sentences drawn from per-domain templates
filled with names, numbers, amounts, durations and dates (absolute, relative, or none), plus the
odd caption and advert line. No two documents share their text; vocabulary grows with the corpus
as real wire copy does. Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

OUTLETS = ["Harbor Wire", "Northline Post", "Calder Daily", "Meridian News", "Eastgate Herald",
           "Valen Times", "Sorrel Press Agency", "Brightwater Tribune", "Kestrel Radio"]
EVENTS = {
    "storm": ("storm", ["hit", "swept across", "battered"], "winds of {n} km/h"),
    "strike": ("strike", ["began at", "shut down", "spread to"], "{n} workers walked out"),
    "ruling": ("ruling", ["was issued by the court in", "reached", "was announced in"],
               "a vote of {a}-{b}"),
    "recall": ("recall", ["was ordered for products sold in", "reached", "was widened in"],
               "{n} units affected"),
    "rate": ("rate decision", ["was taken by the central bank of", "surprised", "was reported in"],
             "a rise of {q} percentage points"),
    "fire": ("wildfire", ["broke out near", "spread towards", "was contained near"],
             "{n} hectares burned"),
}
FIRST = ["Ana", "Bram", "Celia", "Dario", "Elin", "Farid", "Greta", "Hugo", "Ines", "Jonas",
         "Kara", "Luca", "Mira", "Nils", "Oona", "Pavel", "Rosa", "Sami", "Tove", "Ugo"]
LAST = ["Varn", "Halden", "Okafor", "Lindqvist", "Moreau", "Castell", "Ibarra", "Novak",
        "Petrov", "Quill", "Rasmus", "Sato", "Tamm", "Ulloa", "Weiss", "Yilmaz", "Zeller"]
ROLES = ["the mayor", "a spokesperson for the agency", "the regional governor", "an analyst",
         "the union leader", "a senior official", "the chief engineer", "a local resident"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def place(rng: random.Random) -> str:
    syllables = ["ka", "lo", "ren", "dal", "mir", "tor", "vel", "san", "bri", "os", "un", "ek"]
    return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 3))).capitalize()


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def spoken(d: date) -> str:
    return f"{MONTHS[d.month - 1]} {d.year}"


def figure(rng: random.Random, template: str) -> str:
    return template.format(n=f"{rng.randint(2, 900) * 10:,}", a=rng.randint(5, 9),
                           b=rng.randint(0, 4), q=rng.choice(["0.25", "0.5", "0.75"]))


def report(rng: random.Random, kind: str, town: str, when: date, previous: date | None,
           serial: int) -> str:
    noun, verbs, measure = EVENTS[kind]
    outlet, speaker, role = rng.choice(OUTLETS), person(rng), rng.choice(ROLES)
    lines = [f"{noun.capitalize()} {rng.choice(verbs)} {town} as officials count the cost", ""]
    if rng.random() < 0.6:
        lines.append(f"{town.upper()}, {when.day} {MONTHS[when.month - 1]} {when.year} "
                     f"({outlet}) -")
    body = [
        f"The {noun} {rng.choice(verbs)} {town} on {rng.choice(['Monday', 'Tuesday', 'Friday'])}, "
        f"with {figure(rng, measure)}, {role} said.",
        f"\"We have never seen anything like this,\" said {speaker}, {role}.",
        f"About {rng.randint(2, 90) * 100:,} people were affected, according to {outlet}.",
        f"The damage was put at {rng.randint(2, 80)} million dollars.",
        f"Officials said the response would take {rng.randint(2, 11)} weeks.",
        f"Residents of {place(rng)} and {place(rng)} were told to stay away.",
        f"{person(rng)} of the {place(rng)} institute said the figures were preliminary.",
        f"It lasted about {rng.randint(2, 40)} hours, {rng.choice(ROLES)} said.",
    ]
    if previous is not None:
        body.append(rng.choice([
            f"It was the first {noun} in {town} since {spoken(previous)}.",
            f"The last {noun} there, in {spoken(previous)}, was smaller.",
            f"{town} had not seen a {noun} for {max(1, (when - previous).days // 30)} months.",
        ]))
    rng.shuffle(body)
    extra = [f"Reporting note {serial}: {person(rng)} contributed from {place(rng)}."]
    if rng.random() < 0.3:
        extra.insert(0, f"Photo: the scene in {town} on the first day.")
    if rng.random() < 0.2:
        extra.insert(0, "ADVERTISEMENT")
    return "\n".join(lines + [" ".join(body[:4]), "", " ".join(body[4:]), ""] + extra) + "\n"


def generate(target: Path, sentences: int, seed: int = 7) -> list[Path]:
    """Write reports under ``target`` until they hold about ``sentences`` sentences."""
    rng = random.Random(seed)
    target.mkdir(parents=True, exist_ok=True)
    written, count, serial = [], 0, 0
    while count < sentences:
        kind, town = rng.choice(sorted(EVENTS)), place(rng)
        when = date(2010, 1, 1) + timedelta(days=rng.randint(0, 5000))
        previous = when - timedelta(days=rng.randint(60, 900)) if rng.random() < 0.7 else None
        for _ in range(rng.randint(1, 4)):  # several outlets report the same instance
            path = target / f"{serial // 1000:03d}" / f"{serial:06d}_{kind}_{town.lower()}.txt"
            path.parent.mkdir(exist_ok=True)
            text = report(rng, kind, town, when, previous, serial)
            path.write_text(text, encoding="utf-8")
            written.append(path)
            count += text.count(".") - text.count("..")
            serial += 1
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path)
    parser.add_argument("--sentences", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    files = generate(args.target, args.sentences, args.seed)
    print(f"{len(files)} documents under {args.target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
