"""The main job: files -> readers -> normalizer -> spaCy -> records -> knowledge base (and JSON Lines).

The driver (this module) lists the files, skips those whose content the KB already holds, hands the others in batches
to an engine (this process, a local Dask cluster of ``workers`` processes, or a Dask scheduler) that returns plain
records (``processing``), and writes each file in its own transaction as its result comes back. An interrupted run
loses nothing already committed; a re-run completes it.
"""
from __future__ import annotations

import hashlib
import json
import signal
import sqlite3
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from spacy.util import raise_error

from . import engines
from .config import settings
from .document import Document
from .kb import KnowledgeBase
from .kb.writer import DuplicateDocument, KBWriter
from .pipeline import COMPONENTS, load
from .processing import FileResult, FileTask, Options, error_handler, prepare, sha256
from .readers import FieldMap, ReaderError, display_path, iter_files, list_files, read_file, read_path, source_key
from .records import make_doc, to_record

__all__ = ["Summary", "extract", "prepare", "run", "run_cli", "error_handler"]


@dataclass
class Summary:
    files: int = 0
    processed: int = 0
    unchanged: int = 0
    failed: int = 0
    problems: int = 0  # documents inside a file that could not be read (the others stored), folders not listed
    pruned: int = 0
    documents: int = 0
    words: int = 0
    labels: Counter = field(default_factory=Counter)
    errors: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0


def extract(path_or_text, date: str | None = None, nlp=None) -> list[dict]:
    """Records for a file, a folder, or a text (API; nothing is stored). A failing component raises."""
    nlp = nlp or load()
    p = Path(path_or_text) if isinstance(path_or_text, (str, Path)) and "\n" not in str(path_or_text) else None
    try:
        is_path = p is not None and p.exists()
    except OSError:  # a text too long to be a file name
        is_path = False
    if is_path and p is not None:
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
    with error_handler(nlp, raise_error):
        for doc, (d, anchors) in nlp.pipe(pairs, as_tuples=True, batch_size=settings.batch_size):
            out.append(to_record(doc, d, anchors))
    return out


class _Progress:
    """A rich progress bar on stderr: files, documents, words/s, failures; error lines printed as plain text."""

    def __init__(self, total: int, enabled: bool):
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
        # Paths and reasons are data, never rich markup ("[brouillon]/vide.txt" prints as it is).
        self.console.print(f"[red]error[/red] {escape(path)}: {escape(reason)}", highlight=False, soft_wrap=True)


def _record_source(f: Path, root: Path) -> str:
    """The path recorded for a file: its folder's name and the path inside it ("corpus/002.pdf"), whatever the
    current folder and however the folder was named on the command line."""
    name = root.resolve().name
    rel = source_key(f, root)
    return display_path(f"{name}/{rel}" if name else rel)


class _Run:
    """One extraction run: the writer, the summary, the progress bar."""

    def __init__(self, kb_path: str, writer: KBWriter, bar: _Progress, summary: Summary, jsonl=None,
                 force: bool = False, max_mb: float | None = None, local: bool = True):
        self.kb_path, self.writer, self.bar, self.summary = kb_path, writer, bar, summary
        self.jsonl, self.force, self.max_mb, self.local = jsonl, force, max_mb, local
        self.done: set[str] = set()

    def fail(self, key: str, path: str, sha: str | None, stage: str, reason: str) -> None:
        self.summary.failed += 1
        self.summary.errors.append((path, reason))
        try:
            self.writer.record_error(key, path, sha, stage, reason)
        except sqlite3.Error as exc:  # the KB is locked or read-only: the line on screen still says it
            reason = f"{reason} (not recorded in the KB: {exc})"
        self.bar.error(path, reason)
        self.bar.update(self.summary)

    def emit(self, records) -> None:
        """Write records to the JSON Lines output, if any."""
        if self.jsonl is not None:
            for rec in records:
                self.jsonl.write(json.dumps({k: v for k, v in rec.items() if k not in ("offset_map", "embeddings")},
                                            ensure_ascii=False) + "\n")

    def task(self, f: Path, root: Path) -> FileTask | None:
        """The task of a file, or None when it is unchanged in the KB or cannot be read."""
        key, path = display_path(f.resolve()), display_path(f)
        try:
            data = read_file(f, self.max_mb)
        except ReaderError as exc:
            self.fail(key, path, None, "read", str(exc))
            return None
        sha, source = sha256(data), _record_source(f, root)
        if not self.force and self.writer.is_unchanged(key, sha, source):
            self.summary.unchanged += 1
            if self.jsonl is not None:
                with KnowledgeBase(self.kb_path) as kb:
                    self.emit([kb.record(d) for d in kb.source_documents(key)])
            self.bar.update(self.summary)
            return None
        return FileTask(path=key, key=key, doc_key=display_path(source_key(f, root)), source=source,
                        sha=sha, data=data if self.local else None)

    def write(self, result: FileResult) -> None:
        """Store a file's records in one transaction (or its error)."""
        if result.key in self.done:  # a task retried after a worker died came back twice
            return
        self.done.add(result.key)
        self.summary.words += result.words
        if result.error:
            self.fail(result.key, result.path, result.sha, *result.error)
            return
        assert result.sha is not None  # set whenever the file was read
        try:
            self.writer.replace_source(result.key, result.source, result.sha, result.size, result.records,
                                       result.problems)
        except DuplicateDocument as exc:
            self.fail(result.key, result.path, result.sha, "write", str(exc))
            return
        except sqlite3.OperationalError as exc:  # locked by another writer longer than lock_timeout
            self.fail(result.key, result.path, result.sha, "write", f"knowledge base busy or unwritable: {exc}")
            return
        for where, reason in result.problems:
            self.summary.problems += 1
            self.bar.error(f"{result.path} ({where.rsplit(':', 1)[-1]})", reason)
        self.summary.processed += 1
        self.summary.documents += len(result.records)
        for rec in result.records:
            self.summary.labels.update(e["label"] for e in rec["entities"])
        self.emit(result.records)
        self.bar.update(self.summary)


def _components(nlp) -> tuple[str, ...] | None:
    """The project components of a pipeline given to run(), for workers that build their own."""
    return None if nlp is None else tuple(n for n in nlp.pipe_names if n in COMPONENTS)


def run(paths: list[str], kb_path: str, jsonl=None, workers: int = 1, force: bool = False,
        max_mb: float | None = None, show_progress: bool = True, nlp=None, dask: str | None = None,
        fields: FieldMap | None = None, prune: bool = False, follow_symlinks: bool = False) -> Summary:
    """Extract every file under paths into the KB at kb_path.

    dask: None (this process, or a local cluster when workers > 1), "local", "local:N" or a scheduler address.
    """
    listing = list_files(paths, follow_symlinks=follow_symlinks)
    summary = Summary(files=len(listing.files))
    started = time.perf_counter()
    address = dask or (f"local:{workers}" if workers > 1 else None)
    if address is None:
        nlp = nlp or load()
    options = Options(max_mb=max_mb, fields=fields or FieldMap(), components=_components(nlp))
    writer = KBWriter(kb_path)
    try:
        with _Progress(len(listing.files), show_progress) as bar:
            job = _Run(kb_path, writer, bar, summary, jsonl=jsonl, force=force, max_mb=max_mb, local=address is None)
            for path, reason in listing.problems:
                summary.problems += 1
                job.fail(path, path, None, "list", reason)
            if prune:
                summary.pruned = writer.prune([display_path(Path(p).resolve()) for p in paths])
            tasks = (t for f, root in listing.files if (t := job.task(f, root)) is not None)
            for result in engines.results(tasks, options, address, nlp):
                job.write(result)
    finally:
        writer.close()
    summary.seconds = time.perf_counter() - started
    return summary


def print_summary(summary: Summary, kb_path: str) -> None:
    console = Console(stderr=True)
    t = Table(title=f"Extraction into {escape(kb_path)}", show_header=False)
    t.add_row("files", str(summary.files))
    t.add_row("extracted", str(summary.processed))
    t.add_row("unchanged (skipped)", str(summary.unchanged))
    t.add_row("failed", str(summary.failed))
    if summary.problems:
        t.add_row("documents or folders skipped", str(summary.problems))
    if summary.pruned:
        t.add_row("removed (file gone)", str(summary.pruned))
    t.add_row("documents stored", str(summary.documents))
    for label, n in sorted(summary.labels.items()):
        t.add_row(f"  {label}", str(n))
    t.add_row("time", f"{summary.seconds:.1f} s")
    console.print(t)


def _interrupt(signum, frame):  # SIGTERM ends the run like Ctrl+C: workers stopped, what is committed kept
    raise KeyboardInterrupt


def run_cli(args) -> int:
    for p in args.paths:
        if not Path(p).exists():
            print(f"tdi-nlp extract: no such file or folder: {p}", file=sys.stderr)
            return 2
    if args.workers < 1:
        print("tdi-nlp extract: --workers must be at least 1", file=sys.stderr)
        return 2
    fields = FieldMap(text=args.text_field, id=args.id_field, date=args.date_field)
    out = None
    if args.jsonl == "-":
        out = sys.stdout
    elif args.jsonl:
        out = open(args.jsonl, "w", encoding="utf-8")
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        summary = run(args.paths, args.kb, jsonl=out, workers=args.workers, force=args.force,
                      max_mb=args.max_file_mb, show_progress=not args.quiet, dask=args.dask, fields=fields,
                      prune=args.prune, follow_symlinks=args.follow_symlinks)
    except KeyboardInterrupt:
        print("tdi-nlp extract: interrupted; every file already written is kept, a re-run completes the rest",
              file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)
        if out is not None and out is not sys.stdout:
            out.close()
    print_summary(summary, args.kb)
    return 1 if summary.failed or summary.problems else 0
