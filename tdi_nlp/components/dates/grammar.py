"""Compiles the DATE/DURATION grammar (resources/dates/grammar.toml + lexicon.json) and finds candidate spans."""
from __future__ import annotations

import json
import re
import tomllib
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ...config import RESOURCES_DIR
from ...text_utils import month_forms

DATES_DIR = RESOURCES_DIR / "dates"
APOS = "['’]"
_PLACEHOLDER = re.compile(r"@([A-Z]+)@")


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str
    priority: int
    regex: re.Pattern
    needs: tuple[str, ...] = ()


@dataclass
class Candidate:
    start: int
    end: int
    rule: Rule
    match: re.Match

    @property
    def text(self) -> str:
        return self.match.group(0)


def _form(text: str) -> str:
    return re.sub("['’]", lambda _: APOS, re.escape(text)).replace(r"\ ", r"\s+")


def alternation(forms, ci: bool = True) -> str:
    """A word-bounded alternation of literal forms, longest first."""
    body = "|".join(_form(f) for f in sorted(set(forms), key=lambda f: (-len(f), f)))
    core = f"(?i:{body})" if ci else f"(?:{body})"
    return rf"(?<!\w){core}(?!\w)"


@lru_cache(maxsize=2)
def load_lexicon(path: Path = DATES_DIR / "lexicon.json") -> dict:
    """The word lists (cached: treat as read-only); "months" comes from tdi_nlp.text_utils."""
    lex = json.loads(path.read_text(encoding="utf-8"))
    lex.setdefault("months", month_forms())
    return lex


def definitions(lex: dict) -> dict[str, str]:
    number_word = alternation(lex["number_words"])
    num_words = rf"{number_word}(?:(?:-|\s+et\s+|\s+){number_word})*"
    day_num = r"(?<![\w,.])(?:3[01]|[12]\d|0?[1-9])(?:er|re|ère|e|ème)?(?!\w)"
    bare = set(lex["bare_relative_periods"])
    return {
        "MONTH": alternation(lex["months"]),
        "MONTHANY": "(?:(?<![^\\W\\d_]-)" + alternation(lex["month_abbreviations"]).replace(r"\.(?!\w)", r"\.") + "|"   # not "Vingt-Sept."
                    + alternation(lex["months"]) + ")",
        "WD": alternation(lex["weekdays"]),
        "DAY": f"(?:{day_num}|{alternation(list(lex['first_day']) + list(lex['day_words']))})",
        "YEAR": r"(?<![\w,.])(?:1\d{3}|20\d\d)(?!\w|[,.]\d)",
        "YEARP": r"(?<![\w,./])(?:1[6-9]\d\d|20\d\d)(?!\w|[,.]\d)",
        "YY": r"['’]?\d\d(?!\w|[,.]\d)",
        "REL": alternation(lex["relative_markers"]),
        "PART": alternation(lex["day_parts"]),
        "SEASON": alternation(lex["seasons"]),
        "ORD": alternation(lex["ordinals"]),
        "EDGE": alternation(lex["edge_modifiers"]),
        "RELPERIOD": alternation(lex["relative_periods"]),
        "RELPERIODX": alternation([k for k in lex["relative_periods"] if k not in bare]),
        "DEICTIC": alternation(lex["deictic_days"]),
        "RELYEAR": alternation([k for k, v in lex["relative_periods"].items()
                                if v[0] == "year" and k not in lex["bare_relative_periods"]]),
        "RELWEEK": alternation([k for k, v in lex["relative_periods"].items() if v[0] == "week"]),
        "RELMONTH": alternation([k for k, v in lex["relative_periods"].items() if v[0] == "month"]
                                + [k.replace("le mois", "mois") for k, v in lex["relative_periods"].items()
                                   if k.startswith("le mois")]),
        "ANCHORED": alternation(lex["anchored_days"]),
        "AMOUNT": rf"(?:(?<![\w,.])\d+(?:[,.]\d+)?(?!\w|[,.]\d)|{num_words})",
        "UNIT": alternation(lex["duration_units"]),
        "APPROX": alternation(lex["duration_approx"]),
        "FIXED": alternation(lex["fixed_durations"]),
        "OFFSETADV": alternation(lex["offset_adverbs"]),
        "ABOUT": alternation(lex["about_amounts"]),
        "VLEN": alternation(lex["vague_lengths"]),
        "DPART": alternation(lex["deictic_parts"]),
        "NAMED": alternation(lex["named_days"]),
    }


def expand(pattern: str, defs: dict[str, str]) -> str:
    pattern = re.sub("['’]", lambda _: APOS, pattern)
    return _PLACEHOLDER.sub(lambda m: defs[m.group(1)], pattern)


# Trigger categories named by the rules' `needs`, with the lexicon lists whose words stand for them.
TRIGGERS = {
    "month": ("months", "month_abbreviations"), "weekday": ("weekdays",), "season": ("seasons",),
    "deictic": ("deictic_days", "anchored_days"), "unit": ("duration_units", "fixed_durations"),
    "edge": ("edge_modifiers",), "period": ("relative_periods",), "named": ("deictic_parts", "named_days"),
}
_WORD = re.compile(r"\w+")
_NONSPACE = re.compile(r"\S+")


@lru_cache(maxsize=1)
def settings() -> dict:
    """resources/dates/settings.toml: trigger windows and function words, tense cues and thresholds."""
    return tomllib.loads((DATES_DIR / "settings.toml").read_text(encoding="utf-8"))


BEFORE, AFTER = settings()["triggers"]["before"], settings()["triggers"]["after"]  # context around a trigger
FUNCTION_WORDS = set(settings()["triggers"]["function_words"])


@lru_cache(maxsize=2)
def trigger_words() -> dict[str, tuple[str, ...]]:
    """Word -> trigger categories, from the lexicon lists (function words left out)."""
    lex = load_lexicon()
    out: dict[str, tuple[str, ...]] = {}
    for cat, lists in TRIGGERS.items():
        for name in lists:
            for form in lex[name]:
                for w in _WORD.findall(form.replace("'", " ").replace("’", " ").lower()):
                    if len(w) > 1 and w not in FUNCTION_WORDS:
                        out[w] = out.get(w, ()) + (cat,) if cat not in out.get(w, ()) else out[w]
    return out


def _merge(spans: list[tuple[int, int]]) -> list[list[int]]:
    out: list[list[int]] = []
    for lo, hi in sorted(spans):
        if out and lo <= out[-1][1]:
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([lo, hi])
    return out


def windows(text: str) -> dict[str, list[list[int]]]:
    """Per trigger category, merged stretches of text around its words (digits: category 'digit')."""
    words = trigger_words()
    found: dict[str, list[tuple[int, int]]] = {}
    starts: list[int] = []  # the runs of non-space characters, computed once (walking them per word is quadratic)
    ends: list[int] = []
    for t in _WORD.finditer(text):
        w = t.group(0)
        cats = ("digit",) if w[0].isdigit() else words.get(w.lower())
        if not cats:
            continue
        if not starts:
            for m in _NONSPACE.finditer(text):
                starts.append(m.start())
                ends.append(m.end())
        lo, hi = max(0, t.start() - BEFORE), t.end() + AFTER
        # never cut a word: look-arounds must see it whole (widen to the non-space runs around lo and hi)
        i = bisect_right(starts, lo - 1) - 1
        if lo > 0 and i >= 0 and ends[i] > lo - 1:
            lo = starts[i]
        j = bisect_right(starts, hi) - 1
        end = ends[j] if j >= 0 and ends[j] > hi else min(hi, len(text))
        for cat in cats:
            found.setdefault(cat, []).append((lo, end))
    return {cat: _merge(spans) for cat, spans in found.items()}


@lru_cache(maxsize=2)
def compile_rules(path: Path = DATES_DIR / "grammar.toml") -> tuple[Rule, ...]:
    """The rules of grammar.toml; a pattern written as a list of parts is their concatenation."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    defs = definitions(load_lexicon())
    return tuple(Rule(r["name"], r["kind"], int(r.get("priority", 5)), re.compile(expand(pattern_text(r), defs)),
                      tuple(r["needs"])) for r in data["rule"])


def pattern_text(rule: dict) -> str:
    """A rule's pattern: a string, or a list of parts (one commented part a line) joined as written."""
    pattern = rule["pattern"]
    return pattern if isinstance(pattern, str) else "".join(pattern)


def find_candidates(text: str, rules: tuple[Rule, ...]) -> list[Candidate]:
    """Every match of every rule, most preferred first (longest, then lower priority, then leftmost)."""
    by_cat = windows(text)
    found: list[Candidate] = []
    for r in rules:
        for lo, hi in _merge([(w[0], w[1]) for cat in r.needs for w in by_cat.get(cat, ())]):
            found.extend(Candidate(m.start(), m.end(), r, m) for m in r.regex.finditer(text, lo, hi) if m.end() > m.start())
    found.sort(key=lambda c: (-(c.end - c.start), c.rule.priority, c.start))
    return found
