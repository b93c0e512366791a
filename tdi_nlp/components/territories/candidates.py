"""Candidate generation for places: the gazetteer of ``resources/geo`` and an exact, accent- and hyphen-blind scan.

Kept apart from the linking decisions (``component.py``), as scispacy keeps its CandidateGenerator apart from
its EntityLinker: this module only says "these words may name these entries"; the linker reads the context.
"""
from __future__ import annotations

import csv
import gzip
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

from rapidfuzz import fuzz, process

from ...config import RESOURCES_DIR
from ...text_utils import word_spans

GEO_DIR = RESOURCES_DIR / "geo"
# What may separate two words of one name: spaces (one line break at most), hyphens, dashes, apostrophes.
GAP_RE = re.compile(r"[ \t\-\u2010\u2011\u2013\u2014'\u2019]*\n?[ \t\-\u2010\u2011\u2013\u2014'\u2019]*")


@lru_cache(maxsize=1)
def load_tunables() -> dict:
    """resources/geo/linking.toml: word lists, thresholds and cutoffs of candidate generation and linking."""
    return tomllib.loads((GEO_DIR / "linking.toml").read_text(encoding="utf-8"))


def pattern_text(pattern: str | list[str]) -> str:
    """A regular expression of linking.toml: a string, or a list of parts joined as written."""
    return pattern if isinstance(pattern, str) else "".join(pattern)


WORD_FIX = dict(load_tunables()["word_fix"])
GAZETTEER_FUZZY_CUTOFF = float(load_tunables()["gazetteer_fuzzy_cutoff"])
# Words that join a commune's first word to the rest of its name ("Herblay-sur-Seine", "Sillé-le-Guillaume").
LEADING_LINKS = {"sur", "sous", "en", "les", "lès", "lez", "le", "la", "de", "du", "des", "aux", "au", "d", "l"}


def place_words(text: str) -> list[tuple[str, int, int]]:
    """(folded word, start, end) for every word of text, common OCR and abbreviated forms spelled out."""
    return [(WORD_FIX.get(w, w), s, e) for w, s, e in word_spans(text)]


def key(name: str) -> tuple[str, ...]:
    return tuple(w for w, _, _ in place_words(name))


@dataclass(frozen=True)
class Entry:
    id: str
    kind: str
    name: str
    code: str
    region: str | None = None
    department: str | None = None
    population: int = 0
    epci: str | None = None  # communes: the SIREN of their EPCI
    current: bool = True  # regions: False for the regions merged in 2016
    chef_lieu: str | None = None  # departments: INSEE code of the prefecture

    def value(self) -> dict:
        return {"name": self.name, "kind": self.kind, "code": self.code, "region": self.region}


STOP = Entry("stop", "stop", "", "")


@dataclass
class Match:
    i: int  # first word index
    j: int  # last word index (inclusive)
    start: int
    end: int
    hits: list[tuple[Entry, str]]  # (entry, mode) with mode free|cue|upper


def _rows(path: Path):
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as f:
        lines = [line for line in f if not line.startswith("#")]
    return csv.DictReader(lines, delimiter="\t")


def _split(s: str | None) -> list[str]:
    return [x for x in (s or "").split("|") if x]


class Gazetteer:
    def __init__(self, is_common: Callable[[str], bool] = lambda w: False):
        self.is_common = is_common
        self.entries: dict[str, Entry] = {}
        self.index: dict[tuple, list[tuple[Entry, str]]] = {}
        self.prefixes: set[tuple] = set()
        self.max_len = 1
        self._fuzzy: dict[str, tuple[list[str], list[Entry]]] = {}
        self._leading: dict[tuple, list[Entry]] = {}
        self._starting: dict[str, dict[tuple, set[Entry]]] = {}

    # --- building -------------------------------------------------------------------------------------------
    def add(self, alias: str, entry: Entry, mode: str = "free") -> None:
        k = key(alias)
        if not k:
            return
        hits = self.index.setdefault(k, [])
        for n, (e, m) in enumerate(hits):
            if e.id == entry.id:
                if m != "free" and mode == "free":
                    hits[n] = (e, mode)
                return
        hits.append((entry, mode))
        self.max_len = max(self.max_len, len(k))
        for n in range(1, len(k) + 1):
            self.prefixes.add(k[:n])

    def _alias_mode(self, alias: str) -> str:
        k = key(alias)
        return "cue" if len(k) == 1 and self.is_common(k[0]) else "free"

    @classmethod
    def load(cls, folder: Path = GEO_DIR, is_common: Callable[[str], bool] = lambda w: False) -> "Gazetteer":
        g = cls(is_common)
        for r in _rows(folder / "regions.tsv"):
            e = Entry(f"region:{r['code']}", "region", r["name"], r["code"], r["successor"] or r["code"],
                      current=r["status"] == "current")
            g._put(e, [r["name"]], _split(r["aliases"]))
        for r in _rows(folder / "departments.tsv"):
            e = Entry(f"department:{r['code']}", "department", r["name"], r["code"], r["region"], r["code"],
                      chef_lieu=r["chef_lieu"])
            g._put(e, [r["name"]], _split(r["aliases"]))
        for r in _rows(folder / "communes.tsv.gz"):
            e = Entry(f"commune:{r['code']}", "commune", r["name"], r["code"], r["region"], r["department"],
                      int(r["population"] or 0), r["epci"] or None)
            g._put(e, [r["name"]], [])
        places = set(g.index)  # names of regions, departments and communes
        for r in _rows(folder / "epci.tsv.gz"):
            e = Entry(f"epci:{r['siren']}", "epci", r["name"], r["siren"], r["region"] or None,
                      r["department"] or None)
            free = [a for a in _split(r["aliases"]) if key(a) not in places]
            cued = _split(r["cue_aliases"]) + [a for a in _split(r["aliases"]) if key(a) in places]
            g._put(e, [r["name"]], free, cued)
        for r in _rows(folder / "tdi.tsv"):
            e = Entry(f"tdi:{r['id']}", "tdi", r["name"], r["id"], r["region"])
            g._put(e, [r["name"]], _split(r["aliases"]) + ([r["name_2020"]] if r["name_2020"] else []))
        country = Entry("country:FR", "country", "France", "FR")
        g.entries[country.id] = country
        # foreign countries; a name that is also a French place stays French, unless that place is only a small
        # commune ("la Suisse", not Suisse in Moselle): then both are candidates and the linker weighs them
        small = int(load_tunables()["min_population"]["country_homonym"])
        for r in _rows(folder / "countries.tsv"):
            e = Entry(f"country:{r['code']}", "country", r["name"], r["code"])
            g.entries[e.id] = e
            for alias in [r["name"], *_split(r["aliases"])]:
                if key(alias) not in places or all(h.kind == "commune" and h.population < small
                                                   for h, _ in g.index[key(alias)]):
                    g.add(alias, e, "free")
        for r in _rows(folder / "manual_aliases.tsv"):
            if r["mode"] == "stop":  # not a place unless cued: "Matignon" (the PM's office), "France insoumise"
                g.add(r["alias"], STOP, "stop")
                continue
            known = g.entries.get(r["entity_id"])
            if known is not None:
                g.add(r["alias"], known, r["mode"])
        return g

    def _put(self, e: Entry, names: list[str], aliases: list[str], cued: Sequence[str] = ()) -> None:
        self.entries[e.id] = e
        for n in names:
            self.add(n, e, "free")
        for a in aliases:
            self.add(a, e, self._alias_mode(a))
        for a in cued:
            self.add(a, e, "cue")

    # --- lookup ---------------------------------------------------------------------------------------------
    def scan(self, text: str, toks: list[tuple[str, int, int]] | None = None) -> list[Match]:
        """Every gazetteer name found in text (all lengths, overlapping)."""
        toks = toks if toks is not None else place_words(text)
        out = []
        n = len(toks)
        for i in range(n):
            k: tuple = ()
            for j in range(i, min(n, i + self.max_len)):
                if j > i and not GAP_RE.fullmatch(text, toks[j - 1][2], toks[j][1]):
                    break
                k = k + (toks[j][0],)
                if k not in self.prefixes:
                    break
                hits = self.index.get(k)
                if hits:
                    out.append(Match(i, j, toks[i][1], toks[j][2], hits))
        return out

    def lookup(self, name: str, kinds: tuple[str, ...] | None = None) -> list[tuple[Entry, str]]:
        """The places named name (of those kinds; None: every kind), stop aliases left out."""
        return [(e, m) for e, m in self.index.get(key(name), [])
                if e is not STOP and (kinds is None or e.kind in kinds)]

    def leading(self, name: str) -> list[Entry]:
        """Communes whose name starts with name then a link word: "Herblay" -> Herblay-sur-Seine."""
        if not self._leading:
            for k, hits in self.index.items():
                if len(k) > 2 and k[1] in LEADING_LINKS:
                    self._leading.setdefault(k[:1], []).extend(e for e, _ in hits if e.kind == "commune")
        return self._leading.get(key(name), [])

    def starting(self, name: str, kind: str) -> set[Entry]:
        """Places of that kind whose name or alias starts with name's two words or more: "Aix-Marseille" ->
        the Métropole d'Aix-Marseille-Provence."""
        if kind not in self._starting:
            heads: dict[tuple, set[Entry]] = {}
            for k, hits in self.index.items():
                for cut in range(2, len(k)):
                    heads.setdefault(k[:cut], set()).update(e for e, _ in hits if e is not STOP and e.kind == kind)
            self._starting[kind] = heads
        k = key(name)
        return self._starting[kind].get(k, set()) if len(k) >= 2 else set()

    def fuzzy(self, name: str, kind: str, cutoff: float = GAZETTEER_FUZZY_CUTOFF) -> Entry | None:
        """The entry of that kind whose name or alias is closest to name, if close and not ambiguous."""
        if kind not in self._fuzzy:
            choices, owners = [], []
            for k, hits in self.index.items():
                for e, _ in hits:
                    if e.kind == kind:
                        choices.append(" ".join(k))
                        owners.append(e)
            self._fuzzy[kind] = (choices, owners)
        choices, owners = self._fuzzy[kind]
        query = " ".join(key(name))
        found = process.extract(query, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=5)
        if not found:
            return None
        best = found[0][1]
        rivals = {owners[i].id for _, s, i in found if s >= best - 0.01}
        if len(rivals) > 1:
            tied = sorted((owners[i] for _, s, i in found if s >= best - 0.01), key=lambda e: -e.population)
            if tied[0].population < 5 * max(1, tied[1].population):
                return None
            return tied[0]
        return owners[found[0][2]]


_CACHE: dict[tuple, Gazetteer] = {}


def load_gazetteer(is_common: Callable[[str], bool] | None = None, lexicon_id: str = "",
                   folder: Path = GEO_DIR) -> Gazetteer:
    """The gazetteer, loaded once per process for a given common-word lexicon (lexicon_id names it)."""
    k = (str(folder), lexicon_id if is_common else "")
    if k not in _CACHE:
        _CACHE[k] = Gazetteer.load(folder, is_common or (lambda w: False))
    return _CACHE[k]
