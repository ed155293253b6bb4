"""Date one report's mentions: its earlier instances and its subject.

* Earlier instances are resolved against the report's reference (``infer_reference`` over its
  content sentences, with its stated publication date). Their ``order`` is settled here: of
  several "last … / first … since" claims the latest-dated one is the immediate predecessor,
  and the others name earlier instances of a narrower kind ("its last *appeal* was in …"
  beside "the last time the court *convened* …"), so their order becomes unknown.
* The subject's date: with a day-precise reference, the day the event word is dated with
  ("opened on Monday") or else the week before the report; with a range, the range. It is then
  narrowed by "first … in almost a year" counted from the predecessor of the same kind, and
  by coming after the immediate predecessor. ``how`` says which steps were taken.

Contract: nothing here raises for a report without dates; an undated subject has date None.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from assistant.event_mentions import (EARLIER, SUBJECT, Gap, Head, Mention, Statement,
                                      scan_document, sentence_stems)
from assistant.event_subject import day_candidates, subject_facts, subject_sentences
from assistant.event_places import NO_PLACES, Places, read_report
from assistant.language import LanguagePipeline
from assistant.text import stem
from index.reference import infer_reference, later
from index.resolution import DateRange, duration_days, resolve
from index.temporal import TimeExpr
from index.types import Sentence

_OPEN_END = dt.date(9999, 12, 31)
_WEEK = dt.timedelta(days=7)
_DAY = dt.timedelta(days=1)
_ORDERED = ("cue", "stasis", "negated")
_PLACED = "placed"  # an earlier instance the parse placed (its order is its step)


@dataclass(frozen=True)
class Earlier:
    """An earlier-instance mention with the statement it came from (kept for re-dating)."""

    mention: Mention
    statement: Statement


@dataclass(frozen=True)
class Evidence:
    """One report, analysed: its reference, earlier mentions, gap statements and subject clues."""

    doc_id: str
    reference: DateRange | None
    reference_how: str
    claims: tuple[Earlier, ...]     # as stated, before settling (re-settled after binding)
    earlier: tuple[Earlier, ...]    # settled: one immediate predecessor, repeats folded
    gaps: tuple[Gap, ...]
    days: tuple[tuple[Sentence, TimeExpr], ...]
    subject_ids: tuple[str, ...]
    facts: tuple[str, ...]
    terms: frozenset[str]
    noun: str | None                # the event noun the report's own cues use, if any
    own: frozenset[str]             # event words its own cue phrases attach to
    counts: tuple[tuple[str, int], ...]  # how often it uses each event word
    story: frozenset[str]           # words that tell its story from others (set by events)
    places: Places = NO_PLACES      # its instances' places in their series (from the parse)
    placed: tuple[Mention, ...] = ()  # undated earlier instances known only by their place
    ordered: tuple[str, ...] = ()   # nouns its order words qualify ("the previous recall")


def analyse_document(doc_id: str, sentences: Sequence[Sentence], published: str | None,
                     terms: frozenset[str] | None = None,
                     pipeline: LanguagePipeline | None = None,
                     read: tuple[Places, tuple[str, ...]] | None = None) -> Evidence:
    """Scan one report and date what it says against its own reference (the corpus's event
    words ``terms`` from :func:`~assistant.event_mentions.learn_terms`, else its own); its
    ordinals and counts are read through ``pipeline`` (without one, instances are placed by
    their dates alone); ``read``: what :func:`~assistant.event_places.read_report` gives for
    it, when read already."""
    if read is None:
        read = read_report(sentences, pipeline) if sentences and pipeline else (NO_PLACES, ())
    places, ordered = read
    return replace(_analyse(doc_id, tuple(sentences), published, terms, places), ordered=ordered)


def _analyse(doc_id: str, sentences: tuple[Sentence, ...], published: str | None,
             terms: frozenset[str] | None, places: Places) -> Evidence:
    scan = scan_document(sentences, terms)
    found = infer_reference([s.text for s in sentences], published)
    reference = found.range if found else None
    claims = [_earlier(doc_id, s, reference) for s in scan.statements]
    claims, placed = _with_places(doc_id, claims, places, reference)
    earlier = _ordered(claims)
    earlier = [e for e in earlier if e.statement.claim != "negated"
               or _negation_holds(e, scan.gaps, reference, scan.terms)]
    subject = subject_sentences(sentences, scan)
    return Evidence(
        doc_id=doc_id, reference=reference,
        reference_how=found.how if found else "no date in the text",
        claims=tuple(earlier), earlier=settle(earlier, reference), gaps=scan.gaps,
        days=tuple(day_candidates(sentences, scan, subject)),
        subject_ids=tuple(s.sentence_id for s in subject),
        facts=subject_facts(sentences, scan), terms=scan.terms,
        noun=_own_noun(earlier, scan.gaps), own=scan.own,
        counts=tuple(sorted((t, scan.stem_counts[t]) for t in scan.terms)),
        story=scan.own or scan.terms, places=places, placed=tuple(placed))


def _with_places(doc_id: str, claims: list[Earlier], places: Places,
                 reference: DateRange | None) -> tuple[list[Earlier], list[Mention]]:
    """The claims with the earlier places added: a place stated in a sentence that already
    dates a claim numbers that claim; a dated place is a claim of its own (ordered by its
    step); an undated one is kept apart, to be linked by its number only."""
    claims, placed = list(claims), []
    for place in places.earlier:
        same = next((i for i, c in enumerate(claims)
                     if c.statement.sentence.sentence_id == place.sentence.sentence_id), None)
        if same is not None:
            mention = replace(claims[same].mention, number=place.number, series=place.nouns)
            claims[same] = replace(claims[same], mention=mention)
        elif place.expr is not None:
            head = Head(stem(place.phrase.split()[0]), place.phrase.split()[0])
            statement = Statement(place.sentence, place.expr, head, _PLACED)
            mention = Mention(doc_id, EARLIER, resolve(place.expr, reference), place.expr.text,
                              (place.sentence.sentence_id,), place.step, number=place.number,
                              series=place.nouns)
            claims.append(Earlier(mention, statement))
        else:
            placed.append(Mention(doc_id, EARLIER, None, place.when or place.phrase,
                                  (place.sentence.sentence_id,), place.step,
                                  number=place.number, series=place.nouns))
    return claims, placed


def noun_of(head) -> str | None:
    """The noun a cue names explicitly ("televised speech"), None for verbs and elided heads."""
    if not head.noun or head.elided or not head.text:
        return None
    return f"{head.modifier} {head.text}" if head.modifier else head.text


def _own_noun(earlier: Sequence[Earlier], gaps: Sequence[Gap]) -> str | None:
    """What the report calls an instance: the noun of its "last …"/"first … since" cue (the new
    one is of the same kind), else of its "first … in <gap>" cue."""
    cues = [e.statement.head for e in earlier if e.mention.order == 1] + [g.head for g in gaps]
    return next((noun_of(h) for h in cues if noun_of(h)), None)


def _earlier(doc_id: str, statement: Statement, reference: DateRange | None) -> Earlier:
    date = resolve(statement.expr, reference)
    mention = Mention(doc_id, EARLIER, date, statement.expr.text,
                      (statement.sentence.sentence_id,), None)
    return Earlier(mention, statement)


def _ordered(earlier: list[Earlier]) -> list[Earlier]:
    """Orders as claimed: 1 for last/previous/first-since/held-since; "before that" continues
    the chain (2, 3 …), and so does a list after it ("… and <date>")."""
    out, last, chain = [], None, False
    for item in earlier:
        claim = item.statement.claim
        if claim == _PLACED:
            order, chain = item.mention.order, False
        elif claim in _ORDERED:
            order, chain = 1, False
        elif claim == "chain" or (claim == "list" and chain):
            order, chain = (last or 0) + 1, True
        else:
            order = None
        last = order if order is not None else last
        out.append(replace(item, mention=replace(item.mention, order=order)))
    return out


def _negation_holds(item: Earlier, gaps: Sequence[Gap], reference: DateRange | None,
                    terms: frozenset[str]) -> bool:
    """"has not <verb> since <date>" names the predecessor only when it speaks of the event
    itself, or when the report's own gap ("a months-long silence") fits that date; "has not
    appeared in public since 2040" in a report of a first in almost a year does not."""
    text, at = item.statement.sentence.text, item.statement.expr.start
    clause = re.split(r"[;,]", text[:at])[-1]  # "… has not <verb> … since"
    if any(stem in terms for stem in sentence_stems(clause)):
        return True
    date = item.mention.date
    if date is None or reference is None:
        return False
    ranges = [_gap_range(gap, date) for gap in gaps]
    return any(r is not None and r.overlaps(reference) for r in ranges)


def settle(earlier: Sequence[Earlier], reference: DateRange | None) -> tuple[Earlier, ...]:
    """Drop mentions dated after the report; keep one immediate predecessor (the latest of the
    order-1 claims, others become order None); fold repeats of one date into one mention."""
    kept = [e for e in earlier if not (reference and e.mention.date
                                       and e.mention.date.start > reference.end)]
    kept = _one_predecessor(kept, reference)
    merged: dict[str, Earlier] = {}
    for item in kept:
        key = item.mention.date.iso() if item.mention.date else f"?{item.mention.date_text}"
        merged[key] = _fold(merged[key], item) if key in merged else item
    return tuple(sorted(merged.values(), key=_earlier_key))


def _one_predecessor(earlier: list[Earlier], reference: DateRange | None) -> list[Earlier]:
    """Of several order-1 claims, the latest-dated stays 1: the last instance of any narrower
    kind cannot be more recent than the last instance of all. Claims that cannot be placed
    lose their order when another can."""
    firsts = [e for e in earlier if e.mention.order == 1]
    if len(firsts) < 2:
        return earlier
    spans = {id(e): _span(e, reference) for e in firsts}
    known = [e for e in firsts if spans[id(e)] is not None]
    latest = max((spans[id(e)].start for e in known), default=None)
    out = []
    for item in earlier:
        span = spans.get(id(item))
        if item.mention.order == 1 and latest is not None and (span is None or span.end < latest):
            item = replace(item, mention=replace(item.mention, order=None))
        out.append(item)
    return out


def _span(item: Earlier, reference: DateRange | None) -> DateRange | None:
    """The mention's date, or, when it is ambiguous, the hull of its readings at both ends of
    the reference ("October last year" written mid-2041 to mid-2042: Oct 2040..2041)."""
    if item.mention.date is not None or reference is None:
        return item.mention.date
    readings = [resolve(item.statement.expr, DateRange(day, day))
                for day in (reference.start, reference.end)]
    readings = [r for r in readings if r is not None]
    return readings[0].hull(readings[-1]) if readings else None


def _fold(kept: Earlier, other: Earlier) -> Earlier:
    orders = [o for o in (kept.mention.order, other.mention.order) if o is not None]
    ids = tuple(dict.fromkeys(kept.mention.sentence_ids + other.mention.sentence_ids))
    return replace(kept, mention=replace(kept.mention, sentence_ids=ids,
                                         order=min(orders) if orders else None))


def _earlier_key(item: Earlier) -> tuple:
    order = item.mention.order
    date = item.mention.date
    return (order is None, order or 0, -(date.start.toordinal() if date else 0))


# --- the subject ------------------------------------------------------------------------------
def mentions(evidence: Evidence) -> list[Mention]:
    """The subject first, then earlier instances (immediate predecessor first), then those
    known only by their place in the series."""
    return [subject_mention(evidence), *(e.mention for e in evidence.earlier), *evidence.placed]


def predecessor(evidence: Evidence) -> Mention | None:
    """The dated immediate predecessor the report names, if any."""
    return next((e.mention for e in evidence.earlier
                 if e.mention.order == 1 and e.mention.date is not None), None)


def subject_mention(evidence: Evidence) -> Mention:
    """The subject, dated: base range, then gap and predecessor narrowing (see module doc)."""
    rng, text, steps, ids = _base(evidence)
    previous = predecessor(evidence)
    for gap in evidence.gaps:
        paired = _paired(gap, evidence)
        allowed = _gap_range(gap, paired.date) if paired is not None else None
        if allowed is not None:
            rng, note = _narrow(rng, allowed)
            steps.append(f"{gap.expr.text!r} after {paired.date_text!r} → "
                         f"{allowed.start}..{allowed.end}{note}")
            if not note:  # a gap that contradicts the range does not date the subject
                ids.append(gap.sentence.sentence_id)
    if previous is not None and rng is not None:
        rng, note = _narrow(rng, DateRange(previous.date.start + _DAY, _OPEN_END))
        steps.append(f"after the previous one ({previous.date_text!r}){note}")
    # Sentence ids sort in text order; a headline repeated as the lead gives one step.
    place = evidence.places.subject
    return Mention(evidence.doc_id, SUBJECT, rng, text, tuple(sorted(set(ids))), None,
                   evidence.facts, "; ".join(dict.fromkeys(steps)),
                   place.number if place else None, place.nouns if place else frozenset())


def _base(evidence: Evidence) -> tuple[DateRange | None, str | None, list[str], list[str]]:
    """(range, date text, explanation steps, sentence ids) before narrowing."""
    ref, ids = evidence.reference, list(evidence.subject_ids)
    if ref is None:
        return None, None, [evidence.reference_how], ids
    if ref.start != ref.end:
        return ref, None, [f"written {ref.start}..{ref.end} ({evidence.reference_how})"], ids
    for sentence, expr in evidence.days:
        day = resolve(expr, ref)
        if day is not None and day.start == day.end \
                and ref.start - _WEEK <= day.start <= ref.end:
            ids.append(sentence.sentence_id)
            step = f"{expr.text!r} in a report of {ref.start} → {day.start}"
            return day, expr.text, [step], ids
    week = DateRange(ref.start - _WEEK, ref.end)
    return week, None, [f"reported {ref.start}: within the week before"], ids


def _paired(gap: Gap, evidence: Evidence) -> Mention | None:
    """The predecessor a gap counts from: the latest dated one of the same kind (same event
    word), else the immediate predecessor."""
    same = [e.mention for e in evidence.earlier if e.mention.date is not None
            and gap.head.stem is not None and e.statement.head.stem == gap.head.stem]
    if same and not gap.silence:
        return max(same, key=lambda m: m.date.start)
    return predecessor(evidence)


def _narrow(rng: DateRange | None, allowed: DateRange) -> tuple[DateRange | None, str]:
    """``rng`` cut to ``allowed``; unchanged (and said so) when they do not meet."""
    if rng is None:
        return (allowed if allowed.end != _OPEN_END else None), ""
    if not rng.overlaps(allowed):
        return rng, " (contradicts the range; ignored)"
    return DateRange(max(rng.start, allowed.start), min(rng.end, allowed.end)), ""


def _gap_range(gap: Gap, since: DateRange) -> DateRange | None:
    """When an instance ``gap`` after one dated ``since`` falls; None when the duration is
    unreadable or leaves the calendar ("first in a million years")."""
    bounds = duration_days(gap.expr)
    if bounds is None:
        return None
    try:
        return DateRange(later(since.start, bounds[0], up=False),
                         later(since.end, bounds[1], up=True))
    except (ValueError, OverflowError):
        return None
