"""Keyword pre-selection of candidate sentences for labeling (how the labeled set in data/ was found).

Run: ``python -m tdi_nlp.themes.candidates OUT.jsonl`` writes candidate references in the schema of dataset.py
(id, doc, source, unit, anchor on the reader's raw text) plus hint = the themes whose keywords matched and text, for
the labeler's eyes only. Sentences are split in the text models see (``sources.normalized``). The labeler then
reads each text and decides its labels with GUIDE.md; only references and labels are stored in the checkout
(models/labels/tdi_sentences.jsonl). The keyword hints are never copied as labels.
"""
from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

from ..config import checkout_path
from . import sources
from .dataset import load_references, reference
from .text import span_key, split_sentences

HINTS = {
    "calendrier": r"calendrier|\bdates?\b|délais?\b|\bquand\b|échéance|d'ici|prochain|reconduction|prolong|pérenn|"
                  r"au-delà de 20|après 20\d\d|avant la fin|retard|report|quelle date|dans quels délais",
    "eligibilite": r"éligib|critères?|conditions d'|seuil|candidat|non (?:listé|retenu)|exclu|intégrer la|"
                   r"ouvert(?:e|s)? aux|pourr(?:on|a)t?[- ]ils? bénéficier|être retenu",
    "beneficiaires": r"bénéficiaire|bénéficier|profite|liste des|quels territoires|quelles entreprises|répartition|"
                     r"quelles régions|combien de (?:territoires|entreprises|communes)|destinataires",
    "financement": r"millions?|milliards?|euros|€|crédits|financ|subvention|\bfonds\b|enveloppe|budg|\bprêts?\b|"
                   r"cofinanc|dotation|aides? financi|bpifrance|banque des territoires",
    "mise_en_oeuvre": r"pilot|gouvernance|comité|contrats?\b|plan d'action|accompagne|ingénierie|mise en (?:œ|oe)uvre|"
                      r"déploi|préfet|opérateur|animat|chef de projet|coordination|guichet|simplifi",
    "bilan": r"\bbilan|résultats?|évaluation|évaluer|indicateur|emplois? créés|créé \d|combien d'emplois|impact|"
             r"efficacité|retombées|\bsuivi\b|a permis|ont permis",
}
# Round 4: wider cues for the rarer themes.
EXTRA_HINTS = {
    "calendrier": r"\bdès (?:le|la|l'|\d)|à partir d[ue]|jusqu'(?:au|à|en)|fin 20\d\d|en 20[12]\d|prochaines semaines|"
                  r"dans les (?:mois|semaines)|pérenn|prolong|combien de temps|temporaire",
    "eligibilite": r"condition|réservée?s?\b|accès (?:aux?|à)|ouverte?s? (?:aux?|à)|prétendre|exclu|remplir|"
                   r"sous réserve|critère|éligib|seuil",
    "beneficiaires": r"au (?:profit|bénéfice) d|en faveur d|destinée?s? aux?|toucher(?:a|ont)|recevr|quels secteurs|"
                     r"bénéfici|\d+ ?(?:000|millions?) (?:d'entreprises|entreprises|de foyers|foyers|ménages|jeunes)",
    "bilan": r"chiffres|emplois? (?:créés|sauvés|maintenus)|\bbilan|évalu|a permis|ont permis|résultats?|"
             r"grâce à|nous avons (?:aidé|accompagné|soutenu)",
}
CONTEXT = re.compile(r"industri|territoir|entreprise|usine|\bemplois?\b|relance|\bPME\b|\bETI\b|dispositif|programme|"
                     r"\baides?\b|collectivit|intercommunal|\brégions?\b|investissement|réindustrialis|relocalis", re.I)
_HINT_RE = {k: re.compile(v, re.I) for k, v in HINTS.items()}
_EXTRA_RE = {k: re.compile(v, re.I) for k, v in EXTRA_HINTS.items()}
_ACTIVE = [_HINT_RE]


def hints(sentence: str) -> list[str]:
    return [k for k, rx in _ACTIVE[0].items() if rx.search(sentence)]


def _sentences(source: str, doc_id: str, min_len=50, max_len=600, questions=False, within=None):
    norm = sources.normalized(source, doc_id)
    text = norm.text
    lo, hi = within or (0, len(text))
    for s, e in split_sentences(text[lo:hi]):
        s, e = s + lo, e + lo
        seg = text[s:e]
        if questions and not seg.rstrip().endswith("?"):
            continue
        if min_len <= len(seg) <= max_len and CONTEXT.search(seg):
            h = hints(seg)
            if h:
                rs, re_ = norm.to_raw(s), norm.to_raw(e - 1) + 1
                yield reference(source, doc_id, norm.raw, rs, re_, hint=h, text=span_key(seg))


def collect(per_theme: int = 56, seed: int = 13, themes=None, exclude=(), questions=False) -> list[dict]:
    """Candidates: every seed sentence with a hint, then per theme a random share of AN and vie-publique ones."""
    pool: dict[str, list[dict]] = {}
    for p in sorted(checkout_path("corpus").glob("*.txt")):
        pool.setdefault("corpus", []).extend(_sentences(f"corpus/{p.name}", p.name))
    for path in sorted(sources.shared_path(sources.AN_DIR).glob("*.json")):
        doc = sources.read_documents(str(path))[0]
        src = f"{sources.AN_DIR}/{path.name}"
        for span in sources.question_spans(doc):  # the deputy's question, in the text the readers give
            pool.setdefault("an", []).extend(_sentences(src, doc.id, questions=questions, within=span))
    vp_topics = re.compile(r"industri|territ|relance|entreprise|emploi|économ|collectivit|aménagement", re.I)
    for vid, rec in sources.vp_records().items():
        meta = " ".join([rec.get("title") or ""] + list(rec.get("topics") or []) + list(rec.get("tags") or []))
        if vp_topics.search(meta):
            pool.setdefault("vp", []).extend(_sentences(sources.VP_FILE, vid))
    rng = random.Random(seed)
    chosen = [] if exclude else list(pool.get("corpus", []))
    seen = set(exclude) | {c["anchor"]["sha1"] for c in chosen}
    for theme in themes or HINTS:
        for name, share in ((("an", 1.0),) if questions else (("an", 0.5), ("vp", 0.5))):
            cands = [c for c in pool.get(name, []) if theme in c["hint"] and c["anchor"]["sha1"] not in seen]
            rng.shuffle(cands)
            for c in cands[: int(per_theme * share)]:
                seen.add(c["anchor"]["sha1"])
                chosen.append(c)
    return chosen


if __name__ == "__main__":
    # Round 1: collect(); round 2 (more of the rarer themes): collect(30, 14, themes, exclude=round 1's sha1s).
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "candidates.jsonl")
    rows = collect()
    if len(sys.argv) > 2:
        seen = {r["anchor"]["sha1"] for r in rows}
        rows = collect(30, 14, ["calendrier", "eligibilite", "beneficiaires", "bilan"], seen)
        if sys.argv[2] in ("round3", "round4"):  # round 3: AN question sentences (ending in "?") not yet seen
            seen |= {r["anchor"]["sha1"] for r in rows}
            rows = collect(20, 15, None, seen, questions=True)
        if sys.argv[2] == "round4":  # round 4: wider cues (EXTRA_HINTS) for the rarer themes
            seen |= {r["anchor"]["sha1"] for r in rows}
            _ACTIVE[0] = _EXTRA_RE
            rows = collect(60, 16, list(EXTRA_HINTS), seen)
        if sys.argv[2] == "round5":  # round 5: a fresh draw with the first cues, away from every labeled sentence
            seen = {r["anchor"]["sha1"] for r in load_references() if r.get("round", 0) < 5}
            rows = collect(100, 17, None, seen)
    with open(out, "w", encoding="utf-8") as fh:
        for i, r in enumerate(rows):
            fh.write(json.dumps({"i": i, **r}, ensure_ascii=False) + "\n")
    print(f"{len(rows)} candidates -> {out}")
