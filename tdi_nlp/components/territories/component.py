"""TERRITORY: places linked to official codes (Territoires d'industrie, regions, departments, EPCI, communes, France).

Candidates come from the gazetteer scan (``candidates``); this module decides, from the words just before a
name ("la région", "le département de", "le territoire d'industrie de", "la communauté de communes de", "maire
de", "à"...), which kind of place is meant, and drops what is not a place (the programme "Territoires
d'industrie", "Régions de France", "France Industrie", common words, people's names). Names after a cue that
the exact scan misses ("Grand Chalons", "Decazeville-Aubin") are linked by fuzzy matching within the cued kind.
Foreign places ("Catalogne sud") are not linked: the gazetteer only holds France.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import cast

from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

from .. import add_fact, text_of
from ..ranges import Ranges
from ...text_utils import first_chars, fold, strip_accents
from .candidates import (GAP_RE, STOP, Entry, Gazetteer, Match, key, load_gazetteer, load_tunables, pattern_text,
                         place_words)
from .context import acronyms, first_name_before, name_goes_on, portfolio, surname_after
from ..people.kb import kb as people_kb

FACTORY = "tdi_territories"
LABEL = "TERRITORY"

_TUNABLES = load_tunables()  # resources/geo/linking.toml
# Cues read on the folded text just before a name (lowercase, no accents, straight apostrophes).
CUES = {kind: re.compile(pattern_text(p)) for kind, p in _TUNABLES["cues"].items()}
PHRASE_CUES = {kind: rx for kind, rx in CUES.items() if kind in ("tdi", "epci", "commune")}  # cues of _cued_phrases
_CONTEXT = {name: re.compile(pattern_text(p)) for name, p in _TUNABLES["context"].items()}
AT_CUE = _CONTEXT["at_cue"]  # "à Lyon" (accents folded; "a" is also OCR for "à")
LIST_SEP = _CONTEXT["list_sep"]
ARTICLE_BEFORE = _CONTEXT["article_before"]
SENTENCE_START = re.compile(r"(?:^|[.!?:;\n•*#\-–«»\"]\s*)$")
FUNCTION_WORDS = set(_TUNABLES["function_words"])
COORDINATION_WORDS = set(_TUNABLES["coordination_words"])
ARTICLES = set(_TUNABLES["articles"])
NAME_LINKS = set(_TUNABLES["name_links"])
PHRASE_LINKS = set(_TUNABLES["phrase_links"])
DEFAULT_ORDER = tuple(_TUNABLES["default_order"])
DEPARTMENT_FIRST = set(_TUNABLES["department_first"])
FRANCE_NAME_HEADS = set(_TUNABLES["france_name_heads"])
COMPASS_WORDS = set(_TUNABLES["compass_words"])
FUZZY_CUTOFF = float(_TUNABLES["fuzzy_cutoff"])
TOWN_FUZZY_CUTOFF = float(_TUNABLES["town_fuzzy_cutoff"])
GLUED_BEFORE = re.compile(r"\w[-\u2010\u2011]$")
TREATY_BEFORE = _CONTEXT["treaty_before"]  # "le traité d'Aix-la-Chapelle"
STREET_BEFORE = _CONTEXT["street_before"]  # "la rue d'Aubagne": a street
RIVER_BEFORE = _CONTEXT["river_before"]  # "les bords de la Marne": the river, not the department
FEATURE_BEFORE = _CONTEXT["feature_before"]  # "le golfe de Guinée": a natural feature, not the country
TITLE_BEFORE = _CONTEXT["title_before"]
NAMED_AFTER = _CONTEXT["named_after"]  # "l'accord de Paris", "le groupe de Minsk": not the place
DEPARTMENT_NUMBER = _CONTEXT["department_number"]  # "dans le 93", on the text as written
DATE_BEFORE = _CONTEXT["date_before"]  # "depuis le 13,": a day, not the department
TDI_CONTEXT = re.compile(r"territoires? d'industrie", re.IGNORECASE)
# Communes without a cue: big enough towns only, so that common words and hamlets are not tagged.
MIN_POP = {k: int(v) for k, v in _TUNABLES["min_population"].items()}
HYPHEN_TAIL = re.compile(r"-[^\W\d_][\w]*(?:-[\w]+)*")
# A preposition or a list word just before a small commune of a department named nearby ("d'Argentan", "et Menton").
TOWN_BEFORE = re.compile(r"(?:^|[\s(])(?:de|d'|du|a|au|entre|et|ou|vers|pres de|,)\s*$")
DEPARTMENT_AFTER = re.compile(r"\s*(?:\(|,\s*(?:dans|en)\s+(?:le\s+|la\s+|l['’]|les\s+)?)")
_CONTRACTED_TOWN = re.compile(r"(?<![\w'’])(du|au|des|aux)\s+"
                              r"(?P<name>[A-ZÀ-Þ][a-zà-ÿ]+(?:-[\w'’]+)*)(?![\w'’-])")
_TOWN_ARTICLE = re.compile(r"(?<![\w'’])(?:La|Le|Les|L['’])\s*$")
NEARBY = 2000  # characters around a department's mention in which its communes are looked for


@dataclass
class Decision:
    start: int
    end: int
    entry: Entry
    cued: bool


def _left(text: str, start: int, width: int = 70) -> str:
    return strip_accents(text[max(0, start - width):start]).lower().replace("\u2019", "'").replace("\n", " ")


def _cue_kinds(left: str) -> set[str]:
    return {kind for kind, rx in CUES.items() if rx.search(left)}


def _capitalized(surface: str) -> bool:
    """The first word that is not an article or a preposition starts with a capital."""
    for w in re.findall(r"[^\W\d_]+", surface):
        if fold(w) in FUNCTION_WORDS:
            continue
        return w[0].isupper() or w == "lle"  # "lle-de-France": OCR for Île
    return False


def _caps_around(text: str, start: int, end: int) -> bool:
    """Whether a word next to it on the same line is in capitals too (a heading, not an acronym)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    before = re.findall(r"[^\W\d_]{2,}", text[max(line_start, start - 30):start])[-1:]
    after = re.findall(r"[^\W\d_]{2,}", text[end:min(end + 30, line_end if line_end >= 0 else len(text))])[:1]
    return any(w.isupper() for w in before + after)


def _after_name(text: str, start: int) -> bool:
    """A capitalized word that is not a link word and does not start the sentence comes just before: the name is
    part of a longer one ("Géothermie Bouillante SA")."""
    m = re.search(r"([^\W\d_][\w'’-]*)[ \t]+$", text[max(0, start - 40):start])
    if m is None or not m.group(1)[0].isupper() or fold(m.group(1)) in FUNCTION_WORDS:
        return False
    before = text[max(0, start - 40):start][:m.start(1)]
    return not SENTENCE_START.search(before[-3:] if before else "")


@lru_cache(maxsize=1)
def first_names() -> set[str]:
    """Folded first names of the people resources (resources/people/first_names.tsv)."""
    return set(people_kb().sex)


def _homonym_choice(entries: list[Entry], strict: bool) -> Entry | None:
    """The commune meant by a shared name: the only one, or one much bigger than the others."""
    entries = sorted(entries, key=lambda e: -e.population)
    if not entries:
        return None
    if len(entries) == 1:
        return entries[0]
    if strict:
        return None
    return entries[0] if entries[0].population >= 5 * max(1, entries[1].population) else None


class TerritoryLinker:
    def __init__(self, gazetteer: Gazetteer, fuzzy_cutoff: float = FUZZY_CUTOFF):
        self.gaz = gazetteer
        self.fuzzy_cutoff = fuzzy_cutoff

    # --- entry points ---------------------------------------------------------------------------------------
    def link(self, text: str, person_spans: Sequence[tuple[int, int]] = ()) -> list[Decision]:
        toks = place_words(text)
        matches = self.gaz.scan(text, toks)
        self._match_heads = {m.i for m in matches}
        self._expansions = Ranges(acronyms(text)[1])
        tdi_doc = bool(TDI_CONTEXT.search(text))
        decisions = []
        prev_cue: dict[int, set[str]] = {}
        persons = Ranges(person_spans)
        for m in sorted(matches, key=lambda m: (m.start, -m.end)):
            d = self._decide(text, m, tdi_doc, persons, prev_cue)
            if d:
                decisions.append(d)
        self._departments = sorted((d.start, d.entry.code) for d in decisions if d.entry.kind == "department")
        self._regions = sorted((d.start, d.entry.code) for d in decisions if d.entry.kind == "region")
        self._towns = sorted((d.start, d.entry.department or "") for d in decisions if d.entry.kind == "commune")
        decisions = self._prefer_near(text, matches, decisions)
        decisions += self._department_numbers(text, decisions)
        decisions += self._cued_phrases(text, toks, decisions)
        decisions += self._second_pass(text, matches, decisions, persons)
        decisions += self._contracted(text, decisions)
        chosen = [d for d in self._select(self._hyphenated(text, decisions)) if d.entry is not STOP]
        return [self._article_town(text, d) for d in chosen]

    def _article_town(self, text: str, d: Decision) -> Decision:
        """"La Baule": the start of La Baule-Escoublac, a town much bigger than the village Baule, article and
        all."""
        art = _TOWN_ARTICLE.search(text, max(0, d.start - 5), d.start)
        if d.entry.kind != "commune" or art is None:
            return d
        bigger = sorted(self.gaz.starting(text[art.start():d.end], "commune"), key=lambda e: -e.population)
        if (bigger and bigger[0].population >= max(MIN_POP["multiword"], 5 * d.entry.population)
                and (len(bigger) == 1 or bigger[0].population >= 5 * bigger[1].population)):
            return Decision(art.start(), d.end, bigger[0], d.cued)
        return d

    def _department_numbers(self, text: str, decisions: list[Decision]) -> list[Decision]:
        """A department by its number ("dans le 93"), when the document names that department too."""
        named = {d.entry.code for d in decisions if d.entry.kind == "department"}
        out = []
        for m in DEPARTMENT_NUMBER.finditer(text) if named else ():
            code = m.group("code")
            entry = self.gaz.entries.get(f"department:{code}")
            day = m.group().lower().startswith("le ") and text.startswith(",", m.end())  # "Le 13, le préfet"
            if code in named and entry is not None and not day and not DATE_BEFORE.search(_left(text, m.start())):
                out.append(Decision(m.start("code"), m.end("code"), entry, True))
        return out

    @staticmethod
    def _within(named: list[tuple[int, str]], lo: int, hi: int) -> list[tuple[int, str]]:
        """The (position, code) of named (sorted) with lo <= position <= hi, by bisection (no quadratic scan)."""
        return named[bisect_left(named, (lo, "")):bisect_right(named, (hi, "\uffff"))]

    def _near_departments(self, start: int) -> set[str]:
        """Codes of the departments named within NEARBY characters."""
        return {code for _, code in self._within(getattr(self, "_departments", []), start - NEARBY, start + NEARBY)}

    def _near_regions(self, start: int) -> set[str]:
        return {code for _, code in self._within(getattr(self, "_regions", []), start - NEARBY, start + NEARBY)}

    def _prefer_near(self, text: str, matches: list[Match], decisions: list[Decision]) -> list[Decision]:
        """A commune shared by several places is the one of the department named nearby ("à Valence, dans le
        Tarn-et-Garonne"), when the first pass chose another."""
        hits = {(m.start, m.end): m.hits for m in matches}
        for d in decisions:
            if d.entry.kind != "commune" or (d.start, d.end) not in hits:
                continue
            near = self._near_departments(d.start)
            if not near or d.entry.department in near:
                continue
            other = [e for e, _ in hits[(d.start, d.end)] if e.kind == "commune" and e.department in near]
            if len(other) == 1:
                d.entry = other[0]
        return decisions

    def _second_pass(self, text: str, matches: list[Match], decisions: list[Decision], persons: Ranges
                     ) -> list[Decision]:
        """Names the first pass left: a commune followed by its department ("Mauriac (Cantal)", "Mauriac, dans
        le Cantal"), even one the NER took for a person; a commune of a department named nearby after a
        preposition ("celui d'Argentan, dans l'Orne", "entre Vintimille et Menton" in a text on the
        Alpes-Maritimes); a name already cued as a commune in the text ("la mairie de Die ... à Die")."""
        taken = Ranges([(d.start, d.end) for d in decisions])
        cued_towns = {key(text[d.start:d.end]): d.entry for d in decisions
                      if d.cued and d.entry.kind == "commune"}
        out = []
        for m in sorted(matches, key=lambda m: (m.start, -m.end)):
            surface = text[m.start:m.end]
            if (taken.overlaps(m.start, m.end) or not surface[0].isupper()
                    or any(e is STOP or e.kind in ("region", "department", "country") for e, _ in m.hits)):
                continue
            towns = [e for e, _ in m.hits if e.kind == "commune"]
            entry = self._department_after(text, m, towns)
            if entry is not None:
                out.append(Decision(m.start, m.end, entry, True))
                taken.add(m.start, m.end)
                continue
            if (persons.overlaps(m.start, m.end) or SENTENCE_START.search(text[max(0, m.start - 3):m.start])
                    or TITLE_BEFORE.search(text, max(0, m.start - 40), m.start)
                    or first_name_before(text, m.start, first_names()) or name_goes_on(text, m.end, self._is_place)):
                continue
            entry = None if _after_name(text, m.start) else cued_towns.get(key(surface))
            if entry is None and TOWN_BEFORE.search(_left(text, m.start)):
                near = self._near_departments(m.start)
                found = [e for e in towns if e.department in near and e.population >= MIN_POP["named_department"]]
                if not found and len(towns) > 1:  # a homonym: "Saint-Denis (La Réunion)"
                    regions = self._near_regions(m.start)
                    found = [e for e in towns if e.region in regions and e.population >= MIN_POP["named_department"]]
                if not found and len(towns) > 1:  # "à Saint-Denis ... de Stains": the department of towns nearby
                    near = {code for _, code in self._within(self._towns, m.start - NEARBY, m.start + NEARBY)}
                    found = [e for e in towns if e.department in near and e.population >= MIN_POP["named_department"]]
                entry = found[0] if len(found) == 1 else None
            if entry is not None:
                out.append(Decision(m.start, m.end, entry, False))
                taken.add(m.start, m.end)
        return out

    def _contracted(self, text: str, decisions: list[Decision]) -> list[Decision]:
        """A town whose name starts with an article, after a contracted one ("le port du Havre", "au Mans": Le
        Havre, Le Mans), big enough as a town named without a cue."""
        taken = Ranges([(d.start, d.end) for d in decisions])
        out = []
        for m in _CONTRACTED_TOWN.finditer(text):
            start, end = m.start("name"), m.end("name")
            if taken.overlaps(start, end) or first_name_before(text, start, first_names()):
                continue
            name = _CONTRACTED[m.group(1).lower()] + m.group("name")
            entry = _homonym_choice([e for e, _ in self.gaz.lookup(name, ("commune",))], strict=False)
            word = m.group("name").lower()
            common = self.gaz.is_common(word) or self.gaz.is_common(fold(word))
            if entry is not None and self._big_town(entry, True, common, False):
                out.append(Decision(start, end, entry, False))
        return out

    def _short_name(self, surface: str, start: int, exact: list[tuple[Entry, str]]) -> Entry | None:
        """"l'usine de Bonneuil": Bonneuil-sur-Marne, a town much bigger than the hamlets named just Bonneuil."""
        lead = self.gaz.leading(surface)
        near = [e for e in lead if e.department in self._near_departments(start)]
        lead = sorted(near or lead, key=lambda e: -e.population)
        biggest = max([e.population for e, _ in exact] + [1])
        if not lead or lead[0].population < max(MIN_POP["multiword"], 5 * biggest):
            return None
        return lead[0] if len(lead) == 1 or lead[0].population >= 5 * lead[1].population else None

    def _department_after(self, text: str, m: Match, towns: list[Entry]) -> Entry | None:
        """The commune of that name in the department named right after it, in parentheses or after a comma."""
        for pos, code in self._within(getattr(self, "_departments", []), m.end + 1, m.end + 30):
            if DEPARTMENT_AFTER.fullmatch(text, m.end, pos):
                found = [e for e in towns if e.department == code]
                if len(found) == 1:
                    return found[0]
        return None

    def _is_place(self, word: str) -> bool:
        return bool(self.gaz.lookup(word))

    @staticmethod
    def _hyphenated(text: str, decisions: list[Decision]) -> list[Decision]:
        """A name never starts or stops inside a hyphenated word, unless the other part is a place too
        ("Montpellier-Perpignan"): "Grande-Bretagne" is not Bretagne, "Croix-Rouge" not Croix. A name cued as
        an EPCI or a TI takes the rest of the word ("communauté de communes de Decazeville-Aubin")."""
        starts = {d.start for d in decisions}
        ends = {d.end for d in decisions}
        out = []
        for d in decisions:
            tail = HYPHEN_TAIL.match(text, d.end)
            if tail and d.cued and d.entry.kind in ("tdi", "epci"):
                d.end = tail.end()
            elif tail and d.end + 1 not in starts:
                continue
            if GLUED_BEFORE.search(text, max(0, d.start - 2), d.start) and d.start - 1 not in ends:
                continue
            out.append(d)
        return out

    # --- exact candidates -----------------------------------------------------------------------------------
    def _decide(self, text, m: Match, tdi_doc, person_spans, prev_cue) -> Decision | None:
        surface = text[m.start:m.end]
        if not _capitalized(surface) or portfolio(text, m.start):
            return None
        if surface[0].islower() and m.i + 1 in self._match_heads:
            return None  # "la Marne" is the article and the Marne, not the commune La Marne
        left = _left(text, m.start)
        if (RIVER_BEFORE.search(left) or (NAMED_AFTER.search(left) and not TREATY_BEFORE.search(left))
                or STREET_BEFORE.search(left) or FEATURE_BEFORE.search(left)):
            return None  # a treaty holds its place ("l'accord de Paris", as the blind samples read the guide)
        cues = _cue_kinds(left)
        explicit = set(cues)
        if any(e is STOP for e, _ in m.hits) and "commune" not in cues:
            return Decision(m.start, m.end, STOP, True)  # blocks the names inside it
        inherited = self._inherited(text, m.start, prev_cue)
        cues |= inherited
        if cues:
            prev_cue[m.end] = cues
        hits = [(e, mode) for e, mode in m.hits if e is not STOP and (mode != "upper" or surface.isupper())]
        if m.i == m.j and len(surface) <= 5 and surface.isupper() and not _caps_around(text, m.start, m.end):
            hits = [(e, mode) for e, mode in hits if e.kind in ("region", "epci")]  # an acronym ("SOS")
        by_kind: dict[str, list[tuple[Entry, str]]] = {}
        for e, mode in hits:
            by_kind.setdefault(e.kind, []).append((e, mode))
        in_person = person_spans.overlaps(m.start, m.end)
        # "L'Union" is one word, union; the lexicon is accented: hôpital, not hopital
        content = [w.lower() for w in re.findall(r"[^\W\d_]+", surface) if fold(w) not in ARTICLES]
        single = len(content) == 1
        common = single and (self.gaz.is_common(content[0]) or self.gaz.is_common(fold(content[0])))
        if not explicit and TITLE_BEFORE.search(text, max(0, m.start - 40), m.start):
            return None  # "madame Pires Beaune", "M. Didier Paris": a person's name
        if not explicit and name_goes_on(text, m.end, self._is_place):
            return None  # "Paris Match", "Europe 1": a longer name
        if not explicit and surname_after(text, m.start, m.end, self._is_place, self.gaz.is_common):
            return None  # "Aude RASO": a first name
        if not explicit and first_name_before(text, m.start, first_names()):
            return None  # "Clément BEAUNE": a surname
        contracted = _CONTRACTED_BEFORE.search(text, max(0, m.start - 5), m.start)
        if contracted and "commune" in cues:  # "la ville du Port": Le Port, not the village Port
            towns = [e for e, _ in self.gaz.lookup(_CONTRACTED[contracted.group(1).lower()] + surface, ("commune",))]
            entry = _homonym_choice(towns, strict=False)
            if entry is not None:
                prev_cue[m.end] = {"commune"}
                return Decision(m.start, m.end, entry, True)
        # 1. a cue names the kind
        for kind in ("tdi", "region", "department", "epci", "commune"):
            if kind not in cues:
                continue
            if kind == "commune" and common and "commune" not in explicit:
                continue
            entry = self._pick(kind, by_kind[kind], strict=False) if kind in by_kind else None
            if kind == "commune" and single and (entry is None or entry.population < MIN_POP["named_department"]):
                entry = self._short_name(surface, m.start, by_kind.get("commune", [])) or entry
            tail = HYPHEN_TAIL.match(text, m.end) if entry is None and kind == "epci" else None
            starting = self.gaz.starting(text[m.start:tail.end()], kind) if tail else set()
            if tail and len(starting) == 1:  # "la métropole d'Aix-Marseille": Aix-Marseille-Provence, not the EPCI of Aix
                prev_cue[tail.end()] = {kind}
                return Decision(m.start, tail.end(), next(iter(starting)), True)
            if entry is None and kind == "epci" and "commune" in by_kind and not common:
                entry = self._epci_of_town(by_kind["commune"])  # "l'agglomération de Saint-Nazaire"
            if entry:
                prev_cue[m.end] = {kind}
                return Decision(m.start, m.end, entry, True)
        if (AT_CUE.search(left) and "commune" in by_kind and not in_person
                and not ({"region", "department"} & set(by_kind))):
            entry = self._pick("commune", by_kind["commune"], strict=True)
            if entry and not common:
                prev_cue[m.end] = {"commune"}
                return Decision(m.start, m.end, entry, True)
        # 2. no cue: the most likely kind, with gates against common words
        if in_person:
            return None
        sentence_start = bool(SENTENCE_START.search(text[max(0, m.start - 3):m.start]))
        for kind in DEFAULT_ORDER:
            free = [(e, mode) for e, mode in by_kind.get(kind, []) if mode != "cue"]
            if not free:
                continue
            if kind == "region" or kind == "department":
                if common and (sentence_start or not ARTICLE_BEFORE.search(left) or self._compound_before(text, m)):
                    continue
                entry = free[0][0]
                departments = [e for e, _ in by_kind.get("department", []) if e.code in DEPARTMENT_FIRST]
                if kind == "region" and departments:
                    entry = departments[0]  # "à Mayotte": the department
                if kind == "department" and "commune" in by_kind:
                    chef = [e for e, _ in by_kind["commune"] if e.code == entry.chef_lieu]
                    if chef:  # Paris: the commune that is its own department
                        entry = chef[0]
                return Decision(m.start, m.end, entry, False)
            if kind == "epci":
                if common:
                    continue
                return Decision(m.start, m.end, free[0][0], False)
            if kind == "tdi":
                if not tdi_doc or common:
                    continue
                return Decision(m.start, m.end, free[0][0], False)
            if kind == "commune":
                entry = self._pick("commune", free, strict=False)
                if entry and self._big_town(entry, single, common, sentence_start):
                    prev_cue[m.end] = {"commune"}
                    return Decision(m.start, m.end, entry, False)
                continue
            if kind == "country" and not (free[0][0].code == "FR" and self._org_name(text, m)) and not (
                    self._expansions.overlaps(m.start, m.end)):  # "GRDF (Gaz réseau distribution France)"
                return Decision(m.start, m.end, free[0][0], False)
        return None

    def _inherited(self, text: str, start: int, prev_cue: dict[int, set[str]]) -> set[str]:
        """Kinds cued for the previous item of a list ("les régions Sud, Grand Est et Occitanie")."""
        for end, kinds in prev_cue.items():
            if end < start and start - end < 40 and LIST_SEP.fullmatch(strip_accents(text[end:start]).lower()):
                return kinds
        return set()

    @staticmethod
    def _compound_before(text: str, m: Match) -> bool:
        """"Corée du Nord", "Afrique du Sud": a capitalized word then du/de la just before."""
        return bool(re.search(r"[^\W\d_]*[A-ZÀ-Ý][\w-]*\s+(?:du|de la|de l')\s*$", text[max(0, m.start - 40):m.start]))

    def _epci_of_town(self, hits: list[tuple[Entry, str]]) -> Entry | None:
        town = _homonym_choice([e for e, _ in hits], strict=False)
        return self.gaz.entries.get(f"epci:{town.epci}") if town and town.epci else None

    def _pick(self, kind: str, hits: list[tuple[Entry, str]], strict: bool) -> Entry | None:
        entries = [e for e, _ in hits]
        if kind == "commune":
            return _homonym_choice(entries, strict)
        current = [e for e in entries if e.current and (e.region or kind == "region")]
        return (current or entries)[0]

    @staticmethod
    def _big_town(e: Entry, single: bool, common: bool, sentence_start: bool) -> bool:
        if not single:
            return e.population >= MIN_POP["multiword"]
        if common:
            return e.population >= MIN_POP["common"] and (not sentence_start or e.population >= MIN_POP["anywhere"])
        return e.population >= MIN_POP["word"]

    @staticmethod
    def _org_name(text: str, m: Match) -> bool:
        """"Business France", "Régions de France", "France Industrie": France inside an organisation's name."""
        heading = text[m.start:m.end].isupper()  # "AIDE DE LA FRANCE À L'UKRAINE": capitals say nothing
        after = re.match(r"[ \t]+([^\W\d_][\w'-]*)", text[m.end:m.end + 40])
        if after and after.group(1)[0].isupper() and not (heading and fold(after.group(1)) in FUNCTION_WORDS):
            return True
        head = re.search(r"([^\W\d_]+)\s+de\s+$", text[max(0, m.start - 30):m.start], re.IGNORECASE)
        if head and fold(head.group(1)) in FRANCE_NAME_HEADS:
            return True  # "le stade de France", "la Banque de France"
        # Walk back over the noun phrase: de/la/des..., at most one lowercase word ("l'Assemblée des communautés
        # de France"); a capitalized word there that does not start the sentence makes it a name.
        before = text[max(0, m.start - 80):m.start]
        before = before[before.rfind("\n") + 1:]  # a heading or a speaker's line before is not part of the name
        lowercase = skipped = 0
        for tok in reversed(list(re.finditer(r"[^\W\d_]+|[^\w\s']", before))):
            w = tok.group()
            if not w[0].isalpha():
                return False
            if fold(w) in NAME_LINKS:
                skipped += 1
                continue
            if fold(w) in FUNCTION_WORDS or fold(w) in COORDINATION_WORDS:
                return False  # "l'Allemagne et la France": a coordination, not a name
            if w[0].isupper() and not skipped and not lowercase:
                return True  # "Oxfam France", "Business France", even at the start of a sentence
            if w[0].isupper() and not (heading and w.isupper()):
                sentence_start = (SENTENCE_START.search(before[max(0, tok.start() - 3):tok.start()])
                                  and not GLUED_BEFORE.search(before[:tok.start()]))  # "Samu-Urgences de France"
                if fold(w) in COMPASS_WORDS:
                    return False  # "l'Est de la France", "le Sud-Ouest de la France": a part of the country
                return not sentence_start and not (w.isupper() and len(w) <= 4)
            lowercase += 1
            if lowercase > 1:
                return False
        return False

    # --- names after a cue that the exact scan missed --------------------------------------------------------
    def _cued_phrases(self, text: str, toks, decisions: list[Decision]) -> list[Decision]:
        out = []
        decided = {d.start for d in decisions}
        for n, (_, s, _) in enumerate(toks):
            if not text[s].isupper() or s in decided:
                continue
            left = _left(text, s)
            cues = {kind for kind, rx in PHRASE_CUES.items() if rx.search(left)}
            if not cues:
                continue
            phrase_end = self._phrase_end(text, toks, n)
            phrase = text[s:phrase_end]
            for kind in ("tdi", "epci", "commune"):
                if kind not in cues:
                    continue
                d = self._resolve(text, toks, n, phrase, phrase_end, kind)
                if d:
                    out.append(d)
                    break
        return out

    @staticmethod
    def _phrase_end(text: str, toks, n: int, max_words: int = 8) -> int:
        end = toks[n][2]
        for k in range(n + 1, min(len(toks), n + max_words)):
            if not GAP_RE.fullmatch(text, toks[k - 1][2], toks[k][1]):
                break
            raw = text[toks[k][1]:toks[k][2]]
            if raw[0].isupper() or raw[0].isdigit():
                end = toks[k][2]
            elif toks[k][0] not in PHRASE_LINKS:
                break
        return end

    def _resolve(self, text, toks, n, phrase, phrase_end, kind) -> Decision | None:
        ws = place_words(phrase)
        # fuzzy matching only for names of several words: one word is too close to too many others
        entry = self.gaz.fuzzy(phrase, kind, self.fuzzy_cutoff) if len(ws) > 1 else None
        if entry is None and kind == "epci":
            # "l'agglomération de Chalon-sur-Saône": the EPCI of that town
            towns = self.gaz.lookup(phrase, ("commune",))
            if towns:
                entry = self._epci_of_town(towns)
            else:
                town = self.gaz.fuzzy(phrase, "commune", TOWN_FUZZY_CUTOFF)
                entry = self.gaz.entries.get(f"epci:{town.epci}") if town and town.epci else None
        if entry is None and kind == "epci" and len(ws) > 1:
            # "la métropole d'Aix-Marseille": the start of one EPCI's name, not the EPCI of the town Aix
            starting = self.gaz.starting(phrase, kind)
            entry = next(iter(starting)) if len(starting) == 1 else None
        if entry is None and kind == "commune" and len(ws) == 1:
            # "le collège d'Herblay": Herblay-sur-Seine, the only commune (or the only one of a department named
            # nearby) whose name starts with that word and a link word
            lead = self.gaz.leading(phrase)
            near = [e for e in lead if e.department in self._near_departments(toks[n][1])]
            entry = (near or lead)[0] if len(near or lead) == 1 else None
        # "communauté de communes de Decazeville-Aubin": the longest leading part of a hyphenated name
        for cut in range(len(ws) - 1, 0, -1):
            if entry is not None:
                break
            if not phrase.startswith("-", ws[cut - 1][2]):
                continue
            hits = self.gaz.lookup(phrase[:ws[cut - 1][2]], (kind, "commune") if kind == "epci" else (kind,))
            found = [e for e, _ in hits if e.kind == kind]
            if found:
                entry = found[0]
            elif kind == "epci":
                entry = self._epci_of_town([(e, m) for e, m in hits if e.kind == "commune"])
        return Decision(toks[n][1], phrase_end, entry, True) if entry else None

    # --- overlaps -------------------------------------------------------------------------------------------
    @staticmethod
    def _select(decisions: list[Decision]) -> list[Decision]:
        """Non-overlapping decisions: cued before uncued, then the longest."""
        chosen: list[Decision] = []
        for d in sorted(decisions, key=lambda d: (not d.cued, -(d.end - d.start), d.start)):
            if all(d.end <= c.start or c.end <= d.start for c in chosen):
                chosen.append(d)
        return sorted(chosen, key=lambda d: d.start)


def _common_word_test(nlp: Language):
    """A word is common if spaCy's French lemma tables know it (nouns, verbs, adjectives, adverbs)."""
    try:
        lookups = cast(Lemmatizer, nlp.get_pipe("lemmatizer")).lookups
        index = lookups.get_table("lemma_index")
        lexicon = set()
        for k in index.keys():
            lexicon.update(index[k])
        lookup = lookups.get_table("lemma_lookup")
    except (KeyError, ValueError, AttributeError):
        return lambda w: False
    return lambda w: w in lexicon or w in lookup


_OTHER = _TUNABLES["other_places"]
_OTHER["names"] = _OTHER["names"] + [f"{n} {q}" for n in _OTHER["qualified"] for q in _OTHER["qualifiers"]]
_OTHER_RE = re.compile(first_chars(_OTHER["names"]) + r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in sorted(_OTHER["names"], key=len, reverse=True))
                       + r")(?![\w'’-])")
_OTHER_UPPER_RE = re.compile(first_chars([n.upper() for n in _OTHER["names"]]) + r"(?<![\w-])(?:" + "|".join(re.escape(n.upper()) for n in sorted(_OTHER["names"], key=len,
                                                                                              reverse=True))
                             + r")(?![\w'’-])")  # in a heading: "DROITS DES FONCTIONNAIRES EN POLYNÉSIE"
_FAMILY_BEFORE = re.compile(r"(?<![\w])les\s+$", re.I)  # "les Kouachi": a family, not a place
_NOT_PLACE = {fold(w) for w in _OTHER["ner_not_place"]}
_PEOPLE_NAME = re.compile(r"(?:ais|aises|ois|oises|ien|ienne|iens|iennes|ens|ands|andes|ains|aines|ins|ols|oles|ques|es)$")
_ARTICLE = re.compile(r"^(?:l['’]|la |le |les )", re.I)
# a NER place after a preposition or in a list ("à Berlin", "d'Amilly", "Paris et Berlin"), not followed by a
# lowercase word of its name ("Pôle emploi", "Trésor public")
_PLACE_BEFORE = re.compile(r"(?:(?<![\w])(?:à|a|en|de|d|du|des|au|aux|vers|entre|et|ou|depuis|dans|par|pour|sur)\s*['’]?"
                           r"|,|(?<![\w])(?:ou|et) (?:encore|aussi|enfin))\s*(?:l['’]|la\s+|le\s+|les\s+)?$", re.I)
_NAME_AFTER = re.compile(r"[ -](?!(?:et|ou|de|d|l|du|des|en|à|au|aux|pour|par|sur|dans|qui|que|a|est|sont|ont|se|ne|y|où|"
                         r"comme|avec|mais|ni|puis|était|sera|avait)\b)[a-zà-ÿ]")
# "à Vienne hier soir": a time after a town named with a bare preposition, not a longer name ("du Scaf hier" is)
_TIME_AFTER = re.compile(r"[ ](?:hier|demain|aujourd|ce|cet|cette|ces|depuis|pendant|lors|dès|lundi|mardi|mercredi"
                         r"|jeudi|vendredi|samedi|dimanche|matin|soir)\b")
# "canal Seine-Nord Europe": inside a name; not "La Nouvelle-Calédonie", "En Polynésie" (an article, a preposition)
_NAME_BEFORE = re.compile(r"(?<![\w'’])(?!(?:La|Le|Les|L|En|Et|De|Des|Du|Au|Aux|À|Dans|Pour|Sur|Par|Vers|Entre)[ ])"
                          r"[A-ZÀ-Þ][\w-]*[ ]$")


def _people(text: str, start: int, name: str, taken: Ranges) -> bool:
    """A people's name ("les Ukrainiens", "des Belges"); a name ending in a bare "-es" right after a preposition
    with no article ("de Bruxelles", "entre Londres", "pour Bruxelles"), or after a place and "et"/"ou" ("Londres
    et Bruxelles"), is a place."""
    m = _PEOPLE_NAME.search(name)
    if m is None:
        return False
    if m.group() != "es":
        return True
    if _BARE_PREPOSITION.search(text, max(0, start - 12), start):
        return False
    listed = _AFTER_PLACE.search(text, max(0, start - 6), start)
    return not (listed and taken.overlaps(listed.start() - 1, listed.start()))


_AFTER_PLACE = re.compile(r"(?:\s+(?:et|ou)\s+|,\s*)$")


def _unplaced_list(text: str, start: int, taken: Ranges) -> bool:
    """A name cued only by a list comma whose item before is no place found ("Raharianne, Anchaing, Cimendef",
    names of people; "chers amis,\n\nVenir à votre rencontre"): not a place. "Paris, Berlin" keeps Berlin, and
    a list a place noun opens keeps its items ("quatre communes – Choranche, Châtelus")."""
    before = text[max(0, start - 12):start]
    cue = _PLACE_BEFORE.search(before)
    if cue is None or "," not in cue.group():
        return False                     # a preposition or "et"/"ou" cues it, not a comma
    comma = start - len(before) + cue.start() + cue.group().index(",")
    end = len(text[:comma].rstrip())
    return not taken.overlaps(end - 1, end) and not _opened_list(text, start)


_LIST_OPENER = re.compile(_OTHER["list_opener"])
_LIST_ITEMS = re.compile(r"(?:[A-ZÀ-Þ][\w'’-]*(?:\s+(?:(?:de|du|des|la|le|les|sur|en)\s+|[dl]['’])?[A-ZÀ-Þ][\w'’-]*)*"
                         r"\s*(?:,|\bet\b|\bou\b)\s*)*")


def _opened_list(text: str, start: int) -> bool:
    """A name that opens a list after a plural place noun and a dash, colon or parenthesis ("quatre communes –
    Choranche"), or that follows such an opening with only capitalized list items between."""
    left = _left(text, start, 200)
    return any(_LIST_ITEMS.fullmatch(text, start - len(left) + m.end(), start) for m in _LIST_OPENER.finditer(left))


def _common_word_place(gaz: Gazetteer, name: str) -> Entry | None:
    """A department or region named by a common word ("Gironde"), or the only commune of that name big enough."""
    hits = [e for e, _ in gaz.lookup(name) if e is not STOP]
    for kind in ("region", "department"):
        found = [e for e in hits if e.kind == kind and e.current]
        if found:
            return found[0]
    towns = [e for e in hits if e.kind == "commune" and e.population >= MIN_POP["ner_common"]]
    return towns[0] if len(towns) == 1 else None


_BARE_PREPOSITION = re.compile(r"(?<![\w])(?:à|a|de|d['’]|depuis|vers|jusqu'à|entre|pour|sur|par)\s*$", re.I)
_CUE_WORDS = re.compile(r"^(?:" + "|".join(re.escape(w) for w in _OTHER["ner_cue_words"]) + r")\s+(?:de\s+|d['’]|du\s+)",
                        re.I)
_EVENT = re.compile(r"^(?:" + "|".join(re.escape(w) for w in _OTHER["event_heads"]) + r")\s+(?:de\s+|d['’])"
                    r"(?P<name>[A-ZÀ-Þ][a-zà-ÿ][\w'’-]*(?:[ -][A-ZÀ-Þ][a-zà-ÿ][\w'’-]*)?)$", re.I)
_CONTRACTED = {"des": "Les ", "aux": "Les ", "du": "Le ", "au": "Le "}  # "des Sables-d'Olonne": Les Sables-d'Olonne
_CONTRACTED_BEFORE = re.compile(r"(?<![\w])(des|aux|du|au)\s+$", re.I)


def _ner_places(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of the stock NER's places, a cue word left out ("l'oblast de Tchernihiv"), and of the places
    that events are named after ("la conférence de Lugano": the NER's MISC span)."""
    out = []
    for e in doc.ents:
        if e.label_ in ("LOC", "GPE"):
            start = e.start_char + (len(a.group()) if (a := _ARTICLE.match(e.text)) else 0)
            cue = _CUE_WORDS.match(e.text[start - e.start_char:])
            out.append((start + (cue.end() if cue else 0), e.end_char))
        elif e.label_ == "MISC" and (m := _EVENT.match(e.text)) and not m.group("name").isupper():
            out.append((e.start_char + m.start("name"), e.end_char))
    return out


def _named_after(text: str, start: int) -> bool:
    left = _left(text, start)
    return bool(NAMED_AFTER.search(left) or STREET_BEFORE.search(left) or FEATURE_BEFORE.search(left)
                or RIVER_BEFORE.search(left))  # "la vallée de la Roya": the river's valley


def _speaker(text: str, name: str) -> bool:
    """The first name of a speaker's line in capitals ("AXELLE CARLIER, PRATICIENNE ..."): a person, not a place."""
    return bool(re.search(rf"(?m)^[ \t]*{re.escape(name.upper())}[ \t]+[A-ZÀ-Þ][A-ZÀ-Þ'’-]+\b", text))


def _short_town(name: str, start: int, towns: list[Entry], short_name) -> Entry | None:
    """A commune by the start of its name: one the document names in full ("Conflans-Sainte-Honorine ... à
    Conflans"), else the only big commune so named ("à Herblay": Herblay-sur-Seine)."""
    named = {e.code: e for e in towns if fold(e.name).startswith(fold(name) + "-")}
    if len(named) == 1:
        return next(iter(named.values()))
    return short_name(name, start, []) if short_name and not named else None


def other_places(doc: Doc, taken: Ranges, gaz: Gazetteer, departments: set, towns: Sequence[Entry] = (),
                 short_name=None) -> list[tuple[int, int, str, Entry | None]]:
    """Places the linker left: the listed continents and world regions, and the stock NER's LOC spans that name a
    place (not a people, an acronym or a body): a small commune of that name (the only one, or the one in a
    department the document names: "les supermarchés d'Amilly"), else a place without id. (start, end, name,
    entry or None), article left out."""
    text = text_of(doc)
    out: list[tuple[int, int, str, Entry | None]] = []
    is_place = lambda w: bool(gaz.lookup(w)) or bool(_OTHER_RE.fullmatch(w))  # noqa: E731
    listed = [m for m in _OTHER_RE.finditer(text)]
    listed += [m for m in _OTHER_UPPER_RE.finditer(text) if _caps_around(text, m.start(), m.end())]
    for m in listed:
        heading = m.group().isupper()
        left = _left(text, m.start())
        if (not taken.overlaps(m.start(), m.end()) and not portfolio(text, m.start())
                and (TREATY_BEFORE.search(left) or not _named_after(text, m.start()))
                and (heading or not _NAME_BEFORE.search(text, max(0, m.start() - 40), m.start()))
                and not name_goes_on(text, m.end(), is_place)):
            out.append((m.start(), m.end(), m.group(), None))
            taken.add(m.start(), m.end())
    spelled_out = acronyms(text)[0]
    for start, end_char in _ner_places(doc):
        name = text[start:end_char].strip()
        words = name.split()
        tok = doc.char_span(start, end_char, alignment_mode="expand")
        verb_after = tok is not None and tok.end < len(doc) and doc[tok.end].pos_ in ("VERB", "AUX")  # "fuient"
        if (not name or taken.overlaps(start, end_char) or not name[0].isupper() or len(words) > 3
                or surname_after(text, start, end_char, is_place, gaz.is_common)
                or any(fold(w) in _NOT_PLACE for w in words) or (name.isupper() and len(name) > 1)
                or (_people(text, start, name, taken)  # "Vienne" (a department) is no people; "de Sens" may be
                    and not any(e.kind in ("department", "region") for e, _ in gaz.lookup(name)))
                or not re.fullmatch(r"[\w'’ -]+", name) or _speaker(text, name)
                or not (_PLACE_BEFORE.search(text, max(0, start - 12), start) or _opened_list(text, start))
                or _named_after(text, start)
                or _unplaced_list(text, start, taken)
                or (_NAME_AFTER.match(text, end_char) and not verb_after
                    and not (_TIME_AFTER.match(text, end_char) and _BARE_PREPOSITION.search(text, max(0, start - 12),
                                                                                          start)))):
            continue
        if any(sum(c.isupper() for c in w) > 1 + w.count("-") for w in words) or fold(name).endswith("france"):
            continue              # "AdCF", "Bpifrance": bodies
        if len(words) == 1 and (gaz.is_common(name.lower()) or gaz.is_common(fold(name))):
            known = _common_word_place(gaz, name)
            if known is not None:  # "venus de Gironde", "à Vichy": a department, or a big town, the NER saw
                out.append((start, start + len(name), name, known))
                taken.add(start, start + len(name))
            continue              # "de Plan", "de Signes": common words
        content = [w for w in re.findall(r"[^\W\d_]+", name) if fold(w) not in FUNCTION_WORDS]
        if len(content) > 1 and all(gaz.is_common(w.lower()) for w in content):
            continue              # "le Bout du Monde": a name made of common words (a festival, a place-name)
        if len(words) > 1 and gaz.lookup(words[0]) or name_goes_on(text, start + len(name), is_place):
            continue              # "Lyon Mag", "Europe 1": a longer name the linker left
        if fold(name) in spelled_out or portfolio(text, start) or (_FAMILY_BEFORE.search(text, max(0, start - 6), start)
                                         and not name.endswith(("s", "x"))):
            continue              # "l'Anssi (Agence nationale ...)": an acronym; "les Kouachi": a family
        communes = {en.code: en for en, _ in gaz.lookup(name, ("commune",))}
        contracted = _CONTRACTED_BEFORE.search(text, max(0, start - 5), start)
        if not communes and contracted:  # "les maires des Sables-d'Olonne"
            communes = {en.code: en for en, _ in gaz.lookup(_CONTRACTED[contracted.group(1).lower()] + name,
                                                            ("commune",))}
        if len(communes) > 1:
            near = {c: en for c, en in communes.items() if en.department in departments}
            big = _homonym_choice(list(communes.values()), strict=False)  # "la bataille de Verdun": the town
            communes = near or ({big.code: big} if big and big.population >= MIN_POP["multiword"] else {})
        town = _short_town(name, start, list(towns), short_name) if not communes and len(words) == 1 else None
        if town is not None:
            communes = {town.code: town}
        out.append((start, start + len(name), name, next(iter(communes.values())) if len(communes) == 1 else None))
        taken.add(start, start + len(name))
    return out


_ABROAD_GAP = re.compile(r"\s*(?:,\s*(?:en|au|aux)\s+|\(\s*)(?:l['’])?")
_FRENCH_KINDS = ("commune", "department", "region", "epci", "tdi")


def _abroad(doc: Doc) -> None:
    """A French homonym followed by a foreign country ("à Vienne, en Autriche", "Valence (Espagne)") is the foreign
    place, without an id, and so is every other mention of that name in the document."""
    text = text_of(doc)
    places = sorted((f for f in doc.spans.get("facts", []) if f.label_ == LABEL), key=lambda f: f.start_char)
    foreign = set()
    for f, g in zip(places, places[1:]):
        value = g._.value or {}
        if ((f._.value or {}).get("kind") in _FRENCH_KINDS and value.get("kind") == "country"
                and value.get("code") != "FR" and _ABROAD_GAP.fullmatch(text, f.end_char, g.start_char)):
            foreign.add(f.text)
    for f in places:
        if f.text in foreign and (f._.value or {}).get("kind") in _FRENCH_KINDS:
            f._.value = {"name": f.text, "kind": "place", "code": None, "region": None}
            f._.entity_id = None


@Language.factory(FACTORY, default_config={"fuzzy_cutoff": FUZZY_CUTOFF}, assigns=["doc.spans"], requires=["doc.ents"])
def make_territories(nlp: Language, name: str, fuzzy_cutoff: float):
    lexicon_id = f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}"
    linker = TerritoryLinker(load_gazetteer(_common_word_test(nlp), lexicon_id), fuzzy_cutoff)

    def territories(doc: Doc) -> Doc:
        people = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PER"]
        taken = Ranges()
        for d in linker.link(text_of(doc), people):
            span = doc.char_span(d.start, d.end, label=LABEL, alignment_mode="expand")
            if span is not None:
                add_fact(doc, span, d.entry.value(), d.entry.id)
                taken.add(d.start, d.end)
        depts = {(f._.value or {}).get("code") if (f._.value or {}).get("kind") == "department"
                 else None for f in doc.spans.get("facts", []) if f.label_ == LABEL}
        codes = [(f._.value or {}).get("code") for f in doc.spans.get("facts", []) if f.label_ == LABEL
                 and (f._.value or {}).get("kind") == "commune"]
        towns = [e for c in codes if c and (e := linker.gaz.entries.get(f"commune:{c}")) is not None]
        for start, end, name, entry in other_places(doc, taken, linker.gaz, depts, towns, linker._short_name):
            span = doc.char_span(start, end, label=LABEL, alignment_mode="expand")
            if span is None:
                continue
            if entry is not None:
                add_fact(doc, span, entry.value(), entry.id)
            else:
                add_fact(doc, span, {"name": name, "kind": "place", "code": None, "region": None}, None)
        _abroad(doc)
        return doc

    return territories
