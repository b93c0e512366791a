"""ORG mentions (operators, national bodies, associations, ministries, companies named in role phrases) and
PROGRAMME mentions ("Territoires d'industrie", "Action cœur de ville"...), linked to canonical ids.

Names, aliases and acronyms are data: ``resources/orgs/orgs.json``; bodies found by rules (head word and
complement, acronyms defined in the text, listed groups) come from ``bodies.py``. Ministries are matched against the Assemblée
nationale list of ministries at the document date (``resources/people/ministries.tsv``).
ORG value: {"name", "acronym"?, "kind", "generic"?}; entity id "org:<slug>". PROGRAMME value: {"name"};
entity id "programme:<slug>".
"""
from __future__ import annotations

import json
import re
import tomllib
from functools import lru_cache

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .. import FACTS, add_fact, text_of
from . import programmes
from .bodies import (acronym_phrases, cued_names, defined_acronyms, fits, france_names, group_forms, head_bodies,
                     listed_beside, listed_groups, lower_phrase_acronyms, thing_acronyms, to_acronym)
from ..ranges import Ranges
from ...config import RESOURCES_DIR
from ..people.kb import active, kb
from ..territories.context import portfolio
from ...text_utils import fold, slugify, strip_accents, words

FACTORY = "tdi_orgs"
ORGS_FILE = RESOURCES_DIR / "orgs" / "orgs.json"

UP = "A-ZÀ-ÖØ-Þ"
LOW = "a-zà-öø-ÿœ"
_CAP = rf"[{UP}][\w&'’.-]*"
# "Président de Canopée Group", "associé chez EY": the organization a person works for
_ROLE_OBJECT = re.compile(
    r"^(?i:(?:(?:vice|co)[- ])?(?:pr[ée]sidente?|dirigeante?|direct(?:eur|rice)(?: g[ée]n[ée]rale?)?|pdg"
    r"|fondat(?:eur|rice)|associ[ée]e?|chef d['’][ée]tablissement|responsable|g[ée]rante?|administrat(?:eur|rice)"
    r"|salari[ée]e?|ing[ée]nieure?)\s+(?:de|du|chez|d['’]))"
    rf"\s*(?P<org>{_CAP}(?:\s+{_CAP}){{0,4}})\s*$")
_RULES = tomllib.loads((RESOURCES_DIR / "orgs" / "rules.toml").read_text(encoding="utf-8"))
_NOT_ORG = set(_RULES["not_org_heads"])
_MINISTRY = re.compile(r"\bminist[eè]re\b", re.IGNORECASE)
_TRIM = set(_RULES["trim_words"])
_REFORM_BEFORE = re.compile(r"\br[ée]forme[ ]+$", re.IGNORECASE)   # "la réforme France Travail"
_CONTRACTED_ARTICLES = {"du", "au"}   # "du Parisien", "au Parisien": the name's "Le" inside the article
_NOT_CONTENT = _TRIM | set(_RULES["not_content"])
_NER_NOT_ORG = set(_RULES["ner_not_org"])
_COORDINATION = re.compile(r"\s*(?:,|\bet\b|\bou\b)\s*(?:(?:du|des|de la|de l'|d'|la|le|les|l')\s*)?")


def _not_org_name(name: str) -> bool:
    """A name that is no body: one of ner_not_org, or a coordination of them ("Parlement et du Gouvernement")."""
    parts = [p for p in _COORDINATION.split(fold(name)) if p]
    return fold(name) in _NER_NOT_ORG or (len(parts) > 1 and all(p in _NER_NOT_ORG for p in parts))
_NER_ARTICLES = set(_RULES["ner_articles"])
# after a short name, the words that open its complement ("l'Assemblée des départements"); an article does not
# ("à l'Assemblée la semaine dernière")
_COMPLEMENT_WORDS = _NER_ARTICLES - {"le", "la", "les", "l'", "l’"}
_NER_TITLE_WORDS = set(_RULES["ner_title_words"])
_NER_NOT_ORG_HEADS = set(_RULES["ner_not_org_heads"])
_NER_OFFICE_BEFORE = set(_RULES["ner_office_before"])
_NER_PLACE_BEFORE = set(_RULES["ner_place_before"])
_NER_NOT_NAME_POS = set(_RULES["ner_not_name_pos"])
_NER_STATE_PREFIXES = tuple(p + " " for p in _RULES["ner_state_prefixes"])
_NER_EVENT_BEFORE = set(_RULES["ner_event_before"])
_NER_THING_BEFORE = set(_RULES["ner_thing_before"])
_NER_VERB_ENDINGS = tuple(_RULES["ner_verb_endings"])
_HEADING_LETTERS = _RULES["heading_word_letters"]
_ACCENTED_CAP = re.compile(r"[À-ÖØ-Þ]")
_PLURAL_DETS = set(_RULES["plural_determiners"])
_SINGULAR_DETS = set(_RULES["singular_determiners"])
_SHORT_FORMS = _RULES["short_forms"]
_CAPS = re.compile(r"(?<![\w-])[A-Z]{3,8}(?![\w'’-])")
_PLURAL_BEFORE = re.compile(r"(?<![\w'’])(?:" + "|".join(sorted(_PLURAL_DETS)) + r")[ ]+$", re.IGNORECASE)
_ORDINAL = re.compile(r"[IVXLCDM]+(?:e|er|re|ère|ème|è)")
_MODEL = re.compile(r"[A-Z]{0,2}-?\d{2,4}[A-Za-z]{0,3}")   # a model after a maker's name: "737", "A320", "C-130"


_CUES = tomllib.loads((RESOURCES_DIR / "orgs" / "programme_cues.toml").read_text(encoding="utf-8"))
# [[patterns]] of programme_cues.toml, compiled once: (regex, id or None)
_PROGRAMME_PATTERNS = tuple((re.compile(r["pattern"]), r.get("id")) for r in _CUES.get("patterns", []))
_EUROPEAN_PLAN = _CUES["european_plan"]
_EUROPE_WORDS = re.compile(_EUROPEAN_PLAN["europe_words"], re.IGNORECASE)
_FRANCE_WORDS = re.compile(_EUROPEAN_PLAN["france_words"], re.IGNORECASE)
_EUROPEAN_NAMES = re.compile(_EUROPEAN_PLAN["european_names"], re.IGNORECASE)
_FRENCH_NAMES = re.compile(_EUROPEAN_PLAN["french_names"], re.IGNORECASE)


def _reform(doc: Doc, span: Span) -> bool:
    """A body's name right after "réforme", or in a title in capitals of a text where it follows "réforme"."""
    text = text_of(doc)
    if _REFORM_BEFORE.search(text[max(0, span.start_char - 12):span.start_char]):
        return True
    line_start = text.rfind("\n", 0, span.start_char) + 1
    line_end = text.find("\n", span.end_char)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    return (span.text.isupper() and line.upper() == line
            and re.search(rf"\br[ée]forme[ ]+{re.escape(span.text)}", text, re.IGNORECASE) is not None)


def _plural_long_form(doc: Doc, t) -> bool:
    """An acronym in mixed case followed by its long form in lower case and in the plural, between dashes or in
    parentheses ("les Uaped – unités d'accueil pédiatrique des enfants en danger"): a kind of unit."""
    nxt = doc[t.i + 1:t.i + 3]
    return (t.is_title and len(t.text) >= 3 and len(nxt) == 2 and nxt[0].text in ("–", "—", "-", "(")
            and nxt[1].is_lower and nxt[1].text.endswith(("s", "x")))


def _european_plan(doc: Doc, span: Span) -> bool:
    """"le plan de relance" is the European one (NextGenerationEU) when the document names that plan and never the
    French one by name, or when its sentence speaks of the Union and not of France; beside the European plan named
    in its sentence ("le plan de relance européen complète le plan de relance") it is the French one (rules in
    ``programme_cues.toml``, [european_plan])."""
    if fold(span.text) not in _EUROPEAN_PLAN["bare_forms"]:
        return False
    text = text_of(doc)
    sentence = span.sent.text if doc.has_annotation("SENT_START") else text
    if _EUROPEAN_NAMES.search(sentence):
        return False
    if _EUROPEAN_NAMES.search(text) and not _FRENCH_NAMES.search(text):
        return True
    return bool(_EUROPE_WORDS.search(sentence)) and not _FRANCE_WORDS.search(sentence)


@lru_cache(maxsize=1)
def _programme_cue_re() -> re.Pattern:
    """A cue word, an optional adjective, then a quoted name (group q) or capitalised words (group c)."""
    def alt(items):
        return "|".join(re.escape(x) for x in sorted(items, key=len, reverse=True))
    word = rf"(?:[{UP}][\w'’+-]*|\d+(?![\d,.]))"
    link = rf"(?:\s+|\s*(?:{alt(_CUES['connectors'])})\s*)"
    return re.compile(
        rf"(?<![\w])(?:{alt(_CUES['cues'])})(?:\s+(?:{alt(_CUES['adjectives'])}))?\s+"
        rf"(?:[«“\"]\s*(?P<q>[^«»“”\"\n]{{2,80}}?)\s*[»”\"]|(?P<c>[{UP}][\w'’+-]*(?:{link}{word})*))")


def _sentence_case_tail(doc: Doc, span: Span) -> Span:
    """A one-word name written in sentence case goes on with lower-case nouns and adjectives and a year: "plan
    Ambition bio", "stratégie Ma santé 2022", "dispositif Passeport mobilité" (three words at most)."""
    end = span.end
    while end < len(doc) and end - span.end < 3:
        t = doc[end]
        if t.is_lower and t.is_alpha and t.pos_ in ("NOUN", "ADJ"):
            end += 1
        elif t.like_num and len(t.text) == 4 and t.text.isdigit() and end > span.end:
            end += 1
            break
        else:
            break
    return Span(doc, span.start, end, label=span.label_)


def _content_words(text: str) -> frozenset:
    return frozenset(w.rstrip("'") for w in words(text) if w not in _NOT_CONTENT and len(w.rstrip("'")) > 1)


@lru_cache(maxsize=1)
def load_entries() -> tuple[list[dict], list[dict]]:
    data = json.loads(ORGS_FILE.read_text(encoding="utf-8"))
    return data["orgs"], data["programmes"]


class OrgTagger:
    def __init__(self, nlp: Language) -> None:
        orgs, programmes = load_entries()
        self.entries: dict[str, dict] = {}
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        for label, group in (("ORG", orgs), ("PROGRAMME", programmes)):
            for e in group:
                key = f"{label}|{e['id']}"
                self.entries[key] = dict(e, label=label)
                variants = {v for a in e.get("aliases", []) for v in (a, strip_accents(a), a.replace("'", "’"))}
                variants |= {v.replace(" ", "\u00a0") for v in variants if " " in v}   # "SOS\u00a0Méditerranée"
                if variants:
                    self.lower.add(key, [nlp.make_doc(v) for v in sorted(variants)])
                if e.get("acronyms"):
                    upper = {a.upper() for a in e["acronyms"] if len(a) >= 4 and not a.isupper() and " " not in a
                             and a not in e.get("ambiguous_acronyms", ()) and e.get("kind") != "party"}
                    # one-word names in capitals too: "DISCLOSE", "SANOFI" in a question's title
                    self.exact.add(key, [nlp.make_doc(a) for a in sorted(set(e["acronyms"]) | upper)])
                if e.get("contracted"):   # "dans les colonnes du Parisien": "Le Parisien" after "du" / "au"
                    self.exact.add(key, [nlp.make_doc(a) for a in e["contracted"]])
        self.ambiguous = {a for e in self.entries.values() for a in e.get("ambiguous_acronyms", ())}
        self.listed_ids = {f"org:{e['id']}" for e in orgs}
        self.by_name: dict[str, dict] = {}    # folded name, alias or acronym of a listed body -> its entry
        for e in orgs:
            forms = [e["name"], *e.get("aliases", ()), *(a for a in e.get("acronyms", ()) if a not in self.ambiguous)]
            for form in forms:
                self.by_name.setdefault(fold(form), e)
        self.people = kb()
        self.vocab = set()
        for m in self.people.ministries:
            self.vocab.update(words(m["label"]))

    def __call__(self, doc: Doc) -> Doc:
        found = []
        long_forms = set()
        for matcher in (self.lower, self.exact):
            for key_id, s, e in matcher(doc):
                key = doc.vocab.strings[key_id]
                span = doc[s:e]
                if matcher is self.lower:
                    long_forms.add(key)
                elif span.text in self.entries[key].get("ambiguous_acronyms", ()) and key not in long_forms:
                    continue      # "CNI" alone may be the identity card: only after "Conseil national de l'industrie"
                elif span.text in self.entries[key].get("contracted", ()) and (
                        s == 0 or fold(doc[s - 1].text) not in _CONTRACTED_ARTICLES):
                    continue      # "Parisien" names the paper only where "du" / "au" holds its article "Le"
                elif s > 0 and fold(doc[s - 1].text) in self.entries[key].get("not_after", ()):
                    continue      # "sur Twitter": the platform a message is on, not the company
                elif e < len(doc) and doc[e].text in ("-", "‑") and e + 1 < len(doc) and not doc[e - 1].whitespace_:
                    continue      # "RTL-Soir": a programme's name, not the body
                elif (self.entries[key].get("kind") == "company" and e < len(doc)
                      and _MODEL.fullmatch(doc[e].text)):
                    continue      # "le Boeing 737", "un Airbus A320": a product, not the company
                span.label_ = self.entries[key]["label"]
                found.append((span, key))
        keys = {(sp.start, sp.end): key for sp, key in found}
        kept = filter_spans([sp for sp, _ in found])
        taken = Ranges((sp.start_char, sp.end_char) for sp in kept)
        last_copil = None
        for span in sorted(kept, key=lambda s: s.start):
            key = keys[(span.start, span.end)]
            entry = self.entries[key]
            if entry["label"] == "PROGRAMME":
                if portfolio(text_of(doc), span.start_char):
                    continue      # "secrétaire d'État chargée de la jeunesse et du service national universel"
                if programmes.dropped(text_of(doc), span.start_char, span.end_char):
                    continue      # "un plan de relance aussi massif"
                if entry["id"] == _EUROPEAN_PLAN["national_id"] and _european_plan(doc, span):
                    entry = self.entries[f"PROGRAMME|{_EUROPEAN_PLAN['european_id']}"]
                add_fact(doc, span, {"name": entry["name"]}, f"programme:{entry['id']}")
                continue
            if entry.get("reform_programme") and _reform(doc, span):
                # "la réforme France Travail" (2022-2023), and the title "FRANCE TRAVAIL" of a text that names it
                # so: the reform, a programme; "la création de France Travail" is the operator, a body
                span.label_ = "PROGRAMME"
                add_fact(doc, span, {"name": entry["name"]}, f"programme:{entry['id']}")
                continue
            if entry["id"] == "copil" and last_copil is not None:
                entry = last_copil        # "le comité de pilotage", "(COPIL)": the committee named just before
            elif entry["id"].startswith("copil-"):
                last_copil = entry
            add_fact(doc, span, self._value(entry), f"org:{entry['id']}")
        self._ministries(doc, taken)
        self._role_objects(doc, taken)
        named = (self._programme_names(doc, taken) + self._programme_short_forms(doc, taken)
                 + self._programme_patterns(doc, taken))
        self._head_bodies(doc, taken)
        self._stock_orgs(doc)
        self._parenthesized(doc)
        self._groups(doc)
        self._acronyms(doc)
        self._short_forms(doc)
        self._cued(doc)
        self._france(doc)
        self._listed(doc)
        self._repeats(doc)
        self._drop_dates_inside(doc, [(sp.start_char, sp.end_char) for sp in kept if sp.label_ == "PROGRAMME"] + named)
        self._drop_countries_inside(doc)
        self._listed_ids(doc)
        self._long_forms(doc)
        return doc

    def _long_forms(self, doc: Doc) -> None:
        """A name written between dashes or in parentheses right after a listed body's acronym ("RTE – Réseau de
        transport d'électricité –", "GRDF (Gaz réseau distribution France)") is that body when the acronym fits it."""
        text = text_of(doc)
        group = [f for f in doc.spans.get(FACTS, []) if f.label_ == "ORG"]
        by_end = {f.end_char: f for f in group if f._.entity_id in self.listed_ids}
        for f in group:
            if f._.entity_id in self.listed_ids:
                continue
            m = re.search(r"([A-Z][\w&-]{1,11})[ ]*[–—(-][ ]*$", text[max(0, f.start_char - 20):f.start_char])
            if m is None:
                continue
            acronym = by_end.get(f.start_char - len(m.group()) + len(m.group(1)))
            if acronym is not None and acronym.text == m.group(1) and fits(m.group(1), f.text):
                f._.entity_id, f._.value = acronym._.entity_id, dict(acronym._.value or {})

    def _listed_ids(self, doc: Doc) -> None:
        """An ORG span that other rules found and that names a body of orgs.json (its name, an alias or an
        acronym, article aside) takes that entry's id: "l'OMC" from the stock NER is org:organisation-mondiale-du-
        commerce, not org:omc."""
        for f in doc.spans.get(FACTS, []):
            if f.label_ != "ORG":
                continue
            if f._.entity_id in self.listed_ids:
                continue      # the gazetteer's own (and its reading of the context: "(COPIL)")
            entry = self.by_name.get(fold(re.sub(r"^(?:[Ll]es?|[Ll]a|[Ll]['’])\s*", "", f.text)))
            if entry is not None:
                f._.entity_id = f"org:{entry['id']}"
                f._.value = dict(f._.value or {}, **self._value(entry))

    @staticmethod
    def _programme_names(doc: Doc, taken: Ranges) -> list[tuple[int, int]]:
        """Programmes named after a cue word: "le label « Relance »", "le plan Marshall" (rules in
        ``resources/orgs/programme_cues.toml``); id "programme:<slug of the name>"."""
        out = []
        for m in _programme_cue_re().finditer(text_of(doc)):
            start, end = (m.start("q"), m.end("q")) if m.group("q") else (m.start("c"), m.end("c"))
            name = m.group("q") or programmes.trim_name(m.group("c"))
            end = start + len(name)
            if (len(name.split()) > _CUES["max_words"] or programmes.rejected(name)
                    or taken.overlaps(start, end) or len(re.findall(r"[^\W\d_]", name)) < 2):
                continue
            span = doc.char_span(start, end, label="PROGRAMME", alignment_mode="expand")
            if span is not None and not m.group("q") and len(span) == 1:
                span = _sentence_case_tail(doc, span)
                name = span.text
            if programmes.alone(name):
                continue      # "un dispositif France encore plus performant"
            if span is not None and not taken.overlaps(span.start_char, span.end_char):
                add_fact(doc, span, {"name": name}, f"programme:{slugify(name)}")
                taken.add(span.start_char, span.end_char)
                out.append((span.start_char, span.end_char))
        return out + OrgTagger._programme_repeats(doc, taken, out)

    def _programme_short_forms(self, doc: Doc, taken: Ranges) -> list[tuple[int, int]]:
        """A listed programme's short form right after an article ("le Ségur": the Ségur de la santé; rules in
        ``programme_cues.toml``, [[short_forms]])."""
        text = text_of(doc)
        out = []
        for rule in _CUES.get("short_forms", []):
            entry = self.entries[f"PROGRAMME|{rule['id']}"]
            before = re.compile(rule["before"], re.IGNORECASE)
            for m in re.finditer(rf"(?<![\w'’-]){re.escape(rule['form'])}(?![\w'’-])(?!\s+[{UP}])", text):
                span = doc.char_span(m.start(), m.end(), label="PROGRAMME")
                if (span is None or taken.overlaps(m.start(), m.end())
                        or not before.search(text, max(0, m.start() - 8), m.start())):
                    continue
                add_fact(doc, span, {"name": entry["name"]}, f"programme:{entry['id']}")
                taken.add(m.start(), m.end())
                out.append((m.start(), m.end()))
        return out

    @staticmethod
    def _programme_patterns(doc: Doc, taken: Ranges) -> list[tuple[int, int]]:
        """Programmes found by a pattern of their own (``programme_cues.toml`` [[patterns]]): "le Grenelle des
        violences conjugales", "le plan en faveur de l'égalité entre les femmes et les hommes (2023-2027)"."""
        text = text_of(doc)
        out = []
        for regex, rule_id in _PROGRAMME_PATTERNS:
            for m in regex.finditer(text):
                s, e = m.start("n"), m.end("n")
                span = doc.char_span(s, e, label="PROGRAMME", alignment_mode="expand")
                if span is None or taken.overlaps(span.start_char, span.end_char):
                    continue
                add_fact(doc, span, {"name": span.text}, rule_id or f"programme:{slugify(span.text)}")
                taken.add(span.start_char, span.end_char)
                out.append((span.start_char, span.end_char))
        return out

    @staticmethod
    def _programme_repeats(doc: Doc, taken: Ranges, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """A name found after a cue names the programme wherever the document repeats it, cue or not, as written or
        in capitals ("le plan France mer 2030 ... le lancement de France mer 2030", the title "FRANCE MER 2030")."""
        text = text_of(doc)
        out = []
        for name in sorted({text[s:e] for s, e in found}, key=len, reverse=True):
            forms = re.compile(rf"(?<![\w])(?:{re.escape(name)}|{re.escape(name.upper())})(?![\w])")
            if len(name.split()) < 2:  # one word ("Farm") is too often a common word elsewhere
                forms = programmes.one_word_forms(name)
            for m in forms.finditer(text):
                s, e = programmes.name_span(m) if len(name.split()) < 2 else (m.start(), m.end())
                span = doc.char_span(s, e, label="PROGRAMME")
                if span is None or taken.overlaps(s, e):
                    continue
                add_fact(doc, span, {"name": name}, f"programme:{slugify(name)}")
                taken.add(s, e)
                out.append((s, e))
        return out

    @staticmethod
    def _drop_countries_inside(doc: Doc) -> None:
        """A country inside a body's or programme's name is no place ("Régions de France", "France Relance"), nor
        a place outside the gazetteers that the NER saw in one."""
        group = doc.spans.get(FACTS, [])
        names = Ranges((f.start_char, f.end_char) for f in group if f.label_ in ("ORG", "PROGRAMME"))
        if not names.starts:
            return
        same = {(g.start_char, g.end_char) for g in group if g.label_ in ("ORG", "PROGRAMME")}
        keep = [f for f in group if not (f.label_ == "TERRITORY" and names.overlaps(f.start_char, f.end_char)
                                         and ((f._.value or {}).get("kind") == "place"
                                              or ((f._.value or {}).get("kind") == "country"
                                                  and (f.start_char, f.end_char) not in same)))]
        if len(keep) != len(group):
            doc.spans[FACTS] = keep

    @staticmethod
    def _head_bodies(doc: Doc, taken: Ranges) -> None:
        """Bodies named by a head word and its complement ("la Cour des comptes", "la commission des lois"); a
        body the gazetteer found inside the complement ("Conseil de l'Union européenne") gives way."""
        text = text_of(doc)
        for span in head_bodies(doc):
            s, e = span.start_char, span.end_char
            longer = doc.char_span(s, to_acronym(text, e, span.text))   # "... analyses sur les risques (BEA-RI)"
            if longer is not None and not taken.overlaps(e, longer.end_char):
                span, e = longer, longer.end_char
            group = doc.spans.get(FACTS, [])
            inner = [f for f in group if f.label_ in ("ORG", "PROGRAMME") and f.start_char < e and s < f.end_char]
            if any(f.label_ == "PROGRAMME" or f.start_char <= s or f.end_char > e for f in inner):
                continue
            name = " ".join(span.text.split())
            if _not_org_name(name):
                continue      # "du Parlement et du Gouvernement": two institutions named generically
            if inner:
                doc.spans[FACTS] = [f for f in group if not any(f is g for g in inner)]
            add_fact(doc, Span(doc, span.start, span.end, label="ORG"), {"name": name, "kind": "body"},
                     f"org:{slugify(name)}")
            taken.add(s, e)

    @staticmethod
    def _groups(doc: Doc) -> None:
        """Parliamentary groups listed after "groupe(s)": "sur les bancs des groupes LaREM, Dem et Agir ens"."""
        text = text_of(doc)
        items = listed_groups(text)
        if not items:
            return
        listed = Ranges((s, e) for s, e, _ in items)
        group = doc.spans.get(FACTS, [])
        keep = [f for f in group if not (f.label_ == "ORG" and ((f._.value or {}).get("kind") == "ner"
                                                                or any(s <= f.start_char and f.end_char <= e
                                                                       for s, e, _ in items))
                                         and listed.overlaps(f.start_char, f.end_char)
                                         and not any((f.start_char, f.end_char) == (s, e) for s, e, _ in items))]
        # the stock NER's "Agir ens et LR", the gazetteer's "NUPES" inside "Écolo-NUPES": the list's items instead
        if len(keep) != len(group):
            doc.spans[FACTS] = keep
        taken = Ranges((f.start_char, f.end_char) for f in keep if f.label_ == "ORG")
        for f in keep:    # the stock NER's "Démocrate" after "groupe": the group
            if f.label_ == "ORG" and (f._.value or {}).get("kind") == "ner":
                hit = next((label for s, e, label in items if (s, e) == (f.start_char, f.end_char)), None)
                if hit:
                    f._.entity_id = f"org:{slugify(hit)}"
                    f._.value = {"name": hit, "acronym": f.text, "kind": "group"}
        for s, e, label in items:
            span = doc.char_span(s, e, label="ORG")
            if span is None or taken.overlaps(s, e):
                continue
            add_fact(doc, span, {"name": label, "acronym": text[s:e], "kind": "group"}, f"org:{slugify(label)}")
            taken.add(s, e)

    @staticmethod
    def _acronyms(doc: Doc) -> None:
        """An acronym written in parentheses after a body's name ("... numérique (Arcom)") names that body there
        and wherever else the document uses it."""
        text = text_of(doc)
        group = doc.spans.get(FACTS, [])
        bodies = {(f.start_char, f.end_char): f for f in group if f.label_ == "ORG"}
        found = defined_acronyms(text, [(s, e, f.text) for (s, e), f in bodies.items()])
        for m in _CAPS.finditer(text):     # "l'agence régionale de santé d'Occitanie ... l'ARS": no parentheses
            same = bodies.get((m.start(), m.end()))
            if m.group() in found or (same is not None and (same._.value or {}).get("kind") != "ner"):
                continue      # (the stock NER's "l'OMT" is relinked to the body named before it)
            for (s, e), f in sorted(bodies.items()):
                if e <= m.start() and len(f.text.split()) >= 3 and fits(m.group(), f.text, strict=True):
                    found[m.group()] = (s, e, f.text)
                    break
        if not found:
            return
        places = {(f.start_char, f.end_char): f for f in group
                  if f.label_ == "TERRITORY" and (f._.value or {}).get("kind") == "place"}
        taken = Ranges((f.start_char, f.end_char) for f in group if (f.start_char, f.end_char) not in places
                       and not (f.label_ == "PERSON" and (f._.value or {}).get("mention") == "title"))
        for acronym, (s, e, _) in found.items():
            body = bodies[(s, e)]
            value = dict(body._.value or {}, acronym=acronym)
            for m in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text):
                if _PLURAL_BEFORE.search(text, max(0, m.start() - 12), m.start()):
                    continue      # "l'ensemble des Dreal": a kind of body
                same = bodies.get((m.start(), m.end()))
                if same is not None and (same._.value or {}).get("kind") == "ner":   # the stock NER's: relinked
                    same._.value, same._.entity_id = value, body._.entity_id
                    continue
                span = doc.char_span(m.start(), m.end(), label="ORG")
                if span is None or taken.overlaps(m.start(), m.end()):
                    continue
                if places.pop((m.start(), m.end()), None) is not None:   # the stock NER's place: the body
                    doc.spans[FACTS] = [f for f in doc.spans[FACTS]
                                        if (f.label_, f.start_char, f.end_char) != ("TERRITORY", m.start(), m.end())]
                add_fact(doc, span, value, body._.entity_id)
                taken.add(m.start(), m.end())

    @staticmethod
    def _short_forms(doc: Doc) -> None:
        """Short names of bodies (rules.toml ``short_forms``): "l'Assemblée" alone, "l'éducation nationale"."""
        text = text_of(doc)
        group = doc.spans.get(FACTS, [])
        taken = Ranges((f.start_char, f.end_char) for f in group if f.label_ in ("ORG", "PROGRAMME"))
        for rule in _SHORT_FORMS:
            if rule.get("requires") and not re.search(rule["requires"], text):
                continue      # "la Commission" is the European one only where the text speaks of the Union
            flags = 0 if rule.get("case", True) else re.IGNORECASE
            for m in re.finditer(rf"(?<![\w-]){rule['pattern']}(?![\w-])", text, flags):
                span = doc.char_span(m.start(), m.end(), label="ORG")
                if span is None:
                    continue
                same = [f for f in doc.spans.get(FACTS, []) if f.label_ == "ORG" and (f.start, f.end) == (span.start, span.end)
                        and (f._.value or {}).get("kind") == "ner"]
                if same and rule.get("id"):   # the stock NER's bare "Union": the body the rule names
                    same[0]._.entity_id = rule["id"]
                    same[0]._.value = {"name": rule["name"], "kind": "body"}
                    continue
                if taken.overlaps(m.start(), m.end()):
                    continue
                before = {fold(t.text) for t in doc[max(0, span.start - rule.get("window", 0)):span.start]}
                nxt = doc[span.end] if span.end < len(doc) else None
                if before & set(rule.get("not_after", ())) or (nxt is not None and rule.get("alone") and (
                        nxt.pos_ == "ADJ" or fold(nxt.text) in _COMPLEMENT_WORDS or nxt.is_title)):
                    continue
                add_fact(doc, span, {"name": rule["name"], "kind": "body"}, rule.get("id"))
                taken.add(m.start(), m.end())

    @staticmethod
    def _plural_only(doc: Doc) -> set[str]:
        """Acronyms the document only uses after plural determiners ("aux AED", "les APL"): kinds of things or
        people, not a body."""
        plural, singular = set(), set()
        strings, orths = doc.vocab.strings, doc.to_array(ORTH).tolist()   # no Token per word
        upper = {o for o in set(orths) if len(strings[o]) >= 2 and strings[o].isupper()}
        dashes = {o for o in set(orths) if strings[o] in ("–", "—", "-", "(")}   # before a long form
        for i in range(1, len(orths)):
            if not (orths[i] in upper or (i + 1 < len(orths) and orths[i + 1] in dashes
                                          and _plural_long_form(doc, doc[i]))):
                continue
            text, prev = strings[orths[i]], fold(strings[orths[i - 1]])
            if prev in _PLURAL_DETS or doc[i - 1].like_num:
                plural.add(text)
            elif prev in _SINGULAR_DETS:
                singular.add(text)
        return plural - singular - set(group_forms())   # "les LR": the party's members

    def _stock_orgs(self, doc: Doc) -> None:
        """Named bodies of the stock NER that the gazetteer does not know: "Amnesty International", "SNCF"."""
        taken = [(s.start_char, s.end_char) for s in doc.spans.get(FACTS, [])]
        plural_only = self._plural_only(doc) | thing_acronyms(text_of(doc))
        lower_acronyms = lower_phrase_acronyms(doc, {e.text for e in doc.ents if e.text.isupper()})
        for ent in self._coordinated([e for e in doc.ents if e.label_ == "ORG"]):
            k = ent.start
            while k < ent.end - 1 and doc[k].lower_ in _NER_ARTICLES:
                k += 1
            article = (k > ent.start and doc[k - 1].lower_ in ("le", "la", "les") and doc[k - 1].is_title
                       and not doc[k - 1].is_sent_start)   # "Mediapart et Le Monde": the article is the name's
            while (k < ent.end - 1 and doc[k].is_lower and doc[k].pos_ == "NOUN"
                   and (doc[k + 1].is_title or doc[k + 1].is_upper)):
                k += 1    # "l'usine Arkéma", "le groupe Renault": the common noun before the name is no part of it
                article = False
            span = doc[k:ent.end]
            verb = next((i for i, t in enumerate(span) if i and t.is_lower and t.pos_ in ("VERB", "AUX")), None)
            if verb is not None:
                span = span[:verb]   # "Sécurité sociale et l'assurance maladie remboursent": no verb in a name
            while len(span) > 1 and (span[-1].is_punct or span[-1].lower_ in _TRIM):
                span = span[:-1]
            name = span.text
            before = {fold(t.text) for t in doc[max(0, span.start - 4):span.start]}
            head = [fold(t.text) for t in span[:2]]
            prev = [fold(t.text) for t in doc[max(0, span.start - 2):span.start]]
            if not name.isupper() and (prev[-1:] and prev[-1] in _NER_PLACE_BEFORE
                                       or " ".join(prev) in _NER_PLACE_BEFORE):
                continue  # "à Papeno'o", "la commune de Hitia'a": a place
            if len(span) == 1 and span[0].pos_ in _NER_NOT_NAME_POS and not name.isupper():
                continue  # "Punir les élèves", "Rappelons que": no name
            if self._verb_or_heading_word(doc, span[0]) and all(t.is_lower for t in span[1:]):
                continue  # "Prenons l'exemple", "Soyons sérieux", "BÉNÉVOLAT" in a title: no name
            if name.isupper() and name in lower_acronyms:
                continue  # "le SMV" after "le service militaire volontaire": a thing, no body
            if fold(name).startswith(_NER_STATE_PREFIXES):
                continue  # "la Fédération de Russie": a state
            if {fold(t.text) for t in doc[max(0, span.start - 3):span.start] if not t.is_punct} & _NER_EVENT_BEFORE:
                continue  # "la conférence « Solidaires du peuple ukrainien »": an event
            if span.start and fold(doc[span.start - 1].text) in _NER_THING_BEFORE:
                continue  # "la loi EGALIM", "des contrats TUC": a law, a kind of contract
            if self._model_after(doc, span.end):
                continue  # "Ariane 6 ouvrira la voie": a product of that name, not the body
            head3 = " ".join(fold(t.text) for t in span[:3])
            if ("\n" in name or fold(span[0].text) in _NER_TITLE_WORDS or before & _NER_OFFICE_BEFORE
                    or head[0] in _NER_NOT_ORG_HEADS or " ".join(head) in _NER_NOT_ORG_HEADS or head3 in _NER_NOT_ORG_HEADS
                    or (len(span) == 1 and span[0].pos_ == "NOUN" and not name.isupper())):
                continue  # an office, a ministry's name cut short, a common noun written with a capital
            if (not any(c.isupper() for c in name) or len(name) < 2 or not re.search(r"[^\W\d_]", name)
                    or _not_org_name(name) or name in self.ambiguous
                    or name in plural_only or _ORDINAL.fullmatch(name)
                    or any(s < span.end_char and span.start_char < e for s, e in taken)):
                continue
            acronym = name.isupper() and " " not in name
            if article:
                span = doc[span.start - 1:span.end]
                name = span.text
            value = {"name": name, "kind": "ner"} | ({"acronym": name} if acronym else {})
            add_fact(doc, Span(doc, span.start, span.end, label="ORG"), value, f"org:{slugify(name)}")
            taken.append((span.start_char, span.end_char))

    @staticmethod
    def _model_after(doc: Doc, end: int) -> bool:
        """A model number right after a name ("Ariane 6", "Boeing 737"), no counted noun after it ("Thales 10
        salariés" is no model)."""
        if end >= len(doc) or not (re.fullmatch(r"\d{1,2}", doc[end].text) or _MODEL.fullmatch(doc[end].text)):
            return False
        nxt = doc[end + 1] if end + 1 < len(doc) else None
        return nxt is None or not (nxt.is_lower and nxt.pos_ in ("NOUN", "ADJ"))

    @staticmethod
    def _coordinated(ents: list[Span]) -> list[Span]:
        """A stock ORG span holding two names joined by "et" and an article ("la Sécurité sociale et l'Assurance
        maladie") is two spans."""
        out = []
        for ent in ents:
            start = ent.start
            for t in ent[1:-1]:
                nxt = t.doc[t.i + 1]
                after = t.doc[t.i + 2] if t.i + 2 < ent.end and nxt.lower_ in _NER_ARTICLES else nxt
                if t.lower_ == "et" and nxt.lower_ in _NER_ARTICLES and after.is_title and t.i > start:
                    out.append(Span(t.doc, start, t.i, label="ORG"))
                    start = t.i + 1
            out.append(Span(ent.doc, start, ent.end, label="ORG") if start > ent.start else ent)
        return out

    @staticmethod
    def _verb_or_heading_word(doc: Doc, tok) -> bool:
        """A sentence-opening imperative ("Prenons l'exemple": an ending of ``ner_verb_endings``, a lower-case word
        after it) or a word of a heading in capitals ("BÉNÉVOLAT": an accented capital or ``heading_word_letters``
        letters, on a line written in capitals)."""
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        prev = doc[tok.i - 1] if tok.i else None
        opens = (tok.is_sent_start or prev is None or prev.text in (".", "!", "?", ":")
                 or "\n" in prev.whitespace_ or prev.is_space)   # a sentence opening a line
        if (opens and tok.is_title and fold(tok.text).endswith(_NER_VERB_ENDINGS)
                and nxt is not None and nxt.text[:1].islower()):
            return True
        if not tok.is_upper:
            return False
        text = text_of(doc)
        start = text.rfind("\n", 0, tok.idx) + 1
        end = text.find("\n", tok.idx)
        line = text[start:end if end >= 0 else len(text)]
        return (len(line.split()) >= 2 and line.upper() == line
                and (bool(_ACCENTED_CAP.search(tok.text)) or len(tok.text) >= _HEADING_LETTERS))

    @staticmethod
    def _parenthesized(doc: Doc) -> None:
        """Acronyms in parentheses after lower-case words (``bodies.acronym_phrases``): a body's name ("la mission
        régionale d'autorité environnementale (MRAE)") is an ORG; a thing's ("l'allocation aux adultes handicapés
        (AAH)") makes the stock NER's ORG spans of that acronym no bodies."""
        things = set()
        for phrase, acronym, body in acronym_phrases(doc):
            if not body:
                things.add(acronym)
                continue
            group = doc.spans.get(FACTS, [])
            capitalized = not phrase[0].is_lower
            kinds = ("body", "ner") if capitalized else ("body",)   # the stock NER's "Grand Paris" inside it
            inner = [f for f in group if f.label_ in ("ORG", "PROGRAMME") and f.start_char < phrase.end_char
                     and phrase.start_char < f.end_char]
            if any(f.label_ == "PROGRAMME" or f.start_char < phrase.start_char or f.end_char > phrase.end_char
                   or (f._.value or {}).get("kind") not in kinds for f in inner):
                continue
            if capitalized and any(f.label_ == "PERSON" and f.start_char < phrase.end_char
                                   and phrase.start_char < f.end_char for f in group):
                continue      # "Jean Martin (JM)": a person
            if inner:     # a head-and-complement name cut short: "commission ... des espaces naturels, agricoles"
                cut = {(f.start, f.end, f.label_) for f in inner}
                doc.spans[FACTS] = [f for f in group if (f.start, f.end, f.label_) not in cut]
            name = " ".join(phrase.text.split())
            add_fact(doc, Span(doc, phrase.start, phrase.end, label="ORG"), {"name": name, "kind": "body"},
                     f"org:{slugify(name)}")
        if things:
            group = doc.spans.get(FACTS, [])
            keep = [f for f in group if not (f.label_ == "ORG" and f.text in things
                                             and (f._.value or {}).get("kind") == "ner")]
            if len(keep) != len(group):
                doc.spans[FACTS] = keep

    @staticmethod
    def _add_names(doc: Doc, spans: list[Span], kind: str, over_names: bool = False) -> None:
        """Add each span as an ORG unless it overlaps a fact (a place inside a body's name aside) or is no body.
        over_names: a bare name of exactly that span that no table knows, the stock NER's guess, gives way
        ("Cartonnerie Dumoulin, une PME")."""
        for span in spans:
            group = doc.spans.get(FACTS, [])
            name = span.text
            if over_names:
                weak = [f for f in group if f.label_ == "PERSON" and (f.start, f.end) == (span.start, span.end)
                        and not any((f._.value or {}).get(k) for k in ("canonical_name", "civility", "role"))]
                if weak:
                    doc.spans[FACTS] = group = [f for f in group
                                                if not (f.label_ == "PERSON" and (f.start, f.end) == (span.start, span.end))]
            if (len(name) < 2 or _not_org_name(name)
                    or any(f.label_ != "TERRITORY" and f.start_char < span.end_char and span.start_char < f.end_char
                           and not (f.label_ == "PERSON" and (f._.value or {}).get("mention") == "title")
                           for f in group)):
                continue
            add_fact(doc, Span(doc, span.start, span.end, label="ORG"), {"name": name, "kind": kind},
                     f"org:{slugify(name)}")

    def _cued(self, doc: Doc) -> None:
        """"l'entreprise Flexico", "Flexico, une PME": names that a common noun makes bodies."""
        self._add_names(doc, cued_names(doc), "organization", over_names=True)

    def _france(self, doc: Doc) -> None:
        """"Arc France", "France Bénévolat": "France" and a capitalized word are a body's name, not the country."""
        spans = [doc.char_span(s, e) for s, e in france_names(text_of(doc), set(self.people.sex))]
        self._add_names(doc, [sp for sp in spans if sp is not None], "organization")

    @staticmethod
    def _repeats(doc: Doc) -> None:
        """A name that a cue made a body ("l'entreprise Perenco", "le média Disclose") names that body wherever the
        document repeats it, as written or in capitals (a question's title), where no other fact stands."""
        text = text_of(doc)
        group = doc.spans.get(FACTS, [])
        names = {f.text: f for f in group if f.label_ == "ORG" and (f._.value or {}).get("kind") == "organization"
                 and len(f.text) >= 3}
        if not names:
            return
        # a bare name of exactly the repeated span that no table knows, the stock NER's guess of a person, gives way
        # ("Flexico, c'est la start-up du groupe" ... "c'est Flexico")
        weak = {(f.start_char, f.end_char) for f in group if f.label_ == "PERSON" and f.text in names
                and not any((f._.value or {}).get(k) for k in ("canonical_name", "civility", "role"))}
        if weak:
            doc.spans[FACTS] = group = [f for f in group if not (f.label_ == "PERSON"
                                                                 and (f.start_char, f.end_char) in weak)]
        taken = Ranges((f.start_char, f.end_char) for f in group)
        for name, body in sorted(names.items(), key=lambda kv: -len(kv[0])):
            forms = "|".join(re.escape(x) for x in sorted({name, name.upper()}, key=len, reverse=True))
            for m in re.finditer(rf"(?<![\w'’-])(?:{forms})(?![\w'’-])", text):
                span = doc.char_span(m.start(), m.end(), label="ORG")
                if span is None or taken.overlaps(m.start(), m.end()) or OrgTagger._model_after(doc, span.end):
                    continue      # "Ariane, Thales et Airbus ... Ariane 6": the launcher, not the body
                add_fact(doc, span, dict(body._.value or {}), body._.entity_id)
                taken.add(m.start(), m.end())

    def _listed(self, doc: Doc) -> None:
        """"pour Vinci et Eiffage": a capitalized name listed beside a body is a body (twice: lists of three)."""
        for _ in range(2):
            bodies = [f for f in doc.spans.get(FACTS, []) if f.label_ == "ORG"
                      and (f._.value or {}).get("kind") not in ("ministry", "group")]
            before = len(doc.spans.get(FACTS, []))
            names = [sp for sp in listed_beside(doc, bodies) if fold(sp[0].text) not in self.people.sex
                     and not set(fold(sp[0].text).split("-")) & _NER_TITLE_WORDS]   # "et Vice-Présidente de ..."
            self._add_names(doc, names, "organization")   # "la Commission européenne, Ursula ...": a person
            if len(doc.spans.get(FACTS, [])) == before:
                break

    @staticmethod
    def _drop_dates_inside(doc: Doc, names: list[tuple[int, int]]) -> None:
        """A date inside a programme's name is part of the name: "Petites villes de demain", "France 2030"."""
        if not names or FACTS not in doc.spans:
            return
        group = doc.spans[FACTS]
        keep = [f for f in group if not (f.label_ in ("DATE", "DURATION")
                                         and any(s <= f.start_char and f.end_char <= e for s, e in names))]
        if len(keep) != len(group):
            doc.spans[FACTS] = keep

    @staticmethod
    def _value(entry: dict) -> dict:
        value = {"name": entry["name"], "kind": entry["kind"]}
        if entry.get("acronym"):
            value["acronym"] = entry["acronym"]
        if entry.get("generic"):
            value["generic"] = True
        return value

    def _ministries(self, doc: Doc, taken: Ranges) -> None:
        """"ministère de l'économie et des finances" -> the AN ministry of that name at the document date."""
        text, date = text_of(doc), doc._.ref_date
        word = re.compile(r"(?:[ \t]*\n?[ \t]*|,[ ]*(?=(?:de|du|des|et)\b))([\w'’-]+)", re.IGNORECASE)
        for m in _MINISTRY.finditer(text):
            pos, end, n = m.end(), m.end(), 0
            while n < 25:
                w = word.match(text, pos)
                if w is None:
                    break
                found = words(w.group(1))
                if not found or not all(x in self.vocab for x in found) or fold(w.group(1)) == "ministere":
                    break
                pos = w.end()
                n += 1
                if found[-1] not in _TRIM:
                    end = pos
            if end == m.end() or taken.overlaps(m.start(), end):
                continue
            written = " ".join(text[m.end():end].split())
            name = self._ministry_name(written, date) or f"Ministère {written}"
            span = doc.char_span(m.start(), end, label="ORG", alignment_mode="expand")
            if span is not None:
                add_fact(doc, span, {"name": name, "kind": "ministry"}, f"org:{slugify(name)}")
                taken.add(span.start_char, span.end_char)

    def _ministry_name(self, written: str, date: str | None) -> str | None:
        """The AN ministry whose label holds every word written, the tightest first."""
        want = _content_words(written)
        if not want:
            return None
        best, best_key = None, None
        for row in self.people.ministries:
            if (date and not active(row, date)) or not row["label"].startswith("Minist") or "auprès" in row["label"]:
                continue
            have = _content_words(row["label"])
            if not want <= have:
                continue
            key = (len(want) / len(have), row["start"])
            if best_key is None or key > best_key:
                best, best_key = row["label"], key
        return best

    def _role_objects(self, doc: Doc, taken: Ranges) -> None:
        text = text_of(doc)
        for person in doc._.person_facts:
            role = (person._.value or {}).get("role")
            if not role or (person._.value or {}).get("mention") != "name":
                continue
            at = text.find(role, person.end_char, person.end_char + 300)
            if at < 0:
                continue
            m = _ROLE_OBJECT.match(role)
            if not m:
                continue
            org = m.group("org").rstrip(" .")
            if fold(org).split()[0] in _NOT_ORG:
                continue
            s = at + m.start("org")
            e = s + len(org)
            if taken.overlaps(s, e):
                continue
            span = doc.char_span(s, e, label="ORG", alignment_mode="expand")
            if span is not None:
                add_fact(doc, span, {"name": org, "kind": "organization"}, f"org:{slugify(org)}")
                taken.add(s, e)


@Language.factory(FACTORY, assigns=["doc.spans"], requires=["doc._.person_facts"])
def make_orgs(nlp: Language, name: str):
    return OrgTagger(nlp)
