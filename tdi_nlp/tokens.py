"""Tokenization with a guard against runs of symbols.

spaCy's stock tokenizer takes quadratic time on long runs of punctuation or symbols without spaces
("€€€…", "%%%…", emoji: 20-50 s for 10,000 characters). ``make_doc`` cuts such runs into short tokens itself,
tokenizes the rest with ``nlp.tokenizer`` and assembles one Doc whose text is exactly the input (offsets kept).
A text without such a run gets ``nlp.make_doc(text)`` unchanged.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

RUN_MIN = 32   # a run of at least this many symbols (neither word characters nor whitespace) is cut by hand
PIECE = 8      # into tokens of at most this many characters
SYMBOL_RUN = re.compile(r"[^\w\s]{%d,}" % RUN_MIN)


def make_doc(nlp, text: str) -> Doc:
    """``nlp.make_doc(text)``, with runs of >= RUN_MIN symbols cut into tokens of <= PIECE characters."""
    runs = [m.span() for m in SYMBOL_RUN.finditer(text)]
    if not runs:
        return nlp.make_doc(text)
    words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    for start, end in runs:
        _add_segment(nlp, text[pos:start], words, spaces)
        for i in range(start, end, PIECE):
            words.append(text[i:min(i + PIECE, end)])
            spaces.append(False)
        pos = end
        if text.startswith(" ", end):  # a single space after the run is its last token's trailing space
            spaces[-1] = True
            pos = end + 1
    _add_segment(nlp, text[pos:], words, spaces)
    return Doc(nlp.vocab, words=words, spaces=spaces)


def _add_segment(nlp, segment: str, words: list[str], spaces: list[bool]) -> None:
    if not segment:
        return
    for tok in nlp.tokenizer(segment):
        words.append(tok.text)
        spaces.append(bool(tok.whitespace_))
