"""Theme classifier (issue 5): Territoires d'industrie question themes and Assemblée nationale rubriques.

``classify(text, taxonomy="tdi")`` -> ``[{"theme", "score", "evidence", ...}]``; see classifier.py, GUIDE.md.
"""
from __future__ import annotations

from .labels import THEMES

__all__ = ["THEMES", "classify"]


def classify(text: str, taxonomy: str = "tdi", minister: str | None = None, top: int = 3, date: str | None = None,
             min_score: float | None = None, embed: bool = True) -> list[dict]:
    """Themes of a question text (taxonomy "tdi", multi-label) or its ranked AN rubriques ("rubrique": those above
    the calibrated threshold unless min_score is given; the ministry read from the text when not given; with
    ``embed`` the E5 vectors join the TF-IDF features: tdi embeds the request clauses, as extraction does by
    default; rubrique embeds the text, which extraction does not)."""
    # heavy (scikit-learn): `tdi-nlp` imports themes.cli, hence this package, for every command
    from .classifier import classify as _classify
    return _classify(text, taxonomy=taxonomy, minister=minister, top=top, date=date, min_score=min_score,
                     embed=embed)
