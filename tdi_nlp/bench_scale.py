"""``tdi-nlp bench --scale``: how the knowledge base, search, pages, timelines and drafts grow with the archive.

The extracted records of real documents of ../shared (the demo corpus when it is absent) are replicated with new ids,
figures and dates perturbed, into KBs of growing size (nothing is committed: all under a temporary folder); for each
size it prints the KB size on disk, write throughput, search latency p50/p95, a document page, the page of the
entity with the most mentions, a timeline, and a draft (with the build time of its index).
"""
from __future__ import annotations

import copy
import json
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from .bench import default_inputs
from .config import checkout_path, shared_path
from .drafting import draft
from .extraction import run
from .figures import timeline
from .kb import KnowledgeBase
from .kb.writer import KBWriter
from .web.app import create_app

QUERIES = ("territoires d'industrie", "calendrier signature contrats", "hôpital urgences", "retraites",
           "prix de l'énergie", "agriculteurs sécheresse", "logement social", "150 millions d'euros",
           "Hauts-de-France", "industrie automobile", "école enseignants", "police gendarmerie")
QUESTION = ("M. X attire l'attention de Mme la ministre sur le programme Territoires d'industrie. Il souhaite "
            "connaître le nombre de territoires labellisés et le calendrier de signature des contrats.")


def _seed_records(tmp: Path, limit: int = 120) -> list[dict]:
    folder = tmp / "seed"
    folder.mkdir()
    if not default_inputs(folder, limit):
        for f in checkout_path("corpus").iterdir():
            shutil.copy(f, folder / f.name)
    kb_path = tmp / "seed.sqlite"
    run([str(folder)], str(kb_path), show_progress=False)
    with KnowledgeBase(kb_path) as kb:
        return [kb.record(r[0]) for r in kb.con.execute("SELECT id FROM documents ORDER BY id")]


def _perturb(rec: dict, i: int) -> dict:
    """A copy of rec under a new id, its counts, amounts and dated years moved a little."""
    out = copy.deepcopy(rec)
    out["id"] = f"{rec['id']}~{i}"
    # a distinct last line: the KB stores a text another file already holds once (kb/sources.py), and every copy
    # must be a document of its own here; offsets of the record's facts are unchanged
    out["text"] = f"{rec['text']}\n\nRéf. {i}"
    shift = i % 5
    if out.get("date"):
        out["date"] = f"{int(out['date'][:4]) - shift:04d}{out['date'][4:]}"
    for e in out["entities"]:
        v = e.get("value") or {}
        if e["label"] == "COUNT" and isinstance(v.get("count"), (int, float)):
            v["count"] = v["count"] + i % 7
        elif e["label"] == "MONEY" and isinstance(v.get("amount"), (int, float)):
            v["amount"] = v["amount"] * (1 + (i % 9) / 100)
        elif e["label"] == "DATE" and isinstance(v.get("start"), str) and v["start"][:4].isdigit():
            for k in ("start", "end"):
                if isinstance(v.get(k), str):
                    v[k] = f"{int(v[k][:4]) - shift:04d}{v[k][4:]}"
    return out


def _ms(fn, repeat: int = 1) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def measure(kb_path: Path, seeds: list[dict], size: int) -> dict:
    write_s = 0.0  # the writer's time only (making the perturbed copies is not writing)
    with KBWriter(str(kb_path)) as w:
        for i in range(size):
            rec = _perturb(seeds[i % len(seeds)], i)
            t0 = time.perf_counter()
            w.replace_source(f"/bench/{i}", f"bench/{i}", f"{i:064x}", len(rec["text"]), [rec])
            write_s += time.perf_counter() - t0
    out = {"size": size, "mb": kb_path.stat().st_size / 2**20, "docs_per_s": size / write_s}
    with KnowledgeBase(kb_path) as kb:
        stored = kb.con.execute("SELECT count(*) FROM documents").fetchone()[0]
        if stored != size:
            raise RuntimeError(f"bench --scale: {stored} documents stored for {size} written")
        search = [t for q in QUERIES for t in _ms(lambda q=q: kb.search(q), 3)]
        out["search_p50"], out["search_p95"] = _pct(search, 0.5), _pct(search, 0.95)
        top = kb.con.execute("SELECT entity_id, count(*) n FROM mentions WHERE entity_id IS NOT NULL "
                             "GROUP BY entity_id ORDER BY n DESC LIMIT 1").fetchone()
        out["entity"], out["entity_mentions"] = top[0], top[1]
        out["timeline_ms"] = statistics.median(_ms(lambda: timeline(kb, "territoires d'industrie"), 3))
        doc_id = kb.con.execute("SELECT id FROM documents ORDER BY length(text) DESC LIMIT 1").fetchone()[0]
        out["draft_first_ms"] = _ms(lambda: draft(QUESTION, kb))[0]
        out["draft_ms"] = statistics.median(_ms(lambda: draft(QUESTION, kb), 3))
    client = create_app(kb_path).test_client()
    out["document_ms"] = statistics.median(_ms(lambda: client.get("/document", query_string={"id": doc_id}), 3))
    out["entity_ms"] = statistics.median(_ms(lambda: client.get(f"/entite/{out['entity']}"), 3))
    return out


def run_scale(sizes: list[int]) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        seeds = _seed_records(Path(tmp))
        print(f"{len(seeds)} real records replicated (source: "
              f"{'../shared' if shared_path('data').is_dir() else 'corpus/'})")
        print(f"{'docs':>8}{'MB':>8}{'docs/s':>8}{'search p50':>11}{'p95 ms':>8}{'doc page':>9}{'entity':>8}"
              f"{'(mentions)':>11}{'timeline':>9}{'draft 1st':>10}{'draft':>8}")
        for size in sizes:
            r = measure(Path(tmp) / f"kb-{size}.sqlite", seeds, size)
            print(f"{r['size']:>8}{r['mb']:>8.0f}{r['docs_per_s']:>8.0f}{r['search_p50']:>11.1f}{r['search_p95']:>8.1f}"
                  f"{r['document_ms']:>9.0f}{r['entity_ms']:>8.0f}{r['entity_mentions']:>11}{r['timeline_ms']:>9.0f}"
                  f"{r['draft_first_ms']:>10.0f}{r['draft_ms']:>8.0f}", flush=True)
            print(json.dumps(r), flush=True)
    return 0
