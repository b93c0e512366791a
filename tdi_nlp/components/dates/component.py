"""DATE and DURATION extractor (issue 3).

Spans are found by the grammar in resources/dates/ (regular expressions over the text built from word
lists), values are computed by ``resolve`` (year inference from ``doc._.ref_date``, the text, and the
tense of the governing verb). Facts: label DATE with {"start", "end", "granularity", "inferred_year", ...}
and label DURATION with {"duration", "amount", "unit"}; see ``values`` for the full value format.
"""
from __future__ import annotations

import re
from datetime import date
from functools import partial

from spacy.language import Language
from spacy.tokens import Doc

from .. import add_fact, text_of
from .context import Context, Fact
from .grammar import compile_rules, find_candidates, load_lexicon, settings
from .resolve import extract

FACTORY = "tdi_dates"
_TENSE = settings()["tense"]
_CONVENTIONS = settings()["conventions"]
_BOUND_BEFORE = re.compile(_TENSE["bound_before"])
_PAST_BEFORE = re.compile(_TENSE["past_before"])


def parse_ref(ref) -> date | None:
    if not ref:
        return None
    try:
        return date.fromisoformat(str(ref)[:10])
    except ValueError:
        return None


def _verb_of(doc: Doc, start: int, end: int):
    """The verb governing the span: the first verb up its heads, or the copula of a predicate ("a été positif")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    tok = span.root
    for _ in range(_TENSE["verb_hops"]):
        if tok.head is tok:
            break
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        cop = next((c for c in tok.children if c.dep_ == "cop"), None)
        if cop is not None:
            return cop
    return None


def _near_future(tok) -> bool:
    """'aller' in the present before an infinitive (futur proche)."""
    return tok.lemma_ == "aller" and bool({"Pres", "Fut"} & set(tok.morph.get("Tense")))


def _future_form(tok) -> bool:
    """'reparlerons', 'prendra', 'viendront': a future form, whatever the tagger said (settings [tense])."""
    form, lemma = tok.lower_, tok.lemma_.lower()
    stems = {lemma, lemma[:-1] if lemma.endswith("re") else lemma} | set(_TENSE["future_stems"])
    return lemma.endswith(("er", "ir", "re", "oir")) and any(
        form == stem + e for stem in stems for e in _TENSE["future_endings"]) and form != lemma


def tense_of(doc: Doc, text: str, start: int, end: int) -> str | None:
    """'past', 'future' or None, from the verb governing the span (doc parsed; text is doc.text)."""
    before = text[max(0, start - _TENSE["bound_window"]):start].lower().replace("’", "'")
    if _BOUND_BEFORE.search(before):
        return None  # a bound: the event it limits can lie on either side of the verb's time
    if _PAST_BEFORE.search(before):
        return "past"  # "depuis le 30 novembre": a start already passed
    verb = _verb_of(doc, start, end)
    if verb is None:
        return None
    auxes = [c for c in verb.children if c.dep_.startswith("aux")]
    if verb.dep_ == "cop":  # "a été positif": the auxiliaries hang on the predicate
        auxes = [c for c in verb.head.children if c.dep_.startswith("aux")]
    elif not auxes and verb.dep_ == "conj":  # "ont été identifiés et annoncés"
        auxes = [c for c in verb.head.children if c.dep_.startswith("aux")]
    tenses = set(verb.morph.get("Tense")) | {t for a in auxes for t in a.morph.get("Tense")}
    if "Fin" in verb.morph.get("VerbForm") and not auxes and _future_form(verb):
        tenses.add("Fut")
    if "Fut" in tenses or any(_near_future(a) for a in auxes) or (
            ("VerbForm=Inf" in str(verb.morph) or verb.dep_ == "xcomp") and verb.head is not verb
            and _near_future(verb.head)):
        return "future"  # "ils vont être encasernés dès cet été", "il va signer": the near future
    if "VerbForm=Inf" in str(verb.morph) and verb.head is not verb and "Fut" in verb.head.morph.get("Tense"):
        return "future"
    forms = set(verb.morph.get("VerbForm"))
    if "Part" in forms:
        return "past" if auxes else None
    if tenses & {"Past", "Imp"}:
        return "past"
    return None


def noun_governor(doc: Doc, start: int, end: int) -> str | None:
    """Lemma of the noun a number modifies on its right ("2019 salariés" -> "salarié"), else None (doc parsed)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    tok = span.root
    head = tok.head
    if head is not tok and head.i > tok.i and head.pos_ == "NOUN" and tok.dep_ in ("nummod", "det", "amod"):
        return head.lemma_.lower()
    return None


def convention_of(doc: Doc) -> str:
    """The document's annotation convention: its metadata's "date_convention" if known, else the default."""
    asked = (getattr(doc._, "meta", None) or {}).get("date_convention")
    return str(asked) if asked in _CONVENTIONS["names"] else str(_CONVENTIONS["default"])


def find_dates(doc: Doc, rules=None, lex=None) -> list[Fact]:
    rules = rules or compile_rules()
    lex = lex or load_lexicon()
    text = text_of(doc)
    raw_ref = getattr(doc._, "ref_date", None)
    ref = parse_ref(raw_ref)
    parsed = len(doc) > 0 and doc.has_annotation("DEP")  # checked once: it scans every token
    tense = partial(tense_of, doc, text) if parsed else (lambda s, e: None)
    governor = partial(noun_governor, doc) if parsed else (lambda s, e: None)
    make = partial(Context, lex, text, ref, tense, governor, convention=convention_of(doc))
    year_only = str(raw_ref or "")
    if ref is None and re.fullmatch(r"\d{4}", year_only):  # only the year is known
        make = partial(Context, lex, text, None, tense, governor, last_year=int(year_only),
                       convention=convention_of(doc))
    return extract(text, find_candidates(text, rules), make)


def annotate(nlp: Language, texts, refs, convention: str = "timeml") -> list[Doc]:
    """Runs nlp over texts, setting each doc's ref_date before the project components (for the evaluations on
    TimeML-annotated corpora: French TimeBank, Duckling, Recognizers; hence the TimeML convention by default)."""
    own = [name for name, _ in nlp.pipeline if name.startswith("tdi_")]
    out = []
    with nlp.select_pipes(disable=own):
        stock = list(nlp.pipe(texts, batch_size=32))
    for doc, ref in zip(stock, refs):
        doc._.ref_date = ref
        doc._.meta = {**(doc._.meta or {}), "date_convention": convention}
        for name in own:
            doc = nlp.get_pipe(name)(doc)
        out.append(doc)
    return out


class DateExtractor:
    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.rules = compile_rules()
        self.lex = load_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        for f in find_dates(doc, self.rules, self.lex):
            span = doc.char_span(f.start, f.end, label=f.label, alignment_mode="expand")
            if span is not None:
                add_fact(doc, span, f.value)
        return doc


@Language.factory(FACTORY, assigns=["doc.spans", "doc._.date_facts"],
                  requires=["token.pos", "token.morph", "token.dep", "token.head", "token.lemma"])
def make_dates(nlp: Language, name: str) -> DateExtractor:
    return DateExtractor(nlp, name)
