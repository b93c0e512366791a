"""Multi-request questions: does ``tdi_nlp.draft`` answer each request, and flag the ones nothing answers?

tests/data/eval/draft_requests.jsonl (issue 13): 104 questions in the style of written and government questions,
each with 2 to 4 requests ("le nombre de ...", "le montant de ...", "le calendrier de ...", "si ... pourra
bénéficier", "où en est ..."). For an answerable request the set gives
the documents, a short exact quote of the answering passage and the figure asked; the others are marked
``"answerable": false`` (nothing in the evaluation KB answers them). Judged automatically on the Markdown draft:
- an answerable request is answered when one of its figures (as a whole number; a bare number of one or two
  digits or a bare year is too common to tell, so its quote is needed) or its quote appears in the draft (spaces
  normalized); we also report whether one of its documents is among the draft's sources;
- an unanswerable request is flagged when the draft says no past answer was found, or names the request on a line
  that says it is to be completed (MARKERS).
The baseline is the text of the 3 documents (any kind) nearest to the question by TF-IDF cosine.

Split (fixed before any tuning): questions with an odd number (d01, d03, ...) are the tuning half, even ones the
test half (d01-d55 written in rounds 1 and 2, d57-d85 odd in round 3, d87-d115 odd in round 4, d117-d145 odd in round 5); a question may
say its half (``"half": "tuning"`` or ``"test"``), which then holds whatever its number. A question may also name a fresh
half of its own (``"half": "fresh7"``: d147-d175, written in round 7 and scored once before the rules of that round), reported
on a line of its own and counted in neither the tuning nor the test half; like the tuning half, its misses may be printed. ``--tune`` grids the thresholds of
drafting/answers.py (MIN_SCORE x MIN_COVERAGE) on the tuning half, maximizing the share of requests handled right
(answerable: answered; unanswerable: flagged), and reports both halves with the best pair; ``--tuning-only`` drafts
the tuning half alone. We also print the draft latency (the first draft loads or builds the indexes), the request
coverage (share of the judged requests that get a block of their own in the draft; "separate": a block of its own,
not shared with another judged request) and the share of "Aucun élément trouvé" lines that are right (the request
is unanswerable or its answer is nowhere in the draft).
"""
from __future__ import annotations

import itertools
import re
import time

import numpy as np

from .search import eval_kb, load_set

NAME = "draft-requests"
HELP = "share of the requests of 104 multi-request questions that the draft answers or flags, beside TF-IDF top-3"
MARKERS = ("à compléter", "à rédiger", "non trouvé", "aucun élément", "pas d'élément", "aucune réponse")
BASELINE_DOCS = 3


def add_arguments(parser) -> None:
    parser.add_argument("--kb", help="KB of the evaluation documents (see eval search)")
    parser.add_argument("--verbose", action="store_true",
                        help="one line per request of the tuning and fresh halves (never the test half)")
    parser.add_argument("--show", metavar="ID", action="append", default=[],
                        help="print the draft of this question of the tuning or a fresh half (repeatable)")
    parser.add_argument("--tune", action="store_true", help="grid the answer thresholds on the tuning half")
    parser.add_argument("--tuning-only", action="store_true",
                        help="draft and score the tuning half only (the test half is neither drafted nor scored)")
    parser.add_argument("--no-test", action="store_true",
                        help="draft and score every half but the test half (tuning and fresh halves)")


GRID_SCORE = (0.3, 0.4, 0.5, 0.6)
GRID_COVERAGE = (0.2, 0.3, 0.4, 0.5)


def half(question: dict) -> str:
    """The question's own "half" when it gives one ("tuning" -> "tune", "test", or a fresh half such as "fresh7"
    kept as it is), else "tune" for an odd question number and "test" for an even one (a rule fixed before tuning)."""
    if question.get("half"):
        h = question["half"]
        return "tune" if h == "tuning" else "test" if h == "test" else h
    return "tune" if int(re.sub(r"\D", "", question["id"]) or 0) % 2 else "test"


def block_of(request: dict, text: str) -> bool:
    """Whether the draft has a block headed by this request (its clause, case and spaces ignored)."""
    clause = squash(request["text"])
    return any(line.startswith("**") and clause in line for line in map(squash, text.splitlines()))


def separate(request: dict, others: list[dict], text: str) -> bool:
    """Whether a block of the draft is headed by this request and by no other judged request of its question."""
    clause = squash(request["text"])
    rest = [squash(o["text"]) for o in others if o is not request]
    return any(line.startswith("**") and clause in line and not any(o in line for o in rest)
               for line in map(squash, text.splitlines()))


def nothing_found(request: dict, text: str) -> bool:
    clause = squash(request["text"])
    return any("aucun élément trouvé" in line and clause in line for line in map(squash, text.splitlines()))


def judge(questions: list[dict], drafts: list[str], no_source: str) -> dict:
    """Counts over the requests of these questions and their drafts."""
    out: dict[str, list[bool]] = {"answered": [], "flagged": [], "right": [], "blocks": [], "separate": [],
                                  "nothing_right": []}
    for q, text in zip(questions, drafts):
        for req in q["requests"]:
            ok = answered(req, text) if req["answerable"] else flagged(req, text, no_source)
            out["answered" if req["answerable"] else "flagged"].append(ok)
            out["right"].append(ok)
            out["blocks"].append(block_of(req, text))
            out["separate"].append(separate(req, q["requests"], text))
            if nothing_found(req, text):
                out["nothing_right"].append(not req["answerable"] or not answered(req, text))
    return out


def _line(name: str, j: dict) -> str:
    return (f"{name:<22} answered {share(j['answered'])} | unanswerable flagged {share(j['flagged'])} | "
            f"request blocks {share(j['blocks'])} (separate {share(j['separate'])}) | 'Aucun élément trouvé' lines right {share(j['nothing_right'])}")


def squash(text: str) -> str:
    """Lower case, every kind of space as one space, typographic apostrophes as "'"."""
    return re.sub(r"\s+", " ", text.replace("\u2019", "'")).lower()


def telling(figure: str | None) -> bool:
    """Whether a figure alone shows the answer: not a bare number of 1-2 digits ("4", "29") nor a bare year."""
    if not figure:
        return False
    return not re.fullmatch(r"\d{1,2}|(19|20)\d\d", figure.strip())


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

    from ..drafting import answers, draft
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
    names = ["tune", "test"] + sorted({half(q) for q in questions} - {"tune", "test"})
    halves = {h: [q for q in questions if half(q) == h] for h in names}
    if args.tuning_only:
        questions = halves["tune"]
        halves = {"tune": halves["tune"], "test": []}
    elif getattr(args, "no_test", False):
        questions = [q for q in questions if half(q) != "test"]
        halves["test"] = []
    with KnowledgeBase(path) as kb:
        if args.tune:
            best = None
            for ms, mc in itertools.product(GRID_SCORE, GRID_COVERAGE):
                answers.MIN_SCORE, answers.MIN_COVERAGE = ms, mc
                j = judge(halves["tune"], [draft(q["question"], kb, nlp=nlp).text for q in halves["tune"]], no_source)
                right = sum(j["right"])
                print(f"  MIN_SCORE={ms} MIN_COVERAGE={mc}: {right}/{len(j['right'])} requests handled right")
                if best is None or right > best[0]:
                    best = (right, ms, mc)
            assert best is not None  # the grids are not empty
            answers.MIN_SCORE, answers.MIN_COVERAGE = best[1], best[2]
            print(f"best on the tuning half: MIN_SCORE={best[1]} MIN_COVERAGE={best[2]}")
        rows = list(kb.con.execute("SELECT id, text FROM documents ORDER BY id"))
        vec = TfidfVectorizer(sublinear_tf=True, strip_accents="unicode")
        m = vec.fit_transform([r[1] for r in rows])
        ours, base, sources = {}, {}, {}
        seconds = []
        for q in questions:
            t0 = time.perf_counter()
            d = draft(q["question"], kb, nlp=nlp)
            seconds.append(time.perf_counter() - t0)
            ours[q["id"]] = d.text
            sources[q["id"]] = {s["id"] for s in d.sources}
            s = (m @ vec.transform([q["question"]]).T).toarray().ravel()
            base[q["id"]] = "\n".join(rows[i][1] for i in np.argsort(-s, kind="stable")[:BASELINE_DOCS])
            if half(q) != "test" and q["id"] in args.show:
                print(f"----- {q['id']}\n{d.text}\n-----")
            if args.verbose and half(q) != "test":  # the test half's misses are never printed
                for req in q["requests"]:
                    ok = answered(req, d.text) if req["answerable"] else flagged(req, d.text, no_source)
                    mark = ("answered" if ok else "missed") if req["answerable"] else \
                        ("flagged" if ok else "not flagged")
                    print(f"  {q['id']} {half(q)} {mark:<11} {req['text']}")
    n_ans = sum(1 for q in questions for r in q["requests"] if r["answerable"])
    if seconds:
        print(f"draft latency: first {seconds[0]:.2f} s (indexes loaded or built), then median "
              f"{float(np.median(seconds[1:] or seconds)):.2f} s, max {max(seconds[1:] or seconds):.2f} s "
              f"over {len(seconds)} drafts")
    fresh = "".join(f", {len(halves[h])} {h}" for h in names[2:] if halves.get(h))
    print(f"draft requests: {len(questions)} questions ({len(halves['tune'])} tuning, {len(halves['test'])} test{fresh}), "
          f"{n_ans} answerable requests, KB {path}; thresholds MIN_SCORE={answers.MIN_SCORE} "
          f"MIN_COVERAGE={answers.MIN_COVERAGE}")
    for h in names:
        qs = halves.get(h)
        if not qs:
            continue
        print(_line(f"tdi_nlp.draft ({h})", judge(qs, [ours[q["id"]] for q in qs], no_source)))
    j = judge(questions, [ours[q["id"]] for q in questions], no_source)
    print(_line("tdi_nlp.draft (all)", j))
    src = [any(a["doc"] in sources[q["id"]] for a in r["answers"]) for q in questions for r in q["requests"]
           if r["answerable"]]
    print(f"{'':<22} answering document among the sources {share(src)}")
    jb = judge(questions, [base[q["id"]] for q in questions], no_source)
    print(f"{'baseline TF-IDF top-3 documents':<34} answered {share(jb['answered'])} | unanswerable flagged n/a")
    return 0
