"""Leave-one-out retrieval over the AN questions au gouvernement: does a top source share the question's rubrique?

Each of the 533 questions of ../shared/data/corpora/an-qag-l16/json is used as a query (its question part only,
without its title; the ministry it is addressed to is given, as it is known when a question arrives, unless
--no-ministry) against all the others as the past; we report how often one of the top 3 sources has the same
AN rubrique, and the MRR of the first source with that rubrique, beside plain TF-IDF retrieval (cosine over the
question + answer texts) computed the same way. The index is built in memory from the reader output.

The drafting retriever diversifies its first places over the likely rubriques of the question (drafting/diversify.py),
using the rubrique classifier's probabilities. Here that classifier is cross-fitted: each question's probabilities
come from the shipped model's parts (themes.rubrique.cross_fit: the fused TF-IDF parts, as a draft uses them, with
the other folds' AN titles and answers as training rows) trained on the other folds (10-fold), never on the
question itself. (Before model 1.5 the eval cross-fitted the ministry TF-IDF part alone.)

Ceiling: about 37 of the 110 rubriques have a single question, which can never agree in leave-one-out; the eval
prints the share of questions whose rubrique some other question has and, in brackets, the agreement over those
alone, for all the questions, the tuning part and the held-out quarter. The hybrid ranking without
diversification is printed too, and the ranking with the E5 vectors of the past questions fused in
(drafting/semantic.py, off in the product: it did not help).

Held-out estimate: the fusion weights (Weights) were chosen on these same leave-one-out queries, so the figure over
all of them is a tuned-on figure. The E5 weight was tried on the tuning part only (the questions that
themes.rubrique_e5.held_out leaves in, about 3/4); the figure on the held-out quarter is the honest one. (The older
weights, before E5, were tuned over all queries, so even that quarter is not entirely fresh for them.)

Also printed, measured on the tuning part and not adopted (issue 13): reciprocal-rank fusion of the rankers instead
of the sum of normalized scores (lower); the rubrique classifier's probability as a boost of each past question's
score (no gain at 0.1-0.8; the rubrique prior is cross-fitted here, so it is honest on every question); the best
weights of a grid over the diversification and a random search over 40 weight sets on the tuning part (+0.013
top-3 / +0.016 MRR there; on the held-out quarter the same top-3 and +0.010 MRR, within the noise of 148 questions).
A mix of the classifier's prior with the rubriques of the past questions put to the same ministry did not help
either (tuning part).

Measured later (issue 13, scratch scripts over the same leave-one-out candidates, not adopted; tuning part / held-out
quarter, top-3 / MRR; the product ranking measured there 0.797 / 0.690 and 0.831 / 0.743):
- a second stage over the first 30 candidates: a logistic regression fit on the tuning part ranks the candidates'
  rubriques (the classifier's probability and its log and rank, each rubrique's share of the softmax of the
  candidates' scores, its best relative score, first rank and count in the top 10, the share of the past questions
  put to the same ministry) and the sources are the best past question of each rubrique in that order:
  0.807 / 0.698 (in-sample) and 0.831 / 0.772; fed to the diversification as its prior instead: lower (0.760 / 0.678);
- wider pools (diversification over the first 15-50 candidates, the first stage's top-10 recall of the right rubrique
  being 0.861 and its top-50 recall 0.914), a random search over 250 settings of depth, alpha, gamma, temperature,
  confidence, rubrique boost and ministry weight: at best 0.805 / 0.698 on the tuning part, 0.831-0.838 held out;
- the rubrique model's E5 parts in the prior (cross-fitted, E5 passage vectors of the questions computed elsewhere):
  0.799-0.807 / 0.689-0.697 on the tuning part, 0.838-0.851 / 0.745-0.763 held out (with the second stage above:
  0.802 / 0.702 and 0.851 / 0.778). Not adopted: a ~2,000-character question takes about 1.2 CPU-s to embed here,
  which a draft (median ~0.17 s) cannot pay, and the gain on the tuning part is within the noise.

Rubrique model 1.5 (its prior's acc@1 / acc@3 on the tuning part, cross-fitted: 0.523 / 0.727 for the ministry
TF-IDF part alone, 0.599 / 0.771 for the 1.4 fused parts, 0.607 / 0.781 for 1.5) left the product ranking's top-3
agreement on the tuning part where it was (0.797 with each of the three priors; MRR 0.690, 0.688, 0.688): the first
place is the best-scored source whatever the prior, and the prior only reorders the next two among the first 10. A
grid over the diversification with the 1.5 prior (alpha 0.3-0.9, depth 10-20, gamma 1-2, confidence 0.7-0.9) gave at
best 0.802 / 0.688 (depth 20; 0.805 with the 1.4 prior), within the noise of 384 questions: not adopted, and so no E5
prior at draft time either (the question's embedding, ~1 CPU-s, for no measured gain).

Round 4 (issue 13, scratch script over the same leave-one-out queries; top-3 / MRR, tuning part / held-out quarter;
the product 0.797 / 0.688 and 0.831 / 0.742): the weight of the past questions' AN titles and indexing
(``bm25_labels``, 0.3) at 0.6: 0.802 / 0.696 and 0.845 / 0.749, at 0.15: 0.789 / 0.680 and 0.824 / 0.743; the
ministry prior (``ministry``, 0.2) at 0.4: 0.792 / 0.681 and 0.831 / 0.735, at 0.1: 0.781 / 0.684 and 0.831 / 0.747.
None gains more than 0.01 on the tuning part: not adopted.

Round 6 (issue 13, scratch script over the same leave-one-out queries, signals recomputed outside index.search and
checked equal to it: 0.797 / 0.688 on the tuning part): on the tuning part, top-3 / MRR,
- fusion weights bm25_question / bm25_answer / vector_question / vector_answer (1 / 1 / 0.3 / 0 today) at 1 / 0.5,
  0.5 / 1, 1.5 / 1, 1 / 1.5, vector_question 0.5, vector_answer 0.15: 0.779-0.797 / 0.682-0.694;
- the query as the question's request clauses alone (drafting/requests.py; 508 of the 532 questions have some):
  0.716 / 0.594; the whole question plus the clauses as extra BM25 signals (weight 0.25 / 0.5 / 1 of the whole
  question's): 0.786 / 0.691, 0.802 / 0.696, 0.794 / 0.689;
- the past questions' AN titles as a BM25 field of their own (0.15 / 0.3 / 0.6): 0.794 / 0.693, 0.794 / 0.692,
  0.781 / 0.688; BM25 k1 / b at 0.9 / 0.4, 1.2 / 0.5, 1.5 / 0.75, 2 / 0.75, 1.2 / 0.9: 0.789-0.794 / 0.686-0.690;
  the Snowball French stemmer instead of the 7-letter prefix on the question and answer fields: 0.792 / 0.683;
- pseudo-relevance feedback (the top 3-10 past questions' rarest terms as a second query, weight 0.3-0.5):
  0.779-0.794 / 0.683-0.693.
None gains more than 0.005 on the tuning part: nothing adopted. Read once on the held-out quarter afterwards: the
product 0.831 / 0.742, the whole question plus the clauses at 0.5 0.845 / 0.754 (148 questions; not adopted, the
choice having been made on the tuning part). Of the 78 tuning-part misses, 48 are questions whose rubrique has at
most one other question (26 none: they can never agree), and most others neighbouring rubriques (élevage /
agriculture, étrangers / immigration, enseignement secondaire / enseignement): the lexical retrievers have reached their
plateau here.

Round 10 (issue 13): the product ranking's first 3 places now come from a learned second stage over the first 30
candidates' rubriques (drafting/rerank.py), fitted on the tuning part with ``--fit-rerank``; the eval prints its
tuning figure cross-fitted by query (the product line is in-sample there) and the held-out quarter with the shipped
model. See tests/data/eval/ROUND10_drafting.md for the figures and what was tried.
"""
from __future__ import annotations

import json
import time

import numpy as np

NAME = "drafting"
HELP = "leave-one-out rubrique agreement of draft sources on the AN questions (top-3, MRR) beside TF-IDF"
CORPUS = ("data", "corpora", "an-qag-l16", "json")
E5_WEIGHT = 0.1  # the best E5 weight on the tuning part (0.1-2.5 tried); still below the ranking without it
RUBRIQUE_BOOST = 0.2  # the best of 0.1-0.8 on the tuning part; no better than without


def add_arguments(parser) -> None:
    parser.add_argument("--limit", type=int, default=None, help="use only the first N questions as queries")
    parser.add_argument("--k", type=int, default=3, help="top-k for agreement (default 3)")
    parser.add_argument("--folds", type=int, default=10, help="folds of the cross-fitted rubrique classifier")
    parser.add_argument("--no-ministry", action="store_true",
                        help="do not tell the retriever which ministry each question is addressed to")
    parser.add_argument("--tuning-only", action="store_true",
                        help="report the tuning part alone (the held-out quarter is neither printed nor used)")
    parser.add_argument("--no-e5", action="store_true",
                        help="skip the E5 comparison (embedding the past questions and the queries: minutes)")
    parser.add_argument("--fit-rerank", action="store_true",
                        help="fit the second stage (drafting/rerank.py) on the tuning part's leave-one-out "
                             "candidates and write resources/drafting/rerank.json before measuring")


def load_entries(folder) -> list[dict]:
    from ..drafting.index import entry_from_document
    from ..extraction import prepare
    from ..readers import iter_files, read_path
    out = []
    for f, root in iter_files([folder]):
        for d in read_path(f, root).documents:
            d, _ = prepare(d)
            secs = [{"kind": s.kind, "start": s.start, "end": s.end} for s in d.sections]
            e = entry_from_document(d.id, d.text, secs, d.metadata, d.date, d.kind)
            if e is not None:
                e["_query"] = "\n".join(d.text[s.start:s.end] for s in d.sections if s.kind == "question")
                e["_addressee"] = d.metadata.get("ministry_questioned")
                out.append(e)
    return out


def _rank_of(ranked_rubriques: list[str | None], gold: str) -> int | None:
    for r, rub in enumerate(ranked_rubriques, 1):
        if rub and rub.lower() == gold:
            return r
    return None


def score(ranks: list[int | None], k: int) -> tuple[float, float]:
    n = max(len(ranks), 1)
    return sum(1 for r in ranks if r and r <= k) / n, sum(1 / r for r in ranks if r) / n


def ceiling(part, answerable) -> float:
    """Share of the questions of part whose rubrique some other question has (the most agreement can reach)."""
    return sum(1 for n in part if n in answerable) / max(len(part), 1)


def tfidf_ranks(entries: list[dict], queries: list[int], depth: int) -> list[int | None]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    docs = [e["_q_text"] + "\n" + e["_a_text"] for e in entries]
    vec = TfidfVectorizer(sublinear_tf=True, min_df=1)
    m = vec.fit_transform(docs)
    ranks = []
    for i in queries:
        s = (m @ vec.transform([entries[i]["_query"]]).T).toarray().ravel()
        s[i] = -1
        order = np.argsort(-s)[:depth]
        ranks.append(_rank_of([entries[j]["rubrique"] for j in order], entries[i]["rubrique"].lower()))
    return ranks


def rubrique_priors(entries: list[dict], folds: int, use_ministry: bool = True, top: int = 10,
                    vectors: np.ndarray | None = None) -> list[dict]:
    """For each entry, {rubrique: probability} (top ones) from the shipped rubrique model's parts fitted on the
    other folds (rubrique.cross_fit, the other folds' AN titles and answers as training rows), never on it;
    ``vectors`` (E5 passage vectors of the questions) adds the E5 parts."""
    from threadpoolctl import threadpool_limits

    from ..themes import rubrique as rub
    side = rub.Side([rub.title_text(e.get("title")) for e in entries], [e["_a_text"] for e in entries])
    ministries = [e.get("_addressee") or "" for e in entries] if use_ministry else None
    with threadpool_limits(limits=1):
        proba, classes = rub.cross_fit([e["_query"] for e in entries], [e["rubrique"] for e in entries], ministries,
                                       vectors, folds, side=side)
    return rub.top_rubriques(proba, classes, top)


RERANK_C = 0.1  # of 0.1 / 1 / 10, the best top-3 agreement on the tuning part cross-fitted (scratch, round 10)
RERANK_FOLDS = 5


def rerank_rows(cands, gold: list[str]):
    """Feature rows and labels of the second stage over queries' candidates (rerank.features)."""
    from ..drafting import rerank
    X, y = [], []
    for c, g in zip(cands, gold):
        names, f, _ = rerank.features(c)
        X.append(f)
        y.append(np.asarray([float(n == g) for n in names]))
    return (np.vstack(X) if X else np.zeros((0, len(rerank.FEATURES)))), (np.concatenate(y) if y else np.zeros(0))


def rerank_cross_fit(cands, gold, plain: dict[int, list[str | None]], part: list[int], seed: int = 0,
                     keep_first: bool | None = None):
    """Rank of the first right rubrique for each query of part, the second stage fitted on the other folds of part
    (KFold over queries: a query's rows never train the model that ranks it); plain: the first-stage rubriques of
    each query's candidates, best first (the places after the first three keep that order)."""
    from sklearn.model_selection import KFold

    from ..drafting import rerank
    ranks: dict[int, int | None] = {}
    idx = np.asarray(part)
    for a, b in KFold(RERANK_FOLDS, shuffle=True, random_state=seed).split(idx):
        X, y = rerank_rows([cands[i] for i in idx[a]], [gold[i] for i in idx[a]])
        model = rerank.fit(X, y, RERANK_C)
        for i in idx[b]:
            picked = rerank.order(model, cands[i], 3, keep_first)
            rest = [j for j in range(len(plain[i])) if j not in set(picked)]
            ranks[int(i)] = _rank_of([plain[i][j] for j in picked + rest], gold[i])
    return [ranks[i] for i in part]


def run(args) -> int:
    from ..config import shared_path
    folder = shared_path(*CORPUS)
    if not folder.is_dir():
        print(f"eval drafting: corpus absent ({folder}); nothing to evaluate")
        return 0
    from ..drafting import semantic
    from ..drafting.index import RetrievalIndex, Weights
    from ..themes.rubrique_e5 import held_out
    t0 = time.perf_counter()
    entries = [e for e in load_entries(folder) if e.get("rubrique")]
    queries = list(range(len(entries)))[: args.limit or None]
    depth = 50
    base = tfidf_ranks(entries, queries, depth)
    semantic.ENABLED = not args.no_e5  # measure the E5 fusion beside the product's ranking
    index = RetrievalIndex()
    index.add([dict(e) for e in entries])
    priors = rubrique_priors(entries, args.folds, use_ministry=not args.no_ministry)
    built = time.perf_counter() - t0
    from ..drafting import rerank
    gold = [e["rubrique"].lower() for e in entries]
    tune_q = [i for i in queries if not held_out(entries[i]["id"])]
    # the first stage's candidates of every query (what the second stage reads), and its own ranking
    cands: dict[int, object] = {}
    plain: dict[int, list[str | None]] = {}
    for i in queries:
        e = entries[i]
        found: list = []
        hits = index.search(e["_query"], k=depth, exclude={e["id"]}, weights=Weights(diversify_places=0),
                            rubriques=priors[i], ministry=None if args.no_ministry else e.get("_addressee"),
                            collect=found)
        cands[i], plain[i] = found[0], [(h.entry.get("rubrique") or "").lower() or None for h in hits]
    crossed = dict(zip(tune_q, rerank_cross_fit(cands, gold, plain, tune_q)))
    crossed_free = dict(zip(tune_q, rerank_cross_fit(cands, gold, plain, tune_q, keep_first=False)))
    if args.fit_rerank:
        X, y = rerank_rows([cands[i] for i in tune_q], [gold[i] for i in tune_q])
        model = rerank.fit(X, y, RERANK_C, info={
            "fitted_on": f"tdi-nlp eval drafting --fit-rerank: leave-one-out candidates of the {len(tune_q)} questions "
                         "of the tuning part (themes.rubrique_e5.held_out false), rubrique prior cross-fitted over "
                         f"{args.folds} folds", "C": RERANK_C, "rows": int(len(y)), "positives": int(y.sum())})
        rerank.MODEL_PATH.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
        rerank.shipped.cache_clear()
        print(f"wrote {rerank.MODEL_PATH} ({len(y)} rows, {int(y.sum())} positives)")
    old: dict = {"diversify_places": 3, "rerank": False}
    configs = {"tdi-nlp (hybrid + learned second stage)": Weights(),
               "  second stage, first place not kept": Weights(rerank_keep_first=False),
               "  IA-Select diversification (until round 9)": Weights(rerank=False),
               **({} if args.no_e5 else {f"  with E5 fused (weight {E5_WEIGHT})": Weights(vector_e5=E5_WEIGHT,
                                                                                           **old)}),
               "  hybrid alone (no diversification)": Weights(diversify_places=0),
               "  reciprocal-rank fusion (k 60)": Weights(fusion="rrf", **old),
               f"  rubrique prior as a boost ({RUBRIQUE_BOOST})": Weights(rubrique=RUBRIQUE_BOOST, **old),
               "  weights tuned on the tuning part": Weights(ministry=0.3, vector_question=0.15, bm25_labels=0.6,
                                                             diversify_temperature=0.3, diversify_gamma=1.0, **old)}
    if rerank.shipped() is None:
        print(f"no second-stage model ({rerank.MODEL_PATH}): the product ranking is the diversification")
    results: dict[str, list[int | None]] = {name: [] for name in configs}
    for i in queries:
        e = entries[i]
        for name, weights in configs.items():
            out = results[name]
            hits = index.search(e["_query"], k=depth, exclude={e["id"]}, weights=weights, rubriques=priors[i],
                                ministry=None if args.no_ministry else e.get("_addressee"))
            out.append(_rank_of([h.entry.get("rubrique") for h in hits], e["rubrique"].lower()))
    elapsed = (time.perf_counter() - t0 - built) / len(configs)
    rub_count: dict[str, int] = {}
    for e in entries:
        rub_count[e["rubrique"].lower()] = rub_count.get(e["rubrique"].lower(), 0) + 1
    answerable = {n for n, i in enumerate(queries) if rub_count[entries[i]["rubrique"].lower()] > 1}
    test = [n for n, i in enumerate(queries) if held_out(entries[i]["id"])]
    tune = [n for n, i in enumerate(queries) if not held_out(entries[i]["id"])]
    parts = {"all (tuned on)": list(range(len(queries))), f"tuning part ({len(tune)}, TUNED-ON)": tune,
             f"held-out quarter ({len(test)})": test}
    if args.tuning_only:
        parts = {f"tuning part ({len(tune)}, TUNED-ON)": tune}
    k = args.k
    print(f"drafting sources: leave-one-out over {len(queries)} AN questions, {len(rub_count)} rubriques; index built "
          f"in {built:.1f} s, {1000 * elapsed / max(len(queries), 1):.0f} ms/query; rubrique classifier cross-fitted "
          f"over {args.folds} folds")
    print("ceiling: a question whose rubrique no other question has can never agree; share of questions whose "
          "rubrique occurs elsewhere: " + ", ".join(f"{name.split(' (')[0]} {ceiling(part, answerable):.3f} "
                                                   f"({sum(1 for n in part if n in answerable)}/{len(part)})"
                                                   for name, part in parts.items()))
    print(f"{'':<42} top-{k} agreement / MRR, over all questions [over those under the ceiling]: "
          + " | ".join(parts))
    for name, rk in (*results.items(), ("baseline TF-IDF cosine", base)):
        cells = [(score([rk[n] for n in part], k), score([rk[n] for n in part if n in answerable], k))
                 for part in parts.values()]
        print(f"{name:<42} " + " | ".join(f"{a:.3f} / {mrr:.3f} [{a2:.3f} / {mrr2:.3f}]" for (a, mrr), (a2, mrr2)
                                          in cells))
    for label, got in (("", crossed), (", first place not kept", crossed_free)) if k == 3 else ():
        rk = [got[queries[n]] for n in tune]  # the cross-fitted second stage ranks the first 3 places
        (a, mrr), (a2, mrr2) = score(rk, k), score([r for n, r in zip(tune, rk) if n in answerable], k)
        print(f"second stage{label} cross-fitted by query over the tuning part ({RERANK_FOLDS} folds; its honest "
              f"tuning figure, the product line being in-sample there): {a:.3f} / {mrr:.3f} [{a2:.3f} / {mrr2:.3f}]")
    print("target (issue 13): top-3 agreement >= 0.85; held-out quarter = sha1(id)[0] in 0-3 (themes/rubrique_e5.py)")
    return 0
