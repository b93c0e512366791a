"""The main job: files -> readers -> normalizer -> spaCy -> records -> knowledge base (and JSON Lines).

The KB writer stays in the main process; spaCy may use several (``workers``). Each source file is written in one
transaction once all its documents are processed, so an interrupted run loses nothing already committed.
"""
from __future__ import annotations

import hashlib
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .config import settings
from .document import Document
from .normalize import normalize_document
from .readers import ReaderError, iter_files, read_path, source_key
from .records import make_doc, to_record
from .structure import analyze


@dataclass
class Summary:
    files: int = 0
    processed: int = 0
    unchanged: int = 0
    failed: int = 0
    documents: int = 0
    words: int = 0
    labels: Counter = field(default_factory=Counter)
    errors: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0


def prepare(document: Document) -> tuple[Document, list]:
    """Normalize and analyze a Document read from a file: the text every offset will refer to."""
    norm_doc, norm = normalize_document(document)
    return analyze(norm_doc), norm.anchors()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def extract(path_or_text, date: str | None = None, nlp=None) -> list[dict]:
    """Records for a file, a folder, or a text (API; nothing is stored)."""
    from .pipeline import load
    nlp = nlp or load()
    p = Path(path_or_text) if isinstance(path_or_text, (str, Path)) and "\n" not in str(path_or_text) else None
    try:
        is_path = p is not None and p.exists()
    except OSError:  # a text too long to be a file name
        is_path = False
    if is_path:
        docs = []
        for f, root in iter_files([p]):
            docs.extend(read_path(f, root).documents)
    else:
        text = str(path_or_text)
        docs = [Document(id="text-" + hashlib.sha1(text.encode()).hexdigest()[:12], text=text, source="<text>",
                         format="text", date=date)]
    prepared = [prepare(d) for d in docs]
    if date:
        for d, _ in prepared:
            d.date = d.date or date
    out = []
    pairs = ((make_doc(nlp, d), (d, anchors)) for d, anchors in prepared)
    for doc, (d, anchors) in nlp.pipe(pairs, as_tuples=True, batch_size=settings.batch_size):
        out.append(to_record(doc, d, anchors))
    return out


class _Progress:
    """A rich progress bar on stderr: documents, words/s, failures."""

    def __init__(self, total: int, enabled: bool):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
        self.console = Console(stderr=True)
        self.enabled = enabled and self.console.is_terminal
        self.start = time.perf_counter()
        self.progress = Progress(TextColumn("[bold]extract"), BarColumn(), MofNCompleteColumn(),
                                 TextColumn("{task.fields[info]}"), TimeElapsedColumn(),
                                 console=self.console, disable=not self.enabled)
        self.task = self.progress.add_task("extract", total=total, info="")

    def __enter__(self):
        self.progress.__enter__()
        return self

    def __exit__(self, *exc):
        self.progress.__exit__(*exc)

    def update(self, summary: Summary) -> None:
        rate = summary.words / max(time.perf_counter() - self.start, 1e-6)
        info = f"{summary.documents} docs · {rate:,.0f} words/s · {summary.failed} failed"
        self.progress.update(self.task, completed=summary.processed + summary.unchanged + summary.failed, info=info)

    def error(self, path: str, reason: str) -> None:
        self.console.print(f"[red]error[/red] {path}: {reason}", highlight=False, soft_wrap=True)


def run(paths: list[str], kb_path: str, jsonl=None, workers: int = 1, force: bool = False,
        max_mb: float | None = None, show_progress: bool = True, nlp=None) -> Summary:
    """Extract every file under paths into the KB at kb_path."""
    from .kb import KnowledgeBase
    from .kb.writer import DuplicateDocument, KBWriter
    from .pipeline import load

    files = list(iter_files(paths))
    summary = Summary(files=len(files))
    started = time.perf_counter()
    writer = KBWriter(kb_path)
    pending: dict[str, dict] = {}

    def emit(records):
        if jsonl is not None:
            for rec in records:
                jsonl.write(json.dumps({k: v for k, v in rec.items() if k != "offset_map"}, ensure_ascii=False) + "\n")

    with _Progress(len(files), show_progress) as bar:
        def fail(key, path, sha, stage, reason):
            summary.failed += 1
            summary.errors.append((path, reason))
            writer.record_error(key, path, sha, stage, reason)
            bar.error(path, reason)
            bar.update(summary)

        def inputs():
            for f, root in files:
                key, path = source_key(f, root), str(f)
                try:
                    data = f.read_bytes()
                except OSError as exc:
                    fail(key, path, None, "read", f"cannot open file: {exc.strerror or exc}")
                    continue
                sha = _sha256(data)
                if not force and writer.is_unchanged(key, sha):
                    summary.unchanged += 1
                    if jsonl is not None:
                        with KnowledgeBase(kb_path) as kb:
                            emit([kb.record(d) for d in kb.source_documents(key)])
                    bar.update(summary)
                    continue
                try:
                    result = read_path(f, root, max_mb=max_mb)
                    prepared = [prepare(d) for d in result.documents]
                except ReaderError as exc:
                    fail(key, path, sha, "read", str(exc))
                    continue
                except Exception as exc:  # a reader bug must not stop the run
                    fail(key, path, sha, "read", f"unexpected {type(exc).__name__}: {exc}")
                    continue
                for where, reason in result.problems:
                    bar.error(f"{path} ({where.rsplit(':', 1)[-1]})", reason)
                pending[key] = {"path": path, "sha": sha, "size": len(data), "problems": result.problems,
                                "records": [None] * len(prepared), "left": len(prepared),
                                "ids": [d.id for d, _ in prepared]}
                for i, (d, anchors) in enumerate(prepared):
                    yield make_doc(nlp, d), (key, i, d, anchors)

        nlp = nlp or load()
        failures: dict[str, str] = {}

        def on_error(proc_name, proc, docs, exc):  # a component failing on one document must not stop the run
            for doc in docs:
                failures[doc._.doc_id] = f"component {proc_name} failed: {type(exc).__name__}: {exc}"

        nlp.default_error_handler = on_error  # components without a pipe() of their own
        for _, proc in nlp.pipeline:
            try:
                proc.set_error_handler(on_error)
            except AttributeError:  # some compiled stock components do not take one
                pass
        stream = nlp.pipe(inputs(), as_tuples=True, batch_size=settings.batch_size, n_process=max(1, workers))
        for doc, (key, i, d, anchors) in stream:
            entry = pending[key]
            try:
                entry["records"][i] = to_record(doc, d, anchors)
            except Exception as exc:
                entry["error"] = f"unexpected {type(exc).__name__} while building records: {exc}"
            entry["left"] -= 1
            summary.words += len(d.text.split())
            if entry["left"]:
                continue
            del pending[key]
            if "error" in entry:
                fail(key, entry["path"], entry["sha"], "process", entry["error"])
                continue
            try:
                writer.replace_source(key, entry["path"], entry["sha"], entry["size"], entry["records"],
                                      entry["problems"])
            except DuplicateDocument as exc:
                fail(key, entry["path"], entry["sha"], "write", str(exc))
                continue
            summary.processed += 1
            summary.documents += len(entry["records"])
            for rec in entry["records"]:
                summary.labels.update(e["label"] for e in rec["entities"])
            emit(entry["records"])
            bar.update(summary)
        for key, entry in pending.items():
            reasons = [failures[d] for d in entry.get("ids", []) if d in failures]
            fail(key, entry["path"], entry["sha"], "process", reasons[0] if reasons else "processing did not complete")
    writer.close()
    summary.seconds = time.perf_counter() - started
    return summary


def print_summary(summary: Summary, kb_path: str) -> None:
    from rich.console import Console
    from rich.table import Table
    console = Console(stderr=True)
    t = Table(title=f"Extraction into {kb_path}", show_header=False)
    t.add_row("files", str(summary.files))
    t.add_row("extracted", str(summary.processed))
    t.add_row("unchanged (skipped)", str(summary.unchanged))
    t.add_row("failed", str(summary.failed))
    t.add_row("documents stored", str(summary.documents))
    for label, n in sorted(summary.labels.items()):
        t.add_row(f"  {label}", str(n))
    t.add_row("time", f"{summary.seconds:.1f} s")
    console.print(t)


def run_cli(args) -> int:
    for p in args.paths:
        if not Path(p).exists():
            print(f"tdi-nlp extract: no such file or folder: {p}", file=sys.stderr)
            return 2
    if args.workers < 1:
        print("tdi-nlp extract: --workers must be at least 1", file=sys.stderr)
        return 2
    out = None
    if args.jsonl == "-":
        out = sys.stdout
    elif args.jsonl:
        out = open(args.jsonl, "w", encoding="utf-8")
    try:
        summary = run(args.paths, args.kb, jsonl=out, workers=args.workers, force=args.force,
                      max_mb=args.max_file_mb, show_progress=not args.quiet)
    finally:
        if out is not None and out is not sys.stdout:
            out.close()
    print_summary(summary, args.kb)
    return 1 if summary.failed else 0
