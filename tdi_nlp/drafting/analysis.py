"""Text analysis for retrieval: French terms (folded, stop words removed, light stemming), sentences, word vectors.

Everything here is cheap: a regular-expression tokenizer and look-ups in the fr_core_news_md vector table, no
pipeline run, so that indexing hundreds of documents takes seconds.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import numpy as np

from ..config import settings

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|\d+", re.UNICODE)
STEM_CHARS = 7  # prefix truncation: a robust stemmer for French retrieval


def fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.lower())
    return "".join(c for c in s if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    from spacy.lang.fr.stop_words import STOP_WORDS  # heavy (spaCy): only when first needed
    extra = {"madame", "monsieur", "ministre", "mme", "m", "gouvernement", "question", "reponse", "texte",
             "deputes", "depute", "president", "presidente", "aussi", "cette", "faire", "fait", "plus", "tres"}
    return frozenset(fold(w) for w in STOP_WORDS) | frozenset(extra)


def stem(word: str) -> str:
    if len(word) > 4 and word[-1] in "sx":
        word = word[:-1]
    return word[:STEM_CHARS]


def words(text: str) -> list[str]:
    """Surface words (original case), hyphenated words kept whole."""
    return _WORD.findall(text.replace("’", "'"))


@lru_cache(maxsize=500_000)
def _term(t: str) -> str | None:
    return None if len(t) < 2 or t in stop_words() or t.isdigit() and len(t) < 3 else stem(t)


def terms(text: str) -> list[str]:
    """Index terms: folded, stop words and one-letter words removed, stemmed."""
    return [t for t in map(_term, _WORD.findall(fold(text).replace("’", "'"))) if t is not None]


_SENT_END = re.compile(r"(?<=[.!?…])[»\")]*\s+(?=[«\"(]?\s*[A-ZÀÂÉÈÊÎÔÙÇ0-9])|\n+")
_ABBREV = re.compile(r"(?:\b(?:M|Mme|MM|Mlle|art|cf|p|n°|no|etc|ex|St|Dr|av|J\.-C)|\b[A-Z])\.$")


def sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """(start, end) character offsets of the sentences of text (shifted by offset), blank ones dropped."""
    out, start = [], 0
    for m in _SENT_END.finditer(text):
        if "\n" not in m.group() and _ABBREV.search(text[start:m.start()]):
            continue
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    spans = []
    for s, e in out:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s + offset, e + offset))
    return spans


class WordVectors:
    """The word-vector table of the spaCy model, used as an IDF-weighted mean (a better doc.vector)."""

    def __init__(self, vocab) -> None:
        self.vocab = vocab
        self.dim = vocab.vectors.shape[1] if vocab.vectors.size else 0
        self._cache: dict[str, np.ndarray | None] = {}
        self._content_cache: dict[str, tuple[np.ndarray, str] | None] = {}

    def word(self, w: str) -> np.ndarray | None:
        if w in self._cache:  # None is a cached answer too: the word has no vector
            return self._cache[w]
        v: np.ndarray | None = None
        for form in (w, w.lower()):
            lex = self.vocab[form]
            if lex.has_vector:
                v = lex.vector.astype(np.float32)
                break
        self._cache[w] = v
        return v

    def content(self, w: str) -> tuple[np.ndarray, str] | None:
        """(vector, idf key) of a content word that has a vector, else None; cached by the word as written."""
        if w not in self._content_cache:
            f = fold(w)
            v = None if len(f) < 3 or f in stop_words() or f.isdigit() else self.word(w)
            self._content_cache[w] = None if v is None else (v, stem(f))
        return self._content_cache[w]

    def text(self, text: str, idf: dict[str, float] | None = None) -> np.ndarray:
        """Unit-length weighted mean of the vectors of the content words of text."""
        acc = np.zeros(self.dim, dtype=np.float32)
        for w in words(text):
            found = self.content(w)
            if found is not None:
                acc += found[0] * (idf.get(found[1], 1.0) if idf else 1.0)
        n = float(np.linalg.norm(acc))
        return acc / n if n else acc


_VECTORS: list[WordVectors] = []


def adopt(vocab) -> None:
    """Use the vocabulary of an already loaded pipeline (saves loading the model a second time)."""
    if not _VECTORS and vocab.vectors.size:
        _VECTORS.append(WordVectors(vocab))


def word_vectors() -> WordVectors:
    """The vector table of the configured spaCy model, loaded without its pipeline components."""
    if not _VECTORS:
        import spacy  # heavy: only when vectors are first needed
        nlp = spacy.load(settings.spacy_model, exclude=["tok2vec", "morphologizer", "parser", "senter", "ner",
                                                       "attribute_ruler", "lemmatizer", "tagger"])
        _VECTORS.append(WordVectors(nlp.vocab))
    return _VECTORS[0]
