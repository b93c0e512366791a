"""Display names of the Territoires d'industrie themes, one place (codes -> French names)."""

THEMES = {
    "calendrier": "Calendrier",
    "eligibilite": "Éligibilité",
    "beneficiaires": "Bénéficiaires",
    "financement": "Financement",
    "mise_en_oeuvre": "Mise en œuvre",
    "bilan": "Bilan",
}
