"""The GUIDE's question-level rules over one request clause, as data (``rules.toml`` beside this module).

``hits(clause, families)`` -> (labels the clause's [[add]] rules give, whether a [[veto]] rule matches);
``dropped(clause, families)``: the labels its [[drop]] rules take away. The model uses them two ways
(request_model): as a rule layer on its clause scores (``apply``: a veto clears a clause's scores, a dropped label
scores 0, an added label scores 1) and as binary features (``RuleFeatures``).
"""
from __future__ import annotations

import hashlib
import re
import tomllib
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin

from .labels import THEMES

RULES_FILE = Path(__file__).with_name("rules.toml")
LABELS = list(THEMES)


def file_sha1() -> str:
    """sha1 of rules.toml: recorded with a trained model and checked at load (the patterns are read at run time)."""
    return hashlib.sha1(RULES_FILE.read_bytes()).hexdigest()


@lru_cache(maxsize=1)
def _rules() -> tuple[list[tuple[str, frozenset[str], re.Pattern]], list[tuple[str, re.Pattern]]]:
    data = tomllib.loads(RULES_FILE.read_text(encoding="utf-8"))
    adds = [(r["family"], frozenset(r["labels"]), re.compile(r["pattern"], re.I)) for r in data.get("add", [])]
    vetoes = [(r["family"], re.compile(r["pattern"], re.I)) for r in data.get("veto", [])]
    return adds, vetoes


@lru_cache(maxsize=1)
def _drops() -> list[tuple[str, frozenset[str], re.Pattern]]:
    data = tomllib.loads(RULES_FILE.read_text(encoding="utf-8"))
    return [(r["family"], frozenset(r["labels"]), re.compile(r["pattern"], re.I)) for r in data.get("drop", [])]


def families() -> list[str]:
    """Every rule family of rules.toml, in file order."""
    adds, vetoes = _rules()
    return list(dict.fromkeys([f for f, _, _ in adds] + [f for f, _ in vetoes] + [f for f, _, _ in _drops()]))


def _plain(text: str) -> str:
    return " ".join(str(text).replace("’", "'").replace("‘", "'").split())


def hits(clause: str, chosen: tuple[str, ...] | None = None) -> tuple[set[str], bool]:
    """(labels added, vetoed) by the rules of the ``chosen`` families (all when None) on one clause."""
    adds, vetoes = _rules()
    text = _plain(clause)
    labels: set[str] = set()
    for fam, labs, rx in adds:
        if (chosen is None or fam in chosen) and rx.search(text):
            labels |= labs
    veto = any((chosen is None or fam in chosen) and rx.search(text) for fam, rx in vetoes)
    return labels, veto


def dropped(clause: str, chosen: tuple[str, ...] | None = None) -> set[str]:
    """Labels the [[drop]] rules of the ``chosen`` families (all when None) take away from one clause."""
    text = _plain(clause)
    out: set[str] = set()
    for fam, labs, rx in _drops():
        if (chosen is None or fam in chosen) and rx.search(text):
            out |= labs
    return out


def apply(texts: list[str], proba: np.ndarray, chosen: tuple[str, ...] | None = None, add: bool = True,
          veto: bool = True) -> np.ndarray:
    """Clause scores after the rule layer: a vetoed clause scores 0 and so does a dropped label (``veto``), then a
    label its rules add scores 1 (``add``)."""
    out = np.array(proba, dtype=np.float64, copy=True)
    for i, t in enumerate(texts):
        labs, vetoed = hits(t, chosen)
        if veto and vetoed:
            out[i] = 0.0
        if veto:
            for lab in dropped(t, chosen):
                out[i, LABELS.index(lab)] = 0.0
        if add:
            for lab in labs:
                out[i, LABELS.index(lab)] = 1.0
    return out


class RuleFeatures(BaseEstimator, TransformerMixin):
    """Binary features: per label, does an [[add]] rule give it; last column, does a [[veto]] rule match."""

    def __init__(self, chosen: tuple[str, ...] | None = None):
        self.chosen = chosen

    def fit(self, X, y=None):
        return self

    def transform(self, X):
        rows = []
        for x in X:
            labs, vetoed = hits(x, self.chosen)
            rows.append([1.0 if lab in labs else 0.0 for lab in LABELS] + [1.0 if vetoed else 0.0])
        return sparse.csr_matrix(np.array(rows, dtype=np.float64).reshape(len(rows), len(LABELS) + 1))
