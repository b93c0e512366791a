"""Encoder vectors of request clauses, computed once: a per-process cache keyed by the SHA-1 of the text, the
float16 base64 form records carry (``rec["embeddings"]``) and the KB's ``embeddings`` table stores.

Opt-in during extraction (``TDI_NLP_EMBED_REQUESTS=1``): no shipped model reads these stored passage vectors today
(theme model 2.3 embeds clauses with the query prefix, in ``request_model``, only when ``classify`` is asked to;
extraction takes its text-only path), and embedding costs about 30-60 ms a question on this machine, so the
default run computes none.
"""
from __future__ import annotations

import base64
import hashlib
import sqlite3

import numpy as np

from .. import encoder
from ..kb import embeddings as store

KIND = "request"
_CACHE: dict[str, np.ndarray] = {}


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def passages(texts: list[str]) -> np.ndarray:
    """(n, 384) passage vectors; texts already embedded in this process are not recomputed, the others go to the
    encoder in one call."""
    keys = [_key(t) for t in texts]
    todo = list(dict.fromkeys(k for k in keys if k not in _CACHE))
    if todo:
        first = {k: t for k, t in zip(keys, texts)}
        for k, v in zip(todo, encoder.embed_passages([first[k] for k in todo])):
            _CACHE[k] = np.asarray(v, dtype=np.float32)
    if not keys:
        return np.zeros((0, encoder.DIM), dtype=np.float32)
    return np.vstack([_CACHE[k] for k in keys])


def to_text(vec: np.ndarray) -> str:
    """A vector as base64 of its float16 bytes (JSON-safe, 1,024 characters for 384 dimensions)."""
    return base64.b64encode(encoder.to_blob(vec)).decode("ascii")


def from_text(text: str) -> bytes:
    """The float16 blob of :func:`to_text`'s output (what kb.embeddings stores)."""
    return base64.b64decode(text)


def records(spans: list[tuple[int, int, str]]) -> list[dict]:
    """``[{"kind", "start", "end", "encoder", "vector"}]`` of (start, end, text) clauses, for a record."""
    if not spans:
        return []
    vecs = passages([t for _, _, t in spans])
    return [{"kind": KIND, "start": s, "end": e, "encoder": encoder.ENCODER_TAG, "vector": to_text(v)}
            for (s, e, _), v in zip(spans, vecs)]


def stored_or_computed(conn: sqlite3.Connection, doc_id: str, spans: list[tuple[int, int, str]],
                       kind: str = KIND) -> np.ndarray:
    """(n, 384) vectors of a stored document's (start, end, text) spans: read from the KB when stored with this
    encoder's tag, else computed and stored (committed by the caller), so that each is computed once."""
    tag = encoder.ENCODER_TAG
    have = store.get_many(conn, [(doc_id, s) for s, _, _ in spans], kind, tag)
    todo = [sp for sp in spans if (doc_id, sp[0]) not in have]
    if todo:
        fresh = passages([t for _, _, t in todo])
        store.create(conn)
        store.put(conn, doc_id, [(s, e, v) for (s, e, _), v in zip(todo, fresh)], kind, tag)
        have.update({(doc_id, s): v.astype(np.float16).astype(np.float32) for (s, _, _), v in zip(todo, fresh)})
    if not spans:
        return np.zeros((0, encoder.DIM), dtype=np.float32)
    return np.vstack([have[(doc_id, s)] for s, _, _ in spans])
