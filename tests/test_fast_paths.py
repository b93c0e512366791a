"""The fast paths of the components give what the plain code gives: a first-character lookahead before a long
alternation, the folded words of a Doc read from its arrays."""
import re

import spacy

from tdi_nlp.components import folded_words
from tdi_nlp.text_utils import first_chars, fold

NAMES = ["Afrique", "Amérique latine", "Europe", "Moyen-Orient", "Océanie", "Éthiopie"]
TEXT = ("L'Europe et l'Afrique, l'Amérique latine et le Moyen-Orient ; europe, Océanie-Nord, "
        "l'Éthiopie. EUROPE")


def _alternation(names, lookahead: str, flags=0):
    return re.compile(lookahead + r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w'’-])", flags)


def test_first_chars_keeps_the_matches_of_the_alternation():
    for flags in (0, re.I):
        plain = [m.span() for m in _alternation(NAMES, "", flags).finditer(TEXT)]
        fast = [m.span() for m in _alternation(NAMES, first_chars(NAMES), flags).finditer(TEXT)]
        assert fast == plain and plain


def test_first_chars_escapes_special_characters():
    names = ["-ville", "]x", "^y", "\\z"]
    pattern = re.compile(first_chars(names) + "(?:" + "|".join(map(re.escape, names)) + ")")
    assert [m.group() for m in pattern.finditer("a -ville ]x ^y \\z")] == names


def test_folded_words_is_fold_of_every_token_and_is_kept_on_the_doc():
    nlp = spacy.blank("fr")
    doc = nlp("L'Économie, l’ÉCONOMIE et la Cœur-de-France ; Œuvre œuvre.")
    assert folded_words(doc) == [fold(t.text) for t in doc]
    assert folded_words(doc) is folded_words(doc)
    assert folded_words(nlp("")) == []
