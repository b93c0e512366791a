"""Draft requests, round 6 (issue 13): a count answers its request only when its number counts the thing asked; a
cost, a bill, a deficit or a balance asks an amount and a delay a duration; the figure may follow the paragraph
naming what it is about; an average is not a PME. Sentences and passages written for these tests."""
from __future__ import annotations

from tdi_nlp.drafting.analysis import terms
from tdi_nlp.drafting.passages import figure_kind, gives_average, holds_figure, object_term

from test_draft4 import _KB, _index


def test_a_number_of_something_else_is_no_count_of_the_thing_asked():
    index, text = _index(["Certains artisans doivent souscrire une puissance supérieure à 36 kilovoltampères.",
                          "Les équipes ont été renforcées dans chaque région."])
    hits = index.search(_KB(text), "le nombre d'artisans ayant résilié leur contrat", kind="count")
    assert hits and not any(h.has_figure for h in hits)
    index, text = _index(["Plus de 3 000 artisans ont résilié leur contrat depuis janvier.",
                          "Les équipes ont été renforcées dans chaque région."])
    assert index.search(_KB(text), "le nombre d'artisans ayant résilié leur contrat", kind="count")[0].has_figure


def test_a_count_after_the_verb_be():
    counted = terms("régions")[0]
    assert holds_figure("Les régions, qui sont huit à avoir signé, pilotent le plan.", "count", counted) == 1.0
    assert holds_figure("Les régions sont 15 % à avoir signé.", "count", counted) < 1.0


def test_costs_bills_deficits_ask_amounts_and_a_delay_a_duration():
    assert figure_kind("le coût de gestion annuel des caisses", "other") == "amount"
    assert figure_kind("la facture moyenne d'un ménage chauffé au fioul", "other") == "amount"
    assert figure_kind("le déficit prévu en 2024", "other") == "amount"
    assert figure_kind("l'excédent du régime en 2022", "other") == "amount"
    assert figure_kind("le délai moyen de traitement d'un dossier", "other") == "duration"
    assert figure_kind("la situation des caisses", "other") is None
    assert object_term("le coût de gestion annuel des caisses") == terms("gestion")[0]


def test_a_cost_of_something_else_does_not_answer():
    index, text = _index(["Le déficit annuel du régime atteindra 12 milliards d'euros en 2027.",
                          "Les équipes ont été renforcées dans chaque région."])
    hits = index.search(_KB(text), "le coût de gestion annuel des caisses du régime", kind="amount")
    assert hits and not any(h.has_figure for h in hits)


def test_a_figure_after_the_paragraph_naming_its_object_covers_the_clause():
    paragraphs = ["La revalorisation prévue par l'avenant 12 de la convention collective entre en vigueur.",
                  "Elle concerne près de 90 000 salariés."]
    index, text = _index(paragraphs)
    hits = index.search(_KB(text), "le nombre de salariés concernés par l'avenant 12", kind="count")
    second = next(h for h in hits if h.chunk["start"] > 0)
    assert second.has_figure and second.coverage == 1.0


def test_an_average_is_not_a_pme():
    assert gives_average("Chaque commune a reçu en moyenne 12 000 euros.")
    assert gives_average("Le montant moyen versé est de 300 euros.")
    assert not gives_average("Les PME – petites et moyennes entreprises – déposent leurs factures.")
    assert not gives_average("L'État a donné les moyens nécessaires, soit 4 millions d'euros.")


def test_the_topic_of_a_written_question():
    from tdi_nlp.drafting.answers import topic_of
    assert topic_of("Mme Claire Dupont attire l'attention de M. le ministre de l'intérieur sur les incendies qui ont "
                    "frappé le Jura cet été. Elle souhaite connaître le nombre d'hectares brûlés.") == \
        "les incendies qui ont frappé le Jura cet été"
    assert topic_of("Combien de communes sont concernées ?") == ""


def test_a_figure_from_a_document_off_the_topic_does_not_answer():
    from tdi_nlp.drafting.answers import passes
    index, text = _index(["Les indemnités versées après la sécheresse atteignent 3 milliards d'euros.",
                          "Les incendies du Jura ont détruit 1 200 hectares de forêt."])
    index.chunks[1]["doc_id"] = "other"  # two documents: one on the drought, one on the fires
    index._fit()
    kb = _KB(text)
    off = index.search(kb, "le montant total des indemnités versées", kind="amount", topic="les incendies du Jura")
    assert off[0].has_figure and not off[0].on_topic and not passes(off[0])
    on = index.search(kb, "le montant total des indemnités versées", kind="amount", topic="la sécheresse de 2022")
    assert on[0].on_topic and passes(on[0])
