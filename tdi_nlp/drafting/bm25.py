"""Okapi BM25 over pre-tokenized documents with bm25s (Lucene variant), plus each term's idf.

bm25s keeps a sparse document-term score matrix, so a query scores every document in one pass; the index is rebuilt
in milliseconds from the stored term lists. The idf of a term (the same formula as Lucene's BM25) also weighs the word
vectors of the index.
"""
from __future__ import annotations

import numpy as np


class BM25:
    def __init__(self, docs: list[list[str]], k1: float = 1.2, b: float = 0.75):
        self.n_docs = len(docs)
        self.vocab: dict[str, int] = {}
        self.idf = np.zeros(0, dtype=np.float32)
        self._model = None
        if not any(docs):
            return
        import bm25s
        model = bm25s.BM25(k1=k1, b=b, method="lucene")
        model.index([list(d) for d in docs], show_progress=False)
        self._model = model
        self.vocab = {t: j for t, j in model.vocab_dict.items() if t}
        df = np.diff(np.asarray(model.scores["indptr"]))  # documents per term (term-major sparse matrix)
        idf = np.log1p((self.n_docs - df + 0.5) / (df + 0.5)).astype(np.float32)
        self.idf = np.zeros(len(model.vocab_dict), dtype=np.float32)
        self.idf[: len(idf)] = idf[: len(self.idf)]

    def idf_of(self, term: str) -> float:
        j = self.vocab.get(term)
        return float(self.idf[j]) if j is not None else float(np.log1p(self.n_docs + 0.5))

    def scores(self, query: list[str]) -> np.ndarray:
        """The BM25 score of every document for a query (a repeated query term counts again)."""
        known = [t for t in query if t in self.vocab]
        if self._model is None or not known:
            return np.zeros(self.n_docs, dtype=np.float32)
        return np.asarray(self._model.get_scores(known), dtype=np.float32)
