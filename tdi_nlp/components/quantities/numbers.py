"""French number grammar shared by the quantity extractors: numbers written in digits or words.

``find_numbers(text)`` returns every number mention with character offsets and value; ``parse_number(text)``
reads a whole string ("1.200.000", "quatre vingt dix neuf", "-1,2M"). The vocabulary lives in
``resources/quantities/grammar.toml``.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache

from ...config import RESOURCES_DIR
from ...text_utils import MONTHS_FR, month_forms

GRAMMAR_PATH = RESOURCES_DIR / "quantities" / "grammar.toml"

# Thousand separators: space, NBSP, narrow NBSP, thin space; a dot before exactly three digits.
_SPACE_SEP = "[ \u00a0\u202f\u2009]"
_DIGITS = (
    r"(?:(?<![\w.,])|(?<=(?-i:[A-Z])))(?:"     # "EUR29,99" but not "hcm3" or "carte_22112018"
    rf"\d{{1,3}}(?:{_SPACE_SEP}\d{{3}})+(?:,\d+)?(?![\d])"    # 1 200 000 / 6 700,54
    r"|\d{1,3}(?:\.\d{3})+(?:,\d+)?(?!\.?\d)"                  # 1.200.000 / 6.700,54
    r"|\d+\.\d{1,2}(?![\d.])"                                   # 13.95 (decimal dot)
    r"|\d+(?:,\d+)?"                                             # 124 / 1,36
    r"|,\d+"                                                     # ,08
    r")"
)
_LETTERS = re.compile(r"[^\W\d_]+")
_ORDINAL_AFTER = re.compile(r"(?:e|er|ère|ere|ème|eme|è|nd|nde|de|re|ᵉ|ᵉʳ)(?![\w])|<sup>|\^\{|\^", re.I)


@dataclass
class Number:
    start: int
    end: int
    value: float
    in_words: bool      # written (at least partly) in words
    article: bool       # only "un"/"une": usually an article, not a quantity
    scaled: bool        # carries a large scale word ("1,36 milliard", "deux millions")
    plain_digits: str   # the digits as written, "" for words
    scale: float = 1.0  # the scale word's value (1e6 for "millions"), 1 without one


@lru_cache(maxsize=1)
def grammar() -> dict:
    """resources/quantities/grammar.toml, the month names (tdi_nlp.text_utils) added to the count rules."""
    with open(GRAMMAR_PATH, "rb") as fh:
        g = tomllib.load(fh)
    count = g["count"]
    count["months"] = list(month_forms()) + count["month_abbreviations"]
    count["year_cues"] = count["year_cues"] + list(MONTHS_FR)
    return g


@lru_cache(maxsize=1)
def _lexicon() -> dict:
    g = grammar()["numbers"]
    lex = {}
    for key in ("units", "teens", "tens"):
        for w, v in g[key].items():
            lex[w] = (key, float(v))
    for w in g["hundreds"]:
        lex[w] = ("hundreds", 100.0)
    for w in g["thousands"]:
        lex[w] = ("thousands", 1000.0)
    for w, v in g["scales"].items():
        lex[w] = ("scales", float(v))
    return lex


@lru_cache(maxsize=1)
def _digit_scales() -> dict[str, float]:
    """Words that multiply a number written in digits: "1,36 milliard", "10 mille"."""
    g = grammar()["numbers"]
    return {**{w: float(v) for w, v in g["scales"].items()}, **{w: 1e3 for w in g["thousands"]}}


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    words = sorted(_lexicon(), key=len, reverse=True)
    word = r"(?<![\w])(?:" + "|".join(map(re.escape, words)) + r")(?![\w])"
    run = rf"{word}(?:(?:[\s]*-[\s]*|\s+|\s*-?et-?\s*){word})*"
    scale = r"(?:\s+(?:autres\s+)?|\s*-\s*)(?P<scale>" + "|".join(   # "23,7 autres milliards"
        map(re.escape, sorted(_digit_scales(), key=len, reverse=True))) + r")(?![\w])"
    big = "|".join(map(re.escape, sorted(grammar()["numbers"]["scales"], key=len, reverse=True)))
    half = rf"(?<![\w])(?:(?:un|une)\s+)?demi[\s-](?P<half>{big})(?![\w])"    # "un demi-million"
    combined = re.compile(rf"(?P<digits>{_DIGITS})(?:{scale})?|{half}|(?P<words>{run})", re.I)
    word_re = re.compile(r"[^\s-]+")
    return combined, word_re, re.compile(scale, re.I)


def clean(x: float) -> float:
    """x without binary noise: 8.2 * 1e9 gives 8200000000.0, not 8199999999.999999."""
    return float(f"{x:.12g}")


def digits_value(s: str) -> float:
    """Value of a number written in digits (French conventions: comma decimal, space or dot thousands)."""
    s = re.sub(_SPACE_SEP, "", s)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", s):
        s = s.replace(".", "")
    return float(s.replace(",", "."))


def _parse_one(words: list[str], i: int) -> tuple[int, float]:
    """Longest valid French number starting at words[i]: (index after it, value); (i, 0) if none."""
    lex = _lexicon()
    total = thousands = hundreds = group = 0.0
    last_scale = float("inf")
    j, end, prev = i, i, None
    while j < len(words):
        w = words[j]
        if w == "et":
            nxt = words[j + 1] if j + 1 < len(words) else ""
            if nxt in ("un", "une", "onze") and group in (20, 30, 40, 50, 60, 70, 80, 90):
                j += 1
                continue
            break
        kind, v = lex.get(w, (None, 0.0))
        if kind == "units":
            if (group % 10) or 10 < group < 17 or (v == 0 and j > i):
                break
            group += v
        elif kind == "teens":
            if group not in (0, 60, 80):
                break
            group += v
        elif kind == "tens":
            if v == 20 and prev == "quatre" and group == 4:
                group = 80
            elif group:
                break
            else:
                group = v
        elif kind == "hundreds":
            if hundreds or group >= 100:
                break
            hundreds, group = (group or 1) * 100, 0.0
        elif kind == "thousands":
            if thousands:
                break
            thousands, hundreds, group = (hundreds + group or 1) * 1000, 0.0, 0.0
        elif kind == "scales":
            if v >= last_scale:
                break
            total += (thousands + hundreds + group or 1) * v
            thousands = hundreds = group = 0.0
            last_scale = v
        else:
            break
        prev = w if kind in ("units",) else kind
        j += 1
        end = j
    if end == i:
        return i, 0.0
    return end, total + thousands + hundreds + group


def parse_words(text: str) -> float | None:
    """Value of a whole string of French number words, or None."""
    words = [w.lower() for w in _patterns()[1].findall(text)]
    if not words:
        return None
    end, value = _parse_one(words, 0)
    return value if end == len(words) else None


def find_numbers(text: str) -> list[Number]:
    """Every number in text, in order. Ordinals ("2e", "1er", "15ème") are left out."""
    combined, word_re, _ = _patterns()
    scales = grammar()["numbers"]["scales"]
    out: list[Number] = []
    abbr = grammar()["numbers"]["scale_abbreviations"]
    attached_ok = set(grammar()["numbers"]["attached_words"])
    for m in combined.finditer(text):
        if m.group("digits"):
            digits, end = m.group("digits"), m.end()
            scale = _digit_scales()[m.group("scale").lower()] if m.group("scale") else 1.0
            if not m.group("scale"):
                if _ORDINAL_AFTER.match(text, m.end("digits")):
                    continue
                run = _LETTERS.match(text, m.end("digits"))
                if run and run.group() in abbr:          # "10M", "100k"
                    scale, end = abbr[run.group()], run.end()
                elif run and run.group().lower() not in attached_ok:   # "180ml", "29km", "14h30"
                    continue
            start, value = m.start(), clean(digits_value(digits) * scale)
            if start and text[start - 1] in "-−" and (start == 1 or text[start - 2].isspace()):
                start, value = start - 1, -value      # " -9,23"; "5-6" stays a pair
            out.append(Number(start, end, value, False, False, scale >= 1e6, digits, scale))
            continue
        if m.group("half"):
            scale = float(grammar()["numbers"]["scales"][m.group("half").lower()])
            out.append(Number(m.start(), m.end(), scale / 2, True, False, True, "", scale))
            continue
        spans = [(w.start() + m.start(), w.end() + m.start(), w.group().lower()) for w in word_re.finditer(m.group())]
        words = [w for _, _, w in spans]
        i = 0
        while i < len(words):
            j, value = _parse_one(words, i)
            if j == i:
                i += 1
                continue
            piece = words[i:j]
            if len(piece) == 1 and _lexicon().get(piece[0], ("",))[0] == "scales":   # "des millions": no figure
                i = j
                continue
            last = _lexicon().get(piece[-1], ("", 1.0))
            scale = last[1] if last[0] in ("scales", "thousands") else 1.0   # "trente mille", "deux millions"
            out.append(Number(spans[i][0], spans[j - 1][1], value, True,
                              piece in (["un"], ["une"]), scale >= 1e6, "", scale))
            i = j
    return [_and_a_half(text, n) for n in out]


_HALF_AFTER = re.compile(r"[ \u00a0\u202f]+et[ \u00a0\u202f]+demie?(?![\w])", re.I)


def _and_a_half(text: str, n: Number) -> Number:
    """'un milliard et demi' = 1.5e9: half the scale word added (numbers with a large scale word only)."""
    m = _HALF_AFTER.match(text, n.end) if n.scaled else None
    if not m:
        return n
    return Number(n.start, m.end(), clean(n.value + n.scale / 2), n.in_words, False, True, n.plain_digits, n.scale)


def parse_number(text: str) -> float | None:
    """Value of a whole string that is one number ("100K", "- 1.200.000", "moins 1200000", "6.700,54")."""
    s = text.strip()
    sign = 1.0
    m = re.match(r"(?:-|–|moins)\s*", s, re.I)
    if m:
        sign, s = -1.0, s[m.end():]
    abbr = grammar()["numbers"]["scale_abbreviations"]
    m = re.fullmatch(rf"({_DIGITS})\s*({'|'.join(map(re.escape, abbr))})?", s)
    if m:
        return sign * digits_value(m.group(1)) * (abbr[m.group(2)] if m.group(2) else 1.0)
    nums = find_numbers(s)
    if len(nums) == 1 and nums[0].start == 0 and nums[0].end == len(s):
        return sign * nums[0].value
    value = parse_words(s)
    return None if value is None else sign * value


@lru_cache(maxsize=1)
def _qualifier_re() -> re.Pattern:
    phrases = sorted(grammar()["qualifiers"], key=len, reverse=True)
    gap = grammar()["qualifier_gap"]                 # "approcherait alors les 15 milliards"
    adverbs = "|".join(map(re.escape, sorted(gap["adverbs"], key=len, reverse=True)))
    articles = "|".join(map(re.escape, gap["articles"]))
    return re.compile(r"(?:^|(?<=[\s(«\"'’]))(?P<q>" + "|".join(map(re.escape, phrases))
                      + r")(?:\s+(?:[^\W\d_]+ment|" + adverbs + r"))?"     # "excédant péniblement 1 000 euros"
                      + r"(?:\s+(?:" + articles + r"))?\s*$", re.I)


def qualifier_before(text: str, start: int) -> str:
    """Qualifier ("=", ">", ">=", "<", "<=", "~") of the quantity starting at start, from the words before it."""
    m = _qualifier_re().search(text[max(0, start - 40):start].lower().replace("’", "'"))
    return grammar()["qualifiers"][m.group("q")] if m else "="


@lru_cache(maxsize=1)
def _qualifier_after_re() -> re.Pattern:
    phrases = sorted(grammar()["qualifiers_after"], key=len, reverse=True)
    return re.compile(r"[ \u00a0\u202f]*(?P<q>" + "|".join(map(re.escape, phrases)) + r")(?![\w])", re.I)


def qualifier_after(text: str, end: int) -> str:
    """Qualifier written right after the quantity ending at end ("35 milliards d'euros au minimum"), else "="."""
    m = _qualifier_after_re().match(text, end)
    return grammar()["qualifiers_after"][m.group("q").lower()] if m else "="


_RANGE_GAP = re.compile(r"\s*(à|-|–|et)\s*", re.I)
_BETWEEN = re.compile(r"entre\s*$", re.I)


def range_between(text: str, first_start: int, first_end: int, second_start: int) -> bool:
    """Whether two quantities form a range: "quatre à cinq", "10 - 20", "entre 10 et 20"."""
    m = _RANGE_GAP.fullmatch(text, first_end, second_start)
    if not m:
        return False
    return m.group(1).lower() != "et" or bool(_BETWEEN.search(text[max(0, first_start - 10):first_start]))


_SENTENCE_BREAK = re.compile(r"[.!?;]\s|\n")


def counted_quarter(text: str, start: int, end: int) -> bool:
    """Whether "N trimestres" at [start, end) counts pension quarters (grammar [count] pension_cues in its
    sentence): a COUNT, not a DURATION."""
    g = grammar()["count"]
    words = re.findall(r"[^\W\d_]+", text[start:end].lower())
    if not words or words[-1] not in g["counted_quarters"]:
        return False
    left = max((m.end() for m in _SENTENCE_BREAK.finditer(text, max(0, start - 300), start)), default=max(0, start - 300))
    right = _SENTENCE_BREAK.search(text, end)
    sentence = text[left:right.start() if right else min(len(text), end + 300)].lower()
    return any(re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", sentence) for w in g["pension_cues"])
