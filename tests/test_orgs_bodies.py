"""ORG rules beyond the gazetteer (tdi_nlp/components/orgs/bodies.py): head word + complement, acronyms defined in
the text, parliamentary groups in lists, short names, acronyms of things used in the plural. Sentences written
for these tests."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def nlp():
    from tdi_nlp.pipeline import load
    return load(["tdi_persons", "tdi_orgs"])


def orgs(nlp, text, date="2022-06-01"):
    doc = nlp.make_doc(text)
    doc._.ref_date = date
    doc = nlp(doc)
    return [(s.text, s._.entity_id) for s in sorted(doc.spans.get("facts", []), key=lambda s: s.start)
            if s.label_ == "ORG"]


def names(found):
    return [t for t, _ in found]


def test_capitalized_head_and_complement(nlp):
    text = ("Selon la Haute Autorité de santé et le Comité national olympique et sportif français, l'Office "
            "national des forêts travaille avec le Conseil de l'Union européenne.")
    assert names(orgs(nlp, text)) == ["Haute Autorité de santé", "Comité national olympique et sportif français",
                                      "Office national des forêts", "Conseil de l'Union européenne"]


def test_lower_case_heads_need_their_cue_words(nlp):
    text = ("Le texte a été adopté en commission des affaires sociales puis annulé par le tribunal administratif de "
            "Grenoble et la cour d'appel de Douai. Une commission de suivi, le tribunal correctionnel et la direction "
            "générale n'y peuvent rien.")
    assert names(orgs(nlp, text)) == ["commission des affaires sociales", "tribunal administratif de Grenoble",
                                      "cour d'appel de Douai"]


def test_enumerated_complement_and_its_acronym(nlp):
    text = ("La direction régionale de l'alimentation, de l'agriculture et de la forêt (DRAAF) a répondu. "
            "Puis la DRAAF a publié son rapport.")
    found = orgs(nlp, text)
    assert names(found) == ["direction régionale de l'alimentation, de l'agriculture et de la forêt", "DRAAF",
                            "DRAAF"]
    assert len({i for _, i in found}) == 1


def test_acronym_defined_after_a_body_names_it_everywhere(nlp):
    text = ("L'Autorité de sûreté des barrages fluviaux (Asbaf) enquête ; selon l'Asbaf, rien ne presse. "
            "Le plan (Pcs) n'est pas un organisme.")
    found = orgs(nlp, text)
    assert names(found) == ["Autorité de sûreté des barrages fluviaux", "Asbaf", "Asbaf"]
    assert found[1][1] == found[0][1]


def test_groups_listed_in_stage_directions(nlp):
    text = "(Applaudissements sur les bancs des groupes LaREM, Dem, Agir ens et LR.)"
    assert names(orgs(nlp, text, "2022-02-24")) == ["LaREM", "Dem", "Agir ens", "LR"]


def test_short_names(nlp):
    text = ("Le texte adopté par l'Assemblée revient devant l'Assemblée nationale. L'Assemblée générale des "
            "actionnaires se tient. Les invisibles de l'éducation nationale ; la ministre de l'éducation "
            "nationale répond.")
    found = [(t, i) for t, i in orgs(nlp, text) if i in ("org:assemblee-nationale", "org:education-nationale")]
    assert found == [("Assemblée", "org:assemblee-nationale"),
                               ("Assemblée nationale", "org:assemblee-nationale"),
                               ("éducation nationale", "org:education-nationale")]


def test_acronyms_only_used_in_the_plural_are_not_bodies(nlp):
    text = "Il faut rendre de la considération aux AED et aux AESH ; les AESH attendent, comme les AED."
    assert orgs(nlp, text) == []


def test_roman_ordinal_is_not_a_body(nlp):
    assert "XXIe" not in names(orgs(nlp, "Les parents du XXIe siècle protègent leurs enfants."))


def test_more_heads_lower_case_cues_and_first_links(nlp):
    text = ("L'agence nationale de la cohésion des territoires et la cour des comptes saisissent le Commissariat à "
            "l'énergie atomique, l'Organisation mondiale de la santé et le Parlement européen ; la cour d'appel "
            "rejette.")
    assert names(orgs(nlp, text)) == ["agence nationale de la cohésion des territoires", "cour des comptes",
                                      "Commissariat à l'énergie atomique", "Organisation mondiale de la santé",
                                      "Parlement européen"]


def test_listed_groups_win_over_a_stock_span_across_them(nlp):
    text = ("J'espère que vous avez aimé travailler avec moi. (Applaudissements sur les bancs des groupes LaREM, "
            "Dem, Agir ens et LR.) Mais revenons à nos moutons.")
    assert names(orgs(nlp, text, "2022-02-24")) == ["LaREM", "Dem", "Agir ens", "LR"]


def test_a_first_link_only_right_after_the_head(nlp):
    found = names(orgs(nlp, "Le Commissariat à l'énergie atomique répond à l'Union européenne aux États-Unis."))
    assert "Commissariat à l'énergie atomique" in found and not any("États-Unis" in n for n in found)


def test_common_noun_before_a_company_name_is_left_out(nlp):
    found = orgs(nlp, "Les salariés du groupe Renault et de la société Vinci.")
    assert ("Vinci", "org:vinci") in found and not any("société" in t for t, _ in found)


def test_a_month_ends_a_name(nlp):
    found = names(orgs(nlp, "Le Conseil européen de juin a tranché."))
    assert "Conseil européen" in found and not any("juin" in n for n in found)


def test_group_acronyms_after_a_plural_are_not_things(nlp):
    from tdi_nlp.components.orgs.component import OrgTagger
    doc = nlp("Les LR et les AESH attendent ; des AED aussi.")
    assert OrgTagger._plural_only(doc) == {"AESH", "AED"}
