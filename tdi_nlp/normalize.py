"""Text normalization with an offset map back to the raw text.

The rules (OCR confusions, words cut across lines, quotes and spaces) are data, in
``resources/normalize_rules.toml``. Every offset the pipeline stores refers to the normalized text;
``Normalized.to_raw`` traces it back to the text the reader produced.
"""
from __future__ import annotations

import re
import tomllib
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

RULES_FILE = Path(__file__).parent / "resources" / "normalize_rules.toml"


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern
    replace: str


@lru_cache(maxsize=1)
def load_rules(path: Path = RULES_FILE) -> tuple[Rule, ...]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return tuple(Rule(r["name"], re.compile(r["pattern"]), r["replace"]) for r in data["rule"])


@dataclass
class Normalized:
    text: str
    raw: str
    mapping: list[int]  # mapping[i] = raw offset of normalized offset i (len(text) + 1 entries)

    def to_raw(self, offset: int) -> int:
        return self.mapping[max(0, min(offset, len(self.mapping) - 1))]

    def from_raw(self, raw_offset: int, end: bool = False) -> int:
        """Normalized offset of a raw offset (for an end offset, the first position past it)."""
        if end:
            return max(0, bisect_left(self.mapping, raw_offset))
        return min(len(self.text), max(0, bisect_right(self.mapping, raw_offset) - 1))

    def anchors(self) -> list[list[int]]:
        """Compact form of the map: [normalized, raw] where the shift changes."""
        shift = np.asarray(self.mapping, dtype=np.int64) - np.arange(len(self.mapping), dtype=np.int64)
        changes = np.flatnonzero(np.diff(shift)) + 1
        return [[i, self.mapping[i]] for i in [0, *changes.tolist()]] if self.mapping else []


def map_from_anchors(anchors: list[list[int]], length: int) -> list[int]:
    """Rebuild a full offset map from anchors()."""
    mapping, k = [], 0
    for i in range(length + 1):
        while k + 1 < len(anchors) and anchors[k + 1][0] <= i:
            k += 1
        mapping.append(anchors[k][1] + i - anchors[k][0] if anchors else i)
    return mapping


def _apply(rule: Rule, text: str, mapping: list[int]) -> tuple[str, list[int]]:
    edits = []  # (start, end, replacement) of the matches that change the text
    for m in rule.pattern.finditer(text):
        rep = m.expand(rule.replace)
        if rep != m.group(0):
            edits.append((m.start(), m.end(), rep))
    if not edits:
        return text, mapping
    parts: list[str] = []
    pos = 0
    for s, e, rep in edits:
        parts += (text[pos:s], rep)
        pos = e
    parts.append(text[pos:])
    if all(len(rep) == e - s for s, e, rep in edits):
        return "".join(parts), mapping  # each character replaced by one: the map is unchanged
    new_map: list[int] = []
    pos = 0
    for s, e, rep in edits:
        new_map.extend(mapping[pos:s])
        width = e - s
        if len(rep) == width:
            new_map.extend(mapping[s:e])
        else:
            new_map.extend(mapping[s + min(i, max(width - 1, 0))] for i in range(len(rep)))
        pos = e
    new_map.extend(mapping[pos:])
    return "".join(parts), new_map


def normalize(raw: str, rules: tuple[Rule, ...] | None = None) -> Normalized:
    """Apply the rules in order, keeping the map to raw offsets."""
    # NFC composition first (1:1 on almost all input; map conservatively when lengths differ).
    text = unicodedata.normalize("NFC", raw)
    if len(text) == len(raw):
        mapping = list(range(len(raw) + 1))
    else:
        mapping = [min(round(i * len(raw) / max(len(text), 1)), len(raw)) for i in range(len(text) + 1)]
    for rule in rules or load_rules():
        text, mapping = _apply(rule, text, mapping)
    return Normalized(text, raw, mapping)


def normalize_document(doc):
    """A Document whose text is normalized, sections and pages moved to the new offsets; and the map."""
    from dataclasses import replace
    norm = normalize(doc.text)

    def move(items):
        out = []
        for it in items:
            start, end = norm.from_raw(it.start), norm.from_raw(it.end, end=True)
            out.append(replace(it, start=start, end=max(start, end)))
        return out

    return replace(doc, text=norm.text, sections=move(doc.sections), pages=move(doc.pages)), norm
