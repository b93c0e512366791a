"""Light text helpers for the theme models: a fast sentence splitter and the feature normalization."""
from __future__ import annotations

import re
import unicodedata

# Words after which a period does not end a sentence ("M. Dupont", "art. 3", "n° 12").
_ABBREV = {
    "m", "mm", "mme", "mmes", "mlle", "dr", "pr", "me", "st", "ste", "art", "al", "cf", "p", "pp", "etc",
    "n", "no", "vol", "chap", "av", "bd", "ex", "env", "min", "max", "hab", "mds", "md", "mio",
}
# A sentence ends at . ? ! … (possibly followed by closing quotes/brackets) before whitespace, or at a blank line.
_END = re.compile(r"[.?!…]+(?:[ \u00a0\u202f]*[»”\")\]])*(?=\s)|\n\s*\n")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\.$")
_SPACE = re.compile(r"\s+")


def split_sentences(text: str, min_chars: int = 3) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of text, trimmed of surrounding whitespace."""
    spans = []
    start = 0
    for m in _END.finditer(text):
        end = m.end()
        if m.group(0)[0] == ".":
            w = _WORD_BEFORE.search(text, max(start, end - 12), end)
            if w and (w.group(1).lower() in _ABBREV or (len(w.group(1)) == 1 and w.group(1).isupper())):
                continue
        nxt = text[end:end + 3].lstrip()
        if nxt and nxt[0].islower() and "\n\n" not in m.group(0):  # "... etc. et ..." : not a boundary
            continue
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        seg = text[s:e]
        ls = len(seg) - len(seg.lstrip())
        rs = len(seg.rstrip())
        if rs - ls >= min_chars:
            out.append((s + ls, s + rs))
    return out


def normalize_for_features(text: str) -> str:
    """Lower-cased, unified apostrophes and spaces, OCR-proof common confusions; accents kept."""
    t = unicodedata.normalize("NFC", text)
    t = t.replace("’", "'").replace("‘", "'").replace("\u00a0", " ").replace("\u202f", " ")
    t = re.sub(r"\bI'(?=[A-ZÉÈa-zéè])", "l'", t)  # OCR "I'Etat"
    t = t.replace("ceuvre", "œuvre").replace("oeuvre", "œuvre")
    return _SPACE.sub(" ", t.lower()).strip()


def span_key(text: str) -> str:
    """The form of a span whose sha1 the references store: NFC, unified spaces, trimmed."""
    t = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\u202f", " ")
    return _SPACE.sub(" ", t).strip()
