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
