"""Round 11 (issue 12): general request forms the request-clause finder missed. Sentences written for these tests."""
import pytest

from tdi_nlp.themes.requests import find_requests, is_request

CONTEXT = "Le programme a été lancé il y a cinq ans dans notre département. "


@pytest.mark.parametrize("sentence", [
    "Précisez-nous le calendrier de déploiement du dispositif.",
    "Indiquez-nous quand les crédits seront versés aux communes.",
    "Je sollicite des précisions sur les critères d'éligibilité des communes rurales.",
    "Nous sollicitons de votre part des explications sur la baisse des dotations.",
    "Il demande si les petites entreprises pourront bénéficier de l'aide.",
    "Elle demande au Gouvernement de préciser le montant de l'enveloppe.",
    "Elle l'interroge sur le nombre de sites retenus.",
    "L'État doit-il financer seul la rénovation des ponts.",
    "Aussi, le Gouvernement entend-il prolonger le fonds au-delà de 2026.",
    "Vous nous devez des réponses sur le financement des sites.",
    "Donnez-nous les moyens de mener ces projets à bien.",
    "Vous nous devez donc des réponses claires sur le calendrier.",
    "Monsieur le ministre, laissez aux communes le temps de monter leurs dossiers.",
    "Est-ce à dire que le fonds ne sera pas reconduit l'an prochain.",
])
def test_new_request_forms(sentence):
    assert is_request(sentence)
    found = find_requests(CONTEXT + sentence)
    assert [r.text for r in found] == [sentence.rstrip(".")] or [r.text for r in found] == [sentence]


@pytest.mark.parametrize("sentence", [
    "Permettez-moi de rappeler le contexte de ce dossier.",
    "Il demeure que les élus attendent depuis longtemps.",
    "L'État a signé la convention en 2021.",
    "Elle a demandé la parole lors du dernier conseil.",
    "Monsieur le ministre, chez nous les usines ferment.",
    "Madame la ministre, vous avez visité le site en mai.",
])
def test_context_stays_context(sentence):
    assert not is_request(sentence)
