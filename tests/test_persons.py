"""PERSON extraction and linking (tdi_persons) and the people reference tables."""
from __future__ import annotations

import pytest

from tdi_nlp.components.people.kb import kb, link_author, link_ministry, parse_title


@pytest.fixture(scope="module")
def people_nlp():
    from tdi_nlp.pipeline import load
    return load(["tdi_persons", "tdi_orgs"])


def persons(nlp, text, date=None):
    doc = nlp.make_doc(text)
    doc._.ref_date = date
    doc = nlp(doc)
    return [s for s in doc.spans.get("facts", []) if s.label_ == "PERSON"], doc


def ids(spans):
    return [s._.entity_id for s in spans]


def test_civility_names_and_title_alone(people_nlp):
    text = ("M. Paul Christophe interroge Mme la secrétaire d'Etat auprès du ministre de l'économie et des finances "
            "sur la stratégie de reconquête industrielle.")
    spans, _ = persons(people_nlp, text, "2019-07-02")
    assert ids(spans) == ["person:paul-christophe", "person:agnes-pannier-runacher"]
    author, title = spans
    assert author.text == "M. Paul Christophe"
    assert author._.value["civility"] == "M."
    assert author._.value["deputy_id"] == "PA642868" and author._.value["department"] == "Nord"
    assert author._.value["minister"] is False
    assert title.text == "Mme la secrétaire d'Etat auprès du ministre de l'économie et des finances"
    v = title._.value
    assert v["minister"] is True and v["mention"] == "title" and v["civility"] == "Mme"
    assert v["name"] == "Agnès Pannier-Runacher" and "économie et des finances" in v["office"]


def test_names_with_roles_beside_them(people_nlp):
    text = ("Jacqueline Gourault, ministre de la Cohésion des territoires, Hervé Morin, président de Régions de "
            "France, et Bruno Bonnell, député de la 6e circonscription du Rhône, ont co-présidé le comité. "
            "M. Philippe Varin, Président de France Industrie, a conclu. Mme. Annabel André-Laurent a rappelé.")
    spans, _ = persons(people_nlp, text, "2019-09-24")
    by_id = {s._.entity_id: s._.value for s in spans}
    assert by_id["person:jacqueline-gourault"]["minister"] is True
    assert by_id["person:herve-morin"]["role"] == "président de Régions de France"
    assert by_id["person:herve-morin"]["minister"] is False          # minister in 2007-2010, not in 2019
    bonnell = by_id["person:bruno-bonnell"]
    assert bonnell["deputy_id"] == "PA721344" and bonnell["constituency"] == 6
    assert by_id["person:philippe-varin"]["role"] == "Président de France Industrie"
    assert by_id["person:annabel-andre-laurent"]["civility"] == "Mme"


def test_title_resolved_at_the_date_of_the_event(people_nlp):
    text = "Le Premier ministre a présenté, le 22 novembre 2018, les orientations. Le Premier ministre a parlé."
    spans, _ = persons(people_nlp, text, "2021-01-15")
    assert ids(spans) == ["person:edouard-philippe", "person:jean-castex"]
    assert spans[0]._.value["date"] == "2018-11-22"


def test_future_dates_do_not_move_the_holder(people_nlp):
    spans, _ = persons(people_nlp, "Le Premier ministre veut signer tous les contrats d'ici le 1er janvier 2021.",
                       "2019-06-01")
    assert ids(spans) == ["person:edouard-philippe"]


@pytest.mark.parametrize("text,date,expected", [
    ("le ministre de l'économie a signé", "2019-03-01", "person:bruno-le-maire"),
    ("Mme la ministre de la cohésion des territoires a signé", "2019-05-01", "person:jacqueline-gourault"),
    ("La parole est à Mme la Première ministre.", "2022-10-01", "person:elisabeth-borne"),
    ("La parole est à M. le ministre délégué chargé des transports.", "2022-11-16", "person:clement-beaune"),
    ("La parole est à M. le garde des sceaux.", "2022-11-16", "person:eric-dupond-moretti"),
    ("Monsieur le ministre de l'intérieur et des outre-mer, répondez.", "2022-10-20", "person:gerald-darmanin"),
    ("Monsieur le ministre chargé des outre-mer, répondez.", "2022-10-20", "person:jean-francois-carenco"),
    ("Sous l'autorité du ministre du travail, la concertation a eu lieu.", "2022-12-15", "person:olivier-dussopt"),
])
def test_titles_fuzzy_against_the_government_table(people_nlp, text, date, expected):
    spans, _ = persons(people_nlp, text, date)
    assert ids(spans) == [expected]
    assert spans[0]._.value["minister"] is True


def test_title_without_date_is_a_mention_left_unresolved(people_nlp):
    spans, doc = persons(people_nlp, "Le Premier ministre a parlé.", None)
    assert [(s.text, s._.entity_id, s._.value["unresolved"]) for s in spans] == [("Le Premier ministre", None, True)]
    assert doc.user_data["tdi_persons_unresolved"][0][2] == "Le Premier ministre"


def test_bare_title_linked_to_the_minister_in_the_document(people_nlp):
    text = ("Mme Annaïg Le Meur. Encore une fois, madame la ministre déléguée, les entreprises sont perdues. "
            "Mme Olivia Grégoire, ministre déléguée chargée des petites et moyennes entreprises. Je réponds.")
    spans, _ = persons(people_nlp, text, "2022-10-20")
    bare = [s for s in spans if s.text == "madame la ministre déléguée"][0]
    assert bare._.entity_id == "person:olivia-gregoire"
    assert bare._.value["resolved_by"] == "context"


def test_role_and_bare_surname(people_nlp):
    spans, _ = persons(people_nlp, "C'est d'ailleurs le ministre Riester qui en parle le mieux.", "2023-02-01")
    # the office word and the surname are one mention ("le président Macron" style, the dev samples' convention)
    assert [(s.text, s._.entity_id) for s in spans] == [("ministre Riester", "person:franck-riester")]


def test_surname_after_full_name_and_accents(people_nlp):
    text = "Edouard Philippe a parlé. Plus tard, M. Philippe a répondu à Élisabeth Borne."
    spans, _ = persons(people_nlp, text, "2019-01-10")
    assert ids(spans) == ["person:edouard-philippe", "person:edouard-philippe", "person:elisabeth-borne"]


def test_no_person_for_programmes_or_plurals(people_nlp):
    text = "Les ministres ont rappelé que les Territoires d'industrie et France Industrie comptent."
    spans, _ = persons(people_nlp, text, "2019-03-06")
    assert spans == []


def test_chair_of_a_sitting_is_a_person_without_holder(people_nlp):
    # the annotation guide counts a title with its civility and article as a mention; no table says who chairs
    text = ("Mme la présidente. La parole est à M. le président de la commission. Merci, monsieur le président.\n\n"
            "Mme la présidente\n\nLa parole est à Mme Dupont.")
    spans, _ = persons(people_nlp, text, "2019-03-06")
    chairs = [(s.text, s._.entity_id) for s in spans if "présid" in s.text]
    assert chairs == [("Mme la présidente", None), ("M. le président de la commission", None),
                      ("monsieur le président", None), ("Mme la présidente", None)]


def test_rapporteur_resolved_from_the_named_rapporteur(people_nlp):
    text = ("M. Jean Valmont, rapporteur\n\nJe retire l'amendement.\n\nM. Paul Orsan\n\n"
            "Merci, monsieur le rapporteur. L'amendement de M. le rapporteur est rédactionnel.")
    spans, _ = persons(people_nlp, text, "2021-12-01")
    titles = [(s.text, s._.entity_id) for s in spans if "rapporteur" in s.text]
    assert titles == [("monsieur le rapporteur", "person:jean-valmont"), ("M. le rapporteur", "person:jean-valmont")]


def test_prefect_of_a_named_place_is_a_person(people_nlp):
    text = "Le préfet du Rhône a pris deux arrêtés ; la préfète de région les a confirmés. Le préfet de Police ?"
    spans, _ = persons(people_nlp, text, "2022-08-03")
    assert [s.text for s in spans] == ["Le préfet du Rhône", "la préfète de région", "Le préfet de Police"]
    assert all(s._.entity_id is None for s in spans)


def test_title_in_apposition_after_a_name_is_not_a_second_mention(people_nlp):
    text = "Avec Charlotte Caubel, la secrétaire d'État chargée de l'enfance, nous agissons."
    spans, _ = persons(people_nlp, text, "2023-02-08")
    assert [(s.text, s._.entity_id) for s in spans] == [("Charlotte Caubel", "person:charlotte-caubel")]


def test_link_author_and_ministry_helpers():
    rec = link_author(acteur_ref="PA720814", date="2019-03-05")
    assert rec["entity_id"] == "person:sebastien-cazenove"
    assert (rec["department"], rec["constituency"], rec["group"], rec["legislature"]) == \
        ("Pyrénées-Orientales", 4, "LREM", 15)
    assert rec["group_name"] == "La République en Marche"
    assert link_author(name="M. Sébastien Cazenove", date="2019-03-05")["deputy_id"] == "PA720814"
    assert link_author(acteur_ref="PA1", name="Personne Inconnue") is None
    # group on the day: Paul Christophe sat with UDI, Agir et Indépendants in 2018, with Agir ensemble later
    assert link_author(acteur_ref="PA642868", date="2018-06-01")["group"] == "UAI"
    assert link_author(acteur_ref="PA642868", date="2021-06-01")["group"] == "AE"
    m = link_ministry("Économie et finances (Mme la secrétaire d'État auprès du ministre)", "2019-04-16")
    assert m["entity_id"] == "person:agnes-pannier-runacher"


def test_parse_title_parts():
    t = parse_title("Ministre délégué auprès du ministre de l'intérieur et des outre-mer, chargé des outre-mer")
    assert t.kind == "MD" and t.aupres == {"interieur", "outre", "mer"} and t.charge == {"outre", "mer"}
    assert parse_title("le Premier ministre").kind == "PM"
    assert parse_title("garde des sceaux, ministre de la justice").own == {"justice"}
    assert kb().find_name("Agnès PANNIER-RUNACHER") == "agnes-pannier-runacher"


def test_build_script_reproduces_shipped_tables(shared_dir, tmp_path):
    from tdi_nlp.scripts.build_people import main
    from tdi_nlp.components.people.kb import PEOPLE_DIR
    assert main(["--shared", str(shared_dir), "--out", str(tmp_path)]) == 0
    for name in ("government.tsv", "deputies.tsv", "deputy_groups.tsv", "senators.tsv", "ministries.tsv",
                 "groups.tsv", "first_names.tsv"):
        built = (tmp_path / name).read_text(encoding="utf-8")
        assert built == (PEOPLE_DIR / name).read_text(encoding="utf-8"), name
        assert built.startswith("# source: ")


# -- issue 14: possessives, offices outside the government, foreign qualifiers, first-name lists ---------------

def test_title_after_a_possessive(people_nlp):
    spans, _ = persons(people_nlp, "Comme l'a dit notre Premier ministre, votre ministre de l'intérieur agira.",
                       "2019-07-02")
    assert [s.text for s in spans] == ["notre Premier ministre", "votre ministre de l'intérieur"]
    assert ids(spans) == ["person:edouard-philippe", "person:christophe-castaner"]


@pytest.mark.parametrize("text, date, expected", [
    ("La Défenseure des droits a publié un rapport.", "2021-03-01", "person:claire-hedon"),
    ("Le Défenseur des droits a publié un rapport.", "2016-03-01", "person:jacques-toubon"),
    ("Le président de l'Assemblée nationale a ouvert la séance.", "2020-01-15", "person:richard-ferrand"),
    ("Le président du Sénat a ouvert la séance.", "2020-01-15", "person:gerard-larcher"),
])
def test_offices_outside_the_government(people_nlp, text, date, expected):
    spans, _ = persons(people_nlp, text, date)
    assert ids(spans) == [expected]
    assert spans[0]._.value["minister"] is False


def test_foreign_qualifier_is_not_the_french_holder(people_nlp):
    spans, _ = persons(people_nlp, "Il a reçu le Premier ministre espagnol puis le ministre allemand.", "2019-07-02")
    assert [s.text for s in spans] == ["le Premier ministre espagnol", "le ministre allemand"]
    assert ids(spans) == [None, None]


def test_office_without_a_table_is_a_mention_without_id(people_nlp):
    spans, _ = persons(people_nlp, "Le président du conseil régional d'Occitanie a écrit.", "2019-07-02")
    assert [s.text for s in spans] == ["Le président du conseil régional d'Occitanie"]
    assert ids(spans) == [None]


def test_people_listed_by_first_name(people_nlp):
    spans, _ = persons(people_nlp, "Nous pensons à Julien, à Claire et à Antoine, partis trop tôt.", "2019-07-02")
    assert [s.text for s in spans] == ["Julien", "Claire", "Antoine"]


@pytest.mark.parametrize("text", ["Les villes de Metz, Nancy et Lyon.", "Claire est une couleur, et Lyon aussi."])
def test_no_first_name_list_without_first_names(people_nlp, text):
    spans, _ = persons(people_nlp, text, "2019-07-02")
    assert spans == []


def test_addressed_deputy_is_the_question_author(people_nlp):
    doc = people_nlp.make_doc("Monsieur le député, je vous remercie de votre question.")
    doc._.ref_date = "2019-07-02"
    doc._.meta = {"author_ref": "PA642868"}
    doc = people_nlp(doc)
    (span,) = [s for s in doc.spans["facts"] if s.label_ == "PERSON"]
    assert span.text == "Monsieur le député" and span._.entity_id == "person:paul-christophe"


@pytest.mark.parametrize("text, expected", [
    ("Comme vous le savez, monsieur Vigier, le dossier avance.", ["monsieur Vigier"]),
    ("Madame Le Pen, vous le savez bien.", ["Madame Le Pen"]),
    ("Le gouvernement d'Élisabeth Borne a présenté le texte.", ["Élisabeth Borne"]),
    ("Le président américain Joe Biden est venu. Biden a raison.", ["Joe Biden", "Biden"]),
])
def test_more_name_forms(people_nlp, text, expected):
    spans, _ = persons(people_nlp, text, "2023-01-10")
    assert [s.text for s in spans] == expected


def test_title_in_capitals_after_monsieur_is_not_a_name(people_nlp):
    spans, _ = persons(people_nlp, "Monsieur Le Ministre, répondez.", "2023-01-10")
    assert all(s._.value.get("mention") != "name" for s in spans)


@pytest.mark.parametrize("text, date, title, expected", [
    ("Le ministre de l'économie a présenté le plan. Bruno Le Maire, ministre de l'économie, a rappelé son coût.",
     None, "Le ministre de l'économie", "person:bruno-le-maire"),
    ("Le ministre chargé de l'industrie tient à rappeler ce point. Roland Lescure, ministre délégué chargé de "
     "l'industrie, s'est rendu sur place.", None, "Le ministre chargé de l'industrie", "person:roland-lescure"),
])
def test_title_resolved_by_a_person_named_with_that_office(people_nlp, text, date, title, expected):
    spans, _ = persons(people_nlp, text, date)
    hit = [s for s in spans if s.text == title][0]
    assert hit._.entity_id == expected
    assert hit._.value["resolved_by"] == "role"


@pytest.mark.parametrize("text", [
    "La ministre de l'économie a parlé. Bruno Le Maire, ministre de l'économie, a rappelé son coût.",  # gender
    "Le ministre de la santé a parlé. Bruno Le Maire, ministre de l'économie, a rappelé son coût.",    # office
    "Le Premier ministre a parlé. Bruno Le Maire, ministre de l'économie, a rappelé son coût.",        # kind
])
def test_title_not_given_a_named_person_of_another_office(people_nlp, text):
    spans, doc = persons(people_nlp, text, None)
    assert [s._.entity_id for s in spans] == [None, "person:bruno-le-maire"]
    assert spans[0]._.value["unresolved"] and doc.user_data["tdi_persons_unresolved"]


def test_foreign_qualifier_after_the_portfolio(people_nlp):
    spans, _ = persons(people_nlp, "Le ministre de l'intérieur du Mali a reçu M. Gérald Darmanin, ministre de "
                                   "l'intérieur.", "2022-03-01")
    first = [s for s in spans if s.text.startswith("Le ministre")][0]
    assert first.text == "Le ministre de l'intérieur du Mali" and first._.entity_id is None


def test_holders_of_offices_of_a_named_place_or_body(people_nlp):
    text = ("Le maire de Brest a écrit à la rectrice de l'académie de Rennes et au directeur général de l'Ademe ; "
            "la présidente de la Commission européenne répond. Le directeur de l'école ne dit rien.")
    spans, _ = persons(people_nlp, text, "2022-06-01")
    assert [(s.text, s._.entity_id) for s in spans] == [
        ("Le maire de Brest", None), ("la rectrice de l'académie de Rennes", None),
        ("directeur général de l'Ademe", None),   # "au": the fused article is left out
        ("la présidente de la Commission européenne", "person:ursula-von-der-leyen")]   # resources/people/leaders.tsv


def test_regional_president_with_the_region_named_after_it(people_nlp):
    spans, _ = persons(people_nlp, "Le président de la région Hauts-de-France a signé.", "2022-06-01")
    assert [s.text for s in spans] == ["Le président de la région Hauts-de-France"]


def test_unknown_names_listed_beside_other_people(people_nlp):
    text = "J'associe mes collègues Léa Marchal, Hugo Berthier et M. Paul Christophe à ma question."
    spans, _ = persons(people_nlp, text, "2022-06-01")
    assert [s.text for s in spans] == ["Léa Marchal", "Hugo Berthier", "M. Paul Christophe"]


def test_office_title_resolved_from_the_person_named_with_that_role(people_nlp):
    text = ("Nous avons reçu le président de la Fédération française de cyclisme. M. Michel Callot, président de la "
            "Fédération française de cyclisme, a souligné les besoins des clubs.")
    spans, _ = persons(people_nlp, text, "2019-03-06")
    assert [(s.text, s._.entity_id) for s in spans] == [
        ("le président de la Fédération française", "person:michel-callot"), ("M. Michel Callot", "person:michel-callot")]
