"""Encoder vectors of request clauses, computed once: how a clause is embedded (the E5 "query: " prefix, what the
theme model reads), the float16 base64 form records carry (``rec["embeddings"]``) and the KB's ``embeddings``
table stores, keyed by document, clause start, kind and encoder tag.

With ``settings.embed_requests`` (TDI_NLP_EMBED_REQUESTS=1; off by default, when the theme model takes its text-only
path) extraction embeds the request clauses of every question section: the theme component scores the clauses with these vectors
and the record carries them, so the KB stores the vectors the stored themes were computed from.
"""
from __future__ import annotations

import base64
import sqlite3

import numpy as np

from .. import encoder
from ..kb import embeddings as store

KIND = "request:query"  # a request clause, embedded with the E5 query prefix


def truncated(text: str, budget: int = 0) -> str:
    """The longest prefix of whole words of text whose query input holds at most ``budget`` tokens (0: text)."""
    if not budget or encoder.model().token_count(text, True) <= budget:
        return text
    words = text.split()
    lo, hi = 1, len(words) - 1  # lo words always kept; the answer is in [lo, hi]
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if encoder.model().token_count(" ".join(words[:mid]), True) <= budget:
            lo = mid
        else:
            hi = mid - 1
    return " ".join(words[:lo])


def clause_vectors(texts: list[str], budget: int = 0) -> np.ndarray:
    """(n, 384) float32 E5 query vectors of clauses (each cut to ``budget`` tokens when given), one encoder call
    each (a batch gives the same vectors and was not faster on this machine). No cache: extraction embeds each
    clause once and keeps the vectors."""
    if not texts:
        return np.zeros((0, encoder.DIM), dtype=np.float32)
    return np.vstack([encoder.embed_query(truncated(t, budget)) for t in texts]).astype(np.float32)


def to_text(vec: np.ndarray) -> str:
    """A vector as base64 of its float16 bytes (JSON-safe, 1,024 characters for 384 dimensions)."""
    return base64.b64encode(encoder.to_blob(vec)).decode("ascii")


def from_text(text: str) -> bytes:
    """The float16 blob of :func:`to_text`'s output (what kb.embeddings stores)."""
    return base64.b64decode(text)


def records(spans: list[tuple[int, int, str]], vecs: np.ndarray | None = None) -> list[dict]:
    """``[{"kind", "start", "end", "encoder", "vector"}]`` of (start, end, text) clauses and their vectors
    (computed when not given), for a record."""
    if not spans:
        return []
    vecs = clause_vectors([t for _, _, t in spans]) if vecs is None else vecs
    return [{"kind": KIND, "start": s, "end": e, "encoder": encoder.ENCODER_TAG, "vector": to_text(v)}
            for (s, e, _), v in zip(spans, vecs)]


def stored_or_computed(conn: sqlite3.Connection, doc_id: str, spans: list[tuple[int, int, str]],
                       kind: str = KIND) -> np.ndarray:
    """(n, 384) vectors of a stored document's (start, end, text) clauses: read from the KB when stored with this
    encoder's tag, else computed and stored (committed by the caller), so that each is computed once."""
    tag = encoder.ENCODER_TAG
    have = store.get_many(conn, [(doc_id, s) for s, _, _ in spans], kind, tag)
    todo = [sp for sp in spans if (doc_id, sp[0]) not in have]
    if todo:
        fresh = clause_vectors([t for _, _, t in todo])
        store.create(conn)
        store.put(conn, doc_id, [(s, e, v) for (s, e, _), v in zip(todo, fresh)], kind, tag)
        have.update({(doc_id, s): v.astype(np.float16).astype(np.float32) for (s, _, _), v in zip(todo, fresh)})
    if not spans:
        return np.zeros((0, encoder.DIM), dtype=np.float32)
    return np.vstack([have[(doc_id, s)] for s, _, _ in spans])
