"""Resolution half of person linking: the reference tables and the lookups on them.

Candidates (names, titles) are found by ``candidates``; this module says who they are, at a date:
- ``PeopleKB.find_name`` / ``find_surname``: a written name to a person id ("person:<slug>");
- ``PeopleKB.resolve_title``: "secrétaire d'État auprès du ministre de l'économie" at a date to its holder;
- ``PeopleKB.describe``: the facts of a person at a date (office, government, deputy seat, group...);
- ``link_author`` / ``link_ministry``: metadata helpers (AN acteurRef, AN "ministère interrogé" label).
Tables are built by ``python -m tdi_nlp.scripts.build_people`` into ``resources/people/``.
"""
from __future__ import annotations

import csv
import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ...config import RESOURCES_DIR
from ...text_utils import fold, words

PEOPLE_DIR = RESOURCES_DIR / "people"


@lru_cache(maxsize=1)
def load_titles() -> dict:
    """resources/people/titles.toml: stop words, kinds and scores of office-title resolution."""
    return tomllib.loads((PEOPLE_DIR / "titles.toml").read_text(encoding="utf-8"))


STOP = set(load_titles()["stop_words"])
SCORE = load_titles()["score"]
FAR_FUTURE = "9999-12-31"


def _read(name: str) -> list[dict]:
    path = PEOPLE_DIR / name
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def active(row: dict, date: str | None) -> bool:
    if not date:
        return False
    return (row.get("start") or "0000") <= date <= (row.get("end") or FAR_FUTURE)


# ---------------------------------------------------------------- titles

_HEAD = re.compile(
    r"^(?P<head>premier ministre|premiere ministre|secretaire d'etat|haut[- ]commissaire|garde des sceaux"
    r"|ministre d'etat|ministre delegue(?:e)?|ministre|porte-parole du gouvernement)\b[ ,]*")
_CHARGE = re.compile(r",?\s*\bcharge(?:e)?s?\b\s*")
_AUPRES = re.compile(r"\bapres\b|\baupres\b")


@dataclass(frozen=True)
class TitleParts:
    kind: str            # PM, SE, MD, M, HC
    own: frozenset       # own portfolio words ("economie", "finances")
    aupres: frozenset    # words of the minister it is attached to
    charge: frozenset    # words after "chargé(e) de"

    def all_words(self) -> frozenset:
        return self.own | self.aupres | self.charge


def _content(text: str) -> frozenset:
    return frozenset(w.rstrip("'") for w in words(text) if w not in STOP and len(w.rstrip("'")) > 1)


def parse_title(title: str) -> TitleParts:
    """Split a French government title into its kind and its portfolio parts."""
    t = fold(title).replace("’", "'")
    t = re.sub(r"^(?:m\.|mme|monsieur|madame)\s+", "", t)
    t = re.sub(r"^(?:le|la|l'|du|au|notre|votre|mon|ma|son|sa|leur)\s*(?:propre\s+)?", "", t)   # "votre propre ministre"
    kind, rest = "M", t
    m = _HEAD.match(t)
    if m:
        head = m.group("head")
        rest = t[m.end():]
        kind = {"premier ministre": "PM", "premiere ministre": "PM", "secretaire d'etat": "SE",
                "haut-commissaire": "HC", "haut commissaire": "HC"}.get(head, "M")
        if head.startswith("ministre delegue"):
            kind = "MD"
        if head.startswith("porte-parole"):   # the government's spokesperson: a minister or a secrétaire d'État
            kind, rest = "PP", "porte-parole gouvernement"
        if head == "garde des sceaux":
            rest = "justice " + re.sub(r"^,?\s*ministre\b", "", rest)
        if kind == "PM":   # "Premier ministre, ministre de l'intérieur": the rest is a second office
            rest = re.sub(r"^,?\s*ministre\b", "", rest)
    rest = re.sub(r"^,?\s*ministre\b", "", rest) if kind == "M" else rest
    charge = ""
    cm = _CHARGE.search(rest)
    if cm:
        rest, charge = rest[:cm.start()], rest[cm.end():]
    own, aupres = rest, ""
    am = _AUPRES.search(rest)
    if am:
        own, aupres = rest[:am.start()], rest[am.end():]
        if kind == "M":
            kind = "MD"
    aupres = re.sub(r"\b(?:premier|premiere) ministre\b", "pm", aupres)
    aupres = re.sub(r"\bministres?\b", " ", aupres)
    return TitleParts(kind, _content(own), _content(aupres), _content(charge))


def _cover(query: frozenset, target: frozenset) -> float:
    return len(query & target) / len(query) if query else 1.0


def title_score(q: TitleParts, t: TitleParts) -> float:
    """How well a written title q fits an office title t (1.0 = every written word in the right part)."""
    parts = [(q.own, t.own), (q.aupres, t.aupres), (q.charge, t.charge)]
    present = [(qp, tp) for qp, tp in parts if qp]
    if not present:
        score = 1.0 if not t.all_words() else SCORE["bare_title"]
    else:
        everything = t.all_words()
        total = 0.0
        for qp, tp in present:
            best = max(_cover(qp, tp), SCORE["other_part_weight"] * _cover(qp, everything))
            if qp is q.own and not q.charge:      # "ministre des comptes publics" = "... chargé des comptes publics"
                best = max(best, _cover(qp, t.charge))
            total += best
        score = total / len(present)
        # written words found, but the office has more: a small penalty keeps the tightest title first
        extra = len(everything - q.all_words())
        score -= SCORE["extra_word_penalty"] * min(extra, SCORE["extra_cap"])
    return score


_KIND_OK = {kind: set(codes) for kind, codes in load_titles()["kinds"].items()}


def kinds_of(kind: str) -> set[str]:
    """The office codes a written title kind may name (titles.toml [kinds])."""
    return _KIND_OK.get(kind, {kind})


def role_fit(title: str, role: str) -> float:
    """How well a written title alone fits the government role phrase a named person is given in the text.

    0.0 when the role is no government office or of a kind the title cannot name ("le Premier ministre" and
    "ministre de la santé"); a bare "le ministre" fits any minister's role at ``bare_title``.
    """
    r = parse_title(role)
    if r.kind == "M" and not re.match(r"(?:ministre|garde des sceaux)\b", fold(role).replace("’", "'")):
        return 0.0          # parse_title reads any phrase as a minister's title: require the head word
    q = parse_title(title)
    if r.kind not in _KIND_OK.get(q.kind, {q.kind}):
        return 0.0
    if q.kind == "PM" or r.kind == "PM":
        return 1.0 if q.kind == r.kind else 0.0
    return title_score(q, r)


@dataclass
class Office:
    person: str
    first: str
    last: str
    code: str
    title: str
    start: str
    end: str
    gov_id: str
    gov_name: str
    parts: TitleParts

    @property
    def row(self) -> dict:
        return {"start": self.start, "end": self.end}


# ---------------------------------------------------------------- the tables

class PeopleKB:
    def __init__(self) -> None:
        self.names: dict[str, dict] = {}                   # slug -> {"first", "last"}
        self.by_name: dict[str, set[str]] = defaultdict(set)     # folded "first last" -> slugs
        self.by_last: dict[str, set[str]] = defaultdict(set)     # folded last name -> slugs
        self.offices: list[Office] = []
        self.offices_of: dict[str, list[Office]] = defaultdict(list)
        self.deputies: dict[str, list[dict]] = defaultdict(list)   # slug -> mandates
        self.deputy_ref: dict[str, str] = {}                       # PA... -> slug
        self.groups: dict[str, list[dict]] = defaultdict(list)     # nosdeputes slug -> group spans
        self.senators: dict[str, list[dict]] = defaultdict(list)
        self.sex: dict[str, str] = {}
        self.ministries: list[dict] = []
        self._at: dict[str, list[Office]] = {}
        self._female: dict[str, bool | None] = {}
        self._by_year: dict[int, list[Office]] = {}
        self._titles: dict[tuple, tuple | None] = {}
        self._load()

    def _person(self, slug: str, first: str, last: str) -> None:
        self.names.setdefault(slug, {"first": first, "last": last, "name": f"{first} {last}"})
        self.by_name[fold(f"{first} {last}")].add(slug)
        self.by_last[fold(last)].add(slug)

    def _load(self) -> None:
        for r in _read("government.tsv"):
            self._person(r["person"], r["first"], r["last"])
            o = Office(r["person"], r["first"], r["last"], r["code"], r["title"], r["start"], r["end"],
                       r["gov_id"], r["gov_name"], parse_title(r["title"]))
            self.offices.append(o)
            self.offices_of[r["person"]].append(o)
        for r in _read("deputies.tsv"):
            self._person(r["person"], r["first"], r["last"])
            self.deputies[r["person"]].append(r)
            self.deputy_ref[r["acteur_ref"]] = r["person"]
        for r in _read("deputy_groups.tsv"):
            self.groups[r["nosdeputes_slug"]].append(r)
        for r in _read("senators.tsv"):
            self._person(r["person"], r["first"], r["last"])
            self.senators[r["person"]].append(r)
        self.presidents = _read("presidents.tsv")
        for r in self.presidents:
            self._person(r["person"], r["first"], r["last"])
        self.other_offices = _read("offices.tsv")
        for r in self.other_offices:
            self._person(r["person"], r["first"], r["last"])
        self.leaders = _read("leaders.tsv")
        self.figures = _read("figures.tsv")     # historical figures named by surname alone ("Clemenceau")
        for r in self.leaders + self.figures:
            self._person(r["person"], r["first"], r["last"])
        self.sex = {r["first_folded"]: r["sex"] for r in _read("first_names.tsv")}
        self.ministries = _read("ministries.tsv")

    # -------------------------------------------------------- people
    def female(self, slug: str) -> bool | None:
        if slug not in self._female:
            self._female[slug] = self._find_female(slug)
        return self._female[slug]

    def _find_female(self, slug: str) -> bool | None:
        info = self.names.get(slug)
        if not info:
            return None
        for d in self.deputies.get(slug, []):
            return d["civility"].startswith("Mme")
        for s in self.senators.get(slug, []):
            return s["civility"].startswith("Mme")
        sex = self.sex.get(fold(info["first"]).split("-")[0]) or self.sex.get(fold(info["first"]))
        return None if sex is None else sex == "F"

    def _rank(self, slugs: set[str], date: str | None) -> list[str]:
        """Persons active at the date first, then the most recent ones."""
        def key(slug: str):
            ends = [o.end or FAR_FUTURE for o in self.offices_of.get(slug, [])]
            ends += [d["end"] or FAR_FUTURE for d in self.deputies.get(slug, []) + self.senators.get(slug, [])]
            return (not (date and self.is_active(slug, date)), "".join(chr(0x7F - ord(c)) for c in max(ends or [""])),
                    slug)
        return sorted(slugs, key=key)

    def find_name(self, name: str, date: str | None = None) -> str | None:
        """Slug of a full written name ("Agnès Pannier-Runacher"), or None when unknown."""
        slugs = self.by_name.get(fold(name))
        if not slugs:
            return None
        return self._rank(slugs, date)[0]

    def find_surname(self, last: str, date: str | None, female: bool | None = None) -> str | None:
        """Slug of the only person with this last name holding an office or a seat at the date."""
        if not date:
            return None
        same = [s for s in self.by_last.get(fold(last), ())
                if female is None or self.female(s) in (None, female)]
        found = [s for s in same if self.is_active(s, date)]
        if len(found) == 1:
            return found[0]
        if not found and len(same) == 1 and (self.offices_of.get(same[0])
                                             or any(p["person"] == same[0] for p in self.presidents)):
            return same[0]     # a former member of the government or President, the only one of that name
        return None

    def is_active(self, slug: str, date: str) -> bool:
        return any(active(o.row, date) for o in self.offices_of.get(slug, [])) or \
            any(active(d, date) for d in self.deputies.get(slug, []) + self.senators.get(slug, [])) or \
            any(r["person"] == slug and active(r, date) for r in self.presidents + self.other_offices + self.leaders)

    def leader_surnames(self) -> dict[str, str]:
        """Surnames that name a foreign leader or a historical figure alone ("Poutine", "Biden", "Clemenceau";
        leaders.tsv and figures.tsv, alone = 1) -> slug."""
        out: dict[str, set[str]] = defaultdict(set)
        for r in self.leaders + self.figures:
            if r["alone"] == "1":
                out[r["last"]].add(r["person"])
        return {last: next(iter(slugs)) for last, slugs in out.items() if len(slugs) == 1}

    def president_at(self, date: str | None) -> dict | None:
        live = [r for r in self.presidents if date and active(r, date)]
        return max(live, key=lambda r: r["start"]) if live else None

    def holder_at(self, office: str, date: str | None) -> dict | None:
        """Holder of an office outside the government ("assemblee", "senat", "defenseur"; offices.tsv) at the date."""
        live = [r for r in self.other_offices if r["office"] == office and active(r, date)]
        return max(live, key=lambda r: r["start"]) if live else None

    def office_at(self, slug: str, date: str | None) -> Office | None:
        if not date:
            return None
        live = [o for o in self.offices_of.get(slug, []) if active(o.row, date)]
        return max(live, key=lambda o: o.start) if live else None

    def deputy_at(self, slug: str, date: str | None) -> dict | None:
        mandates = self.deputies.get(slug, [])
        if not mandates:
            return None
        live = [m for m in mandates if active(m, date)] if date else []
        m = live[0] if live else max(mandates, key=lambda m: m["start"])
        group, group_name = m["group"], m["group_name"]
        for g in self.groups.get(m["nosdeputes_slug"], []):
            if date and active(g, date):
                group, group_name = g["group"], g["group_name"]
        return {"deputy_id": m["acteur_ref"], "department": m["dept_name"], "department_code": m["dept_code"],
                "constituency": int(m["constituency"]) if m["constituency"].isdigit() else m["constituency"],
                "group": group, "group_name": group_name, "legislature": int(m["legislature"]),
                "mandate_start": m["start"], "mandate_end": m["end"] or None, "sitting": bool(live)}

    def describe(self, slug: str, date: str | None) -> dict:
        """The facts known about a person at a date, ready to merge into a PERSON value."""
        out: dict = {}
        info = self.names.get(slug)
        if info:
            out["canonical_name"] = info["name"]
        office = self.office_at(slug, date)
        out["minister"] = office is not None
        if office:
            out["office"] = office.title
            out["government"] = office.gov_name
        pres = self.president_at(date)
        if pres and pres["person"] == slug:
            out["office"] = pres["title"]
        dep = self.deputy_at(slug, date)
        if dep and (dep["sitting"] or not office):
            out.update({k: v for k, v in dep.items() if k != "sitting"})
        sen = self.senators.get(slug)
        if sen:
            out["senator_id"] = sen[0]["matricule"]
        lead = [r for r in self.leaders if r["person"] == slug and active(r, date)]
        if lead and not office:
            out.update(office=lead[-1]["title"], foreign=True)
        return out

    # -------------------------------------------------------- titles
    def resolve_title(self, title: str, date: str | None, female: bool | None = None) -> tuple[Office, float] | None:
        """The office holder that a written title designates at the date, with the match score."""
        if not date:
            return None
        key = (fold(title), date, female)
        if key not in self._titles:
            if len(self._titles) > 8192:
                self._titles.clear()
            self._titles[key] = self._resolve_title(title, date, female)
        return self._titles[key]

    def _resolve_title(self, title: str, date: str, female: bool | None) -> tuple[Office, float] | None:
        q = parse_title(title)
        if q.kind != "PM" and not q.all_words():
            return None           # "le ministre", "la secrétaire d'État": no portfolio to go by
        kinds = _KIND_OK.get(q.kind, {q.kind})
        best, best_score = None, 0.0
        for o in self.offices_at(date):
            if o.code not in kinds:
                continue
            if q.kind == "PM" and o.code == "PM":
                score = 1.0
            else:
                score = title_score(q, o.parts)
                if o.code == "PM" and q.kind != "PM":
                    score -= SCORE["prime_minister_penalty"]
                if q.kind == "M" and o.code == "MD" and not q.charge and not q.aupres:
                    score -= SCORE["delegate_penalty"]
            sex = self.female(o.person)
            if female is not None and sex is not None:
                score += SCORE["sex_match_bonus"] if sex == female else -SCORE["sex_mismatch_penalty"]
            if score > best_score or (score == best_score and best and o.start > best.start):
                best, best_score = o, score
        if best is None or best_score < SCORE["min_score"]:
            return None
        return best, best_score

    def offices_at(self, date: str) -> list[Office]:
        cached = self._at.get(date)
        if cached is None:
            if not self._by_year:
                for o in self.offices:
                    last = int((o.end or "2100")[:4])
                    for year in range(int(o.start[:4]), last + 1):
                        self._by_year.setdefault(year, []).append(o)
            cached = [o for o in self._by_year.get(int(date[:4]), []) if active(o.row, date)]
            if len(self._at) > 4096:
                self._at.clear()
            self._at[date] = cached
        return cached

    def ministry_title(self, label: str, date: str | None) -> str | None:
        """The office title behind an AN ministry label ("Économie et finances (Mme la secrétaire d'État
        auprès du ministre)" or "Ministère de l'intérieur") at a date, or None."""
        key = fold(label)
        for m in self.ministries:
            if key in (fold(m["label"]), fold(m["short_label"])) and (not date or active(m, date)):
                full = m["label"]
                full = re.sub(r"^Secr[ée]tariat d['’][ÉE]tat,?", "secrétaire d'État", full)
                full = re.sub(r"^Minist[èe]re (?=aupr)", "ministre délégué ", full)
                full = re.sub(r"^Minist[èe]re", "ministre", full)
                return full
        return None


@lru_cache(maxsize=1)
def kb() -> PeopleKB:
    return PeopleKB()


def person_id(slug: str) -> str:
    return f"person:{slug}"


def link_author(acteur_ref: str | None = None, name: str | None = None, date: str | None = None) -> dict | None:
    """The deputy record of a question author, from the AN acteurRef ("PA720814") or the name, at a date.

    Returns {"entity_id", "name", "deputy_id", "department", "constituency", "group", "group_name",
    "legislature", ...} or None when the author is not a known deputy.
    """
    base = kb()
    slug = None
    if acteur_ref:
        ref = acteur_ref if acteur_ref.startswith("PA") else f"PA{acteur_ref}"
        slug = base.deputy_ref.get(ref)
    if slug is None and name:
        clean = re.sub(r"^(?:M\.|Mme\.?|Monsieur|Madame)\s+", "", name.strip())
        candidates = [s for s in base.by_name.get(fold(clean), ()) if s in base.deputies]
        if len(candidates) > 1 and date:
            candidates = [s for s in candidates if any(active(d, date) for d in base.deputies[s])] or candidates
        slug = candidates[0] if candidates else None
    if slug is None:
        return None
    dep = base.deputy_at(slug, date)
    info = base.names[slug]
    out = {"entity_id": person_id(slug), "name": info["name"]}
    out.update({k: v for k, v in (dep or {}).items() if k != "sitting"})
    return out


def link_ministry(label: str, date: str | None) -> dict | None:
    """The holder of the office behind an AN ministry label at a date (e.g. for 'Ministère interrogé')."""
    base = kb()
    title = base.ministry_title(label, date)
    if not title:
        return None
    female = True if re.search(r"\bMme\b|\bla (?:ministre|secr)", label) else None
    hit = base.resolve_title(title, date, female)
    if not hit:
        return None
    office, score = hit
    return {"entity_id": person_id(office.person), "name": f"{office.first} {office.last}", "office": office.title,
            "government": office.gov_name, "score": round(score, 3)}

