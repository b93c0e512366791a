import pytest

from tdi_nlp.eval.normalize import REFERENCE, SEED, wer
from tdi_nlp.normalize import map_from_anchors, normalize


@pytest.mark.parametrize("raw, expected", [
    ("la région Hauts-de-\nFrance.", "la région Hauts-de-France."),
    ("Bourgogne-\nFranche-Comté", "Bourgogne-Franche-Comté"),
    ("de ceux-\nci qui", "de ceux-ci qui"),
    ("pour redéve-\nlopper les", "pour redévelopper les"),
    ("I'Etat et |'Etat", "l'Etat et l'Etat"),
    ("la mise en ceuvre", "la mise en œuvre"),
    ("lle-de-France", "Île-de-France"),
    ("historiqgues", "historiques"),
    ("|l s'agit", "Il s'agit"),
    ("l’État", "l'État"),
    ("85\u00a0%", "85 %"),
    ("auprés du ministre", "auprès du ministre"),
])
def test_rules(raw, expected):
    assert normalize(raw).text == expected


def test_real_line_breaks_are_kept():
    text = "Texte de la question\n\nM. Paul Christophe interroge.\nLe 5 mars 2019, ..."
    out = normalize(text).text
    assert "question\n\nM. Paul" in out
    assert "interroge.\nLe 5" in out


def test_offsets_trace_back_to_raw():
    raw = "Les territoires de la région Hauts-de-\nFrance et I'Etat ont signé."
    n = normalize(raw)
    for word in ("Hauts-de-France", "l'Etat", "signé"):
        i = n.text.index(word)
        start, end = n.to_raw(i), n.to_raw(i + len(word))
        assert raw[start:end].replace("-\n", "-").replace("I'", "l'") == word
    assert map_from_anchors(n.anchors(), len(n.text)) == n.mapping


def test_word_error_rate_drops_on_seed_000():
    raw = SEED.read_text(encoding="utf-8")
    ref = REFERENCE.read_text(encoding="utf-8")
    before, after = wer(raw, ref), wer(normalize(raw).text, ref)
    assert before > 0.05
    assert after < 0.01


# ---------------------------------------------------------------- text_utils (one home for the small helpers)

def test_text_utils_fold_and_variants():
    from tdi_nlp.text_utils import fold, fold_split, slugify, strip_accents, word_spans, words
    assert fold("  Œuvre  d’Île-de-France ") == "oeuvre d'ile-de-france"
    assert fold_split("Hauts-de-France") == fold_split("hauts de  France") == "hauts de france"
    assert strip_accents("Lætitia Éléonore") == "Laetitia Eleonore"
    assert words("L’économie et l'industrie") == ["l'", "economie", "et", "l'", "industrie"]
    assert word_spans("Saint-Étienne") == [("saint", 0, 5), ("etienne", 6, 13)]
    assert slugify("Agnès Pannier-Runacher") == "agnes-pannier-runacher"


def test_text_utils_french_dates_and_stop_words():
    from tdi_nlp.text_utils import MONTHS_FR, format_date_fr, month_forms, month_number, stop_words
    assert len(MONTHS_FR) == 12 and month_forms()["aout"] == month_forms()["août"] == 8
    assert month_number("FÉVRIER") == month_number("fevrier") == 2 and month_number("lundi") is None
    assert format_date_fr("2019-03-05") == "5 mars 2019" and format_date_fr("2019-03-01") == "1er mars 2019"
    assert format_date_fr(None, missing="sans date") == "sans date" and format_date_fr("2019-03") == "2019-03"
    assert {"les", "etre", "madame", "ministre"} <= stop_words() and "industrie" not in stop_words()
