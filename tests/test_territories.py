"""TERRITORY extraction and linking (tdi_territories), its gazetteer and the build script."""
from __future__ import annotations

import gzip

import pytest

from tdi_nlp.components import facts
from tdi_nlp.components.territories.candidates import GEO_DIR, key, load_gazetteer, place_words


@pytest.fixture(scope="module")
def terr_nlp():
    from tdi_nlp.eval.territories import build_nlp
    return build_nlp()


def linked(nlp, text: str) -> list[tuple[str, str]]:
    return [(s.text, s._.entity_id) for s in facts(nlp(text), "TERRITORY")]


# --- gazetteer ------------------------------------------------------------------------------------------------
def test_key_ignores_accents_case_hyphens_and_ocr_initial():
    assert key("Île-de-France") == key("ILE DE FRANCE") == key("lle-de-France") == ("ile", "de", "france")
    assert key("St-Gildas") == ("saint", "gildas")
    assert [w for w, _, _ in place_words("Hauts-de-\nFrance")] == ["hauts", "de", "france"]


def test_shipped_tables_hold_the_reference_facts():
    gaz = load_gazetteer()
    kinds = [e.kind for e in gaz.entries.values()]
    assert kinds.count("tdi") >= 149 and kinds.count("department") == 101
    assert sum(1 for e in gaz.entries.values() if e.kind == "region" and e.current) == 18
    assert gaz.entries["region:31"].region == "32"  # Nord-Pas-de-Calais -> Hauts-de-France
    assert gaz.entries["tdi:3209"].name == "Flandre - Saint-Omer" and gaz.entries["tdi:3209"].region == "32"
    assert gaz.entries["epci:244400644"].region == "52"
    assert gaz.entries["commune:69123"].population > 400_000
    size = sum(p.stat().st_size for p in GEO_DIR.iterdir())
    assert size < 3_000_000


def test_candidates_cover_usual_names():
    gaz = load_gazetteer()
    ids = lambda name: {e.id for e, _ in gaz.lookup(name)}  # noqa: E731
    assert "region:93" in ids("PACA") and "region:93" in ids("Région Sud")
    assert "region:75" in ids("Nouvelle Aquitaine") and "region:44" in ids("Grand-Est")
    assert "epci:244400644" in ids("Carene")
    assert "epci:200041630" in ids("Ardenne Métropole")
    assert "epci:247600786" in ids("Dieppe Maritime")
    assert "tdi:5214" in ids("Vendée-Est")


def test_fuzzy_lookup_within_a_kind():
    gaz = load_gazetteer()
    assert gaz.fuzzy("Grand Chalons", "tdi").id == "tdi:2702"
    assert gaz.fuzzy("Chalons-sur-Saône", "commune").id == "commune:71076"
    assert gaz.fuzzy("Xyzzy Plugh", "tdi") is None


# --- linking --------------------------------------------------------------------------------------------------
def test_region_cues_and_lists(terr_nlp):
    text = ("Les contrats ont été signés entre les régions Sud, Grand Est, Bourgogne-\nFranche-Comté, "
            "Nouvelle Aquitaine et lle-de-France et l'Etat, puis dans la région Hauts-de-\nFrance.")
    assert [i for _, i in linked(terr_nlp, text)] == ["region:93", "region:44", "region:27", "region:75",
                                                       "region:11", "region:32"]


def test_value_schema(terr_nlp):
    doc = terr_nlp("La Lorraine a rejoint le Grand Est.")
    spans = facts(doc, "TERRITORY")
    assert spans[0]._.entity_id == "region:41"
    assert spans[0]._.value == {"name": "Lorraine", "kind": "region", "code": "41", "region": "44"}
    assert spans[1]._.value["kind"] == "region" and spans[1]._.value["code"] == "44"


def test_departments_and_common_word_names(terr_nlp):
    assert linked(terr_nlp, "Le département des Pyrénées-Orientales n'a pas été listé.") == [
        ("Pyrénées-Orientales", "department:66")]
    assert linked(terr_nlp, "Je suis élu dans le Nord depuis 2017.") == [("Nord", "department:59")]
    # a foreign region is a place without id (issue 14), never the department
    assert linked(terr_nlp, "Il a voyagé en Afrique du Nord et vers le nord de la ville.") == [("Afrique du Nord", None)]
    assert linked(terr_nlp, "Bruno Bonnell, député de la 6e circonscription du Rhône.") == [("Rhône", "department:69")]


def test_territoires_d_industrie_names_and_cues(terr_nlp):
    text = ("Le comité a pris note de trois nouveaux Territoires d'industrie : Vendée-Est ; Lamballe Terre et "
            "Mer ; Saint-Brieuc Baie d'Armor.")
    assert [i for _, i in linked(terr_nlp, text)] == ["tdi:5214", "tdi:5303", "tdi:5311"]
    assert linked(terr_nlp, "Représentants du Territoire d'industrie du Grand Chalons :") == [
        ("Grand Chalons", "tdi:2702")]
    # the programme is not a place, and without a TI context the EPCI is meant
    assert linked(terr_nlp, "L'initiative « Territoires d'industrie » vise à soutenir l'industrie.") == []
    assert linked(terr_nlp, "Lamballe Terre et Mer investit dans une usine.") == [
        ("Lamballe Terre et Mer", "epci:200069391")]


def test_epci_names_as_written(terr_nlp):
    text = ("Dieppe Maritime, Ardenne Métropole, la communauté de communes de Decazeville-Aubin et la Carene, "
            "la communauté d'agglomération de Saint-Nazaire, sont accompagnées.")
    assert linked(terr_nlp, text) == [
        ("Dieppe Maritime", "epci:247600786"), ("Ardenne Métropole", "epci:200041630"),
        ("Decazeville-Aubin", "epci:200067064"), ("Carene", "epci:244400644"), ("Saint-Nazaire", "epci:244400644")]
    assert linked(terr_nlp, "M. Sébastien Martin, Président de l'agglomération de Chalons-sur-Saône.") == [
        ("Chalons-sur-Saône", "epci:247100589")]


def test_communes_need_a_cue_or_a_big_town(terr_nlp):
    assert linked(terr_nlp, "L'assemblée s'est déroulée à Lyon.") == [("Lyon", "commune:69123")]
    assert linked(terr_nlp, "Virginie Carolo, maire de Port-Jérôme-sur-Seine.") == [
        ("Port-Jérôme-sur-Seine", "commune:76476")]
    assert linked(terr_nlp, "Il parle de Mars, de Plan et de Signes, puis de Sens.") == []
    assert linked(terr_nlp, "Elle a travaillé à la Croix-Rouge, puis à l'Union européenne.") == []
    assert linked(terr_nlp, "Un traité avec la Grande-Bretagne a été signé à Matignon.") == [
        ("Grande-Bretagne", "country:GB")]   # a foreign country (issue 14); Matignon is no place


def test_france_country_but_not_organisations(terr_nlp):
    text = ("Avec Régions de France, Business France et France Industrie ont signé ; le Stade de France aussi. "
            "Partout en France, la France investit.")
    assert linked(terr_nlp, text) == [("France", "country:FR"), ("France", "country:FR")]


def test_people_and_foreign_places_are_skipped(terr_nlp):
    assert linked(terr_nlp, "La parole est à Mme Mathilde Paris.") == []
    assert linked(terr_nlp, "au carrefour de l'Occitanie et de la Catalogne sud") == [("Occitanie", "region:76")]


# --- build script ---------------------------------------------------------------------------------------------
def test_build_script_writes_compact_tables(shared_dir, tmp_path):
    from tdi_nlp.scripts import build_geo
    assert build_geo.main(["--shared", str(shared_dir / "data" / "gazetteers"), "--out", str(tmp_path)]) == 0
    with gzip.open(tmp_path / "epci.tsv.gz", "rt", encoding="utf-8") as f:
        lines = f.read().splitlines()
    assert lines[0].startswith("# source:")
    assert any(line.startswith("244400644\t") and "\tCARENE|" in line for line in lines)
    tdi = (tmp_path / "tdi.tsv").read_text(encoding="utf-8").splitlines()
    assert sum(1 for line in tdi if not line.startswith(("#", "id\t"))) == 152  # 149 (2022) + 3 dropped 2020 ids
    regions = (tmp_path / "regions.tsv").read_text(encoding="utf-8")
    assert "\n31\tNord-Pas-de-Calais\tformer\t32\t" in regions


# -- foreign countries (issue 14) -------------------------------------------------------------------------------

def test_foreign_countries_are_territories(nlp):
    doc = nlp("La France soutient l'Ukraine face à la Russie, avec l'Allemagne, les États-Unis et la Corée du Sud.")
    ids = [s._.entity_id for s in sorted(facts(doc, "TERRITORY"), key=lambda s: s.start_char)]
    assert ids == ["country:FR", "country:UA", "country:RU", "country:DE", "country:US", "country:KR"]


def test_country_name_inside_organisation_is_not_the_country(nlp):
    doc = nlp("Business France accompagne les entreprises au Maroc.")
    assert [s._.entity_id for s in facts(doc, "TERRITORY")] == ["country:MA"]


def test_country_inside_a_body_or_programme_name(nlp):
    doc = nlp("Villes de France et le plan France Relance aident les communes ; la France investit.")
    spans = sorted(facts(doc, "TERRITORY"), key=lambda s: s.start_char)
    assert [(s.text, s._.entity_id) for s in spans] == [("France", "country:FR")]
    assert spans[0].start_char == doc.text.rindex("France")


@pytest.mark.parametrize("text, expected", [
    ("La maternité de Die ferme ses portes.", [("Die", "commune:26113")]),
    ("Les salariés de l'usine de Guingamp manifestent.", [("Guingamp", "commune:22070")]),
    ("Le lycée de Millau sera rénové.", [("Millau", "commune:12145")]),
])
def test_commune_after_a_facility(terr_nlp, text, expected):
    assert linked(terr_nlp, text) == expected


def test_continents_and_overseas_collectivities_are_places_without_id(nlp):
    doc = nlp("Le nickel de Nouvelle-Calédonie part vers l'Asie plutôt que vers l'Europe.")
    spans = sorted(facts(doc, "TERRITORY"), key=lambda s: s.start_char)
    assert [(s.text, s._.entity_id, s._.value["kind"]) for s in spans] == [
        ("Nouvelle-Calédonie", None, "place"), ("Asie", None, "place"), ("Europe", None, "place")]


def test_a_listed_place_inside_a_name_is_not_a_place(nlp):
    doc = nlp("Le chantier du canal Seine-Nord Europe avance.")
    assert [s.text for s in facts(doc, "TERRITORY") if s.text == "Europe"] == []


def test_foreign_cities_after_a_bare_preposition_are_places():
    from tdi_nlp import extract
    (rec,) = extract("Le sommet de Bruxelles a suivi la réunion de Londres. Les familles de Marioupol fuient.",
                     date="2022-04-01")
    places = [(e["text"], e["entity_id"]) for e in rec["entities"] if e["label"] == "TERRITORY"]
    assert places == [("Bruxelles", None), ("Londres", None), ("Marioupol", None)]
    (rec,) = extract("Les Belges et des Suisses sont venus.", date="2022-04-01")
    assert [e for e in rec["entities"] if e["label"] == "TERRITORY"] == []
