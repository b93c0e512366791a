"""An index saved beside the KB: a JSON file of items (with a version, the stemmer setting and the KB manifest it
was built from) and a .npy of their vectors, each written to a temporary file and moved into place."""
from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np

from . import analysis


def save(folder: Path, name: str, version: int, key: str, items: list, vectors: np.ndarray, manifest) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    tmp_json, tmp_vec = folder / f"{name}.json.tmp", folder / "vectors.npy.tmp"
    with open(tmp_json, "w", encoding="utf-8") as fh:  # json.dumps: the C encoder (json.dump's is Python's)
        fh.write(json.dumps({"version": version, "stem_chars": analysis.STEM_CHARS, "manifest": manifest, key: items},
                            ensure_ascii=False))
    with open(tmp_vec, "wb") as fh:
        np.save(fh, vectors)
    os.replace(tmp_vec, folder / "vectors.npy")
    os.replace(tmp_json, folder / f"{name}.json")


def load(folder: Path, name: str, version: int, key: str):
    """(items, vectors, manifest), or None when absent, unreadable or built by another version."""
    try:
        with open(folder / f"{name}.json", encoding="utf-8") as fh:
            data = json.load(fh)
        vectors = np.load(folder / "vectors.npy")
    except (OSError, ValueError):
        return None
    if data.get("version") != version or data.get("stem_chars") != analysis.STEM_CHARS \
            or len(vectors) != len(data.get(key, ())):
        return None
    return data[key], vectors, data["manifest"]
