"""Precision filters and repeat forms of the PROGRAMME names found after a cue word (``component.OrgTagger``).

Rules as data: ``resources/orgs/programme_cues.toml`` (`not_names`, `not_alone`, `tail_not_names`,
`generic_forms`, `indefinite_before`, `amount_after`, `repeat_heads`).
"""
from __future__ import annotations

import re
import tomllib

from ...config import RESOURCES_DIR
from ...text_utils import fold

LOWER = "a-zà-öø-ÿœ"
_CUES = tomllib.loads((RESOURCES_DIR / "orgs" / "programme_cues.toml").read_text(encoding="utf-8"))
_NOT_NAMES = set(_CUES["not_names"])
_NOT_ALONE = set(_CUES["not_alone"])
_GENERIC = {fold(f) for f in _CUES["generic_forms"]}


def _alt(items) -> str:
    return "|".join(re.escape(x) for x in sorted(items, key=len, reverse=True))


_INDEFINITE = re.compile(rf"(?<![\w'’])(?:{_alt(_CUES['indefinite_before'])})\s*$", re.IGNORECASE)
_TAIL = re.compile(rf"(?:\s+|(?<=['’]))(?:{_alt(_CUES['connectors'])})\s*(?:{_alt(_CUES['tail_not_names'])})(?![\w'’-])")
_HEADS = _alt(_CUES["repeat_heads"])
_AMOUNT_AFTER = re.compile(_CUES["amount_after"])


def trim_name(name: str) -> str:
    """The name cut before a connector that leads to a word no name holds: "Chlordécone IV du Gouvernement" ->
    "Chlordécone IV"."""
    m = _TAIL.search(name)
    return name[:m.start()].rstrip() if m else name


def rejected(name: str) -> bool:
    """A cue followed by no programme name: its first word (or the part before a hyphen, "État-région") starts a
    sentence or names the State."""
    first = name.split()[0]
    return first in _NOT_NAMES or first.split("-")[0] in _NOT_NAMES


def alone(name: str) -> bool:
    """A name that is a lone place, once its lower-case tail is read ("un dispositif France encore plus
    performant", not "le fonds France mer 2030")."""
    return name.strip() in _NOT_ALONE


def dropped(text: str, start: int, end: int) -> bool:
    """A common-noun form of a listed programme after an indefinite article names no programme ("un plan de
    relance aussi massif"; the plan of 2020 is "le plan de relance"), unless an amount follows ("un plan de
    relance de 100 Md€")."""
    return (fold(text[start:end]) in _GENERIC and bool(_INDEFINITE.search(text[max(0, start - 16):start]))
            and not _AMOUNT_AFTER.match(text, end))


def one_word_forms(name: str) -> re.Pattern:
    """Where a one-word name found after a cue is repeated without it (group n): in parentheses after its long
    form ("(Phare)"), after one of `repeat_heads` ("les aides Girardin"), and in capitals on a line written in
    capitals (a title: "DISPOSITIF GIRARDIN"); elsewhere one word ("Farm") is too often a common word."""
    forms = [rf"(?<=\()(?P<n>{re.escape(name)})(?=\))",
             rf"(?<![\w'’-])(?:{_HEADS})\s+(?P<n2>{re.escape(name)})(?![\w'’-])"]
    if name.upper() != name:
        forms.append(rf"^(?=[^\n{LOWER}]*$)[^\n]*?(?<![\w'’-])(?P<n3>{re.escape(name.upper())})(?![\w'’-])")
    return re.compile("|".join(forms), re.MULTILINE)


def name_span(m: re.Match) -> tuple[int, int]:
    """Offsets of the name a ``one_word_forms`` pattern matched."""
    group = next(g for g in ("n", "n2", "n3") if m.group(g) is not None)
    return m.start(group), m.end(group)
