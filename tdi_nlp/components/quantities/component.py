"""MONEY, COUNT and PERCENT extractor (issue 3).

Values written on ``span._.value``:
- MONEY   ``{"amount": 1360000000.0, "currency": "EUR", "qualifier": "=|>|>=|<|<=|~"}`` (+ ``"amount_max"`` for a
  range such as "entre 10 et 20 euros"); the qualifier words ("plus de", "environ") stay outside the span;
- COUNT   ``{"count": 124, "count_max": None, "unit": "territoire d'industrie", "approx": False}``;
- PERCENT ``{"percent": 85.0, "qualifier": "="}`` (+ ``"percent_max"`` for "de 3 à 4 %").

A scaled amount without a currency ("puis de 14 milliards") takes the currency of the amount before it in the
sentence, or (``"currency_inferred": true``) of an amount found shortly before it in the text, unless a counted
noun follows it; bare numbers beside an amount are amounts ("850, 900 ou 950 euros", "dont 40 financés").

Numbers come from the French number grammar of ``numbers``; money and percentages are read with regular
expressions around them; counts take their unit from the parse (see ``count_units``). Nothing overlaps a DATE
span that an earlier component put in ``doc.spans["facts"]``. The grammar is data: ``resources/quantities/``.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from spacy.attrs import IDX, POS
from spacy.language import Language
from spacy.symbols import NOUN, PROPN
from spacy.tokens import Doc

from ...config import RESOURCES_DIR
from .. import add_fact, text_of
from ..ranges import Ranges
from .count_units import THOUSANDS, CountReader
from .numbers import (Number, clean, find_numbers, grammar, parse_words, qualifier_after, qualifier_before,
                      range_between)

FACTORY = "tdi_quantities"
CURRENCIES_PATH = RESOURCES_DIR / "quantities" / "currencies.tsv"
_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)


def _alternation(items) -> str:
    return "|".join(re.escape(x) for x in sorted(set(items), key=lambda x: (-len(x), x)))


@lru_cache(maxsize=1)
def currencies() -> dict[str, tuple[str, str]]:
    """Lower-cased surface form -> (ISO code, position)."""
    out = {}
    with open(CURRENCIES_PATH, encoding="utf-8") as fh:
        for row in csv.reader((line for line in fh if line.strip() and not line.startswith("#")), delimiter="\t"):
            out[row[0].strip().lower()] = (row[1].strip(), row[2].strip())
    return out


@dataclass
class Patterns:
    after: re.Pattern      # scale abbreviation + currency after a number
    before: re.Pattern     # currency before a number (matched on the text before it)
    abbr_after: re.Pattern  # "$10k": scale abbreviation right after a number preceded by a currency
    cents: re.Pattern
    percent: re.Pattern
    percent_before: re.Pattern  # "pourcentage de" right before a number (matched on the text before it)


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    g = grammar()
    cur = currencies()
    after = _alternation(k for k, (_, pos) in cur.items() if pos in ("after", "both"))
    before = _alternation(k for k, (_, pos) in cur.items() if pos in ("before", "both"))
    abbr = _alternation(g["numbers"]["scale_abbreviations"])
    return Patterns(
        after=re.compile(rf"[ \u00a0\u202f]*(?:(?P<abbr>{abbr})[ \u00a0\u202f]*)?(?:(?i:de|d'|d’)\s*)?"
                         rf"(?P<cur>(?i:{after}))(?:(?<=[^\W\d_])(?![\w])|(?<![^\W\d_]))"),
        before=re.compile(rf"(?:(?<![\w$€£¥])|(?<=\d))(?P<cur>(?i:{before}))[ \u00a0\u202f]*$"),
        abbr_after=re.compile(rf"(?P<abbr>{abbr})(?![\w])"),
        cents=re.compile(r"\s*(?:et\s+)?(?P<num>\d{1,2}|[^\W\d_]+(?:[\s-][^\W\d_]+){0,2}?)\s+(?:centimes?|cents?)(?![\w])",
                         re.I),
        percent=re.compile(r"[ \u00a0\u202f]*(?:%|" + _alternation(s for s in g["percent"]["suffixes"] if s != "%")
                           + r")(?![\w])", re.I),
        percent_before=re.compile(r"(?<![\w])(?:" + _alternation(g["percent"]["prefixes"]) + r")[ \u00a0\u202f]*$"
                                  if g["percent"].get("prefixes") else r"(?!)", re.I),
    )


def _cents(text: str, pos: int) -> tuple[float, int] | None:
    m = patterns().cents.match(text, pos)
    if not m:
        return None
    raw = m.group("num")
    value = float(raw) if raw.isdigit() else parse_words(raw)
    return (value / 100, m.end()) if value is not None and value < 100 else None


def read_money(text: str, nums: list[Number], is_noun: Callable[[int], bool] | None = None) -> list[dict]:
    """Money mentions: {"start", "end", "amount", "currency", "qualifier", "num"} (num: index in nums).

    is_noun(offset): whether a noun starts at that offset (from the parse); without it, a bare number is read as
    an amount after or before one only when punctuation or a past participle follows it."""
    p = patterns()
    cur = currencies()
    abbr = grammar()["numbers"]["scale_abbreviations"]
    out = []
    for i, n in enumerate(nums):
        start, end, amount = n.start, n.end, n.value
        m = p.after.match(text, n.end)
        b = p.before.search(text[max(0, n.start - 12):n.start])
        if m and not (m.group("abbr") and n.scaled):
            code = cur[m.group("cur").lower()][0]
            amount *= abbr[m.group("abbr")] if m.group("abbr") else 1.0
            end = m.end()
        elif b:
            code = cur[b.group("cur").lower()][0]
            start = n.start - len(b.group(0))
            a = p.abbr_after.match(text, n.end)
            if a and not n.scaled:
                amount *= abbr[a.group("abbr")]
                end = a.end()
        else:
            continue
        if n.article and (not m or _NOT_ONE.search(text, max(0, n.start - 10), n.start)):
            continue                                     # "pas un euro ne doit aller": no amount
        c = _cents(text, end)
        if c:
            amount, end = amount + c[0], c[1]
        out.append({"start": start, "end": end, "amount": amount, "currency": code,
                    "qualifier": qualifier_before(text, start), "num": i})
    carried = _carried_in_document(text, nums, _carried(text, nums, out))
    return _merge_ranges(text, nums, _series(text, nums, carried, is_noun or (lambda _: False)))


@lru_cache(maxsize=1)
def _carry_patterns() -> tuple[re.Pattern, re.Pattern]:
    g = grammar()["money"]
    after = re.compile(r"[ \u00a0\u202f]*(?:$|[^\w\s]|(?:" + _alternation(g["carry_after"]) + r")(?![\w]))", re.I)
    endings = r"(?:é|ée|és|ées|er|ait|aient|ant|ent|era|eront|erait|e|es|ons|ez)"  # "passé", "passe", "passera"
    change = re.compile(r"(?<![\w])(?:" + _alternation(g["change_stems"]) + r")" + endings + r"\s+de\s*$", re.I)
    return after, change


@lru_cache(maxsize=1)
def _euro_context() -> re.Pattern:
    stems = _alternation(grammar()["money"]["euro_context_stems"])
    return re.compile(rf"(?<![\w])(?:{stems})[\w'’]*(?:[ \u00a0]*,?[ \u00a0]+[\w'’]+){{0,8}}[ \u00a0]*$", re.I)


@lru_cache(maxsize=1)
def _vague_money() -> re.Pattern:
    g, cur = grammar()["money"], currencies()
    words = [w for w, (_, where) in cur.items() if where in ("after", "both")]
    dets, articles = _alternation(g["vague_determiners"]), _alternation(g["vague_articles"])
    multiples, scales = _alternation(g["vague_multiples"]), _alternation(g["vague_scales"])
    of = r"(?:(?:de|d['’])[ \u00a0]*)?"
    return re.compile(rf"(?<![\w])(?:(?P<det>{dets})|{articles})[ \u00a0]+"
                      rf"(?P<body>(?:(?:{multiples})[ \u00a0]+(?:de|d['’])[ \u00a0]*(?:(?:{scales})[ \u00a0]+{of})?"
                      rf"|(?:{scales})[ \u00a0]+{of})(?P<cur>{_alternation(words)}))(?![\w])", re.I)


def read_vague_money(text: str) -> list[dict]:
    """"plusieurs centaines de millions d'euros", "des milliards d'euros", "quelques centaines d'euros": MONEY
    without an amount (value amount null, qualifier "~"); after
    an article, the span leaves it out ("les [dizaines de milliards d'euros]")."""
    cur = currencies()
    return [{"start": m.start() if m.group("det") else m.start("body"), "end": m.end(),
             "currency": cur[m.group("cur").lower()][0]} for m in _vague_money().finditer(text)]


@lru_cache(maxsize=1)
def _billion_verb() -> re.Pattern:
    g = grammar()["money"]
    return re.compile(rf"(?<![\w])(?:{_alternation(g['billion_verbs'])})[ \u00a0]+"
                      rf"(?:(?:{_alternation(g['billion_qualifiers'])})[ \u00a0]+)?$", re.I)


_BILLIONS = re.compile(r"milliards?$", re.I)


@lru_cache(maxsize=1)
def _euro_after() -> re.Pattern:
    words = _alternation(grammar()["money"]["euro_after"]).replace("'", "['’]")
    return re.compile(rf"[ \u00a0\u202f]+(?:{words})(?![\w])", re.I)


@lru_cache(maxsize=1)
def _euro_cue() -> re.Pattern:
    return re.compile(r"(?<![\w])(?:" + _alternation(grammar()["money"]["euro_cues"]) + r")\s*$", re.I)


_SENTENCE_END = re.compile(r"[.!?]\s|\n")
_OTHER_MEASURE = re.compile(r"(?<![\w])(?:nombre|effectifs?|taux|part|%)(?![\w])", re.I)
_NOT_ONE = re.compile(r"(?<![\w])(?:pas|plus|jamais|sans)[ \u00a0]+$", re.I)
_AMOUNT_CUE = re.compile(r"(?:à hauteur|montant|enveloppe|budget|dotation|coût|crédits?)\s+(?:de|d'|d’)\s*$", re.I)


def _scale_end(text: str, n: Number) -> int:
    """End of the number's scale word: its end, before an "et demi" read with it ("un milliard et demi")."""
    m = re.search(r"[ \u00a0\u202f]+et[ \u00a0\u202f]+demie?$", text[n.start:n.end], re.I)
    return n.start + m.start() if m else n.end


def _carried(text: str, nums: list[Number], money: list[dict]) -> list[dict]:
    """Scaled amounts without a currency after an amount with one in the same sentence: "puis de 14 milliards"."""
    used = {m["num"] for m in money}
    after, _ = _carry_patterns()
    scale_word = re.compile(rf"(?:{_alternation(grammar()['numbers']['scales'])})$", re.I)
    out = list(money)
    for i, n in enumerate(nums):
        if i in used or not n.scaled or n.article or not scale_word.search(text, n.start, _scale_end(text, n)):
            continue                                     # "la 5G", "10M": no scale word written
        prev = sorted((m for m in out if m["end"] <= n.start), key=lambda m: m["end"])
        if (not prev or prev[-1]["end"] < n.start - 400) and _euro_cue().search(text, max(0, n.start - 40), n.start) \
                and after.match(text, n.end):
            out.append({"start": n.start, "end": n.end, "amount": n.value, "currency": "EUR",
                        "qualifier": qualifier_before(text, n.start), "num": i})
            continue
        if (not prev or prev[-1]["end"] < n.start - 400 or _SENTENCE_END.search(text, prev[-1]["end"], n.start)) \
                and (_euro_context().search(text, max(0, n.start - 60), n.start) and after.match(text, n.end)
                     or _euro_after().match(text, n.end)
                     or (_BILLIONS.search(text, n.start, _scale_end(text, n))       # "représente 30 milliards,"
                         and _billion_verb().search(text, max(0, n.start - 40), n.start) and after.match(text, n.end))):
            out.append({"start": n.start, "end": n.end, "amount": n.value, "currency": "EUR", "currency_inferred": True,
                        "qualifier": qualifier_before(text, n.start), "num": i})
            continue
        if not prev or prev[-1]["end"] < n.start - 400:
            continue
        if _SENTENCE_END.search(text, prev[-1]["end"], n.start) and not _AMOUNT_CUE.search(
                text, max(0, n.start - 30), n.start):
            continue
        if not after.match(text, n.end):
            continue
        out.append({"start": n.start, "end": n.end, "amount": n.value, "currency": prev[-1]["currency"],
                    "qualifier": qualifier_before(text, n.start), "num": i})
    return sorted(out, key=lambda m: m["start"])


@lru_cache(maxsize=1)
def _document_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    g = grammar()["money"]
    noun_after = re.compile(r"[ \u00a0\u202f]*(?:de(?![\w])|d'|d’|du(?![\w])|des(?![\w]))[ \u00a0\u202f]*(?!(?:plus|moins)(?![\w]))"
                            r"(?P<w>[^\W\d_][\w'’-]*)", re.I)
    money_noun = re.compile(rf"(?:{_alternation(g['money_nouns'])})(?![\w'’-])", re.I)
    euro_noun = re.compile(rf"(?:{_alternation(g['euro_nouns'])})(?![\w'’-])", re.I)
    counted = re.compile(r"[ \u00a0\u202f]+(?:à[ \u00a0\u202f]+(?:[\w'’]+[ \u00a0\u202f]+)?[^\W\d_]+(?:er|ir|re|oir)(?![\w])"
                         r"|(?:d'|d’)[ \u00a0\u202f]*entre|parmi)|[ \u00a0\u202f]*(?:d'|d’)entre", re.I)
    return noun_after, money_noun, counted, euro_noun


@lru_cache(maxsize=1)
def _currency_word_re() -> re.Pattern:
    after = _alternation(k for k, (_, pos) in currencies().items() if pos in ("after", "both") and len(k) > 3)
    scales = _alternation(grammar()["numbers"]["scales"])
    return re.compile(rf"(?<![\w])(?:{scales})[ \u00a0]+(?:de[ \u00a0]+|d'|d’)(?P<cur>{after})(?![\w])", re.I)


def _currency_words(text: str) -> list[dict]:
    """Currencies set by a scale word without a figure: "des milliards d'euros de bénéfices" (as an amount's)."""
    cur = currencies()
    return [{"end": m.end(), "currency": cur[m.group("cur").lower()][0]} for m in _currency_word_re().finditer(text)]


def _after_a_count(text: str, nums: list[Number], i: int, money: set[int], noun_after: re.Pattern,
                   money_noun: re.Pattern) -> bool:
    """Whether the nearest number before nums[i] in its sentence, not an amount, is a scaled count ("2,1 millions
    de très petites entreprises"): then nums[i] counts the same thing."""
    for j in range(i - 1, max(-1, i - 4), -1):
        p = nums[j]
        if j in money or _SENTENCE_END.search(text, p.end, nums[i].start):
            return False
        noun = noun_after.match(text, p.end)
        if p.scaled and noun and not money_noun.match(noun.group("w")):
            return True
    return False


@lru_cache(maxsize=1)
def _apposition_re() -> re.Pattern:
    words = _alternation(grammar()["count"]["dash_apposition_before"])
    return re.compile(rf"(?P<w>[^\W\d_][\w'’-]*[sx])[ \u00a0]*(?:,|[ \u00a0][-–—])[ \u00a0]*"
                      rf"(?:(?:{words})[ \u00a0]*)?$", re.I)


def _counted_apposition(text: str, n: Number, money_noun: re.Pattern) -> bool:
    """Whether n stands in apposition to a plural noun that is no money ("beaucoup d'emplois – plus de 1,7
    million", "des salariés - soit 3 millions"): a count of that noun, not an amount."""
    m = _apposition_re().search(text, max(0, n.start - 60), n.start)
    if not m:
        return False
    w = re.split(r"['’]", m.group("w").lower())[-1]    # "d'économies" -> "économies"
    return not money_noun.fullmatch(w) and w not in currencies()


_NUMBER_OF = re.compile(r"(?<![\w])(?:le|du|au)[ \u00a0]+nombre[ \u00a0]+(?:total[ \u00a0]+)?(?:de|d['’])", re.I)


def _number_of_before(text: str, n: Number) -> bool:
    """Whether "le nombre de X" stands before n in its sentence with no amount written between: n is that number
    ("le nombre de bénéficiaires atteindra 2 millions"), not an amount."""
    left = max(0, n.start - 200)
    left = max((m.end() for m in _SENTENCE_END.finditer(text, left, n.start)), default=left)
    cue = None
    for cue in _NUMBER_OF.finditer(text, left, n.start):
        pass
    return cue is not None and not _currency_word_any().search(text, cue.end(), n.start)


@lru_cache(maxsize=1)
def _currency_word_any() -> re.Pattern:
    words = _alternation(k for k, (_, pos) in currencies().items() if pos in ("after", "both") and len(k) > 1)
    return re.compile(rf"(?<![\w])(?:{words})(?![\w])", re.I)


def _carried_in_document(text: str, nums: list[Number], money: list[dict]) -> list[dict]:
    """A scaled amount with no currency and no counted noun after it takes the currency of an amount found
    shortly before it, in any sentence: "... 990 millions d'euros. Elle sera augmentée de 15 millions"; before a
    noun only money takes ("18 milliards d'économies") or after an amount cue ("une enveloppe de 50 millions"),
    it is in euros with no amount before it."""
    noun_after, money_noun, counted, euro_noun = _document_patterns()
    reach = grammar()["money"]["doc_carry_chars"]
    scale_word = re.compile(rf"(?:{_alternation(grammar()['numbers']['scales'])})$", re.I)
    idioms = set(grammar()["money"]["not_nouns_after_de"])
    used = {m["num"] for m in money}
    written = sorted(money + _currency_words(text), key=lambda m: m["end"])
    out = list(money)
    for i, n in enumerate(nums):
        if (i in used or not n.scaled or n.article or n.value <= 0 or counted.match(text, n.end)
                or not scale_word.search(text, n.start, _scale_end(text, n))):  # "5G", "10M": no scale word written
            continue
        if _after_a_count(text, nums, i, used, noun_after, money_noun):
            continue                                     # "sur les 2,1 millions d'entreprises, 1,5 million ont"
        if _counted_apposition(text, n, money_noun) or _number_of_before(text, n):
            continue                                     # "des salariés - soit 3 millions", "le nombre de X atteindra"
        noun = noun_after.match(text, n.end)
        if noun and noun.group("w").lower() in idioms:
            noun = None                                  # "près de 8 milliards d'ailleurs", "mis de côté"
        if noun and not money_noun.match(noun.group("w")):
            continue
        prev = [m for m in written if n.start - reach <= m["end"] <= n.start]
        if prev or (noun and euro_noun.match(noun.group("w"))) or _euro_cue().search(text, max(0, n.start - 40), n.start):
            m = {"start": n.start, "end": n.end, "amount": n.value, "currency": prev[-1]["currency"] if prev else "EUR",
                 "currency_inferred": True, "qualifier": qualifier_before(text, n.start), "num": i}
            out.append(m)
            written = sorted(written + [m], key=lambda m: m["end"])
    return sorted(out, key=lambda m: m["start"])


@lru_cache(maxsize=1)
def _series_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    g = grammar()["money"]
    before = re.compile(r"(?<![\w])(?:" + _alternation(g["ellipsis_before"]) + r"|en\s+(?:"
                        + _alternation(g["ellipsis_auxiliaries"]) + r")\s+(?:[\w'’]+\s+)?[^\W\d_]+(?:é|és|ée|ées|i|is|u|us))"
                        r"[ \u00a0\u202f]*$", re.I)
    ends = re.compile(r"[ \u00a0\u202f]*(?:$|[,.;:!?)]|[^\W\d_]+(?:é|ée|és|ées)(?![\w]))", re.I)
    joiner = re.compile(r"[ \u00a0\u202f]*(?:,[ \u00a0\u202f]*(?:ou|et)?|ou|et)(?:[ \u00a0\u202f]+(?:de|d['’]))?"
                        r"[ \u00a0\u202f]*", re.I)           # "une aide de 100 ou de 200 euros"
    more = re.compile(r"[ \u00a0\u202f]+(?:" + _alternation(g["ellipsis_after"]) + r")(?![\w])", re.I)
    change = re.compile(r"(?<![\w])(?:" + _alternation(g["change_before"]) + r")[ \u00a0\u202f]*$", re.I)
    words = [w for w in g["series_before"] if w[0].isalpha()]
    marks = "".join(re.escape(w) for w in g["series_before"] if not w[0].isalpha())
    listed = re.compile(r"(?:(?<![\w])(?:" + _alternation(words) + r")|[" + marks + r"])[ \u00a0\u202f]*$", re.I)
    return before, ends, joiner, more, change, listed


def _year_like(n: Number) -> bool:
    return n.plain_digits.isdigit() and len(n.plain_digits) == 4 and 1800 <= n.value <= 2100


def _series(text: str, nums: list[Number], money: list[dict], is_noun: Callable[[int], bool]) -> list[dict]:
    """Bare numbers that stand for amounts beside one: before it in a list ("850, 900 ou 950 euros"), or after it
    in the same sentence after "dont", "que", "au lieu de"... ("100 milliards, dont 40 financés par l'Europe")."""
    before, ends, joiner, more, change, listed = _series_patterns()
    reach = grammar()["money"]["change_chars"]
    by_num = {m["num"]: m for m in money}
    for i in range(len(nums) - 2, -1, -1):          # right to left: "850, 900 ou 950 euros"
        n, nxt = nums[i], by_num.get(i + 1)
        if i in by_num or nxt is None or n.article or n.scaled or not joiner.fullmatch(text, n.end, nums[i + 1].start):
            continue
        value = n.value
        if (n.plain_digits.isdigit() and len(n.plain_digits) <= 3 and THOUSANDS.search(nums[i + 1].plain_digits)
                and 0.1 <= value * 1000 / nums[i + 1].value <= 10):
            value *= 1000                                # "10, 15 000 ou 20 000 €": 10 000
        if not 0.1 <= value / max(nums[i + 1].value / nums[i + 1].scale, 1e-9) <= 10:
            continue
        by_num[i] = {"start": n.start, "end": n.end, "amount": value * nums[i + 1].scale,
                     "currency": nxt["currency"], "qualifier": qualifier_before(text, n.start), "num": i}
    for i, n in enumerate(nums):
        verb = change.search(text, max(0, n.start - 20), n.start)
        cue = before.search(text, max(0, n.start - 40), n.start) or more.match(text, n.end) or verb
        in_list = (cue is None and not n.in_words and not _year_like(n)
                   and listed.search(text, max(0, n.start - 20), n.start) is not None)
        if i in by_num or n.article or n.scaled or not (cue or in_list):   # in_list: "1 500 euros ..., 5 000 pour"
            continue
        prev = [j for j in range(i - 1, max(-1, i - 4), -1) if j in by_num]
        pronoun = cue is not None and cue.group().lower().startswith("en")   # "on en a dépensé 20": "en" may reach the last sentence
        if not prev or by_num[prev[0]]["end"] < n.start - (reach if verb else 80) or (
                not pronoun and not verb and _SENTENCE_END.search(text, by_num[prev[0]]["end"], n.start)):
            continue
        if verb and (len(_SENTENCE_END.findall(text, by_num[prev[0]]["end"], n.start)) > 1
                     or _OTHER_MEASURE.search(text, by_num[prev[0]]["end"], n.start)):
            continue                                     # the change of an amount of this or the last sentence
        p, scale = by_num[prev[0]], nums[prev[0]].scale
        after = n.end + len(text[n.end:]) - len(text[n.end:].lstrip())
        if not (ends.match(text, n.end) or not is_noun(after)) or not 0.01 <= n.value / max(p["amount"] / scale, 1e-9) <= 100:
            continue
        by_num[i] = {"start": n.start, "end": n.end, "amount": n.value * scale, "currency": p["currency"],
                     "qualifier": qualifier_before(text, n.start), "num": i}
    return sorted(by_num.values(), key=lambda m: m["start"])


def _merge_ranges(text: str, nums: list[Number], money: list[dict]) -> list[dict]:
    """'entre 10 et 20 euros', '10 - 20 euros', '10 euros - 20 euros', '10 à 20 millions d'euros'."""
    _, change = _carry_patterns()
    by_num = {m["num"]: m for m in money}
    drop = set()
    changes = []
    for m in money:
        i = m["num"]
        if i == 0:
            continue
        prev = by_num.get(i - 1)
        p = nums[i - 1]
        left_end = prev["end"] if prev else p.end
        if prev and prev["currency"] != m["currency"]:
            continue
        if not range_between(text, p.start, left_end, m["start"]):
            continue
        low = prev["amount"] if prev else p.value
        if not prev and not p.scaled and nums[i].scale > 1 and p.value < 1000:
            low = p.value * nums[i].scale
        if not 0 < low < m["amount"] or (not prev and m["amount"] > 100 * low):
            continue                     # "2019 - 20 M€" is not a range
        start = prev["start"] if prev else p.start
        if change.search(text, max(0, start - 30), start):
            if not prev:                 # "passer de 1 à 2 millions": a change, two amounts
                changes.append({"start": p.start, "end": p.end, "amount": low, "currency": m["currency"],
                                "qualifier": "=", "num": i - 1})
            continue
        if prev:
            drop.add(id(prev))
        m.update(start=start, amount_max=m["amount"], amount=low, qualifier=qualifier_before(text, start))
    return sorted([m for m in money if id(m) not in drop] + changes, key=lambda m: m["start"])


def read_percents(text: str, nums: list[Number]) -> list[dict]:
    """Percentages; in "20 à 25 %" and "entre 10 et 15 %" the first number is a percentage too."""
    out = []
    for i, n in enumerate(nums):
        m = patterns().percent.match(text, n.end)
        before = patterns().percent_before.search(text, max(0, n.start - 40), n.start)
        if m and not n.article:
            out.append({"start": n.start, "end": m.end(), "percent": n.value, "num": i})
        elif before and not n.article:
            out.append({"start": before.start(), "end": n.end, "percent": n.value, "num": i})
        elif (i + 1 < len(nums) and not n.article and patterns().percent.match(text, nums[i + 1].end)
              and range_between(text, n.start, n.end, nums[i + 1].start)):
            out.append({"start": n.start, "end": n.end, "percent": n.value, "num": i})
    return _percent_ranges(text, nums, _percent_lists(text, nums, out))


def _percent_lists(text: str, nums: list[Number], found: list[dict]) -> list[dict]:
    """Bare numbers listed before a percentage are percentages: "80, 90 %", "10, 20 ou 30 %"."""
    _, _, joiner, _, _, _ = _series_patterns()
    by_num = {p["num"]: p for p in found}
    for i in range(len(nums) - 2, -1, -1):          # right to left
        n, nxt = nums[i], by_num.get(i + 1)
        if i in by_num or nxt is None or n.article or n.scaled or not joiner.fullmatch(text, n.end, nums[i + 1].start):
            continue
        if 0 < n.value <= 100 and 0.1 <= n.value / max(nxt["percent"], 1e-9) <= 10:
            by_num[i] = {"start": n.start, "end": n.end, "percent": n.value, "num": i}
    return sorted(by_num.values(), key=lambda p: p["start"])


def _percent_ranges(text: str, nums: list[Number], found: list[dict]) -> list[dict]:
    """"de 3 à 4 %", "entre 10 et 15 %": one range, unless a verb of change governs it ("passer de 3 à 4 %")."""
    _, change = _carry_patterns()
    by_num = {p["num"]: p for p in found}
    out = []
    skip = set()
    for p in found:
        if p["num"] in skip:
            continue
        nxt = by_num.get(p["num"] + 1)
        if (nxt and p["percent"] < nxt["percent"] and range_between(text, p["start"], p["end"], nxt["start"])
                and not change.search(text, max(0, p["start"] - 30), p["start"])):
            out.append(dict(nxt, start=p["start"], percent=p["percent"], percent_max=nxt["percent"]))
            skip.add(nxt["num"])
        else:
            out.append(p)
    return out


class QuantityExtractor:
    def __init__(self, nlp: Language):
        self.counts = CountReader(nlp, excluded_units=currencies())

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        used = Ranges((s.start_char, s.end_char) for s in doc._.date_facts)  # dates, then what is taken
        urls = Ranges((m.start(), m.end()) for m in _URL.finditer(text))
        nums = [n for n in find_numbers(text) if not urls.overlaps(n.start, n.end)]
        tags = doc.to_array([POS, IDX])   # no Token per word
        nouns = set(tags[(tags[:, 0] == NOUN) | (tags[:, 0] == PROPN), 1].tolist())
        for m in read_money(text, nums, nouns.__contains__):
            if used.overlaps(m["start"], m["end"]):
                continue
            qualifier = m["qualifier"] if m["qualifier"] != "=" else qualifier_after(text, m["end"])
            value = {"amount": clean(m["amount"]), "currency": m["currency"], "qualifier": qualifier}
            if m.get("currency_inferred"):
                value["currency_inferred"] = True
            if "amount_max" in m:
                value["amount_max"] = clean(m["amount_max"])
            if self._add(doc, m["start"], m["end"], "MONEY", value):
                used.add(m["start"], m["end"])
        for m in read_vague_money(text):
            if not used.overlaps(m["start"], m["end"]) and self._add(
                    doc, m["start"], m["end"], "MONEY", {"amount": None, "currency": m["currency"], "qualifier": "~"}):
                used.add(m["start"], m["end"])
        for p in read_percents(text, nums):
            if used.overlaps(p["start"], p["end"]):
                continue
            value = {"percent": clean(p["percent"]), "qualifier": qualifier_before(text, p["start"])}
            if "percent_max" in p:
                value["percent_max"] = clean(p["percent_max"])
            if self._add(doc, p["start"], p["end"], "PERCENT", value):
                used.add(p["start"], p["end"])
        free = [n for n in nums if not used.overlaps(n.start, n.end)]
        for c in self.counts.read(doc, free, nums):
            if used.overlaps(c["start"], c["end"]):
                continue
            if self._add(doc, c["start"], c["end"], "COUNT", c["value"]):
                used.add(c["start"], c["start"] + 1)
        return doc

    @staticmethod
    def _add(doc: Doc, start: int, end: int, label: str, value: dict) -> bool:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is None or not len(span):
            return False
        add_fact(doc, span, value)
        return True


@Language.factory(FACTORY, assigns=["doc.spans"],
                  requires=["doc._.date_facts", "token.pos", "token.morph", "token.dep", "token.head", "token.lemma"])
def make_quantities(nlp: Language, name: str) -> QuantityExtractor:
    patterns()
    return QuantityExtractor(nlp)
