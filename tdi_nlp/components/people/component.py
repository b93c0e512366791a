"""PERSON mentions linked to canonical people: names, names with roles, and government titles used alone.

A title alone ("le Premier ministre", "Mme la secrétaire d'État auprès du ministre de l'économie") is resolved to
its holder at the date of the event in the sentence (a DATE fact, or a plain "22 novembre 2018") when it is not
after the document date, else at the document date. A bare "Madame la ministre" is linked to the nearest minister
of the same gender named in the document; a title the tables leave unresolved (no date, no office that fits) is
linked to a person the document names with that office ("M. Bruno Le Maire, ministre de l'économie").

PERSON value: {"name", "role", "civility", "minister", "mention": "name"|"title", "office"?, "government"?,
"deputy_id"?, "department"?, "constituency"?, "group"?, "senator_id"?, "date"?}; entity id "person:<slug>".

For metadata: ``link_author(acteur_ref=None, name=None, date=None)`` returns the deputy record of a question author
(AN acteurRef "PA..." or name) and ``link_ministry(label, date)`` the holder behind an AN ministry label.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .. import FACTS, add_fact, text_of
from .candidates import CIVILITY, Candidate, Finder, joined_start, norm_civility, other_office
from .kb import SCORE, active, kb, kinds_of, link_author, link_ministry, parse_title, person_id, role_fit  # noqa: F401
from ...text_utils import fold, month_forms, month_number, slugify, strip_accents, words

_STEM = 5   # portfolio words compared on their first letters ("sport", "sports")

FACTORY = "tdi_persons"
LABEL = "PERSON"
MIN_ROLE_FIT = SCORE["min_score"]      # a title alone and a named person's role phrase: same bar as the tables

_DAY = re.compile(rf"\b(1er|\d{{1,2}})\s+({'|'.join(month_forms())})\s+(\d{{4}})\b", re.IGNORECASE)
_LABEL_BEFORE = re.compile(r"([^\n():»«]{3,90}?)\s*\($")
# "Monsieur le président Rouslan Stefantchouk": a person addressed by title and name
_ADDRESSED = re.compile(rf"(?P<civ>{CIVILITY})[ ]+(?:le|la)[ ]+pr[ée]sidente?[ ]+$", re.IGNORECASE)
# "du Premier ministre", "au Président de la République": the article fused with "de" / "à" is no part of a title
_FUSED = re.compile(r"(?:du|au|aux)[ ]+", re.IGNORECASE)
# "Monsieur le maire de Lyon", "Madame la présidente de la Commission": the civility before a title opens it
_CIV_BEFORE = re.compile(rf"(?<![\w'’-])(?:{CIVILITY})[ ]+$")


def _office_key(title: str) -> str:
    """A title folded without its civility and article: "M. le maire de Lyon", "du maire de Lyon" -> "maire de lyon"."""
    return re.sub(r"^(?:(?:m\.|mme|monsieur|madame)\s+)?(?:le|la|l'|du|au)\s*", "",
                  " ".join(fold(title).replace("’", "'").split()))


# the date of a legal text ("la loi du 21 février 2022 relative à ...", "le décret n° 2020-12 du 3 mars 2020") names
# the text, not the time of the sentence's event: a title beside it is resolved at the document date
_TEXT_DATE = re.compile(r"\b(?:lois?|d[ée]crets?|ordonnances?|arr[êe]t[ée]s?|circulaires?|directives?|r[èe]glements?)"
                        r"(?:[ ]+(?:organique|constitutionnelle|n°[ ]*[\w/-]+))*[ ]+du[ ]*$", re.IGNORECASE)


# a verb right after a title: the title is the subject of its own clause, not in apposition to the name before it
_CLAUSE_VERB = re.compile(r"[ ]+(?:a|est|va|doit|peut|sera|avait|était|veut|fait|vient|ont|sont|l['’]a|n['’]a|n['’]est"
                          r"|ne|s['’]est|se|y|en|l['’]|lui|nous|vous)(?![\w'’-])")


def _plain_dates(text: str, start: int, end: int) -> list[tuple[int, str]]:
    out = []
    for m in _DAY.finditer(text, start, end):
        day = 1 if m.group(1) == "1er" else int(m.group(1))
        month = month_number(m.group(2))
        out.append((m.start(), f"{int(m.group(3)):04d}-{month:02d}-{day:02d}"))
    return out



def _settle(candidates: list, resolve, results: list) -> list:
    """Append to results what resolve finds for each candidate (in order); return the candidates it leaves."""
    left = []
    for c in candidates:
        hit = resolve(c)
        if hit:
            results.append(hit)
        else:
            left.append(c)
    return left

class PersonLinker:
    def __init__(self) -> None:
        base = kb()
        vocab: set[str] = set()
        for o in base.offices:
            vocab.update(w.rstrip("'") for w in words(o.title))
            vocab.update(words(o.title))
        vocab.update({"charge", "chargee", "delegue", "deleguee", "aupres", "l'", "d'"})
        self.kb = base
        self.finder = Finder(set(base.by_name), set(base.sex), vocab, base.leader_surnames(), set(base.by_last))

    # ---------------------------------------------------------------- dates
    @staticmethod
    def _sentence_starts(doc: Doc, text: str) -> list[int]:
        if doc.has_annotation("SENT_START"):
            rows = doc.to_array(["SENT_START", "IDX"])  # no Token per word; only the starts become Python ints
            return rows[rows[:, 0] == 1, 1].tolist()
        return [0] + [m.end() for m in re.finditer(r"[.!?]\s+(?=[A-ZÀ-Þ])|\n", text)]

    def _sentence_bounds(self, doc: Doc, text: str, char: int, cache: dict) -> tuple[int, int]:
        if "starts" not in cache:
            cache["starts"] = self._sentence_starts(doc, text)
        starts = cache["starts"]
        i = bisect_right(starts, char) - 1
        s = starts[i] if i >= 0 else 0
        e = starts[i + 1] if i + 1 < len(starts) else len(text)
        return s, e

    def _event_date(self, doc: Doc, text: str, char: int, dates: list[tuple[int, str]], cache: dict) -> str | None:
        """The date of the event in the sentence around char, if any and not after the document date."""
        s, e = self._sentence_bounds(doc, text, char, cache)
        def event(pos: int) -> bool:   # not the date of a legal text ("la loi du 21 février 2022")
            return not _TEXT_DATE.search(text[max(0, pos - 40):pos])
        inside = [(abs(pos - char), d) for pos, d in dates if s <= pos < e and event(pos)]
        if not inside:
            inside = [(abs(pos - char), d) for pos, d in _plain_dates(text, s, e) if event(pos)]
        ref = doc._.ref_date
        inside = [x for x in inside if not ref or x[1] <= ref]
        return min(inside)[1] if inside else None

    def _doc_dates(self, doc: Doc) -> list[tuple[int, str]]:
        out = []
        for span in doc._.date_facts:
            if span.label_ != "DATE":
                continue
            v = span._.value or {}
            if v.get("start") and v.get("granularity") in ("day", None) and not v.get("relative"):
                out.append((span.start_char, v["start"][:10]))
        return out

    # ---------------------------------------------------------------- main
    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        ref = doc._.ref_date
        self._link_metadata(doc)
        per = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("PER", "PERSON")]
        names = self.finder.names(text, per)
        skip = [(c.start, c.end) for c in names] + [c.role_span for c in names if c.role_span]
        titles = self._not_apposed(text, names, self.finder.titles(text, skip))
        chairs = self._not_apposed(text, names, self.finder.chairs(text, skip + [(c.start, c.end) for c in titles]))
        dates = self._doc_dates(doc)
        cache: dict = {}
        results: list[tuple[Candidate, str | None, dict]] = []
        by_last: dict[str, str] = {}
        for c in sorted(names, key=lambda c: len(c.name.split()) < 2):   # full names first: "Monsieur BOURDIN"
            slug = self._name_slug(c, ref, by_last)                     # after "JEAN-JACQUES BOURDIN" too
            if slug:
                results.append((c, slug, self._name_value(c, slug, ref)))
        pending = []
        for c in titles:
            date = self._event_date(doc, text, c.start, dates, cache) or ref
            hit = self._resolve_title(text, c, date, doc._.meta)
            if hit:
                results.append(hit)
            elif date and len(c.title_ends) == 1:
                pending.append(c)
        settled = {id(c) for c in pending} | {id(r[0]) for r in results}  # a set: list scans were quadratic
        unresolved = [c for c in titles if id(c) not in settled]
        unresolved += _settle(pending, lambda c: self._from_context(c, results, text), results)
        unresolved += _settle(chairs, lambda c: (self._rapporteur(c, results, text) or self._addressed(c, results, text)
                                                 or self._leader_title(c, text, ref)), results)
        unresolved = _settle(unresolved, lambda c: self._apposed(c, results, text) or self._from_roles(c, results, text),
                             results)
        unresolved = _settle(unresolved, lambda c: self._same_office(c, results, text), results)
        unresolved = _settle(unresolved, lambda c: self._by_portfolio(c, text, ref), results)
        doc.user_data["tdi_persons_unresolved"] = [(c.start, c.end, text[c.start:c.end]) for c in unresolved]
        for c in unresolved:     # still a mention of a person: no id, flagged unresolved
            c0, _, value = self._holderless(c, text)
            results.append((c0, None, dict(value, unresolved=True)))
        results.sort(key=lambda r: (r[0].start, -r[0].end))
        last_end = -1
        for c, slug, value in results:
            if c.start < last_end:
                continue
            start = self._mention_start(text, c)
            span = doc.char_span(start if start >= last_end else c.start, c.end, label=LABEL, alignment_mode="expand")
            if span is None:
                continue
            add_fact(doc, span, value, person_id(slug) if slug else None)
            last_end = c.end
        self._drop_unlinked_places(doc, {c.name for c in names if c.source == "aged"})
        return doc

    @staticmethod
    def _drop_unlinked_places(doc: Doc, first_names: set[str]) -> None:
        """A place the NER alone saw (no code) written as a first name the context made a person ("l'histoire de
        Salvador. Né en 2006"; "Tarik, 38 ans"): the person, not a place, everywhere in the document."""
        group = doc.spans.get(FACTS, [])
        keep = [f for f in group if not (f.label_ == "TERRITORY" and f.text in first_names
                                         and (f._.value or {}).get("kind") == "place"
                                         and not (f._.value or {}).get("code"))]
        if first_names and len(keep) != len(group):
            doc.spans[FACTS] = keep

    @staticmethod
    def _mention_start(text: str, c: Candidate) -> int:
        """Where the mention starts: a name with the office word right before it ("le [président Macron]"), a title
        after its fused article ("du [Premier ministre]"), with the civility before its article ("[Monsieur le
        maire de Lyon]")."""
        if c.kind == "name":
            return joined_start(text, c.start)
        m = _FUSED.match(text, c.start, c.end)
        if m:
            return m.end()
        civ = _CIV_BEFORE.search(text, max(0, c.start - 12), c.start) if re.match(r"(?i:l[ea]\b|l['’])", text[c.start:c.end]) else None
        return civ.start() if civ else c.start

    @staticmethod
    def _link_metadata(doc: Doc) -> None:
        """Link the question's author (AN acteurRef or name) to the deputy, at the document date."""
        meta = doc._.meta
        if not meta or "author_deputy" in meta or not (meta.get("author_ref") or meta.get("author")):
            return
        deputy = link_author(acteur_ref=meta.get("author_ref"), name=meta.get("author"), date=doc._.ref_date)
        if deputy:
            meta["author_deputy"] = deputy

    # ---------------------------------------------------------------- names
    def _name_slug(self, c: Candidate, date: str | None, by_last: dict[str, str]) -> str | None:
        parts = c.name.split()
        if c.person:
            by_last.setdefault(fold(parts[-1]), c.person)
            return c.person
        female = None if c.civility is None else c.civility == "Mme"
        if len(parts) >= 2:
            slug = self.kb.find_name(c.name, date)
            if slug is None and c.civility and len(parts) <= 3:      # "Mme Pires Beaune": a compound surname
                slug = by_last.get(fold(c.name)) or self.kb.find_surname(c.name, date, female)
            slug = slug or slugify(c.name)
            by_last[fold(parts[-1])] = slug
            by_last[fold(" ".join(parts[1:]))] = slug
            return slug
        key = fold(c.name)
        if key in by_last:
            return by_last[key]
        if c.name in self.finder.leaders:      # "le président Biden": the foreign leader of that surname
            return self.finder.leaders[c.name]
        if c.source in ("law", "colleague"):   # "la loi Studer", "notre collègue Balanant": the one person of that
            return self.kb.find_surname(c.name, date) or slugify(c.name)   # surname at the date, else its slug
        if c.source in ("first_names", "aged", "quoted", "list"):   # a first name alone that the context makes a person
            by_last[key] = slugify(c.name)     # "Tarik, 38 ans": the first name again later is that person
            return by_last[key]
        if not c.civility:
            return None
        slug = self.kb.find_surname(c.name, date, female)
        return slug or slugify(c.name)

    def _name_value(self, c: Candidate, slug: str, date: str | None) -> dict:
        facts_ = self.kb.describe(slug, date)
        civility = c.civility
        if civility is None:
            fem = self.kb.female(slug)
            civility = None if fem is None else ("Mme" if fem else "M.")
        value: dict[str, Any] = {"name": c.name, "role": c.role, "civility": civility, "mention": "name"}
        value.update(facts_)
        if not value["minister"] and c.role and re.search(r"ministre|secr[ée]taire d", c.role, re.I) and date:
            hit = self.kb.resolve_title(c.role, date, civility == "Mme" if civility else None)
            value["minister"] = bool(hit and hit[0].person == slug)
        if date:
            value["date"] = date
        return value

    # ---------------------------------------------------------------- titles
    def _resolve_title(self, text: str, c: Candidate, date: str | None, meta: dict | None = None):
        if fold(c.role).startswith(("depute", "senat")):
            return self._addressee(c, text, meta or {})
        if c.foreign:
            return self._leader_title(c, text, date) or self._holderless(c, text)
        if not date and other_office(fold(c.role))[0]:
            return self._holderless(c, text)
        if not date:
            return None
        female = None if c.civility is None else c.civility == "Mme"
        label = _LABEL_BEFORE.search(text[max(0, c.start - 90):c.start])
        if label and text[c.title_ends[-1]:c.title_ends[-1] + 1] == ")":
            full = self.kb.ministry_title(f"{label.group(1).strip()} ({text[c.start:c.title_ends[-1]]})", date)
            if full:
                hit = self.kb.resolve_title(full, date, female)
                if hit:
                    return self._title_result(c, c.title_ends[-1], hit, date, text)
        if fold(c.role).startswith(("depute", "senat")):
            return self._addressee(c, text, meta or {})
        is_other, key = other_office(fold(c.role))
        if is_other:
            holder = self.kb.holder_at(key, date) if key else None
            if not holder:
                return self._holderless(c, text)
            value = {"name": f"{holder['first']} {holder['last']}", "role": text[c.start:c.end].strip(),
                     "civility": c.civility, "mention": "title", "minister": False, "office": holder["title"],
                     "date": date}
            return c, holder["person"], value
        if fold(c.role).startswith(("president", "chef de")):
            pres = self.kb.president_at(date)
            if not pres:
                return None
            value = {"name": f"{pres['first']} {pres['last']}", "role": text[c.start:c.end].strip(),
                     "civility": c.civility, "mention": "title", "minister": False, "office": pres["title"],
                     "date": date}
            return c, pres["person"], value
        head_only = fold(c.role).startswith(("premi", "porte-parole")) or "sceaux" in fold(c.role)
        if len(c.title_ends) == 1 and not head_only:
            return None          # a bare "ministre": resolved from the context
        best = None
        for end in (c.title_ends if head_only else c.title_ends[1:]):
            hit = self.kb.resolve_title(text[c.start:end], date, female)
            if hit and (best is None or hit[1] >= best[1][1] - 1e-9):
                best = (end, hit)
        if best is None:
            return None
        return self._title_result(c, best[0], best[1], date, text)

    def _addressee(self, c: Candidate, text: str, meta: dict):
        """"Monsieur le député" in an answer: the question's author when a known deputy of that sex."""
        author = meta.get("author_deputy") if fold(c.role).startswith("depute") else None
        if author and author.get("entity_id"):
            slug = author["entity_id"].split(":", 1)[1]
            fem = self.kb.female(slug)
            if c.civility is None or fem is None or fem == (c.civility == "Mme"):
                value = {"name": author.get("name"), "role": text[c.start:c.end].strip(), "civility": c.civility,
                         "mention": "title", "minister": False, "resolved_by": "author"}
                return c, slug, value
        return self._holderless(c, text)

    def _leader_title(self, c: Candidate, text: str, date: str | None):
        """A foreign leader or the head of an international body by title ("le président de la Fédération de
        Russie", "la présidente de la Commission"): the one holder at the date whose title in leaders.tsv opens with
        the title written (three words at least)."""
        written = re.sub(r"^(?:(?:M\.|Mme|[Mm]onsieur|[Mm]adame)\s+)?(?:[Ll]e|[Ll]a|[Ll]['’]|du|au)\s*", "",
                         strip_accents(text[c.start:c.end]).replace("’", "'")).split()
        if not date or len(written) < 3:
            return None

        def opens(title: str) -> bool:   # written words open the title, a capital in the title kept in the text
            words_ = strip_accents(title).replace("’", "'").split()
            return len(words_) >= len(written) and all(
                w.lower() == t.lower() and (i == 0 or not t[:1].isupper() or w[:1].isupper())
                for i, (w, t) in enumerate(zip(written, words_)))
        hits = {r["person"]: r for r in self.kb.leaders if active(r, date) and opens(r["title"])}
        if len(hits) != 1:
            return None
        r = next(iter(hits.values()))
        value = {"name": f"{r['first']} {r['last']}", "role": text[c.start:c.end].strip(), "civility": c.civility,
                 "mention": "title", "minister": False, "office": r["title"], "foreign": True, "date": date}
        return c, r["person"], value

    @staticmethod
    def _addressed(c: Candidate, results, text: str):
        """A bare "Monsieur le président" after "Monsieur le président Rouslan Stefantchouk": that person (the
        nearest before addressed so)."""
        if c.source != "chair" or not re.fullmatch(rf"{CIVILITY}[ ]+(?:le|la)[ ]+pr[ée]sidente?", text[c.start:c.end],
                                                    re.IGNORECASE):
            return None
        best = None
        for other, slug, value in results:
            m = _ADDRESSED.search(text, max(0, other.start - 30), other.start)
            if (value.get("mention") == "name" and slug and other.start < c.start and m is not None
                    and norm_civility(m.group("civ")) == c.civility):
                if best is None or other.start > best[0].start:
                    best = (other, slug, value)
        if best is None:
            return None
        other, slug, value = best
        return c, slug, {"name": value.get("canonical_name") or value["name"], "role": text[c.start:c.end].strip(),
                         "civility": c.civility, "mention": "title", "minister": False, "resolved_by": "address"}

    @staticmethod
    def _titled_before(c: Candidate, other: Candidate, value: dict) -> bool:
        """other is a title written before c that holds c's bare title ("M. le ministre de l'économie" before
        "Monsieur le ministre"; not "la Première ministre")."""
        role = fold(value.get("role") or "")
        return (other.start < c.start and value.get("mention") == "title" and "premi" not in role
                and re.search(rf"(?<![\w'-]){re.escape(fold(c.role))}(?![\w'-])", role) is not None)

    @staticmethod
    def _holderless(c: Candidate, text: str):
        """A title whose holder is not in the tables ("le Premier ministre italien", "la présidente de région")."""
        value = {"name": None, "role": text[c.start:c.end].strip(), "civility": c.civility, "mention": "title",
                 "minister": False, "foreign": c.foreign}
        return c, None, value

    def _title_result(self, c: Candidate, end: int, hit, date: str, text: str):
        office, score = hit
        c.end = end
        name = f"{office.first} {office.last}"
        value = {"name": name, "role": text[c.start:end].strip(), "civility": c.civility, "mention": "title",
                 "minister": True, "office": office.title, "government": office.gov_name, "date": date,
                 "score": round(min(score, 1.0), 3)}
        return c, office.person, value

    @staticmethod
    def _not_apposed(text: str, names: list[Candidate], titles: list[Candidate]) -> list[Candidate]:
        """Titles that are not in apposition right after a name ("Charlotte Caubel, la secrétaire d'État ..." is
        one mention, the name); an address with its civility ("Cédric O, Monsieur le ministre, ...") is kept."""
        ends = {c.end for c in names}
        starts = {c.start for c in names}
        out = []
        for c in titles:
            if re.match(CIVILITY, text[c.start:c.end]):
                out.append(c)     # "Alors Cédric O, Monsieur le ministre, ...": an address, a mention of its own
                continue
            before = text[max(0, c.start - 4):c.start]
            m = re.search(r"[ ]*,[ ]*$", before)
            nxt = re.match(r"[^,;:.!?()\n]{0,40}?,[ ]*", text[c.end:c.end + 50])
            if nxt and c.end + nxt.end() in starts:
                out.append(c)     # "M. Macron, la présidente de la Commission européenne, Mme Ursula von der
                continue          # Leyen, ...": a list of titles each before its holder's name, two mentions
            if m and c.start - len(m.group()) in ends and not _CLAUSE_VERB.match(text, c.end):
                continue      # (a title followed by its verb opens a clause of its own: "à Gisèle Halimi, le
                              # Président a choisi")
            out.append(c)
        return out

    def _rapporteur(self, c: Candidate, results, text: str):
        """"M. le rapporteur": the person the document names with the role "rapporteur"; "le président de France
        Industrie": the person named with that very role ("M. Philippe Varin, Président de France Industrie"); the
        nearest before, else after, the mention. Otherwise the title stays holderless."""
        if c.source != "chair":
            return None
        office = re.sub(r"^(?:le|la|l'|du|au)\s*", "", " ".join(fold(text[c.start:c.end]).split()))
        rapporteur = fold(c.role).startswith("rapporteur")
        best = None
        for other, slug, value in results:
            if value.get("mention") != "name" or not other.role or not slug:
                continue
            role = " ".join(fold(other.role).split())
            if not (role.startswith("rapporteur") if rapporteur else role == office
                    or (role.startswith(office + " ") and len(office.split()) >= 3)):
                continue
            key = (other.start > c.start, abs(other.start - c.start))
            if best is None or key < best[0]:
                best = (key, slug, value)
        if best is None:
            return None
        _, slug, value = best
        out = {"name": value.get("canonical_name") or value["name"], "role": text[c.start:c.end].strip(),
               "civility": c.civility, "mention": "title", "minister": False, "resolved_by": "role"}
        return c, slug, out

    @staticmethod
    def _apposed(c: Candidate, results, text: str):
        """A title no table resolves followed by its holder's name in apposition ("le directeur de la PJ de
        Marseille, Éric Arella", "avec le président de la CPME, avec François Asselin"): that person."""
        m = re.match(r"[ ]*,[ ]*", text[c.end:c.end + 4])
        if not m:
            return None
        prep = re.search(r"(?<![\w'’])(avec|pour|chez|à)[ ]+$", text[max(0, c.start - 8):c.start], re.IGNORECASE)
        again = re.match(rf"[ ]*,[ ]*{prep.group(1)}[ ]+", text[c.end:c.end + 14], re.IGNORECASE) if prep else None
        m = again or m
        for other, slug, value in results:
            if value.get("mention") == "name" and slug and other.start == c.end + m.end():
                return c, slug, {"name": value.get("canonical_name") or value["name"],
                                 "role": text[c.start:c.end].strip(), "civility": c.civility, "mention": "title",
                                 "minister": False, "resolved_by": "apposition"}
        return None

    @staticmethod
    def _same_office(c: Candidate, results, text: str):
        """A title no table resolves written again in the document with the same complement as a title resolved by
        apposition or by role ("le maire de Lyon, Grégory Doucet" ... "M. le maire de Lyon"): the same person, when
        the document gives that office one holder."""
        key = _office_key(text[c.start:c.end])
        if len(key.split()) < 2:
            return None     # a bare "M. le maire" names whoever is addressed
        slugs = {slug: value for other, slug, value in results if slug and value.get("mention") == "title"
                 and value.get("resolved_by") in ("apposition", "role") and _office_key(value["role"]) == key}
        if len(slugs) != 1:
            return None
        slug, value = next(iter(slugs.items()))
        return c, slug, {"name": value["name"], "role": text[c.start:c.end].strip(), "civility": c.civility,
                         "mention": "title", "minister": False, "resolved_by": "same office"}

    def _by_portfolio(self, c: Candidate, text: str, date: str | None):
        """A bare "madame la ministre déléguée" nothing else settles: the member of the government of that kind (and
        sex) at the date whose portfolio words the document uses most (a sitting on sport: the minister for sports),
        at least ``portfolio_min_hits`` times and ``portfolio_margin`` times more than the next."""
        if not date or c.foreign or len(c.title_ends) != 1 or other_office(fold(c.role))[0]:
            return None
        q = parse_title(text[c.start:c.end])
        if q.kind == "PM" or q.all_words() or not fold(c.role).startswith("ministre"):
            return None
        female = None if c.civility is None else c.civility == "Mme"
        counts = Counter(w[:_STEM] for w in words(text) if len(w) >= _STEM)
        scored = []
        for o in self.kb.offices_at(date):
            if o.code not in kinds_of(q.kind):
                continue
            sex = self.kb.female(o.person)
            if female is not None and sex is not None and sex != female:
                continue
            scored.append((sum(counts[w[:_STEM]] for w in {w for w in o.parts.all_words() if len(w) >= _STEM}), o))
        scored.sort(key=lambda x: -x[0])
        if (not scored or scored[0][0] < SCORE["portfolio_min_hits"]
                or (len(scored) > 1 and scored[0][0] < SCORE["portfolio_margin"] * scored[1][0])):
            return None
        c0, slug, value = self._title_result(c, c.end, (scored[0][1], SCORE["min_score"]), date, text)
        return c0, slug, dict(value, resolved_by="portfolio")

    def _from_roles(self, c: Candidate, results, text: str):
        """A title the tables leave unresolved (no date, or no office fits) whose office a person named in the
        same document is given ("M. Bruno Le Maire, ministre de l'économie, ..."): that person, the nearest best fit."""
        if c.foreign or fold(c.role).startswith(("depute", "senat")) or other_office(fold(c.role))[0]:
            return None
        female = None if c.civility is None else c.civility == "Mme"
        best = None
        for other, slug, value in results:
            if value.get("mention") != "name" or not other.role or not slug:
                continue
            if female is not None and self.kb.female(slug) not in (None, female):
                continue
            for end in c.title_ends:
                fit = role_fit(text[c.start:end], other.role)
                if fit < MIN_ROLE_FIT:
                    continue
                key = (-fit, abs(other.start - c.start))
                if best is None or key < best[0]:
                    best = (key, end, slug, value)
        if best is None:
            return None
        _, end, slug, value = best
        c.end = end
        out = {"name": value.get("canonical_name") or value["name"], "role": text[c.start:end].strip(),
               "civility": c.civility, "mention": "title", "minister": True, "resolved_by": "role"}
        if value.get("date"):
            out["date"] = value["date"]
        return c, slug, out

    def _from_context(self, c: Candidate, results, text: str):
        """A bare "Madame la ministre": the minister named right before it ("Cédric O, Monsieur le ministre"), else
        one named with a role before it (who answered, in the deputy's reply), else one addressed before it by a
        fuller title of the same head (the question's addressee: "Ma question s'adresse à M. le ministre de
        l'économie ... Monsieur le ministre", not the one who answers after it), else the nearest minister of the
        same gender named in the document, one named with a role first."""
        female = None if c.civility is None else c.civility == "Mme"
        best = None
        for other, slug, value in results:
            if not value.get("minister"):
                continue
            if female is not None and self.kb.female(slug) not in (None, female):
                continue
            spoken = value.get("mention") == "name" and bool(value.get("role"))
            dist = abs(other.start - c.start)
            named = value.get("mention") == "name" and re.fullmatch(r"[ ]*,[ ]*", text[other.end:c.start]) is not None
            key = (not named, not (spoken and other.start < c.start), not self._titled_before(c, other, value),
                   not spoken, dist)
            if best is None or key < best[0]:
                best = (key, slug, value)
        if best is None:
            return None
        _, slug, value = best
        out = {k: value[k] for k in ("name", "minister", "office", "government", "date") if k in value}
        out.update({"role": c.role, "civility": c.civility, "mention": "title", "resolved_by": "context"})
        out["name"] = value.get("canonical_name") or value["name"]
        return c, slug, out


@Language.factory(FACTORY, assigns=["doc.spans", "doc._.person_facts", "doc._.meta"],
                  requires=["doc._.date_facts", "doc.ents", "token.is_sent_start"])
def make_persons(nlp: Language, name: str):
    return PersonLinker()
