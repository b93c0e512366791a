"""TERRITORY rules read from the context (issue 14, dev_places): communes of a department named nearby, homonyms,
overseas places, and the names that hold a place without being one. Sentences written for these tests."""
from __future__ import annotations

import pytest

from tdi_nlp.components import facts
from tdi_nlp.components.territories.context import acronyms, name_goes_on, portfolio


@pytest.fixture(scope="module")
def terr_nlp():
    from tdi_nlp.eval.territories import build_nlp
    return build_nlp()


def linked(nlp, text: str) -> list[tuple[str, str | None]]:
    spans = sorted(facts(nlp(text), "TERRITORY"), key=lambda s: s.start_char)
    return [(s.text, s._.entity_id) for s in spans]


# --- context helpers -------------------------------------------------------------------------------------------
def test_acronyms_spelled_out_in_parentheses():
    text = "L'Anact (Agence nationale pour l'amélioration des conditions de travail) et la SNCF (Société nationale)."
    names, spans = acronyms(text)
    assert names == {"anact"} and text[spans[0][0]:spans[0][1]].startswith("Agence")


def test_portfolio_and_longer_names():
    text = "M. X, ministre délégué chargé de l'Europe, et la ministre de l'Europe"
    assert portfolio(text, text.index("Europe")) and portfolio(text, text.rindex("Europe"))
    assert not portfolio("Il vit en Europe", 9)
    no_place = lambda w: False  # noqa: E731
    assert name_goes_on("Lyon Mag le dit", 4, no_place) and name_goes_on("sur Europe 1.", 10, no_place)
    assert not name_goes_on("en France 3 millions de foyers", 9, no_place)
    assert not name_goes_on("les Jeux de Paris 2024", 17, no_place)
    assert not name_goes_on("à Lille Roubaix", 7, lambda w: w == "Roubaix")


# --- communes and homonyms -------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    # a small commune after a preposition, its department named in the same text
    ("L'entrepôt le plus touché est celui d'Issoire, dans le Puy-de-Dôme. Le bassin d'Issoire attend.",
     [("Issoire", "commune:63178"), ("Puy-de-Dôme", "department:63"), ("Issoire", "commune:63178")]),
    ("Dans le Var, la route entre Vintimille et Fréjus est saturée.",
     [("Var", "department:83"), ("Vintimille", None), ("Fréjus", "commune:83061")]),
    # a homonym: the commune of the department named nearby
    ("Je me suis rendu à Valence, dans le Tarn-et-Garonne, puis à Moissac.",
     [("Valence", "commune:82186"), ("Tarn-et-Garonne", "department:82"), ("Moissac", "commune:82112")]),
    ("Les habitants de Saint-Denis (La Réunion) attendent.", [("Saint-Denis", "commune:97411"),
                                                            ("Réunion", "region:04")]),
])
def test_communes_of_a_department_named_nearby(terr_nlp, text, expected):
    assert linked(terr_nlp, text) == expected


def test_commune_followed_by_its_department_even_a_person_name(terr_nlp):
    assert linked(terr_nlp, "Le site de Mauriac, dans le Cantal, et celui de Riom (Puy-de-Dôme) ferment.") == [
        ("Mauriac", "commune:15120"), ("Cantal", "department:15"), ("Riom", "commune:63300"),
        ("Puy-de-Dôme", "department:63")]


def test_small_commune_without_its_department_is_left_alone(terr_nlp):
    assert linked(terr_nlp, "Le bassin d'Issoire attend des moyens.") == []


def test_leading_part_of_a_commune_name_after_a_facility(terr_nlp):
    assert linked(terr_nlp, "Les élèves du lycée de Bagnols, dans le Gard, manifestent.") == [
        ("Bagnols", "commune:30028"), ("Gard", "department:30")]


def test_short_name_of_a_town_after_a_facility(terr_nlp):
    assert linked(terr_nlp, "Les salariés de l'usine de Bonneuil manifestent.") == [("Bonneuil", "commune:94011")]


def test_country_sharing_its_name_with_a_hamlet(terr_nlp):
    assert linked(terr_nlp, "Pourquoi ne pas suivre la Suisse et l'Argentine ?") == [
        ("Suisse", "country:CH"), ("Argentine", "country:AR")]


def test_overseas_collectivity_written_short_and_in_a_heading(terr_nlp):
    text = "AGENTS PUBLICS EN POLYNÉSIE\n\nLes agents nés en Polynésie et en Guadeloupe partent."
    assert linked(terr_nlp, text) == [("POLYNÉSIE", None), ("Polynésie", None), ("Guadeloupe", "region:01")]


# --- names that hold a place -----------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Les données de l'Anact (Agence nationale pour l'amélioration des conditions de travail) sont parues.",
    "Les agents d'ERDF (Électricité réseau distribution France) sont en grève.",
    "Il l'a dit sur Europe 1, puis dans Lyon Mag.",
    "Mme Y, secrétaire d'État chargée de l'Europe, répond.",
    "Les images du stade de France ont choqué.",
    "Les assassins, les Merah et les Kouachi, sont connus.",
    "Le festival du Bout du Monde attire du public.",
])
def test_places_inside_other_names_are_not_territories(terr_nlp, text):
    assert linked(terr_nlp, text) == []
