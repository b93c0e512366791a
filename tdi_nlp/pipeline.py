"""Builds the spaCy pipeline: fr_core_news_md plus the project's components.

Every module of ``tdi_nlp.components`` that defines ``FACTORY`` (the name given to ``@Language.factory``)
and ``ORDER`` (an int) is added after the stock components, by increasing ORDER.
"""
from __future__ import annotations

import importlib
import pkgutil
import warnings
from functools import lru_cache

import spacy
from spacy.language import Language

from . import components as _components
from .config import settings


def discover() -> list[tuple[int, str]]:
    """(order, factory name) of every project component, sorted."""
    found = []
    for info in pkgutil.iter_modules(_components.__path__):
        try:
            mod = importlib.import_module(f"{_components.__name__}.{info.name}")
        except ImportError as exc:  # a component whose data or dependency is missing is left out, loudly
            warnings.warn(f"component module {info.name} not loaded: {exc}", stacklevel=2)
            continue
        if hasattr(mod, "FACTORY"):
            found.append((getattr(mod, "ORDER", 100), mod.FACTORY))
    return sorted(found)


def build(components: list[str] | tuple[str, ...] | None = None, exclude: tuple[str, ...] | None = None) -> Language:
    """A fresh pipeline. components=None means every discovered component; [] means the stock model only."""
    available = [name for _, name in discover()] if components != [] else []
    if components is None:
        components = list(settings.components) or available
    nlp = spacy.load(settings.spacy_model, exclude=list(exclude if exclude is not None else settings.exclude_stock))
    for name in components:
        if name not in available:
            raise ValueError(f"unknown component {name!r}; available: {', '.join(available) or 'none'}")
        nlp.add_pipe(name, last=True)
    return nlp


@lru_cache(maxsize=4)
def _cached(components: tuple[str, ...] | None) -> Language:
    return build(list(components) if components is not None else None)


def load(components: list[str] | None = None) -> Language:
    """The project pipeline, built once per process and cached."""
    return _cached(tuple(components) if components is not None else None)
