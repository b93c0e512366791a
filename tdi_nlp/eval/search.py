"""Search over the demo corpus, the AN questions and the vie-publique statements: recall@10, MRR, nDCG@10.

50 staff-style queries (tests/data/eval/search_queries.jsonl, issue 13) with graded judgments (2 = about it,
1 = partly, 0 = judged not relevant). The pool of each query was the union of three independent methods: bm25s
over accent-folded text, a substring search (query-word stems, quoted phrases, minus words) and SQLite FTS5 as
``KnowledgeBase.search`` runs it; the candidates were read (title or AN analyse and the passages around the query
words) and graded. Documents outside the pool count as not relevant.

``KnowledgeBase.search`` runs on a KB of the 917 documents: the 6 files of corpus/, the 533 AN JSON files and the
378 statements with a text (written as JSON Lines with the ids of ``tdi_nlp.themes.sources.vp_id``). The KB is
built once (a few minutes) into a cache folder under the temporary directory, or at ``--kb``; an existing ``--kb``
is used as it is (a KB of an older schema is upgraded when opened). Beside it: the search as it was before issue 13
(every word required) and TF-IDF cosine (scikit-learn, accents stripped) over the same titles and texts. Figures
are given on the whole set and on its two halves (``half``): the tuning half chose the ranking settings of
``tdi_nlp.kb.search``, the test half is the honest figure.
"""
from __future__ import annotations

import json
import math
import re
import tempfile
from pathlib import Path

import numpy as np

from ..config import CheckoutMissing, checkout_path, shared_path
from ..themes.sources import vp_id

NAME = "search"
HELP = "recall@10, MRR and nDCG@10 of KnowledgeBase.search on 50 judged queries, beside TF-IDF"
AN_DIR = ("data", "corpora", "an-qag-l16", "json")
STATEMENTS = ("data", "corpora", "vie-publique-2020", "statements.jsonl")
CACHE = Path(tempfile.gettempdir()) / "tdi-nlp-eval" / "kb.sqlite"
K = 10


def half(query: dict) -> str:
    """The half of the judged set a query belongs to, by a rule fixed before any tuning: odd-numbered ids
    (s01, s03, ...) are the tuning half, even-numbered ids the test half (the honest figure)."""
    return "tune" if int(query["id"].lstrip("s")) % 2 == 1 else "test"


def add_arguments(parser) -> None:
    parser.add_argument("--kb", help=f"KB of the evaluation documents (built there when absent; default {CACHE})")


def load_set(name: str) -> list[dict] | None:
    """The rows of tests/data/eval/NAME, or None (with a message) outside a source checkout."""
    try:
        path = checkout_path("tests", "data", "eval", name)
    except CheckoutMissing as exc:
        print(f"eval: {exc}")
        return None
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def write_statements(dest: Path) -> int:
    """The statements that have a text, as JSON Lines the reader takes: {"id": vp-..., "text", "date", "title"}."""
    n = 0
    with open(shared_path(*STATEMENTS), encoding="utf-8") as src, open(dest, "w", encoding="utf-8") as out:
        for line in src:
            rec = json.loads(line)
            if not (rec.get("text_plain") or "").strip():
                continue
            out.write(json.dumps({"id": vp_id(rec), "text": rec["text_plain"], "date": (rec.get("date") or "")[:10],
                                  "title": rec.get("title")}, ensure_ascii=False) + "\n")
            n += 1
    return n


def eval_kb(path: str | None) -> Path | None:
    """The evaluation KB: an existing file as it is, else built from corpus/ and ../shared (None when absent)."""
    kb = Path(path) if path else CACHE
    if kb.exists():
        return kb
    an, statements = shared_path(*AN_DIR), shared_path(*STATEMENTS)
    if not an.is_dir() or not statements.is_file():
        print(f"eval: corpora absent ({an}, {statements}); nothing to evaluate")
        return None
    try:
        corpus = checkout_path("corpus")
    except CheckoutMissing as exc:
        print(f"eval: {exc}")
        return None
    from ..extraction import run as extract_run
    kb.parent.mkdir(parents=True, exist_ok=True)
    jsonl = kb.parent / (kb.stem + "-statements.jsonl")
    write_statements(jsonl)
    print(f"building the evaluation KB at {kb} (a few minutes, once)")
    extract_run([str(corpus), str(an), str(jsonl)], str(kb), show_progress=True)
    return kb


def measure(ranked: list[list[str]], queries: list[dict], k: int = K) -> tuple[float, float, float]:
    """(recall@k, MRR, nDCG@k) averaged over the queries; a document is relevant when its grade is above 0."""
    rec, mrr, ndcg = [], [], []
    for ids, q in zip(ranked, queries):
        grades = {d: g for d, g in q["relevant"].items() if g > 0}
        top = ids[:k]
        rec.append(len(set(top) & set(grades)) / len(grades))
        first = next((r for r, d in enumerate(ids, 1) if d in grades), None)
        mrr.append(1 / first if first else 0.0)
        dcg = sum((2 ** grades.get(d, 0) - 1) / math.log2(r + 1) for r, d in enumerate(top, 1))
        ideal = sum((2 ** g - 1) / math.log2(r + 1)
                    for r, g in enumerate(sorted(grades.values(), reverse=True)[:k], 1))
        ndcg.append(dcg / ideal)
    return float(np.mean(rec)), float(np.mean(mrr)), float(np.mean(ndcg))


def tfidf_ranker(kb):
    """A function query -> ranked document ids by TF-IDF cosine over the KB's titles and texts."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    rows = list(kb.con.execute("SELECT id, coalesce(title, ''), text FROM documents ORDER BY id"))
    ids = [r[0] for r in rows]
    vec = TfidfVectorizer(sublinear_tf=True, strip_accents="unicode")
    m = vec.fit_transform([r[1] + "\n" + r[2] for r in rows])

    def rank(query: str, depth: int = 100) -> list[str]:
        s = (m @ vec.transform([query]).T).toarray().ravel()
        return [ids[i] for i in np.argsort(-s, kind="stable")[:depth] if s[i] > 0]
    return rank


def previous_search(kb, query: str, limit: int = 100) -> list[str]:
    """The search as it was before issue 13 (every word required, as written, FTS5 over documents_fts)."""
    terms = re.findall(r"\w+", query)
    if not terms:
        return []
    fts_query = " ".join('"' + t.replace('"', "") + '"' for t in terms)
    return [r[0] for r in kb.con.execute(
        "SELECT d.id FROM documents_fts f JOIN documents d ON d.rowid = f.rowid WHERE documents_fts MATCH ? "
        "ORDER BY bm25(documents_fts) LIMIT ?", (fts_query, limit))]


def run(args) -> int:
    from ..kb import KnowledgeBase
    queries = load_set("search_queries.jsonl")
    if queries is None:
        return 0
    path = eval_kb(args.kb)
    if path is None:
        return 0
    with KnowledgeBase(path) as kb:
        n_docs = kb.con.execute("SELECT count(*) FROM documents").fetchone()[0]
        ours = [[h["id"] for h in kb.search(q["query"], limit=100)] for q in queries]
        before = [previous_search(kb, q["query"]) for q in queries]
        base_rank = tfidf_ranker(kb)
        base = [base_rank(q["query"]) for q in queries]
    empty = sum(1 for r in ours if not r)
    n_rel = sum(sum(1 for g in q["relevant"].values() if g > 0) for q in queries)
    print(f"search: {len(queries)} judged queries, {n_rel} relevant judgments, {n_docs} documents in {path}")
    halves: dict[str, list[int]] = {"all": list(range(len(queries)))}
    for name in ("tune", "test"):
        halves[name] = [i for i, q in enumerate(queries) if half(q) == name]
    print(f"halves (rule fixed before tuning: odd ids tune, even ids test): "
          f"tune {len(halves['tune'])}, test {len(halves['test'])} queries")
    for name, ranked in (("KnowledgeBase.search", ours), ("previous search (all words, FTS5)", before),
                         ("baseline TF-IDF cosine", base)):
        for part, idx in halves.items():
            r, mrr, ndcg = measure([ranked[i] for i in idx], [queries[i] for i in idx])
            print(f"{name:<36} {part:<4} recall@{K}={r:.3f} MRR={mrr:.3f} nDCG@{K}={ndcg:.3f}")
    ceiling = np.mean([min(K, n) / n for n in (sum(1 for g in q["relevant"].values() if g > 0) for q in queries)])
    print(f"recall@{K} ceiling (queries with more than {K} relevant documents): {ceiling:.3f}; "
          f"queries for which KnowledgeBase.search returns nothing: {empty}/{len(queries)}")
    return 0
