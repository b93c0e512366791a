"""Passage retrieval on three AN sittings (school bullying bill, 2021-2022): recall@5 on 17 annotated questions.

The chunks of ../shared/data/corpora/an-seance-2021-2022/chunks.jsonl (speeches cut into parts) are indexed with
the drafting retriever (BM25 over the chunk text and over its speaker, role and agenda item, word vectors); the
procedural chunks ("La séance est ouverte") are left out of the candidates. For each question with relevant chunks
(eval_questions.jsonl) we report recall@5 (share of its relevant chunks in the top 5, averaged), hit@5 (a relevant
chunk in the top 5) and MRR, beside TF-IDF cosine retrieval over the same chunks.
"""
from __future__ import annotations

import json

import numpy as np

NAME = "seance-retrieval"
HELP = "recall@5 of the drafting retriever on the 17 annotated AN sitting questions, beside TF-IDF"
CORPUS = ("data", "corpora", "an-seance-2021-2022")


def add_arguments(parser) -> None:
    parser.add_argument("--k", type=int, default=5, help="cut-off (default 5)")


def _read_jsonl(path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def chunk_entries(chunks: list[dict]) -> list[dict]:
    from ..drafting import analysis
    out = []
    for c in chunks:
        about = " ".join(str(c.get(k) or "") for k in ("speaker", "role", "agenda_item"))
        out.append({"id": c["chunk_id"], "q_terms": analysis.terms(c["text"]), "a_terms": [],
                    "l_terms": analysis.terms(about), "themes": [], "territories": [], "orgs": [],
                    "_q_text": c["text"], "_a_text": ""})
    return out


def measure(ranked: list[list[str]], questions: list[dict], k: int) -> tuple[float, float, float]:
    rec, hit, mrr = [], [], []
    for ids, q in zip(ranked, questions):
        rel = set(q["relevant_chunk_ids"])
        top = ids[:k]
        rec.append(len(rel & set(top)) / len(rel))
        hit.append(1.0 if rel & set(top) else 0.0)
        first = next((r for r, i in enumerate(ids, 1) if i in rel), None)
        mrr.append(1 / first if first else 0.0)
    return float(np.mean(rec)), float(np.mean(hit)), float(np.mean(mrr))


def run(args) -> int:
    from ..config import shared_path
    folder = shared_path(*CORPUS)
    if not (folder / "chunks.jsonl").is_file():
        print(f"eval seance-retrieval: corpus absent ({folder}); nothing to evaluate")
        return 0
    from sklearn.feature_extraction.text import TfidfVectorizer
    from ..drafting.index import RetrievalIndex, Weights
    chunks = [c for c in _read_jsonl(folder / "chunks.jsonl") if not c.get("is_procedural")]
    questions = [q for q in _read_jsonl(folder / "eval_questions.jsonl") if q.get("relevant_chunk_ids")]
    index = RetrievalIndex()
    index.add(chunk_entries(chunks))
    weights = Weights(bm25_question=1.0, bm25_answer=0.0, bm25_labels=0.3, vector_question=0.5, vector_answer=0.0)
    depth = 100
    ours = [[h.entry["id"] for h in index.search(q["question"], k=depth, weights=weights)] for q in questions]
    vec = TfidfVectorizer(sublinear_tf=True)
    m = vec.fit_transform([c["text"] for c in chunks])
    ids = [c["chunk_id"] for c in chunks]
    base = []
    for q in questions:
        s = (m @ vec.transform([q["question"]]).T).toarray().ravel()
        base.append([ids[i] for i in np.argsort(-s)[:depth]])
    k = args.k
    print(f"seance retrieval: {len(questions)} annotated questions with relevant chunks, {len(chunks)} chunks "
          f"(procedural ones left out)")
    for name, ranked in (("tdi-nlp hybrid (BM25+vectors)", ours), ("baseline TF-IDF cosine", base)):
        r, h, mrr = measure(ranked, questions, k)
        print(f"{name:<32} recall@{k}={r:.3f} hit@{k}={h:.3f} MRR={mrr:.3f}")
    return 0
