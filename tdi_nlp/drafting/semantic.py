"""Sentence-encoder (E5) vectors of the past questions, one signal of the drafting retrieval (index.py).

Each indexed question/answer pair gets the E5 "passage" vector of its question side (title + question), computed
once when the pair is indexed and saved beside the index (``<kb>.index/e5/``, keyed by document id and by the
encoder's tag, so that vectors of another encoder are never mixed in). A new question is embedded as a "query";
its cosine with each past question is fused with the lexical scores like the word vectors are (index.py).

Off by default (ENABLED = False, weight Weights.vector_e5 = 0): measured with ``tdi-nlp eval drafting``, the fusion
did not raise top-3 rubrique agreement on the tuning part (0.799 without, 0.786-0.797 with weights 0.1-2.5), and
embedding every past question costs about a minute per 500 questions when the index is built.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

from .. import encoder
from . import store

VERSION = 1
SUBDIR = "e5"
ENABLED = False  # embed past questions when they are indexed (the eval turns it on to measure the fusion)


@lru_cache(maxsize=32)
def query_vector(text: str) -> np.ndarray:
    """The E5 "query" vector of a new question (a draft searches with the same text several times)."""
    return encoder.embed_query(text)


class QuestionVectors:
    """E5 vectors of past questions by document id."""

    def __init__(self, ids: list[str] | None = None, vectors: np.ndarray | None = None):
        self.ids: list[str] = list(ids or [])
        self.vectors = vectors if vectors is not None else np.zeros((0, encoder.DIM), dtype=np.float16)
        self.row = {d: i for i, d in enumerate(self.ids)}
        self._aligned: tuple[list[str], np.ndarray] | None = None

    def __len__(self) -> int:
        return len(self.ids)

    def add(self, entries: list[dict]) -> None:
        """Embed the question side (``_q_text``) of entries; an id already present is replaced."""
        if not entries or not ENABLED:
            return
        vecs = encoder.embed_passages([e["_q_text"] for e in entries]).astype(np.float16)
        self.remove({e["id"] for e in entries})
        self.ids += [e["id"] for e in entries]
        self.vectors = np.concatenate([self.vectors, vecs])
        self.row = {d: i for i, d in enumerate(self.ids)}
        self._aligned = None

    def remove(self, ids: set[str]) -> None:
        keep = [i for i, d in enumerate(self.ids) if d not in ids]
        if len(keep) == len(self.ids):
            return
        self.ids = [self.ids[i] for i in keep]
        self.vectors = self.vectors[keep]
        self.row = {d: i for i, d in enumerate(self.ids)}
        self._aligned = None

    def covers(self, ids: list[str]) -> bool:
        return all(d in self.row for d in ids)

    def matrix(self, ids: list[str]) -> np.ndarray:
        """(len(ids), DIM) float32 vectors in the order of ids (zeros for an id without a vector); cached."""
        if self._aligned is None or self._aligned[0] != ids:
            m = np.zeros((len(ids), encoder.DIM), dtype=np.float32)
            rows = [(j, self.row[d]) for j, d in enumerate(ids) if d in self.row]
            if rows:
                dst, src = zip(*rows)
                m[list(dst)] = self.vectors[list(src)]
            self._aligned = (list(ids), m)
        return self._aligned[1]

    def scores(self, query: str, ids: list[str]) -> np.ndarray:
        """Cosine of the query's E5 vector with each past question of ids."""
        return self.matrix(ids) @ query_vector(query)

    # Storage --------------------------------------------------------------------------------------------------
    def save(self, folder: Path) -> None:
        store.save(folder / SUBDIR, "questions", VERSION, "ids", self.ids, self.vectors, {"encoder": encoder.ENCODER_TAG})

    @classmethod
    def load(cls, folder: Path) -> "QuestionVectors | None":
        """The saved vectors, or None when absent, unreadable or made by another encoder."""
        found = store.load(folder / SUBDIR, "questions", VERSION, "ids")
        if found is None or found[2].get("encoder") != encoder.ENCODER_TAG:
            return None
        return cls(found[0], found[1])
