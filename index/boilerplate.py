"""Find page furniture (captions, adverts, prompts, footers, bylines …) in a news page's text.

Contract of :func:`find_furniture`: it returns sorted, non-overlapping :class:`Furniture` spans
whose offsets index the given text exactly; each span is stripped of surrounding whitespace and
never crosses a line break. Furniture is whole lines, except template tokens (``{adslot}``),
which are marked alone so that the rest of their line stays content.

The rules describe the *shape* of lines and kinds of furniture common across news sites; they
never name a site. When unsure a line is content: marking a real sentence as furniture hides
evidence, which is worse than leaving some furniture in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.types import Furniture

__all__ = ["Line", "Rule", "byline_shape", "classify_line", "core", "find_furniture", "split_lines"]

I = re.IGNORECASE


@dataclass(frozen=True)
class Line:
    """One line of a text, stripped: ``text == source[start:end]``; ``number`` counts all lines."""

    number: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Rule:
    """A whole-line rule: the line's core (markup removed) must fully match ``pattern``."""

    name: str
    kind: str
    pattern: re.Pattern[str]
    max_len: int = 300


def _rule(name: str, kind: str, pattern: str, flags: int = 0, max_len: int = 300) -> Rule:
    return Rule(name, kind, re.compile(pattern, flags), max_len)


# --- dates and times (shared with index.metadata) -------------------------------------------
MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
         r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\.?"
_SEP = r"[\s,|•·()/–—-]*"
_END = r"(?=[\s,|•·()/–—-]|$)"  # a token must end at a separator, so tokens never split words
_TIME_TOKEN = (
    rf"(?:(?i:{MONTH}|{WEEKDAY}|[ap]\.?m\.?|at|on|ago|just|now|today|yesterday|an?|local|time|hours?|hrs?"
    r"|minutes?|mins?|seconds?|secs?|days?|weeks?|months?|years?|\d{1,4}(?:st|nd|rd|th)?"
    r"|\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:[ap]\.?m\.?)?|\d{4}-\d{2}-\d{2}(?:t[\d:.]+)?(?:z|[+-]\d{2}:?\d{2})?"
    r"|\d{1,2}/\d{1,2}/\d{2,4}|\d{4}/\d{2}/\d{2})"
    r"|[A-Z]{1,5}(?:[+-]\d{1,2})?|[+-]\d{2}:?\d{2})"
)
TIMESTAMP_KEY = r"(?i:(?:first\s+|last\s+)?(?:published|posted|updated|modified)(?:\s+(?:on|at))?\s*:?)"
_DATE = (rf"(?i:\d{{1,2}}(?:st|nd|rd|th)?{_SEP}(?:of\s+)?{MONTH}{_SEP}\d{{4}}"
         rf"|{MONTH}{_SEP}\d{{1,2}}(?:st|nd|rd|th)?{_SEP}\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})")

# --- names, for bylines ----------------------------------------------------------------------
_NOT_NAME = (r"(?!(?:The|A|An|In|On|At|Of|For|To|With|From|By|This|That|These|Those|How|What|Why"
             r"|When|Where|Who|Which|And|But|Or|Not|No|Is|Are|Was|Were|Has|Have|It|Its|Our|Your"
             r"|My|We|They|He|She|More|Most|Read|Share|Watch|Live|Latest|Breaking|Then|Now|Next"
             r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)")
_TOKEN = (rf"{_NOT_NAME}(?:[A-Z]\.(?:\s?[A-Z]\.)?|(?:Mc|Mac|O['’]|D['’])?[A-Z][a-z]+(?:[A-Z][a-z]+)?"
          r"(?:-[A-Z]?[a-z]+)*|(?:al|el)-[A-Z][a-z]+)")
_PARTICLE = r"(?:de|da|di|del|della|der|den|van|von|du|le|la|bin|ibn|al|el|dos|das)"
NAME = rf"{_TOKEN}(?:\s+(?:{_PARTICLE}\s+)?{_TOKEN}){{1,3}}"
_SEG = (r"(?:The\s+)?[A-Z][\w.'’&-]*(?:\s+(?:[A-Z][\w.'’&-]*|of|the|for|"
        rf"{_PARTICLE})){{0,5}}")
ROLE_WORDS = re.compile(r"\b(?:writer|reporter|correspondent|editor|contributor|staff|columnist"
                        r"|producer|analyst|journalist|senior|chief|special)\b", I)
BYLINE_SHAPES: dict[str, re.Pattern[str]] = {
    "by": re.compile(rf"(?:By|BY)\s+{_NOT_NAME}{_SEG}(?:\s*[,|&]\s*{_SEG}|\s+and\s+{_SEG})*"),
    "name_outlet": re.compile(rf"{NAME}(?:\s+and\s+{NAME})*\s*[,|]\s*(?P<outlet>{_SEG})"),
    "bare": re.compile(rf"{NAME}(?:(?:\s+and\s+|\s*&\s*){NAME})?"),
}

# --- whole-line rules, in priority order (first match wins) -----------------------------------
_EDITED = (r"(?i:article|story|report|piece|copy|post|headline)\b.{0,20}?\b(?i:has|had|was|is|have)\b"
           r"(?: not)? (?:been )?(?i:edited|updated|amended|corrected|condensed|changed|revised|"
           r"modified|translated|auto-generated|generated)\b")
_PROMO_WHO = r"(?=[^()]*\b(?i:you|your|we|us|our)\b)"  # promotions address the reader


def _paren(name: str, kind: str, cue: str) -> Rule:
    """A whole line in parentheses that addresses the reader and promotes ``cue``."""
    return _rule(name, kind, rf"\({_PROMO_WHO}(?=[^()]*(?i:{cue}))[^()]{{5,400}}\)", 0, 420)


_LINK_ITEM = (r"(?i:terms (?:of (?:use|service)|(?:&|and) conditions)|privacy(?: policy| notice)?"
              r"|cookies?(?: policy| settings)?|about us|contact us|accessibility|sitemap)")

LINE_RULES: tuple[Rule, ...] = (
    # footer: copyright notices, reserved-rights and syndication notices, legal link rows
    _rule("copyright", "footer", r"(?:Copyright|COPYRIGHT)\s*(?:©|\((?i:c)\))\s*\S.*|©\s*\S.*"
          r"|(?:Copyright|COPYRIGHT)\s+(?:\d{4}(?:\s*[-–]\s*\d{4})?|by)\b.*", max_len=500),
    _rule("rights_reserved", "footer", r"(?:.{0,120}[.,]\s*)?(?:All rights reserved|ALL RIGHTS RESERVED)"
          r"\b.{0,300}", 0, 450),
    _rule("no_republish", "footer", r"(?:this|the) (?:material|content|article|story|report)s? "
          r"(?:may|must) not be (?:published|reproduced|republished|redistributed|copied|broadcast)\b.*", I),
    _rule("legal_links", "footer", rf"(?:{_LINK_ITEM}\s*[|•·,]?\s*){{1,}}{_LINK_ITEM}", 0, 150),
    # edit_note: notes about how the copy was produced
    # (a self-referring "This article …" or a parenthesised note, never "The report was updated")
    _rule("edited", "edit_note", rf"\((?i:this|the) {_EDITED}[^()]*\)|This {_EDITED}[^()]*"),
    _rule("credits_paren", "edit_note", r"\((?i:with inputs? from|(?:additional )?reporting by|"
          r"(?:writing|editing) by|edited by)\b[^()]{1,200}\)"),
    _rule("credits_wire", "edit_note", r"(?i:(?:additional )?reporting by)[^.;]{1,80};\s*"
          r"(?i:(?:additional )?(?:reporting|writing|editing) by).*|(?i:editing by)\s[A-Z][^.;]{1,60}"),
    # timestamp: a "Published/Updated" keyword with only date or time words after it; a date line
    _rule("timestamp", "timestamp", rf"{TIMESTAMP_KEY}{_END}"
          rf"(?:{_SEP}(?:{TIMESTAMP_KEY}|{_TIME_TOKEN}){_END})*{_SEP}", 0, 100),
    _rule("date_line", "timestamp", rf"(?:(?i:{WEEKDAY}){_SEP})?{_DATE}{_END}"
          rf"(?:{_SEP}{_TIME_TOKEN}{_END})*{_SEP}", 0, 60),
    # caption: labels, inline captions, photo credits (also glued to a caption's end)
    _rule("caption_label", "caption", r"(?:(?:image|media|video|photo|picture|audio)\s+caption|caption)"
          r"\s*[,:]?|(?:photo|photograph|picture|image|video)\s*[,:]", I),
    _rule("caption_inline", "caption", r"(?i:(?:image|media|video|photo|picture)\s+caption|caption)"
          r"\s*[,:]\s*\S.*", 0, 500),
    _rule("credit_end", "caption", r".{0,400}?(?:Image|Photo|Picture|Video) (?:source|credit)s?"
          r"\s*[,:]\s*\S.{0,60}", 0, 500),
    # "Photo: …" or "Photo by Name/Agency" — but not "Video by a bystander showed …"
    _rule("credit_line", "caption", r"\(?(?i:photo(?:graph)?s?|pictures?|images?|credits?|video)"
          r"(?:\s+by\s+[A-Z][^().!?]{0,60}|\s*:\s*[^()]{1,80})\)?", 0, 100),
    _rule("credit_library", "caption", r".{0,400}?(?:Getty Images|Shutterstock|Alamy(?: Stock Photo)?)"
          r"(?: for [^.]{1,40})?\)?", 0, 450),
    _rule("credit_slash", "caption", rf"{NAME}\s?/\s?[A-Z][\w&.'’-]*(?:\s[A-Z][\w&.'’-]*){{0,3}}", 0, 80),
    # advertisement: ad slots and sponsorship markers
    _rule("advert", "advertisement", r"[-–—\s\[(]*(?:advertisement|advertising|advert|ads?|ad feedback"
          r"|sponsored(?:\s+(?:content|links?|stories|post)|\s+by\s+.{1,40})?|paid (?:content|post|"
          r"partner content)|partner content|promoted(?: content| stories)?|(?:story|article) "
          r"continues below(?: (?:this )?(?:advertisement|ad))?|continue reading (?:the main story|"
          r"below)|scroll to continue(?: with content)?)[-–—\s\])]*", I, 60),
    # reading-time labels: "4 minute read", "5 min read"
    _rule("read_time", "timestamp", r"\d{1,3}[\s-]*(?:minutes?|mins?)[\s-]+read", I, 30),
    # prompts: parenthesised promotional lines first, sorted by what they promote
    _paren("paren_app", "app_prompt", r"\bdownload|\bapps?\b"),
    _paren("paren_newsletter", "newsletter_prompt", r"newsletter|sign up"),
    _paren("paren_share", "share_prompt", r"follow us|share this"),
    _paren("paren_member", "membership_prompt", r"\bmember|subscri|donat|support (?:us|our)|our journalism"),
    _rule("app", "app_prompt", r"(?:download|get|install|try)\s+(?:our|the)\b.{0,60}?\bapps?\b(?!-).*"
          r"|(?:also\s+)?available\s+(?:on|in|from)\s+(?:the\s+)?(?:app store|google play)\b.*"
          r"|open in (?:the )?app|get the app", I),
    # "For the latest stories …" lead-ins: unpunctuated, or naming where to go (app, visit …)
    _rule("more_stories_lead", "app_prompt", r"for (?:more|the latest|all the latest)\s+(?:news|stories|"
          r"updates|coverage|headlines)\b(?:[^.!?]{0,50}|.{0,60}\b(?:our|us|app|download|follow|"
          r"visit|subscribe|click)\b.{0,30})", I, 100),
    _rule("share", "share_prompt", r"(?:share|share this(?: article| story| page| post)?|share (?:on|via) "
          r"\w+|share (?:this )?(?:article|story) (?:on|via) .{1,40}|copy link|link copied|email this|"
          r"print this(?: article| page)?|tweet this|follow us(?: on .{1,40})?)[.!:]?"
          r"(?:\s*(?:(?:facebook|twitter|x|linkedin|whatsapp|email|reddit|telegram)\s*[|•·,]?\s*)+)?",
          I, 120),
    _rule("alerts", "app_prompt", r"(?:click|tap|sign up) here to (?:get|receive|follow)\b.{0,80}"
          r"\b(?:alerts?|updates|notifications)\b.*", I, 160),
    _rule("share_row", "share_prompt", r"(?:(?:facebook|twitter|x|linkedin|whatsapp|email|reddit|"
          r"pinterest|telegram|messenger|print|copy link)\s*[|•·,]?\s*){2,}", I, 120),
    _rule("newsletter", "newsletter_prompt", r"(?:sign up|subscribe|register)\b.{0,80}\bnewsletters?\b.*"
          r"|(?:get|receive) (?:our|the)\b.{0,60}\bnewsletters?\b.*|sign up (?:for|to) (?:our|the)\b.*"
          r"|newsletters?(?: sign[- ]?up)?", I, 250),
    _rule("membership", "membership_prompt", r"subscribe(?:\s+(?:now|today|here))?|subscribe (?:for|from) "
          r".{1,40}|already (?:a )?(?:subscriber|member)\?.{0,60}|(?:become|becoming) a (?:member|"
          r"subscriber|supporter)\b.{0,120}|support (?:our|independent|quality) journalism.{0,160}|"
          r"(?:join|support) us\b.{0,120}|donate(?:\s+(?:now|today))?|make a (?:donation|contribution)\b"
          r".{0,120}", I, 250),
    _rule("at_outlet_we", "membership_prompt", r"At [A-Z][^,]{0,40}, we\b(?=.*(?i:\bmember|subscri|donat|"
          r"support (?:us|our)|our journalism)).*", 0, 400),
    # related: links to other stories
    _rule("related", "related", r"(?:related(?: (?:articles?|stories|content|coverage|topics|links|reading|"
          r"videos?))?|read more|read also|also read|read next|see also|more on this(?: story| topic)?|"
          r"more stories|most read|most popular|recommended(?: for you| stories| reading)?|you may also "
          r"like|you might also like|top stories|what to read next|watch next|up next)"
          r"\s*(?:[:|–—-]\s*.{0,200})?", I, 250),
    _rule("more_from", "related", r"More from [^.!?]{1,40}", 0, 50),
)

# Words that make up section names and breadcrumbs on news sites ("Business", "Science & Health").
SECTION_WORDS = frozenset(
    "news world us u.s. uk u.k. politics business economy markets money tech technology science health"
    " sport sports football soccer cricket tennis entertainment culture arts books music film movies tv"
    " television lifestyle style travel food opinion opinions analysis comment environment climate"
    " weather local national international nation region regional middle east europe asia pacific"
    " africa americas america australia latin home breaking latest top stories video videos live"
    " features education crime law justice religion media global investigations fact check"
    " and & the".split()
)
_SECTION_SPLIT = re.compile(r"[\s|/›»>•·,:-]+")
_MARKUP = re.compile(r"^(?:#{1,6}\s+|[*•·▪►]\s*|-\s+|>\s*)+|[*_]+$")
# Template and ad-slot tokens: {name}, {{ name }}, {name:slot-1}, [[name]], %%NAME%%, <<NAME>>.
TEMPLATE_TOKEN = re.compile(r"\{\{\s*[A-Za-z_][\w.:-]{0,40}\s*\}\}|\{[A-Za-z_][\w.:-]{0,40}\}"
                            r"|\[\[[A-Za-z_][\w.:-]{0,40}\]\]|%%[A-Za-z_][\w.:-]{0,40}%%"
                            r"|<<[A-Za-z_][\w.:-]{0,40}>>")
BYLINE_WINDOW = 15  # bylines sit near the top: within this many non-blank lines
CAPTION_MAX = 400  # the line a caption label introduces is one short paragraph at most


def split_lines(text: str) -> list[Line]:
    """Every line of ``text`` (blank ones too), stripped, at exact offsets (any line break style)."""
    lines, pos = [], 0
    for number, raw in enumerate(text.splitlines(keepends=True)):
        stripped = raw.strip()
        start = pos + len(raw) - len(raw.lstrip()) if stripped else pos
        lines.append(Line(number, start, start + len(stripped), stripped))
        pos += len(raw)
    return lines


def core(line: str) -> str:
    """The line without markdown heading/bullet/emphasis marks, which never decide a rule."""
    return _MARKUP.sub("", line).strip()


def classify_line(line: str) -> Rule | None:
    """The first whole-line rule the line matches, or None for content."""
    text = core(line)
    for rule in LINE_RULES:
        if len(text) <= rule.max_len and rule.pattern.fullmatch(text):
            return rule
    return None


def byline_shape(line: str) -> str | None:
    """Which byline shape ("by", "name_outlet", "bare") the line has, if any; shape only."""
    text = core(line)
    if len(text) > 100 or text[-1:] in ".?!:;\"”":
        return None
    for shape, pattern in BYLINE_SHAPES.items():
        match = pattern.fullmatch(text)
        if match and not (shape == "name_outlet" and ROLE_WORDS.search(match["outlet"])):
            return shape
    return None


def find_furniture(text: str) -> list[Furniture]:
    """Sorted, non-overlapping furniture spans of ``text`` (see the module docstring)."""
    lines = [line for line in split_lines(text) if line.text]
    rules = [classify_line(line.text) for line in lines]
    kinds = [rule.kind if rule else None for rule in rules]
    _mark_captioned(lines, rules, kinds)
    _mark_section_labels(lines, kinds)
    _mark_bylines(lines, kinds)
    _mark_mastheads(lines, kinds)
    spans = [Furniture(ln.start, ln.end, kind) for ln, kind in zip(lines, kinds) if kind]
    spans += _template_tokens(lines, kinds)
    return sorted(spans, key=lambda f: f.start)


def _adjacent(a: Line, b: Line, max_gap: int = 0) -> bool:
    """True when at most ``max_gap`` blank lines separate two lines."""
    return abs(b.number - a.number) <= max_gap + 1


def _mark_captioned(lines: list[Line], rules: list[Rule | None], kinds: list[str | None]) -> None:
    """A caption label ("Image caption,") introduces the next line, after up to two blank lines."""
    for i, rule in enumerate(rules[:-1]):
        nxt = lines[i + 1]
        if rule and rule.name == "caption_label" and kinds[i + 1] is None:
            if _adjacent(lines[i], nxt, 2) and len(nxt.text) <= CAPTION_MAX:
                kinds[i + 1] = "caption"


def _is_section_label(line: str) -> bool:
    words = [w for w in _SECTION_SPLIT.split(core(line).lower()) if w]
    return 0 < len(words) <= 5 and len(line) <= 40 and all(w in SECTION_WORDS for w in words)


def _mark_section_labels(lines: list[Line], kinds: list[str | None]) -> None:
    """Section labels only count in the leading block, before the first content line (headline)."""
    for i, line in enumerate(lines):
        if kinds[i] is None:
            if not _is_section_label(line.text):
                return
            kinds[i] = "section_label"


_LABEL_WORD = re.compile(r"(?:[A-Z0-9][\w.'’&-]*|of|the|and|for|on|in|&|\||/|›|»|-|–)")
MASTHEAD_WINDOW = 4  # a site name or section label sits among the first few lines


def _is_label(line: str) -> bool:
    """A short line with no closing punctuation: capitalised words (a site name), or at most
    three words of any case (a section such as "Central banks"); either after a field name
    ("Outlet: The Harbour Gazette", the header of a plain-text report)."""
    text = field_value(core(line))
    words = text.split()
    if not words or len(text) > 40 or text.rstrip().endswith((".", "!", "?", ",", ":")):
        return False
    return len(words) <= 3 or (len(words) <= 5 and all(_LABEL_WORD.fullmatch(w) for w in words))


# "Field: value", a plain-text header line: one capitalised word, a colon, the value
_FIELD = re.compile(r"[A-Z][a-z]{1,15}:\s+(?=\S)")


def field_value(line: str) -> str:
    """The value of a "Field: value" header line, else the line itself."""
    field = _FIELD.match(line)
    return line[field.end():] if field else line


def _is_breadcrumb(line: str) -> bool:
    return any(sep in line for sep in ("|", "›", "»", " / ", " > "))


def _is_headline(line: str) -> bool:
    words = core(line).split()
    return len(words) >= 4 and not line.rstrip().endswith(".")


def _mark_mastheads(lines: list[Line], kinds: list[str | None]) -> None:
    """Label lines above the headline: the first is the site's masthead, the rest sections.

    Only when a headline (four words or more, no final period) follows them among the first
    lines, so a short headline over body text is never mistaken for a masthead.
    """
    leading = [i for i in range(min(len(lines), MASTHEAD_WINDOW + 2)) if kinds[i] is None]
    labels = []
    for i in leading:
        if not _is_label(lines[i].text):
            if labels and _is_headline(lines[i].text):
                for n, j in enumerate(labels):
                    first = n == 0 and j == 0 and not _is_breadcrumb(lines[j].text)
                    kinds[j] = "masthead" if first else "section_label"
            return
        labels.append(i)


def _mark_bylines(lines: list[Line], kinds: list[str | None]) -> None:
    """Mark byline lines near the top.

    "By …" lines always count. "Name, Outlet" lines count unless they are the first content line
    (the headline's place). A bare name only counts inside a byline block: followed by another
    byline or a timestamp, or preceded by a byline — a lone title-cased line is too often a heading.
    """
    window = range(min(len(lines), BYLINE_WINDOW))
    title = next((i for i in window if kinds[i] is None), None)
    shapes = {i: byline_shape(lines[i].text) for i in window if kinds[i] is None}
    for i, shape in shapes.items():
        if shape == "by" or (shape == "name_outlet" and i != title):
            kinds[i] = "byline"
    for i in sorted((i for i, s in shapes.items() if s == "bare" and i != title), reverse=True):
        after = i + 1 < len(lines) and _adjacent(lines[i], lines[i + 1]) and (
            kinds[i + 1] == "timestamp" or (kinds[i + 1] == "byline" and shapes.get(i + 1) != "by"))
        before = i > 0 and _adjacent(lines[i - 1], lines[i]) and kinds[i - 1] == "byline"
        if after or before:
            kinds[i] = "byline"


def _template_tokens(lines: list[Line], kinds: list[str | None]) -> list[Furniture]:
    """Template tokens inside content lines; the rest of such a line stays content."""
    found = []
    for line, kind in zip(lines, kinds):
        if kind is None:
            for match in TEMPLATE_TOKEN.finditer(line.text):
                found.append(Furniture(line.start + match.start(), line.start + match.end(), "template"))
    return found
