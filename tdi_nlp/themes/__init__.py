"""Theme classifier (issue 5): Territoires d'industrie question themes and Assemblée nationale rubriques.

``classify(text, taxonomy="tdi")`` -> ``[{"theme", "score", "evidence", ...}]``; see classifier.py, GUIDE.md.
"""
from __future__ import annotations

THEMES = {
    "calendrier": "Calendrier",
    "eligibilite": "Éligibilité",
    "beneficiaires": "Bénéficiaires",
    "financement": "Financement",
    "mise_en_oeuvre": "Mise en œuvre",
    "bilan": "Bilan",
}


def classify(text: str, taxonomy: str = "tdi", minister: str | None = None, top: int = 3) -> list[dict]:
    """Themes of a question text (taxonomy "tdi", multi-label) or its ranked AN rubriques ("rubrique")."""
    from .classifier import classify as _classify
    return _classify(text, taxonomy=taxonomy, minister=minister, top=top)
