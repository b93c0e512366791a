"""COUNT reading for the quantities component: which numbers are counts, and what they count.

The unit is the head noun after the number (its lemma), or a fixed multi-word term from
``resources/quantities/fixed_terms.tsv`` ("territoire d'industrie"). Numbers without a noun of their own take the
unit of the next number ("136, puis 141 territoires"), merge into a range ("quatre à cinq emplois") or, for
"231 d'entre eux", take the unit of the antecedent. Ordinals, years, day numbers, references ("page 2026",
"n° 17519") and durations are not counts.
"""
from __future__ import annotations

import csv
import re
from bisect import bisect_left, bisect_right
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token

from ...config import RESOURCES_DIR
from ...text_utils import first_chars
from .. import text_of
from ..ranges import Ranges
from .numbers import Number, clean, counted_quarter, grammar, qualifier_before, range_between

FIXED_TERMS_PATH = RESOURCES_DIR / "quantities" / "fixed_terms.tsv"
QUOTES = set(grammar()["count"]["quotes"])  # resources/quantities/grammar.toml
PREPOSITIONS = set(grammar()["count"]["term_prepositions"])
EXCLUDED = "excluded"


def _alt(items) -> str:
    return "|".join(re.escape(x) for x in sorted(set(items), key=lambda x: (-len(x), x)))


def pluralize_term(term: str) -> str:
    """Plural of a fixed term: the words before the first preposition take the plural."""
    words, out, done = term.split(" "), [], False
    for w in words:
        if done or w in PREPOSITIONS or w.startswith("d'"):
            done = True
            out.append(w)
        elif w.endswith(("s", "x", "z")):
            out.append(w)
        elif w.endswith("al"):
            out.append(w[:-2] + "aux")
        elif w.endswith(("eau", "eu")):
            out.append(w + "x")
        else:
            out.append(w + "s")
    return " ".join(out)


def load_fixed_terms() -> list[tuple[str, list[str]]]:
    out = []
    with open(FIXED_TERMS_PATH, encoding="utf-8") as fh:
        for row in csv.reader((ln for ln in fh if ln.strip() and not ln.startswith("#")), delimiter="\t"):
            variants = [v for v in (row[1].split("|") if len(row) > 1 else []) if v.strip()]
            out.append((row[0].strip(), [v.strip() for v in variants]))
    return out


def singular(word: str) -> str:
    if word in grammar()["count"]["invariable"] or len(word) < 4:
        return word
    if word.endswith("eaux"):
        return word[:-1]
    if word.endswith("aux"):
        return word[:-3] + "al"
    if word.endswith(("s", "x")) and not word.endswith(("ss", "ais", "ois", "ous", "ès", "us")):
        return word[:-1]
    return word


class CountReader:
    def __init__(self, nlp: Language, excluded_units=()):
        """excluded_units: more words that never are the unit of a count (the currency names)."""
        g = grammar()["count"]
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for canonical, variants in load_fixed_terms():
            forms = {canonical, pluralize_term(canonical), *variants}
            forms |= {f.replace("'", "’") for f in forms}
            self.matcher.add(canonical, [nlp.make_doc(f) for f in forms])
        months = _alt(g["months"])
        self.excluded = set(g["excluded_units"]) | set(g["months"]) | set(excluded_units)
        self.prenominal = set(g["prenominal"])
        self.invariable = set(g["invariable"])
        self.not_units = set(g["not_units"])
        self.change_verbs = set(g["change_verbs"])
        # "3 et 4 mars", "1er, 2 et 3 mai": items then a month; read item by item with a memo (see _date_after)
        self.date_item = re.compile(r"\s*(?:et|au|à|-|–|&|,)\s*\d{1,2}(?:er)?", re.I)
        self.month_after = re.compile(rf"\s*(?:{months})(?![\w])", re.I)
        self._date_memo: tuple[str, dict[int, bool]] = ("", {})
        self.month_before = re.compile(rf"(?<![\w])(?:{months})\s*$", re.I)
        # "nos 109, 7, 69 et 68", "articles 1er bis, 2 et 2 bis": every number of a list after a reference word
        # the mark may come after the reference word's adjectives ("deux amendements identiques, nos 6 et 18")
        self.ref_before = re.compile(rf"(?<![\w])(?:{_alt(g['reference_words'])})(?:\s*:?\s*"
                                     rf"(?:(?:{_alt(g['reference_marks'])})\s*)?"
                                     rf"|(?:\s+[^\W\d_][\w'’-]*){{1,2}}\s*,?\s*(?:{_alt(g['reference_marks'])})\s*)"
                                     rf"(?:\d+(?:er)?(?:\s+(?:{_alt(g['number_suffixes'])}))?\s*(?:,|et|ou)\s*)*$", re.I)
        self.suffix_after = re.compile(rf"\s+(?:{_alt(g['number_suffixes'])})(?![\w])", re.I)
        self.clock_before = re.compile(r"(?<![\w])(?:heures?|h)\s+$", re.I)   # "seize heures trente": minutes
        self.singular_article = re.compile(r"(?<![\w'’])(?:le|la)\s+$", re.I)  # "le 3018": a number's name
        self.name_end = re.compile(r"\s*(?:[,.;:)!?]|$|(?:et|ou)\s+(?:le|la)\s)", re.I)  # with no noun after it
        # "un infirmier pour 1 500 élèves": one staff member for N is a rate ("un plan pour 300 communes" is not)
        staff = (rf"(?:{_alt(g['rate_numerators'])}|(?![\w'’-]*ments?(?![\w]))[^\W\d_][\w'’-]*"
                 rf"(?:{_alt(g['rate_numerator_endings'])})s?)(?![\w])")
        self.rate_before = re.compile(rf"(?<![\w])(?:un|une|1)\s+{staff}(?:\s+[^\W\d_][\w'’-]*){{0,3}}"
                                      r"\s+pour\s+$", re.I)
        self.rate_after = re.compile(rf"\s+{staff}(?:\s+[^\W\d_][\w'’-]*){{0,3}}\s+pour\s+\d", re.I)
        self.count_partner = re.compile(r"(?<![\d\w.,])(?!(?:1[6-9]|20)\d\d\s)\d[\d\u00a0\u202f .,]*\s+(?:et|à|ou)\s+$")
        # the look-arounds once around the alternation: the same matches, 4x faster than one pair per idiom
        self.idioms = re.compile(first_chars(g["idioms"]) + r"(?<![\w])(?:" + "|".join(re.escape(i).replace(r"\ ", r"\s+") for i in g["idioms"])
                                 + r")(?![\w])", re.I)
        self.pronoun_before = re.compile(rf"(?<![\w])(?:{_alt(g['pronoun_before'])})\s+$", re.I)
        self.year_before = re.compile(rf"(?<![\w])(?:{_alt(g['year_cues'])})\s*$", re.I)
        approx = grammar()["approximate"]["nouns"]
        self.approx_values = approx
        self.approx = re.compile(rf"\s+(?P<noun>{_alt(approx)})s?\s+(?:de|d'|d’)\s*", re.I)
        # "parmi les 800 entreprises aidées, une centaine ont fermé": an approximate noun used as the subject
        subjects = _alt(grammar()["implicit"]["subject_after"])
        self.approx_subject = re.compile(rf"\s+(?P<noun>{_alt(approx)})s?(?=\s+(?:{subjects})(?![\w]))", re.I)
        self.partitive = re.compile(r"\s*(?:(?:d'|d’)entre|parmi)\s+(?:eux|elles|nous|vous)(?![\w])", re.I)
        self.partitive_of = re.compile(rf"\s+(?:{_alt(g['partitive_determiners'])})\s+(?=[^\W\d_])", re.I)
        self.partitive_gap = re.compile(r"\s+(?:des|de ces|d'entre les|d’entre les|parmi les|sur les|sur)\s+", re.I)
        self.sequence_gap = re.compile(r"\s*(?:,\s*puis|,\s*voire|,\s*et|,\s*ou|,|puis|voire|et|ou|/)\s*", re.I)
        imp = grammar()["implicit"]
        # "on estime à 120 000 le nombre de logements": the noun after "le nombre de"
        self.number_of = re.compile(rf"\s*(?:[:,]?\s*(?:{_alt(imp['number_of_lead'])})\s+)?(?:{_alt(imp['number_of'])})"
                                    rf"\s+(?:de|d'|d’|des)\s*", re.I)
        self.number_of_before = re.compile(rf"(?:{_alt(imp['number_of'])})\s+(?:de|d'|d’|des)\s*"
                                           rf"(?P<noun>[^\W\d_][\w'’-]*)", re.I)
        # "450 000 y ont droit", "il s'élevait à 143.": a number standing for a noun said before
        self.subject_after = re.compile(rf"\s+(?:{_alt(imp['subject_after'])})(?![\w])", re.I)
        self.value_before = re.compile(rf"(?<![\w])(?:{_alt(imp['value_before'])})\s*$", re.I)
        self.apposition_before = re.compile(rf"(?:,\s*(?:{_alt(g['apposition_before'])})|(?<=[^\W\d_])\s[-–—]\s*"
                                            rf"(?:(?:{_alt(g['dash_apposition_before'])})\s*)?)\s*$", re.I)
        self.part_before = re.compile(rf"(?<![\w])(?:{_alt(imp['part_before'])})\s+$", re.I)
        self.restating_after = re.compile(rf"\s+(?:{_alt(imp['restating_after'])})(?![\w])", re.I)
        self.rate_denominators = {float(v) for v in g["rate_denominators"]}
        self.rate_gap = re.compile(r"\s+[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*){0,2}\s+pour\s+", re.I)
        self.acronym_nouns = set(g["acronym_nouns"])
        self.money_nouns = {w.lower() for w in grammar()["money"]["money_nouns"]}
        self.comparison = re.compile(rf"(?<![\w])(?:{_alt(imp['comparison_words'])})\s", re.I)
        self.number_of_back = re.compile(rf"\s+(?:{_alt(imp['number_of_back'])})(?![\w])", re.I)
        self.repeat_chars, self.repeat_min = imp["repeat_chars"], imp["repeat_min"]
        self.copula_repeat = imp.get("copula_repeat", False)
        self.copula_before = re.compile(rf"(?<![\w])(?:{_alt(imp['people_subjects'])})\s+(?:{_alt(imp['people_verbs'])})"
                                        rf"\s+(?:(?:{_alt(imp['people_qualifiers'])})\s+)?$", re.I)
        self.copula_end = re.compile(r"\s*(?:[.;:!?)]|,|$|\set\s)", re.I)
        self.number_of_after = re.compile(rf"(?<![\w])(?P<cue>{_alt(imp['number_of_after'])})\s+"
                                          rf"(?:(?:{_alt(imp['people_qualifiers'])})\s+)?(?:de|d'|d’)\s*$", re.I)
        self.rough_range_max = imp["rough_range_max"]
        self.marker_after = re.compile(rf"\s*(?:{_alt(imp['marker_after'])})", re.I)
        self.people_before = re.compile(rf"(?<![\w])(?:{_alt(imp['people_subjects'])})\s+(?:{_alt(imp['people_verbs'])})"
                                        rf"\s+(?:(?:{_alt(imp['people_qualifiers'])})\s+)?(?:\S+\s+(?:à|et)\s+)?$", re.I)
        # "ils sont dix millions chaque année à venir": at most two words before "à" + infinitive
        self.people_after = re.compile(r"\s+(?:[^\W\d_]+\s+){0,2}?à\s+(?:[\w'’]+\s+)?[^\W\d_]+(?:er|ir|re|oir)(?![\w])",
                                       re.I)
        self.people_vague = re.compile(rf"(?<![\w])(?:{_alt(imp['people_subjects'])})\s+(?:{_alt(imp['people_verbs'])})"
                                       rf"\s+(?P<count>(?:{_alt(imp['people_vague'])}))(?=\s+à\s)", re.I)
        self.clause_end = re.compile(r"\s*(?:[.;:!?)]|,|$|\s(?:en|au|contre|dont)\s|\sà\s+(?:(?:près|plus|moins)\s+de\s+)?(?=\d))",
                                     re.I)
        self.ratio_after = re.compile(r"\s+sur\s+(?=\d|[^\W\d_]+\s)", re.I)
        self.rate_opener = re.compile(rf"(?<![\w])(?:{_alt(g['rate_openers'])})\s+[^\W\d_][\w'’-]*"
                                      r"(?:\s+[^\W\d_][\w'’-]*)?\s+pour\s*$", re.I)  # "qu'un emploi vacant pour"
        self.per_one_after = re.compile(r"\s+pour\s+(?:un|une|1)\s+(?=[^\W\d_])", re.I)  # "deux actifs pour un retraité"
        self.point_cues_before = re.compile(r"(?<![\w])(?:de|d'|d’|à|plus|moins|environ|près)\s*$", re.I)
        small = _alt(list(grammar()["numbers"]["units"]) + list(grammar()["numbers"]["teens"]) + ["cent", "mille"])
        # "sept Français sur dix", "un retraité sur quatre": proportions, not counts
        self.proportion_after = re.compile(rf"\s+sur\s+(?:\d+|{small})(?![\w])(?!\s*(?:\d|[^\W\d_]+\s+de\b))", re.I)
        words = _alt(list(grammar()["numbers"]["units"]) + list(grammar()["numbers"]["teens"])
                     + list(grammar()["numbers"]["tens"]))
        self.unit_of_next = re.compile(rf"\s*(?:à|-|–|ou)\s*(?:\d+(?:[,.]\d+)?|(?:{words})(?:-(?:{words}))*)"
                                       rf"\s+(?P<unit>{_alt(g['excluded_units'])})(?![\w])", re.I)
        self.proportion_before = re.compile(rf"(?<![\w])(?:un|une|1)\s+[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*)?\s+sur\s*$",
                                            re.I)  # "une femme handicapée sur cinq"
        nouns = _alt(g["vague_nouns"])
        after_prep = "|".join(rf"(?<=(?<![\w'’]){re.escape(p)}\s)" for p in g["vague_prepositions"])
        self.vague = re.compile(rf"(?:(?<![\w'’])(?:{_alt(g['vague_determiners'])})\s+|{after_prep})(?i:{nouns})"  # "des centaines",
                                rf"(?:\s*,\s*(?i:{nouns}))*"                          # ", milliers": a list
                                rf"(?:\s+(?i:de|d'|d’)\s*(?i:{nouns}))?\s+(?i:de|d'|d’)\s*(?=[^\W\d_])")
        self.ballot_header = re.compile(rf"(?<![\w])(?:{_alt(g['ballot_headers'])})[^\n]*", re.I)
        items = sorted(g["ballot_items"], key=len, reverse=True)
        self.ballot_units = {k.lower(): v for k, v in g["ballot_items"].items()}
        self.ballot_item = re.compile(rf"(?<![\w'’])(?P<item>{_alt(items)})\s*:?\s*(?P<n>\d[\d\u00a0\u202f ]*\d|\d)(?![\d\w])",
                                      re.I)
        self.point_measure = re.compile(rf"\s+(?:de|d'|d’)\s*(?:{_alt(g['point_measures'])})(?![\w])", re.I)

    # -- guards ---------------------------------------------------------------------------------------------
    def _not_a_count(self, text: str, n: Number, prev: Token | None) -> bool:
        before = text[max(0, n.start - 30):n.start]
        if n.end < len(text) and (text[n.end].isalpha() or text[n.end] in "°"):
            return True                                  # "14h30", "10M", "3D"
        if n.start > 1 and text[n.start - 1] == "-" and text[n.start - 2].isalpha():
            return True                                  # "COVID-19", "A-4"
        if n.plain_digits and re.search(r"\d[^\W\d_]+$", text[n.start:n.end]):
            return True                                  # "la 5G", "10M": a glued abbreviation
        if self.proportion_before.search(before):
            return True                                  # "un retraité sur quatre"
        if self.rate_opener.search(text, max(0, n.start - 50), n.start):
            return True                                  # "qu'un emploi vacant pour seize demandeurs"
        if self.pronoun_before.search(before):
            return True                                  # "tous deux", "toutes trois": pronouns
        nxt = self.unit_of_next.match(text, n.end)
        if nxt and not counted_quarter(text, nxt.start("unit"), nxt.end()):
            return True                                  # "passé de 18 à 12 mois": the unit of the next number
        if self._date_after(text, n.end) or self.ref_before.search(text[max(0, n.start - 60):n.start]):
            return True
        if self.suffix_after.match(text, n.end) or self.clock_before.search(before):
            return True                                  # "l'article 2 bis", "à seize heures trente"
        if (n.plain_digits and n.value >= 2 and self.singular_article.search(before)
                and self.name_end.match(text, n.end)):
            return True                                  # "le 3018, ", "le 3018 et le 3020": a number's name
        if (self.rate_before.search(text[max(0, n.start - 60):n.start])
                or (n.value == 1 and self.rate_after.match(text, n.end))):
            return True
        if n.plain_digits.isdigit() and len(n.plain_digits) == 4 and 1800 <= n.value <= 2100:
            if self.count_partner.search(before):
                return False                             # "entre 1500 et 2000 postes": a range of counts
            if self.month_before.search(before) or self.year_before.search(before):
                return True
            return prev is None or prev.pos_ != "DET"
        return False

    def _date_after(self, text: str, pos: int) -> bool:
        """Whether day numbers then a month follow pos ("(?:ITEM)*MONTH" matched at pos).

        The regex alone re-reads the whole chain for every number of "1-1-1-..." (quadratic); here every position
        of a chain is read once per text. Only the longest item can lead to a month (no month starts like a
        separator or a digit), so the walk keeps it.
        """
        if self._date_memo[0] is not text:
            self._date_memo = (text, {})
        memo = self._date_memo[1]
        chain = []
        while pos not in memo:
            if self.month_after.match(text, pos):
                memo[pos] = True
                break
            m = self.date_item.match(text, pos)
            if not m:
                memo[pos] = False
                break
            chain.append(pos)
            pos = m.end()
        result = memo[pos]
        for p in chain:
            memo[p] = result
        return result

    # -- unit -----------------------------------------------------------------------------------------------
    def _unit_at(self, doc: Doc, k: int, count: float, fixed: dict[int, tuple[int, str]], num_tok: Token | None):
        skipped, first_skipped = 0, None
        while k < len(doc) and (doc[k].text in QUOTES or doc[k].is_space
                                or (doc[k].lower_ in self.prenominal and skipped < 2)):
            if doc[k].lower_ in self.prenominal:
                skipped += 1
                first_skipped = k if first_skipped is None else first_skipped
            k += 1
        unit = self._unit_after(doc, k, count, fixed, num_tok) if k < len(doc) else None
        if unit is None and first_skipped is not None and doc[first_skipped].pos_ == "NOUN" and (
                k >= len(doc) or not doc[k].is_alpha or doc[k].pos_ not in ("NOUN", "PROPN", "ADJ")):
            return self.lemma(doc[first_skipped], count), first_skipped + 1   # "les 700 000 jeunes qui"
        return unit

    def _unit_after(self, doc: Doc, k: int, count: float, fixed: dict[int, tuple[int, str]], num_tok: Token | None):
        if k in fixed:
            end, canonical = fixed[k]
            return canonical, end
        t = doc[k]
        if t.lower_ in ("point", "points") and k + 2 < len(doc) and doc[k + 1].lower_ in ("de", "d'", "d’") \
                and doc[k + 2].is_alpha and not self.point_measure.match(text_of(doc), t.idx + len(t.text)):
            prep = "de " if doc[k + 1].lower_ == "de" else "d'"
            return f"point {prep}{doc[k + 2].lower_}", k + 3
        if (t.lower_ in ("point", "points") and num_tok is not None and num_tok.is_alpha and count >= 2
                and not self.point_cues_before.search(text_of(doc), max(0, num_tok.idx - 12), num_tok.idx)
                and not self.point_measure.match(text_of(doc), t.idx + len(t.text))):
            return "point", k + 1                        # "trois points supplémentaires" (topics), not "de 3 points"
        if t.lower_ in self.not_units:
            return None                                  # "les 200 restants": the noun is said before
        if t.lower_ in self.excluded and not counted_quarter(text_of(doc), t.idx, t.idx + len(t.text)):
            return EXCLUDED                              # "huit trimestres" of a pension are counted
        if t.is_punct or t.like_num or not re.search(r"[^\W\d_]", t.text):
            return None
        acronym = (t.text.isupper() and len(t.text) > 1 and t.is_alpha) or t.lower_ in self.acronym_nouns
        if t.pos_ == "PROPN" and not acronym and ("Plur" not in t.morph.get("Number", default=[]) or count >= 10000):
            return None          # "75007 Paris", "3 Lyon": a name is not a unit
        nounish = t.pos_ in ("NOUN", "PROPN") or acronym or (
            num_tok is not None and num_tok.dep_ == "nummod" and num_tok.head.i == k and t.pos_ in ("ADJ", "VERB"))
        if not nounish and t.pos_ == "ADJ" and num_tok is not None and num_tok.i == k - 1 and count >= 2 \
                and "Plur" in t.morph.get("Number", default=[]) \
                and (k + 1 >= len(doc) or doc[k + 1].pos_ not in ("NOUN", "PROPN", "ADJ")):
            nounish = True       # "3 500 étrangers constituant une menace": a plural adjective used as the noun
        if not nounish:
            return None
        if (t.pos_ == "NOUN" and not acronym and count >= 2 and "Sing" in t.morph.get("Number", default=[])
                and t.lower_ not in self.invariable and singular(t.lower_) == t.lower_):  # a plural form is plural
            return None          # "100 milliards de plan (de relance)": the noun is not what is counted
        if (k + 2 < len(doc) and doc[k + 1].text == "-" and not t.whitespace_ and not doc[k + 1].whitespace_
                and doc[k + 2].is_alpha):                # "aides-soignants": one compound noun
            return f"{self.lemma(t, count)}-{singular(doc[k + 2].lower_) if count != 1 else doc[k + 2].lower_}", k + 3
        return self.lemma(t, count), k + 1

    @staticmethod
    def lemma(t: Token, count: float = 2) -> str:
        if t.text.isupper() and len(t.text) > 1:
            return t.text
        lemma = (t.lemma_ or t.text).lower()
        if lemma == t.lower_ and count != 1:
            lemma = singular(lemma)
        return lemma

    # -- reading --------------------------------------------------------------------------------------------
    def read(self, doc: Doc, free: list[Number], nums: list[Number]) -> list[dict]:
        """Counts among the free numbers (those not used by money or percent); nums is every number, in order."""
        text = text_of(doc)
        starts = doc.to_array("IDX").tolist()  # [t.idx for t in doc], without a Token per word
        self._date_starts = {s.start_char for s in doc._.date_facts} if doc.has_extension("date_facts") else set()
        fixed: dict[int, tuple[int, str]] = {}
        for match_id, s, e in self.matcher(doc):
            if s not in fixed or fixed[s][0] < e:
                fixed[s] = (e, doc.vocab.strings[match_id])
        index = {id(n): i for i, n in enumerate(nums)}
        cands: dict[int, dict] = {}
        for n in free:
            c = self._candidate(doc, text, starts, fixed, n)
            if c:
                cands[index[id(n)]] = c
        ballots = self._ballot_counts(text, free, index, cands)
        self._drop_rates(text, cands)
        self._resolve_neighbours(doc, starts, cands)
        self._resolve_partitives(doc, starts, cands)
        self._resolve_implicit(doc, text, starts, cands)
        self._resolve_neighbours(doc, starts, cands)    # "de 2 à 4 millions à en bénéficier": the range again
        self._resolve_open_ranges(doc, cands)
        self._resolve_repeats(text, cands)
        out = self._vague_counts(doc, text, starts, fixed, cands) + ballots
        idioms = Ranges((m.start(), m.end()) for m in self.idioms.finditer(text))
        for i in sorted(cands):
            c = cands[i]
            if not c.get("unit") or c["unit"] == EXCLUDED or c.get("merged") or idioms.overlaps(c["start"], c["end"]):
                continue                                 # "aux quatre coins du pays": a set phrase
            value = c["value"]
            if value == 0 and not c["num"].plain_digits:
                continue                                 # "« zéro covid »", "zéro artificialisation": a slogan
            if not float(value).is_integer() and not c["num"].scaled and not c["approx"]:
                continue                                 # "1,8 enfant par femme": a ratio, not a count
            approx = c["approx"] or qualifier_before(text, c["start"]) not in ("=",)
            out.append({"start": c["start"], "end": c["end"], "value": {
                "count": _int(value), "count_max": _int(c["count_max"]) if c["count_max"] is not None else None,
                "unit": c["unit"], "approx": approx}})
        return sorted(out, key=lambda c: c["start"])

    def _ballot_counts(self, text: str, free: list[Number], index: dict[int, int], cands: dict[int, dict]) -> list[dict]:
        """'Nombre de votants 89 ... Contre 0' after 'résultat du scrutin': each item's number counts its unit."""
        units: dict[int, str] = {}
        for header in self.ballot_header.finditer(text):
            for m in self.ballot_item.finditer(text, header.start(), header.end()):
                units[m.start("n")] = self.ballot_units[re.sub(r"\s+", " ", m["item"].lower())]
        out = []
        for n in free:
            if n.start in units and n.plain_digits:
                cands.pop(index[id(n)], None)
                out.append({"start": n.start, "end": n.end, "value": {
                    "count": _int(n.value), "count_max": None, "unit": units[n.start], "approx": False}})
        return out

    def _drop_rates(self, text: str, cands: dict[int, dict]) -> None:
        """'94 médecins pour 100 000 habitants', 'trois soignants pour dix résidents': a rate, no count."""
        for i in sorted(cands):
            c, nxt = cands.get(i), cands.get(i + 1)
            if (c and nxt and c["unit"] not in (None, EXCLUDED) and nxt["value"] in self.rate_denominators
                    and self.rate_gap.fullmatch(text, c["num"].end, nxt["num"].start)):
                del cands[i], cands[i + 1]

    def _vague_counts(self, doc: Doc, text: str, starts: list[int], fixed: dict[int, tuple[int, str]],
                      cands: dict[int, dict]) -> list[dict]:
        """"des centaines de messages", "quelques dizaines de milliers de foyers": COUNT without a count."""
        taken = Ranges((c["start"], c["end"]) for c in cands.values())
        out = []
        for m in self.vague.finditer(text):
            if taken.overlaps(m.start(), m.end()):
                continue
            unit = self._unit_at(doc, bisect_left(starts, m.end()), 100, fixed, None)
            if not unit or unit == EXCLUDED:
                continue
            name, end_tok = unit
            if re.search(r"milli(?:on|ard)s\W*(?:de|d'|d’)?\s*$", m.group(), re.I) and \
                    doc[end_tok - 1].lower_ in self.money_nouns:
                continue                                 # "ces milliards de dépenses": money, not a count
            out.append({"start": m.start(), "end": doc[end_tok - 1].idx + len(doc[end_tok - 1].text), "value": {
                "count": None, "count_max": None, "unit": name, "approx": True}})
        for m in self.people_vague.finditer(text):     # "nous serons des millions à défiler"
            if not taken.overlaps(m.start("count"), m.end("count")) and self.people_after.match(text, m.end("count")):
                out.append({"start": m.start("count"), "end": m.end("count"), "value": {
                    "count": None, "count_max": None, "unit": "personne", "approx": True}})
        return out

    def _candidate(self, doc: Doc, text: str, starts: list[int], fixed: dict[int, tuple[int, str]],
                   n: Number) -> dict | None:
        k0 = bisect_right(starts, n.start) - 1
        prev = doc[k0 - 1] if k0 > 0 else None
        if self._not_a_count(text, n, prev):
            return None
        c: dict[str, Any] = {"num": n, "start": n.start, "end": n.end, "value": n.value, "count_max": None, "approx": False,
             "unit": None, "partitive": False}
        pos = n.end
        m = self.approx.match(text, pos)
        bare = None if m else self.approx_subject.match(text, pos)
        if m:
            c["value"] = n.value * self.approx_values[m.group("noun").lower()]
            c["approx"], pos = True, m.end()
        elif bare:
            c.update(value=n.value * self.approx_values[bare.group("noun").lower()], approx=True, end=bare.end())
            return c                                     # its unit: that of a count said before (implicit)
        elif n.article:
            return None
        elif n.scaled and not self.partitive.match(text, pos):      # "1,8 million d'entre eux"
            m = re.match(r"\s*(?:de|d'|d’)\s*", text[pos:], re.I)
            pos += m.end() if m else 0
        p = self.partitive.match(text, pos)
        if p:
            c.update(partitive=True, end=p.end())
            return c
        p = self.partitive_of.match(text, pos)
        if p and not n.scaled and c["value"] >= 2:      # "dix de nos concitoyens sont décédés"
            k = bisect_left(starts, p.end())
            t = doc[k] if k < len(doc) else None
            plural = t is not None and (singular(t.lower_) != t.lower_ or t.lower_ in self.invariable
                                        or "Plur" in t.morph.get("Number", default=[]))
            if t is not None and plural and t.pos_ == "NOUN" and t.lower_ not in self.excluded:
                c.update(unit=self.lemma(t, c["value"]), end=t.idx + len(t.text))
                return c
        if self.ratio_after.match(text, pos):
            return c                                     # "moins de 300 sur 210 000 aides-soignants"
        k = bisect_left(starts, pos)
        num_tok = doc[bisect_right(starts, n.end - 1) - 1]
        unit = self._unit_at(doc, k, c["value"], fixed, num_tok)
        if unit == EXCLUDED:
            c["unit"] = EXCLUDED
        elif unit:
            c["unit"], end_tok = unit
            c["end"] = doc[end_tok - 1].idx + len(doc[end_tok - 1].text)
            if self.proportion_after.match(text, c["end"]) or (
                    self.per_one_after.match(text, c["end"])
                    and not self.people_before.search(text, max(0, n.start - 30), n.start)):
                return None                              # "sept Français sur dix", "deux actifs pour un retraité"
                # ("nous sommes dix signataires pour une ambition": people counted by "être", no rate)
        return c

    def _resolve_neighbours(self, doc: Doc, starts: list[int], cands: dict[int, dict]) -> None:
        """Numbers without a noun take the unit of the next count, or form a range with it."""
        for i in sorted(cands, reverse=True):
            c, nxt = cands[i], cands.get(i + 1)
            if c["unit"] is not None or c["partitive"] or not nxt or nxt["unit"] is None:
                continue
            n, n2 = c["num"], nxt["num"]
            text = text_of(doc)
            gap = text[n.end:n2.start]
            if nxt["unit"] == EXCLUDED:
                if range_between(text, n.start, n.end, n2.start):
                    c["unit"] = EXCLUDED                 # "passé de 18 à 12 mois": months, no count
                continue
            if (n.in_words and n2.in_words and not n.scaled and c["value"] + 1 == nxt["value"] < self.rough_range_max
                    and nxt["count_max"] is None and re.fullmatch(r"\s*,?\s*", gap)):
                nxt.update(start=c["start"], count_max=nxt["value"], value=c["value"])   # "deux trois grandes activités"
                c["merged"] = True
                continue
            is_range = range_between(text, n.start, n.end, n2.start) and not self._change(doc, starts, n)
            if is_range and not n.scaled and n2.scale > 1 and c["value"] < 1000:
                c["value"] *= n2.scale                   # "entre 15 et 20 millions de personnes"
            elif (is_range and n.plain_digits.isdigit() and len(n.plain_digits) <= 3 and n2.plain_digits
                  and THOUSANDS.search(n2.plain_digits) and n2.value / 10000 <= c["value"] < n2.value / 1000):
                c["value"] *= 1000                       # "40 à 50 000 naissances": 40 000 to 50 000
            if is_range and nxt["count_max"] is None and c["value"] < nxt["value"]:
                between = re.search(r"(?<![\w])entre\s+$", text[max(0, c["start"] - 8):c["start"]], re.I)
                start = c["start"] - len(between.group()) if between else c["start"]   # "entre mille et deux mille cas"
                nxt.update(start=start, count_max=nxt["value"], value=c["value"],
                           approx=nxt["approx"] or c["approx"])
                c["merged"] = True
            elif self.sequence_gap.fullmatch(gap) or self.partitive_gap.fullmatch(gap) or gap.strip() in ("à", "-", "–"):
                c["unit"] = nxt["unit"]

    def _resolve_open_ranges(self, doc: Doc, cands: dict[int, dict]) -> None:
        """'des rythmes de création entre 1500 et 2000 par an': a range whose first number got the unit of a noun
        said before (implicit) and whose second has none is one count."""
        text = text_of(doc)
        for i in sorted(cands):
            c, nxt = cands[i], cands.get(i + 1)
            if (not nxt or c["unit"] in (None, EXCLUDED) or nxt["unit"] is not None or c.get("merged")
                    or c["count_max"] is not None or not c["value"] < nxt["value"]):
                continue
            n, n2 = c["num"], nxt["num"]
            if c["end"] != n.end or not range_between(text, n.start, n.end, n2.start):
                continue
            between = re.search(r"(?<![\w])entre\s+$", text[max(0, c["start"] - 8):c["start"]], re.I)
            if not between:
                continue
            nxt.update(start=c["start"] - len(between.group()), unit=c["unit"], count_max=nxt["value"],
                       value=c["value"], approx=nxt["approx"] or c["approx"])
            c["merged"] = True

    def _change(self, doc: Doc, starts: list[int], n: Number) -> bool:
        """'passer de 124 à 136': the number follows 'de' governed by a verb."""
        k = bisect_right(starts, n.start) - 1
        if k < 2 or doc[k - 1].lower_ not in ("de", "d'", "d’"):
            return False
        verb = doc[k - 2]
        if verb.lemma_ == "être":
            return False                                 # "ils sont de 2 à 4 millions": a range
        return verb.pos_ in ("VERB", "AUX") or verb.lemma_ in self.change_verbs

    def _resolve_partitives(self, doc: Doc, starts: list[int], cands: dict[int, dict]) -> None:
        """'231 d'entre eux': the unit of the nearest count before, else of the nearest plural noun before."""
        done: list[dict] = []
        for i in sorted(cands):
            c = cands[i]
            if c["partitive"]:
                before = [d for d in done if d["unit"] not in (None, EXCLUDED) and c["start"] - d["end"] < 600]
                if before:
                    c["unit"] = before[-1]["unit"]
                else:
                    k = bisect_right(starts, c["start"]) - 1
                    for t in reversed(doc[max(0, k - 40):k]):
                        if t.pos_ == "NOUN" and "Plur" in t.morph.get("Number", default=[]):
                            c["unit"] = self.lemma(t)
                            break
            done.append(c)


    def _resolve_implicit(self, doc: Doc, text: str, starts: list[int], cands: dict[int, dict]) -> None:
        """Numbers whose noun is apart: "on estime à 120 000 le nombre de logements" (the noun after), "450 000 y
        ont droit", "il s'élevait à 143" (a count or "le nombre de X" said before, in the same or the last
        sentence)."""
        done: list[dict] = []
        for i in sorted(cands):
            c = cands[i]
            if c["unit"] is None and not c.get("merged") and (not c["num"].article or c["approx"]) and c["value"] >= 2:
                c["unit"] = self._implicit_unit(doc, text, starts, c, done)
            done.append(c)

    def _resolve_repeats(self, text: str, cands: dict[int, dict]) -> None:
        """A bare number equal to a count said shortly before or after it counts the same thing: "14 000 PV ...
        Vous avez dit 14 000 ?", "c'est dix millions... ils sont dix millions chaque année à venir"; a small one
        too after a people subject and "être" ("les 50 premières villes [...] Vous êtes 50 et ...")."""
        known = [c for c in cands.values() if c["unit"] not in (None, EXCLUDED) and not c.get("merged")]
        for c in cands.values():
            if c["unit"] is not None or c.get("merged") or c["partitive"]:
                continue
            n = c["num"]
            copula = (self.copula_repeat and c["value"] >= 2 and not n.article
                      and self.copula_before.search(text, max(0, n.start - 40), n.start)
                      and self.copula_end.match(text, c["end"]))
            if c["value"] < self.repeat_min and not copula:
                continue
            same = [d for d in known if d["value"] == c["value"] and d["count_max"] is None
                    and abs(d["start"] - c["start"]) <= self.repeat_chars and (not copula or d["start"] < c["start"])]
            if same:
                c["unit"] = min(same, key=lambda d: abs(d["start"] - c["start"]))["unit"]

    def _clause_ends(self, text: str, pos: int) -> bool:
        """Whether the clause of a number ends at pos, or only a date follows it ("atteindra 2 millions l'an
        prochain", "sont passés à 4 500 cette année")."""
        if self.clause_end.match(text, pos):
            return True
        nxt = pos + len(text[pos:pos + 4]) - len(text[pos:pos + 4].lstrip())
        return nxt > pos and nxt in self._date_starts

    def _pronoun_en_before(self, doc: Doc, starts: list[int], n: Number) -> bool:
        """'en réaliser dès maintenant 950': the pronoun "en" in the few words before the number, same clause."""
        k = bisect_right(starts, n.start) - 1
        for t in reversed(doc[max(0, k - 5):k]):
            if t.is_punct:
                return False
            nxt = doc[t.i + 1]
            if t.lower_ == "en" and (t.pos_ == "PRON" or (nxt.pos_ in ("VERB", "AUX") and not nxt.lower_.endswith("ant"))):
                return True                              # the pronoun, not "en portant" (a gerund)
        return False

    def _implicit_unit(self, doc: Doc, text: str, starts: list[int], c: dict, done: list[dict]) -> str | None:
        n = c["num"]
        if self.people_before.search(text, max(0, n.start - 30), n.start) and self.people_after.match(text, n.end):
            return "personne"                            # "ils sont 4 millions à avoir recours à l'aide"
        if self.apposition_before.search(text, max(0, n.start - 30), n.start) and self._clause_ends(text, n.end):
            k = bisect_right(starts, n.start) - 1        # "30 % des élèves, soit 2 000,": the plural noun before
            for t in reversed(doc[max(0, k - 8):k]):
                if t.pos_ == "NOUN" and "Plur" in t.morph.get("Number", default=[]):
                    return self.lemma(t)
        m = self.number_of_after.search(text, max(0, n.start - 40), n.start)
        if m and self._clause_ends(text, n.end):         # "des sites qui sont au nombre de 82"
            k = bisect_left(starts, m.start("cue"))
            noun = _subject_noun(doc[k - 1]) if k > 0 else None
            if noun is None:
                for t in reversed(doc[max(0, k - 10):k]):
                    if t.pos_ == "NOUN" and "Plur" in t.morph.get("Number", default=[]):
                        noun = t
                        break
            return self.lemma(noun, c["value"]) if noun is not None else None
        m = self.number_of.match(text, n.end)
        if m:
            k = bisect_left(starts, m.end())
            if k < len(doc) and doc[k].pos_ in ("NOUN", "PROPN"):
                return self.lemma(doc[k])
            return None
        subject = (self.subject_after.match(text, c["end"]) or self.number_of_back.match(text, n.end)
                   or self._pronoun_en_before(doc, starts, n) or self.restating_after.match(text, n.end)
                   or (self.part_before.search(text, max(0, n.start - 25), n.start)
                       and not (n.in_words and self.marker_after.match(text, n.end))))   # "et deux, tout faire"
        cue_verb = self.value_before.search(text, max(0, n.start - 40), n.start)
        value = cue_verb and self._clause_ends(text, n.end)
        if not subject and not value:
            return self._compared_unit(text, c, done)
        if value and cue_verb and cue_verb.group().strip() != "à":   # "un effectif passé de 18 300"
            k = bisect_left(starts, cue_verb.start())
            for t in reversed(doc[max(0, k - 2):k]):
                if t.pos_ == "NOUN" and t.is_alpha:
                    return self.lemma(t, c["value"])
            noun = _subject_noun(doc[k]) if k < len(doc) else None
            if noun is not None:                         # "des délégués, qui passeront de 913 à près de 2 000"
                return self.lemma(noun, c["value"])
        before = []                                      # the nearest count with a unit, 300 characters back at most
        for d in reversed(done):
            if c["start"] - d["start"] >= 300:
                break
            if d["unit"] not in (None, EXCLUDED) and 0 <= c["start"] - d["end"] < 300:
                before = [d]
                break
        cue = None
        for cue in self.number_of_before.finditer(text, max(0, c["start"] - 300), c["start"]):
            pass
        if cue and (not before or cue.start() > before[-1]["end"]):
            k = bisect_left(starts, cue.start("noun"))
            return self.lemma(doc[k]) if k < len(doc) and doc[k].pos_ == "NOUN" else None
        return before[-1]["unit"] if before else None

    def _compared_unit(self, text: str, c: dict, done: list[dict]) -> str | None:
        """'11 630 éloignements, contre 10 785 pour l'Allemagne et 3 230 pour l'Espagne': the unit of the last
        count of the sentence when a comparison word stands between it and this number."""
        for d in reversed(done):
            if d["unit"] in (None, EXCLUDED):
                continue
            gap = text[d["end"]:c["start"]]
            if len(gap) < 120 and not re.search(r"[.!?;]\s", gap) and (
                    self.comparison.search(gap) or d.get("compared")):
                c["compared"] = True                     # "... et 3 230 pour l'Espagne": the comparison goes on
                return d["unit"]
            return None
        return None


def _subject_noun(verb: Token) -> Token | None:
    """The noun subject of verb; for a relative clause ("des délégués, qui passeront"), its antecedent."""
    for child in verb.children:
        if child.dep_.startswith("nsubj"):
            if child.pos_ == "NOUN":
                return child
            if child.lower_ == "qui" and verb.dep_ == "acl:relcl" and verb.head.pos_ == "NOUN":
                return verb.head
    return None


THOUSANDS = re.compile(r"\d[ \u00a0\u202f.]?000$")  # "40 à 50 000", "3 à 4000": thousands said once


def _int(v: float) -> int | float:
    v = clean(abs(float(v)))      # a leading "-" before a count is a list bullet
    return int(v) if v.is_integer() else v
