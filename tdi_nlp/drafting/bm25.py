"""Okapi BM25 over a sparse term matrix (scipy), rebuilt in milliseconds from the stored term lists."""
from __future__ import annotations

from collections import Counter

import numpy as np
from scipy import sparse


class BM25:
    def __init__(self, docs: list[list[str]], k1: float = 1.2, b: float = 0.75):
        self.vocab: dict[str, int] = {}
        rows, cols, vals = [], [], []
        lengths = np.zeros(len(docs), dtype=np.float32)
        for i, toks in enumerate(docs):
            lengths[i] = len(toks)
            for t, n in Counter(toks).items():
                j = self.vocab.setdefault(t, len(self.vocab))
                rows.append(i)
                cols.append(j)
                vals.append(n)
        n_docs = max(len(docs), 1)
        tf = sparse.csr_matrix((np.asarray(vals, dtype=np.float32), (rows, cols)),
                               shape=(len(docs), len(self.vocab)))
        df = np.bincount(np.asarray(cols, dtype=np.int64), minlength=len(self.vocab)).astype(np.float32)
        self.idf = np.log1p((n_docs - df + 0.5) / (df + 0.5)).astype(np.float32)
        avg = float(lengths.mean()) if len(docs) and lengths.mean() > 0 else 1.0
        norm = k1 * (1 - b + b * lengths / avg)
        tf = tf.tocoo()
        w = tf.data * (k1 + 1) / (tf.data + norm[tf.row])
        # term weights per document, columns multiplied by idf: a query score is one sparse product
        self.matrix = sparse.csc_matrix((w * self.idf[tf.col], (tf.row, tf.col)), shape=tf.shape)
        self.n_docs = len(docs)

    def idf_of(self, term: str) -> float:
        j = self.vocab.get(term)
        return float(self.idf[j]) if j is not None else float(np.log1p(self.n_docs + 0.5))

    def scores(self, query: list[str]) -> np.ndarray:
        q = np.zeros(len(self.vocab), dtype=np.float32)
        for t, n in Counter(query).items():
            j = self.vocab.get(t)
            if j is not None:
                q[j] += n
        if not self.n_docs:
            return np.zeros(0, dtype=np.float32)
        return np.asarray(self.matrix @ q).ravel()
