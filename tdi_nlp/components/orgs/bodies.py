"""Named bodies the gazetteer does not list, found by rules (word lists in ``resources/orgs/rules.toml``):

- a head word and its complement: "la Cour des comptes", "l'Agence nationale du sport", "la commission des
  lois", "le tribunal administratif de Lyon", "la direction régionale de l'environnement, de l'aménagement et du
  logement";
- an acronym defined in the text after a body's name ("... numérique (Arcom)"), and its later uses;
- parliamentary groups listed after "groupe(s)" ("sur les bancs des groupes LaREM, Dem et Agir ens").
Each returns character spans and names; the component adds the facts.
"""
from __future__ import annotations

import csv
import re
import tomllib
from functools import lru_cache

from spacy.tokens import Doc, Span

from ...config import RESOURCES_DIR
from ...text_utils import fold

_RULES = tomllib.loads((RESOURCES_DIR / "orgs" / "rules.toml").read_text(encoding="utf-8"))["bodies"]
_HEADS = set(_RULES["heads"])
_LOWER = {k: set(v) for k, v in _RULES["lower_heads"].items()}
_LINKS = set(_RULES["links"])
_FIRST_LINKS = set(_RULES["first_links"])
_ARTICLES = set(_RULES["articles"])
_NOT_END = set(_RULES["not_end"])
_STOP = set(_RULES["stop_words"])
_GROUP_CUE = re.compile(r"\bgroupes?[ ]+", re.IGNORECASE)
_ACRONYM = re.compile(r"[ ]*\([ ]*([A-ZÀ-Þ][\w&-]{1,11})[ ]*\)")


def _content(tok) -> bool:
    return tok.pos_ in ("NOUN", "PROPN", "ADJ") and tok.is_alpha and fold(tok.text) not in _STOP


def _complement_end(doc: Doc, i: int, place: bool, need_link: bool) -> int:
    """The end (token index) of a head's complement starting at token i: adjectives, then groups "de (la) X",
    "et (de) X", ", de X", each X a run of nouns and adjectives. place: the last word must be capitalized (a
    court's seat); need_link: adjectives alone are not enough."""
    end, k, n, linked = i, i, len(doc), False
    while k < n and _content(doc[k]) and doc[k].pos_ == "ADJ" and "\n" not in doc[k - 1].whitespace_:
        k += 1
        end = k
    i_links = i       # "à", "au", "aux" open a group only right after the head ("Commissariat à l'énergie")
    while k < n and "\n" not in doc[k - 1].whitespace_:
        t = doc[k]
        j = k
        if t.text == "," and k + 1 < n and fold(doc[k + 1].text) in _LINKS:
            j = k + 1
        elif fold(t.text) == "et" and k + 1 < n:
            if doc[k + 1].pos_ == "ADJ" and _content(doc[k + 1]):   # "olympique et sportif"
                k += 1
                while k < n and _content(doc[k]) and doc[k].pos_ == "ADJ":
                    k += 1
                    end = k
                continue
            j = k + 1
        if fold(doc[j].text) not in _LINKS and not (j == k == i_links and fold(doc[j].text) in _FIRST_LINKS):
            break
        j += 1
        while j < n and fold(doc[j].text) in _ARTICLES:
            j += 1
        m = j
        while m < n and _content(doc[m]):
            m += 1
            if "\n" in doc[m - 1].whitespace_:
                break
        if m == j:
            break
        end = k = m
        linked = True
    while end > i and fold(doc[end - 1].text) in _NOT_END:
        end -= 1
    if (place and not (end > i and doc[end - 1].is_title)) or (need_link and not linked):
        return i
    return end


def head_bodies(doc: Doc) -> list[Span]:
    """Spans of bodies named by a head word and its complement. A capitalized head ("Cour", "Haute Autorité")
    takes adjectives or "de" groups (adjectives alone not at a sentence start); a lower-case head only with the
    cue words of ``lower_heads`` after it and at least one "de" group."""
    out, k, n = [], 0, len(doc)
    while k < n:
        t = doc[k]
        head = fold(t.text)
        lower = t.is_lower and head in _LOWER
        if not ((t.is_title and head in _HEADS) or lower) or (k + 1 < n and "\n" in t.whitespace_):
            k += 1
            continue
        start, first = k, k + 1
        if head in ("haut", "haute") and first < n and doc[first].is_title:   # "Haut Conseil", "Haute Autorité"
            first += 1
        if lower:
            nxt = fold(" ".join(x.text for x in doc[first:first + 2]).replace("' ", "'"))
            cue = next((c for c in _LOWER[head] if nxt == c or nxt.startswith((c + " ", c + "'"))), None)
            if cue is None:
                k += 1
                continue
            seat = head == "tribunal" or (head == "cour" and not cue.startswith("de"))   # "la cour d'appel de Douai"
            end = _complement_end(doc, first, place=seat, need_link=True)
        else:
            end = _complement_end(doc, first, place=False, need_link=bool(t.is_sent_start))
        if end > first:
            out.append(doc[start:end])
            k = end
        else:
            k += 1
    return out


def defined_acronyms(text: str, names: list[tuple[int, int, str]]) -> dict[str, tuple[int, int, str]]:
    """acronym -> the (start, end, name) of the body whose name it follows in parentheses, when its first letter
    is the name's ("Autorité de régulation ... (Arcom)")."""
    out = {}
    for s, e, name in names:
        m = _ACRONYM.match(text, e)
        if m and fold(m.group(1))[0] == fold(name)[0] and not m.group(1).islower():
            out[m.group(1)] = (s, e, name)
    return out


@lru_cache(maxsize=1)
def group_forms() -> dict[str, str]:
    """Short labels and acronyms of AN parliamentary groups (resources/people/groups.tsv) -> full label."""
    path = RESOURCES_DIR / "people" / "groups.tsv"
    with open(path, encoding="utf-8") as fh:
        rows = list(csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t"))
    out = {}
    for r in sorted(rows, key=lambda r: r["start"]):
        for form in (r["short_label"], r["acronym"]):
            if form and len(form) >= 2:
                out[form] = r["label"]
    return out


def listed_groups(text: str) -> list[tuple[int, int, str]]:
    """(start, end, label) of group short labels listed after "groupe(s)": "des groupes LaREM, Dem et LR"."""
    forms = group_forms()
    alt = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    item = re.compile(rf"(?:{alt})(?![\w-])")
    sep = re.compile(r"[ ]*,[ ]*|[ ]+et[ ]+")
    out = []
    for m in _GROUP_CUE.finditer(text):
        pos = m.end()
        while True:
            hit = item.match(text, pos)
            if not hit:
                break
            out.append((hit.start(), hit.end(), forms[hit.group()]))
            more = sep.match(text, hit.end())
            if not more:
                break
            pos = more.end()
    return out
