"""Tokenization with a guard against runs of symbols and overlong chunks.

spaCy's stock tokenizer peels prefixes and suffixes off a chunk without whitespace one at a time, searching the
whole rest of the chunk each time: quadratic on long runs of punctuation or symbols ("€€€…", "%%%…", emoji:
20-50 s for 10,000 characters) and on long chunks such as "l'l'l'…". ``make_doc`` cuts symbol runs into short
tokens itself, tokenizes overlong chunks slice by slice, the rest with ``nlp.tokenizer``, and assembles one Doc
whose text is exactly the input (offsets kept). A text without either gets ``nlp.make_doc(text)`` unchanged.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

RUN_MIN = 32      # a run of at least this many symbols (neither word characters nor whitespace) is cut by hand
PIECE = 8         # into tokens of at most this many characters
CHUNK_MAX = 256   # a longer chunk without whitespace is tokenized in slices of this many characters
GUARDED = re.compile(r"[^\w\s]{%d,}|\S{%d,}" % (RUN_MIN, CHUNK_MAX + 1))
SYMBOLS = re.compile(r"[^\w\s]+")


def make_doc(nlp, text: str) -> Doc:
    """``nlp.make_doc(text)``, with symbol runs cut into tokens of <= PIECE characters and chunks of more than
    CHUNK_MAX characters tokenized in slices."""
    if not GUARDED.search(text):
        return nlp.make_doc(text)
    words: list[str] = []
    spaces: list[bool] = []
    _add(nlp, text, words, spaces)
    return Doc(nlp.vocab, words=words, spaces=spaces)


def _add(nlp, text: str, words: list[str], spaces: list[bool]) -> None:
    pos = 0
    for m in GUARDED.finditer(text):
        start, end = m.span()
        _add_segment(nlp, text[pos:start], words, spaces)
        if SYMBOLS.fullmatch(m.group(0)):
            for i in range(start, end, PIECE):
                words.append(text[i:min(i + PIECE, end)])
                spaces.append(False)
        else:
            for i in range(start, end, CHUNK_MAX):  # a slice holds no chunk too long, maybe a symbol run
                _add(nlp, text[i:min(i + CHUNK_MAX, end)], words, spaces)
        pos = end
        if text.startswith(" ", end):  # a single space after it is its last token's trailing space
            spaces[-1] = True
            pos = end + 1
    _add_segment(nlp, text[pos:], words, spaces)


def _add_segment(nlp, segment: str, words: list[str], spaces: list[bool]) -> None:
    if not segment:
        return
    for tok in nlp.tokenizer(segment):
        words.append(tok.text)
        spaces.append(bool(tok.whitespace_))
