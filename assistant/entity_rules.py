"""Vocabulary and patterns of :mod:`assistant.entities`: titles, roles, head nouns, speech verbs.

Kept apart so the entity finder's logic reads on its own; every list is about English news
prose in general, never about one story.
"""

from __future__ import annotations

import re

def _ws(words: str) -> frozenset[str]:
    return frozenset(words.split())


_FUNC = _ws("""a an the in on at for but and or nor if when while after before although though as
with without by from to of into onto over under about around across since until during despite
amid among between than like it its this that these those there here he she they we i you his
her their our my your what who whom whose which where why how some many most all any no not every
each another other such both either neither so yet then now also still even only just more much
meanwhile however earlier later last next first today yesterday almost nearly do does did is are
was were be been has have had will would can could should may might must let oh yes one two three
four five six seven eight nine ten several few once""")
_LEADING = _FUNC | _ws("""read click share sign follow get download subscribe listen updated posted
published related correction image media photo advertisement watch see january february march
april may june july august september october november december jan feb mar apr jun jul aug sep
sept oct nov dec monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu
thur thurs fri sat sun""")  # function words, furniture labels, months and weekdays
_HONORIFIC = _ws("mr mrs ms miss mx dr prof sir dame")
_ABBREV = _ws("capt col gen lt sgt sen rep gov maj adm cmdr cpl pvt det insp supt rev fr")
_TITLES = _ws("""president minister secretary secretary-general governor mayor senator chancellor
director chair chairman chairwoman judge ambassador commissioner chief king queen prince princess pope
sheikh imam coach captain colonel general lieutenant sergeant admiral commander detective
inspector officer professor reverend premier deputy superintendent sheriff""")
_ROLES = _TITLES | _ws("""spokesman spokeswoman spokesperson head leader economist analyst
volcanologist geologist seismologist scientist official envoy correspondent reporter editor
researcher lawyer attorney prosecutor manager striker goalkeeper midfielder defender player
referee executive founder owner pastor priest cleric agent adviser advisor strategist expert
historian surgeon doctor nurse teacher witness chair representative diplomat engineer author
activist campaigner candidate lawmaker legislator councillor councilor dean principal banker
meteorologist forecaster member ceo resident neighbour neighbor survivor victim student
volunteer""")
_PERSON_NOUNS = _ws("man woman people person speaker resident residents farmer farmers")
_ORG_HEADS = _ws("""group ministry command forces agency bank committee council army party company
inc ltd llc plc corp corporation university college school institute observatory authority
department office service services securities capital mutual federation society association
union chamber court police navy guard times post news press daily network media lines airlines
airways trust fund foundation coalition alliance front brigade brigades organisation
organization commission board bureau senate parliament congress assembly cabinet club fc
holdings partners industries academy hospital tribunal exchange reserve united rovers athletic
wanderers house motors""")
_PLACE_HEADS = _ws("""bay island islands isle river valley mountain mountains hill hills lake sea
ocean coast desert province county district region city town village airport harbour harbor
square street road avenue bridge mosque church cathedral temple stadium park beach peninsula
strait canal falls heights states kingdom republic emirates territory territories basin gulf""")
_STATE_BODIES = _ws("ministry army forces police parliament senate congress navy government")
_PLACE_PREFIX = _ws("mount mt lake port cape fort saint st isle gulf")
_PARTICLES = _ws("al el bin ibn bint van von der den de del della di da du la le ter ten dos das")
_NP_ORG = _ORG_HEADS | _ws("government military operator airline militia outlet outlets newspaper")
_NP_SOURCE = _ws("source sources statement report recording message study survey minutes data "
                 "figures letter audio video tape voice")
_PREPS = _ws("in at to from with by for of near on into around across outside inside throughout "
             "via within off towards toward between")
_PLACE_ACRONYM = _ws("US UK USA UAE U.S. U.K. U.S.A.")

_GEO = ("city|town|village|province|region|island|district|county|capital|governorate|country|"
        "nation|archipelago|valley|river|desert|peninsula|coast|port|mountains")
_SPEECH = ("said|says|say|told|tells|added|adds|warned|warns|stated|explained|noted|argued|"
           "insisted|claimed|claims|announced|confirmed|denied|wrote|writes|replied|urged|"
           "declared|acknowledged|admitted|admits|cautioned|conceded|stressed|emphasi[sz]ed|"
           "observed|predicted|commented|remarked|asserted|maintained|recalled|countered|"
           "suggested|reported|estimated|testified|(?:declined|refused) to (?:say|comment)")
_ADV = (r"(?:also|allegedly|reportedly|later|then|previously|has|have|had|once|earlier|further|"
        r"again|would|will|\w+ly|on (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)")
_ROLE = "|".join(sorted(_ROLES, key=len, reverse=True))
_ACRONYM_RE = re.compile(r"[A-Z]{2,6}|(?:[A-Z]\.){2,4}")
_TOKEN_RE = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_](?:[^\W_]|[-'’&](?=[^\W_]))*")
_SPEECH_RE = re.compile(rf"\b(?:{_SPEECH})\b(?!\s+to\b)")  # not "told to leave"
_SUBJ_RE = re.compile(rf"\s+(?:{_ADV}\s+)*(?:{_SPEECH})\b(?!\s+to\b)")
_INVERTED_RE = re.compile(rf"(?:[,\"”’]|^)\s*(?:{_SPEECH})\s+(?:(?:the|a|an)\s+)?"
                          r"(?:[a-z][\w-]*\s+){0,3}$")
_ROLE_BEFORE_RE = re.compile(rf"(?<![\w'’-])((?:[a-z][\w-]*\s+){{0,2}})({_ROLE}),?\s+$")
_ROLE_AFTER_RE = re.compile(rf",\s+(?:(?:a|an|the)\s+)?(?:[\w-]+['’]s\s+)?"
                            rf"((?:[a-z][\w-]*\s+){{0,2}})({_ROLE})\b(?!['’])", re.I)
_ROLE_OF_RE = re.compile(rf"(?<![\w-])((?:[Aa]n?|[Tt]he)\s+(?:[\w-]+\s+){{0,2}}?({_ROLE})s?"
                         r"\s+(?:for|of|at|from|with)\s+[^,;:\"“”]{1,60}?)\s*$")
_PERSON_CUE_RE = re.compile(r"(?:(?:^|[\n.|·])[ \t*_]*By|\b(?:[Rr]eporting|[Ee]diting|[Ww]ritten)"
                            r" by|\b[A-Z]{2,6}['’]s)\s+$")  # bylines; "the AP's <name>"
_DET_RE = re.compile(r"(?<![\w-])(?:the|a|an|The|A|An)\s+$")
_PREP_RE = re.compile(r"(?<![\w-])(?:(in|at|near|across|outside|inside|into|throughout|around|"
                      r"via|within|off)|from|to|towards?|between)[ \t]+$", re.I)
_GEO_BEFORE_RE = re.compile(rf"(?<![\w-])(?:(?:{_GEO})\s+(?:of\s+)?|(?:people|residents|citizens|"
                            r"mayor|outskirts|streets|north|south|east|west|heart|centre|center|"
                            r"suburbs|government|stronghold)\s+of\s+)(?:the\s+)?$")
_PLACE_AFTER_RE = re.compile(rf"\s+(?:{_GEO})\b|,\s+(?:home to\b|(?:(?:a|an|the)\s+)?"
                             rf"(?:[\w-]+['’]s\s+)?(?:[\w-]+\s+){{0,2}}(?:{_GEO})\b)")
_PLACE_POSS_RE = re.compile(rf"['’]s?\s+(?:[\w-]+\s+)?(?:{_GEO}|mayor|governor|streets|residents|"
                            r"people|harbour|harbor|airport|outskirts|suburbs|border|president|"
                            r"government|parliament)\b")
_KIN_POSS_RE = re.compile(r"['’]s?\s+(?:son|daughter|wife|husband|father|mother|brother|sister|"
                          r"widow|family|lawyer|whereabouts)\b")
_ORG_AFTER_RE = re.compile(r"\s+(?:news\s+|media\s+)?(?:group|agency|network|outlets?|newspaper|"
                           r"militia|party|organi[sz]ation|company|firm|broadcaster|movement)\b")
_ORG_BEFORE_RE = re.compile(r"(?<![\w-])(?:wing|group|agency|outlet|newspaper|broadcaster|firm|"
                            r"company|lenders?|insurer|airline|operator|network|militia),?\s+$")
_DEMONYM_RE = re.compile(r"(?:ian|ean|can|ese|ish|ic|ern|ch|i)$")
_DATELINE_RE = re.compile(r"(?m)^[ \t]*([A-Z][A-Z'’.-]+(?:[ \t][A-Z][A-Z'’.-]+){0,3})(?:,[ \t]+"
                          r"([A-Z][\w-]+(?:[ \t][A-Z][\w-]+)?))?(?:[ \t]+\([A-Z]{2,6}\))?[ \t]+"
                          r"[—–-][ \t]")
_ACRO_DEF_RE = re.compile(r"\s*(?:[a-z]+\s+){0,2}\(\s*([A-Z]{2,6}|(?:[A-Z]\.){2,4})\s*\)")
_PRONOUN_RE = re.compile(rf"(?<![\w-])(he|she|they|we|I|it|He|She|They|We|It)\s+(?:{_ADV}\s+)*$")
_DIRECT_GAP = re.compile(rf"(?:\s+\([A-Z.]{{2,8}}\))?\s+(?:{_ADV}\s+)*")
_APPOS_GAP = re.compile(rf",[^,\"“”]{{1,150}},\s+(?:{_ADV}\s+)*")
_AFTER_GAP = re.compile(r"\s+(?:(?:the|a|an)\s+)?(?:[a-z][\w-]*,?\s+){0,3}(?:[Tt]he\s+)?")
