"""ORG and PERSON recall on unseen text, round 2 (issue 14): bodies named by lower-case heads and defined acronyms,
companies named beside a cue noun or another body, acronyms of things, people by age and by office in a named
body, titles after "après" or a comma. Sentences written for these tests."""
from __future__ import annotations

import pytest

from conftest import facts as facts_of


@pytest.fixture(scope="module")
def nlp():
    from tdi_nlp.pipeline import load
    return load(["tdi_territories", "tdi_persons", "tdi_orgs"])


def facts(nlp, text, label, date="2022-11-10"):
    return facts_of(nlp, text, label, date)


def orgs(nlp, text, date="2022-11-10"):
    return [s.text for s in facts(nlp, text, "ORG", date)]


def people(nlp, text, date="2022-11-10"):
    return [s.text for s in facts(nlp, text, "PERSON", date)]


def test_lower_case_bodies_with_their_cue_words(nlp):
    text = ("Le dossier passe devant le conseil départemental du Gard, puis devant la chambre de commerce et "
            "d'industrie de Nîmes et le syndicat mixte du bassin de la Cèze.")
    assert orgs(nlp, text) == ["conseil départemental du Gard", "chambre de commerce et d'industrie de Nîmes",
                               "syndicat mixte du bassin de la Cèze"]


def test_kinds_of_bodies_are_not_named_bodies(nlp):
    text = ("Chaque conseil départemental crée une commission départementale de suivi ; les chambres de commerce "
            "et le conseil municipal en débattent.")
    assert orgs(nlp, text) == []


def test_a_lower_case_head_takes_a_link_after_its_adjective(nlp):
    text = "Le rapport de la délégation interministérielle à l'hébergement et à l'accès au logement est paru."
    assert orgs(nlp, text) == ["délégation interministérielle à l'hébergement et à l'accès au logement"]


def test_a_defined_acronym_makes_a_lower_case_body(nlp):
    text = ("Il faut l'avis du centre de ressources pour la prévention des risques littoraux (CRPRL) et de la "
            "mission départementale d'appui aux territoires ruraux (MDATR). Le CRPRL a répondu.")
    assert orgs(nlp, text) == ["centre de ressources pour la prévention des risques littoraux", "CRPRL",
                               "mission départementale d'appui aux territoires ruraux", "MDATR", "CRPRL"]


def test_an_acronym_of_a_thing_is_no_body(nlp):
    text = ("Le montant de la prime d'activité des jeunes salariés (PAJS) augmente. La PAJS sera versée en mai par "
            "les caisses, comme les aides au logement temporaire (ALT).")
    assert orgs(nlp, text) == []


def test_an_acronym_before_its_long_form_in_apposition(nlp):
    text = ("Le 3 mars, la Dihal, la délégation interministérielle à l'hébergement et à l'accès au logement, a "
            "publié son rapport. La Dihal le présentera au Sénat.")
    assert orgs(nlp, text) == ["Dihal", "délégation interministérielle à l'hébergement et à l'accès au logement",
                               "Dihal", "Sénat"]


def test_plural_uses_of_a_defined_acronym_are_kinds(nlp):
    text = ("La direction régionale des affaires culturelles (Drac) d'Occitanie a refusé ; les Drac des autres "
            "régions acceptent. La Drac a tort.")
    assert orgs(nlp, text) == ["direction régionale des affaires culturelles", "Drac", "Drac"]


def test_names_after_a_cue_noun_or_before_an_apposition(nlp):
    text = ("Je pense à Cartonnerie Dumoulin, une PME de 80 salariés, et à l'entreprise Morvelec, dont les "
            "factures explosent, comme celles de l'association Les Jardins partagés.")
    assert orgs(nlp, text) == ["Cartonnerie Dumoulin", "Morvelec", "Les Jardins"]


def test_a_name_listed_beside_a_body_is_a_body(nlp):
    text = "Les dividendes versés à Bpifrance et Morvelec, puis à la Caisse des dépôts et à Ternalis, augmentent."
    found = orgs(nlp, text)
    assert "Morvelec" in found and "Ternalis" in found and "Bpifrance" in found


def test_people_named_with_their_age(nlp):
    text = ("La rivière a emporté la petite Maiana Tehei, âgée de 6 ans, et le petit Hiro Vaite (4 ans) ; "
            "Mme Tapu, épouse Teriki, a survécu.")
    found = people(nlp, text)
    assert "Maiana Tehei" in found and "Hiro Vaite" in found and "Mme Tapu" in found


def test_compound_first_names_count_as_first_names(nlp):
    text = "Nous avons travaillé avec Marie-Laure Ferrandon et Anne-Sophie Quillec sur ce texte."
    assert people(nlp, text) == ["Marie-Laure Ferrandon", "Anne-Sophie Quillec"]


def test_an_office_in_a_body_named_by_a_common_noun(nlp):
    text = ("« Formez les gens ! », dit la présidente de l'association Cœurs solidaires, Lina Morvan, puis le maire "
            "de la commune, M. Paul Tehei, et la déléguée de la Dilcrah. Le directeur du collège ne dit rien.")
    found = people(nlp, text)
    assert found[:2] == ["la présidente de l'association Cœurs", "Lina Morvan"]
    assert found[2:] == ["le maire de la commune", "M. Paul Tehei", "la déléguée de la Dilcrah"]


def test_titles_after_apres_and_after_a_comma(nlp):
    text = ("Après le ministre de l'intérieur, après la ministre de la transition énergétique, voici M. Paul "
            "Marchal, et du ministre des armées nous ne dirons rien.")
    spans = facts(nlp, text, "PERSON")
    assert [s.text for s in spans][:2] == ["le ministre de l'intérieur", "la ministre de la transition énergétique"]
    assert spans[0]._.entity_id == "person:gerald-darmanin"
    assert any(s.text.startswith("ministre des armées") or s.text == "du ministre des armées" for s in spans)


def test_inside_a_title_stays_inside(nlp):
    text = ("Mme la secrétaire d'État auprès du ministre des armées et du ministre de l'éducation nationale est "
            "venue.")
    assert len(facts(nlp, text, "PERSON")) == 1


def test_stock_places_and_verbs_are_no_bodies(nlp):
    text = "Punir ne suffit pas. Rappelez-vous la crue à Papara et dans la commune de Teva'i Uta."
    assert orgs(nlp, text) == []


def test_an_acronym_that_fits_a_body_named_before(nlp):
    text = ("L'agence régionale de santé de Bretagne a fermé la maternité. Depuis, l'ARS ne répond plus ; la PMI "
            "non plus.")
    assert orgs(nlp, text) == ["agence régionale de santé de Bretagne", "ARS"]


def test_national_forces_and_international_bodies(nlp):
    text = "La police nationale, la gendarmerie nationale et l'Organisation des Nations unies ont agi."
    assert orgs(nlp, text) == ["police nationale", "gendarmerie nationale", "Organisation des Nations unies"]


def test_a_capitalized_article_inside_a_name_is_kept(nlp):
    text = "L'affaire, révélée par Mediapart et Le Monde, gêne le gouvernement."
    assert orgs(nlp, text) == ["Mediapart", "Le Monde"]


def test_a_first_name_after_a_body_and_a_comma_is_a_person(nlp):
    text = "La présidente de la Commission européenne, Ursula von der Leyen, a répondu."
    assert orgs(nlp, text) == ["Commission européenne"]
    assert "Ursula von der Leyen" in people(nlp, text)


def test_quoted_authors_and_foreign_leaders(nlp):
    text = ("Comme l'écrivait Albert Camus, il faut imaginer Sisyphe heureux ; le président russe et la chancelière "
            "allemande n'en disent rien.")
    spans = facts(nlp, text, "PERSON")
    assert [s.text for s in spans] == ["Albert Camus", "le président russe", "la chancelière allemande"]
    assert spans[1]._.entity_id is None and spans[1]._.value["foreign"] is True


def test_a_foreign_title_before_the_name_is_no_second_mention(nlp):
    assert "Le président brésilien" not in people(nlp, "Le président brésilien Lula est venu.")
