"""A small stand-in for ``tdi_nlp.themes.requests.find_requests`` (branch r-themes2), same interface.

Delete once r-themes2 is merged: drafting/requests.py then imports the real one. The clauses of a question's request
("Il souhaite connaître le nombre de ..., le montant de ... et le calendrier de ...", "s'il pourra bénéficier ...")
split on commas and "et" before a determiner.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass
class Request:
    start: int
    end: int
    text: str
    kind: str  # count, amount, calendar, eligibility, other


_INTRO = re.compile(r"\b(?:souhaite|souhaiterait|voudrait|aimerait|demande(?:rait)?|l'interroge|prie)\b[^.?]*?"
                    r"\b(?:conna[îi]tre|savoir|indiquer|pr[ée]ciser|lui (?:indiquer|pr[ée]ciser|faire conna[îi]tre))\s+",
                    re.I)
_SPLIT = re.compile(r"\s*(?:,\s*(?:et\s+|ainsi que\s+)?|\s+et\s+|\s+ainsi que\s+)"
                    r"(?=(?:le|la|les|l'|l’|si|s'il|s’il|s'ils|quel|quelle|quels|quelles|comment|combien|"
                    r"quand|o[ùu]|dans quel|sous quel|ce que|le cas échéant)\b)", re.I)
_KINDS = (("count", re.compile(r"^(?:le nombre|combien|l'effectif|la part|le taux|le pourcentage)\b", re.I)),
          ("amount", re.compile(r"^(?:le montant|les montants|l'enveloppe|les crédits|le coût|le budget|les moyens "
                                r"financiers|le financement)\b", re.I)),
          ("calendar", re.compile(r"^(?:le calendrier|la date|les dates|le délai|les délais|l'échéance|quand|"
                                  r"l'échéancier|la durée)\b", re.I)),
          ("eligibility", re.compile(r"^(?:si|s'il|s’il|s'ils)\b.*\b(?:b[ée]n[ée]ficier|[ée]ligible|pourr)", re.I)))


def kind_of(clause: str) -> str:
    for kind, pat in _KINDS:
        if pat.search(clause):
            return kind
    return "other"


def find_requests(text: str) -> list[Request]:
    """The request clauses of a question, in text order."""
    out = []
    for intro in _INTRO.finditer(text):
        end = text.find(".", intro.end())
        end = len(text) if end < 0 else end
        q = text.find("?", intro.end())
        end = q if 0 <= q < end else end
        pos = intro.end()
        for piece in _SPLIT.split(text[pos:end]) + [None]:
            if piece is None:
                break
            start = text.find(piece, pos)
            clause = piece.strip(" ,;")
            if len(clause) >= 8:
                s = text.find(clause, start)
                out.append(Request(s, s + len(clause), clause, kind_of(clause)))
            pos = start + len(piece)
    return out
