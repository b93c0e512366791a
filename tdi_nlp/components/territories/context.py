"""Context tests that say a place name is part of something else: an acronym's expansion ("GRDF (Gaz réseau
distribution France)"), a minister's portfolio ("secrétaire d'État chargée de l'Europe"), a longer proper name
("Paris Match", "Europe 1"). Plain functions on the text, shared by the linker and the other-places pass."""
from __future__ import annotations

import re

from ...text_utils import fold, strip_accents

_PAREN = re.compile(r"\(([^()\n]{3,160})\)")
_WORD_BEFORE = re.compile(r"([^\W\d_][\w'’-]*)\s*$")
_SMALL = {"de", "la", "le", "les", "du", "des", "d", "l", "et", "pour", "a", "à", "en", "au", "aux", "sur", "par"}
# "ministre de l'Europe", "secrétaire d'État chargée de l'Europe", "ministre délégué chargé des outre-mer", and
# the second item of a portfolio ("secrétaire d'État chargée de la jeunesse et du service national universel")
_PORTFOLIO = re.compile(r"\b(?:ministres?|ministere|secretaire d'etat|secretariat d'etat)(?: deleguee?s?)?"
                        r"(?: chargee?s?)?\s+(?:(?:de l'|de la |du |des |de |d')(?-i:[a-z' -]{2,50}?)(?:,| et)\s+)?"
                        r"(?:de l'|de la |du |des |de |d')\s*$", re.IGNORECASE)  # the first item in lower case
# a number naming a channel or a station ("Europe 1", "France 24"), not a count ("en France 2 millions")
_GOES_ON = re.compile(r"[ \t]+(?:\d{1,2}(?![\d,.]?\d)(?=\s*(?:[,.;:!?)»]|$|et\b|ou\b|[A-Z]))"
                      r"|(?P<word>[A-ZÀ-Þ][a-zà-ÿ][\w'’-]*))")


# an all-caps word after a name on the same line: a surname ("Aude RASO", "AUDE RASO"), not a Roman numeral
_CAPS_AFTER = re.compile(r"[ \t]+(?P<word>[A-ZÀ-Þ]{2,}(?:-[A-ZÀ-Þ]{2,})*)(?![\w'’])")
_ROMAN = re.compile(r"[IVXLC]+")


def surname_after(text: str, start: int, end: int, is_place, is_common) -> bool:
    """A first name and a surname in capitals, as interviews write their speakers ("Aude RASO", and the speaker
    line "AUDE RASO"): the capitals word is no place, no Roman numeral nor small word, and, after a name written
    in capitals itself (a heading), no common word ("MAYOTTE DÉPEUPLÉE")."""
    m = _CAPS_AFTER.match(text, end)
    if m is None:
        return False
    word = m.group("word")
    if _ROMAN.fullmatch(word) or fold(word) in _SMALL or is_place(word) or is_place(word.title()):
        return False
    return not text[start:end].isupper() or not (is_common(word.lower()) or is_common(fold(word)))


_WORD_ON_LINE_BEFORE = re.compile(r"(?<![\w'’-])([^\W\d_][\w-]*)[ \t]+$")


def first_name_before(text: str, start: int, first_names: set[str]) -> bool:
    """A known first name just before on the same line: a surname that is also a town ("Clément BEAUNE", the
    speaker line "CLEMENT BEAUNE"), not the town."""
    m = _WORD_ON_LINE_BEFORE.search(text, max(0, start - 40), start)
    if m is None or not m.group(1)[0].isupper():
        return False
    return all(part in first_names for part in fold(m.group(1)).split("-"))


def _initials(words: str) -> str:
    parts = [w for w in re.findall(r"[^\W\d_]+", words) if fold(w) not in _SMALL]
    return "".join(fold(w)[0] for w in parts)


def acronyms(text: str) -> tuple[set[str], list[tuple[int, int]]]:
    """The acronyms the text spells out ("l'Anssi (Agence nationale de la sécurité des systèmes d'information)"),
    folded, and the character ranges of their expansions."""
    names: set[str] = set()
    spans: list[tuple[int, int]] = []
    for m in _PAREN.finditer(text):
        before = _WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if not before:
            continue
        acronym = re.sub(r"[^a-z]", "", fold(before.group(1).split("'")[-1].split("’")[-1]))
        if len(acronym) >= 3 and acronym == _initials(m.group(1)):
            names.add(acronym)
            spans.append((m.start(1), m.end(1)))
        inside = m.group(1).strip()  # "l'allocation de solidarité aux personnes âgées (Aspa)": an acronym too
        if re.fullmatch(r"[^\W\d_]{3,8}", inside) and _initials(text[max(0, m.start() - 80):m.start()]).endswith(
                fold(inside)):
            names.add(fold(inside))
    return names, spans


def portfolio(text: str, start: int) -> bool:
    """A minister's or secretary of state's portfolio just before: "chargée de l'Europe" names no place."""
    left = strip_accents(text[max(0, start - 120):start]).replace("\u2019", "'")
    return bool(_PORTFOLIO.search(left))


def name_goes_on(text: str, end: int, is_place) -> bool:
    """The name is the start of a longer proper name: a capitalized word that names no place follows on the same
    line ("Paris Match", "Paris Saint-Germain"), or a small number ("Europe 1")."""
    m = _GOES_ON.match(text, end)
    if m is None:
        return False
    word = m.group("word")
    return word is None or (fold(word) not in _SMALL and not is_place(word))
