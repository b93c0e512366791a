"""Multi-request questions: does ``tdi_nlp.draft`` answer each request, and flag the ones nothing answers?

tests/data/eval/draft_requests.jsonl (issue 13): 32 questions in the style of written questions, each with 2 or 3
requests ("le nombre de ...", "le montant de ...", "le calendrier de ..."). For an answerable request the set gives
the documents, a short exact quote of the answering passage and the figure asked; the others are marked
``"answerable": false`` (nothing in the evaluation KB answers them). Judged automatically on the Markdown draft:
- an answerable request is answered when one of its figures (as a whole number; a bare number of one or two
  digits or a bare year is too common to tell, so its quote is needed) or its quote appears in the draft (spaces
  normalized); we also report whether one of its documents is among the draft's sources;
- an unanswerable request is flagged when the draft says no past answer was found, or names the request on a line
  that says it is to be completed (MARKERS).
The baseline is the text of the 3 documents (any kind) nearest to the question by TF-IDF cosine.
"""
from __future__ import annotations

import re

import numpy as np

from .search import eval_kb, load_set

NAME = "draft-requests"
HELP = "share of the requests of 32 multi-request questions that the draft answers or flags, beside TF-IDF top-3"
MARKERS = ("à compléter", "à rédiger", "non trouvé", "aucun élément", "pas d'élément", "aucune réponse")
BASELINE_DOCS = 3


def add_arguments(parser) -> None:
    parser.add_argument("--kb", help="KB of the evaluation documents (see eval search)")
    parser.add_argument("--verbose", action="store_true", help="one line per request")


def squash(text: str) -> str:
    """Lower case, every kind of space as one space, typographic apostrophes as "'"."""
    return re.sub(r"\s+", " ", text.replace("\u2019", "'")).lower()


def telling(figure: str | None) -> bool:
    """Whether a figure alone shows the answer: not a bare number of 1-2 digits ("4", "29") nor a bare year."""
    return bool(figure) and not re.fullmatch(r"\d{1,2}|(19|20)\d\d", figure.strip())


def answered(request: dict, text: str) -> bool:
    t = squash(text)
    for a in request["answers"]:
        fig = a.get("figure")
        if telling(fig) and re.search(r"(?<![\d,])" + re.escape(squash(fig)) + r"(?![\d,])", t):
            return True
        if squash(a["quote"]) in t:
            return True
    return False


def flagged(request: dict, text: str, no_source: str) -> bool:
    if squash(no_source) in squash(text):
        return True
    clause = squash(request["text"])
    return any(clause in line and any(m in line for m in MARKERS) for line in map(squash, text.splitlines()))


def share(flags: list[bool]) -> str:
    return f"{sum(flags)}/{len(flags)} = {sum(flags) / len(flags):.3f}" if flags else "n/a"


def run(args) -> int:
    from sklearn.feature_extraction.text import TfidfVectorizer

    from ..drafting import draft
    from ..drafting.compose import templates
    from ..kb import KnowledgeBase
    from ..pipeline import load
    questions = load_set("draft_requests.jsonl")
    if questions is None:
        return 0
    path = eval_kb(args.kb)
    if path is None:
        return 0
    no_source = templates()["no_source"]
    nlp = load()
    ours_ans, ours_src, ours_flag, base_ans = [], [], [], []
    with KnowledgeBase(path) as kb:
        rows = list(kb.con.execute("SELECT id, text FROM documents ORDER BY id"))
        vec = TfidfVectorizer(sublinear_tf=True, strip_accents="unicode")
        m = vec.fit_transform([r[1] for r in rows])
        for q in questions:
            d = draft(q["question"], kb, nlp=nlp)
            sources = {s["id"] for s in d.sources}
            s = (m @ vec.transform([q["question"]]).T).toarray().ravel()
            base_text = "\n".join(rows[i][1] for i in np.argsort(-s, kind="stable")[:BASELINE_DOCS])
            for req in q["requests"]:
                if req["answerable"]:
                    ok = answered(req, d.text)
                    ours_ans.append(ok)
                    ours_src.append(any(a["doc"] in sources for a in req["answers"]))
                    base_ans.append(answered(req, base_text))
                    mark = "answered" if ok else "missed"
                else:
                    ok = flagged(req, d.text, no_source)
                    ours_flag.append(ok)
                    mark = "flagged" if ok else "not flagged"
                if args.verbose:
                    print(f"  {q['id']} {mark:<11} {req['text']}")
    print(f"draft requests: {len(questions)} questions, {len(ours_ans)} answerable requests, "
          f"{len(ours_flag)} that nothing answers, KB {path}")
    print(f"{'tdi_nlp.draft':<34} answered {share(ours_ans)} | answering document among the sources "
          f"{share(ours_src)} | unanswerable flagged {share(ours_flag)}")
    print(f"{'baseline TF-IDF top-3 documents':<34} answered {share(base_ans)} | unanswerable flagged n/a")
    return 0
