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
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from spacy.util import raise_error

from .config import settings
from .document import Document
from .kb import KnowledgeBase
from .kb.writer import DuplicateDocument, KBWriter
from .normalize import normalize_document
from .pipeline import load
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
    """Records for a file, a folder, or a text (API; nothing is stored). A failing component raises."""
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
    with error_handler(nlp, raise_error):
        for doc, (d, anchors) in nlp.pipe(pairs, as_tuples=True, batch_size=settings.batch_size):
            out.append(to_record(doc, d, anchors))
    return out


class _Progress:
    """A rich progress bar on stderr: documents, words/s, failures."""

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
        self.console.print(f"[red]error[/red] {path}: {reason}", highlight=False, soft_wrap=True)


@contextmanager
def error_handler(nlp, handler):
    """Install handler on nlp and its components for the duration of the block, then restore the previous ones (the
    pipeline is cached and shared: a handler left on it would silently swallow later failures)."""
    saved_default = nlp.default_error_handler
    saved = []
    for _, proc in nlp.pipeline:
        try:
            previous = proc.get_error_handler()
            proc.set_error_handler(handler)
        except AttributeError:  # some compiled stock components do not take one
            continue
        saved.append((proc, previous))
    nlp.default_error_handler = handler  # components without a pipe() of their own
    try:
        yield
    finally:
        nlp.default_error_handler = saved_default
        for proc, previous in saved:
            proc.set_error_handler(previous)


@dataclass
class _Source:
    """A file read and prepared, waiting for the records of its documents."""
    key: str
    path: str
    sha: str
    size: int
    problems: list
    ids: list[str]
    records: list
    left: int
    error: str | None = None


class _Run:
    """One extraction run: the writer, the summary, the progress bar, the files whose documents are in spaCy."""

    def __init__(self, kb_path: str, writer: KBWriter, bar: _Progress, summary: Summary, jsonl=None,
                 force: bool = False, max_mb: float | None = None):
        self.kb_path, self.writer, self.bar, self.summary = kb_path, writer, bar, summary
        self.jsonl, self.force, self.max_mb = jsonl, force, max_mb
        self.pending: dict[str, _Source] = {}
        self.failures: dict[str, str] = {}  # doc id -> why a component failed on it

    def fail(self, key: str, path: str, sha: str | None, stage: str, reason: str) -> None:
        self.summary.failed += 1
        self.summary.errors.append((path, reason))
        self.writer.record_error(key, path, sha, stage, reason)
        self.bar.error(path, reason)
        self.bar.update(self.summary)

    def emit(self, records) -> None:
        """Write records to the JSON Lines output, if any."""
        if self.jsonl is not None:
            for rec in records:
                self.jsonl.write(json.dumps({k: v for k, v in rec.items() if k != "offset_map"},
                                            ensure_ascii=False) + "\n")

    def on_error(self, proc_name, proc, docs, exc) -> None:
        """spaCy error handler: a component failing on one document must not stop the run."""
        for doc in docs:
            self.failures[doc._.doc_id] = f"component {proc_name} failed: {type(exc).__name__}: {exc}"

    # Steps ---------------------------------------------------------------------------------------------------
    def skip_unchanged(self, key: str, sha: str) -> bool:
        """True (and the stored records re-emitted) when the file is already in the KB with this content."""
        if self.force or not self.writer.is_unchanged(key, sha):
            return False
        self.summary.unchanged += 1
        if self.jsonl is not None:
            with KnowledgeBase(self.kb_path) as kb:
                self.emit([kb.record(d) for d in kb.source_documents(key)])
        self.bar.update(self.summary)
        return True

    def read(self, f: Path, root: Path):
        """The prepared documents of a file as (key, i, Document, anchors), or [] when it is unchanged or fails."""
        key, path = source_key(f, root), str(f)
        try:
            data = f.read_bytes()
        except OSError as exc:
            self.fail(key, path, None, "read", f"cannot open file: {exc.strerror or exc}")
            return []
        sha = _sha256(data)
        if self.skip_unchanged(key, sha):
            return []
        try:
            result = read_path(f, root, max_mb=self.max_mb)
            prepared = [prepare(d) for d in result.documents]
        except ReaderError as exc:
            self.fail(key, path, sha, "read", str(exc))
            return []
        except Exception as exc:  # a reader bug must not stop the run
            self.fail(key, path, sha, "read", f"unexpected {type(exc).__name__}: {exc}")
            return []
        for where, reason in result.problems:
            self.bar.error(f"{path} ({where.rsplit(':', 1)[-1]})", reason)
        self.pending[key] = _Source(key, path, sha, len(data), result.problems, [d.id for d, _ in prepared],
                                    [None] * len(prepared), len(prepared))
        return [(key, i, d, anchors) for i, (d, anchors) in enumerate(prepared)]

    def inputs(self, nlp, files):
        """(spaCy Doc, context) for every document of every file to extract, read lazily."""
        for f, root in files:
            for key, i, d, anchors in self.read(f, root):
                yield make_doc(nlp, d), (key, i, d, anchors)

    def process(self, nlp, files, batch_size: int, workers: int) -> None:
        """Run spaCy over the documents; a file is written once all its documents are back."""
        stream = nlp.pipe(self.inputs(nlp, files), as_tuples=True, batch_size=batch_size, n_process=max(1, workers))
        for doc, (key, i, d, anchors) in stream:
            entry = self.pending[key]
            try:
                entry.records[i] = to_record(doc, d, anchors)
            except Exception as exc:
                entry.error = f"unexpected {type(exc).__name__} while building records: {exc}"
            entry.left -= 1
            self.summary.words += len(d.text.split())
            if not entry.left:
                del self.pending[key]
                self.write(entry)

    def write(self, entry: _Source) -> None:
        """Store a file's records in one transaction (or its error)."""
        if entry.error:
            self.fail(entry.key, entry.path, entry.sha, "process", entry.error)
            return
        try:
            self.writer.replace_source(entry.key, entry.path, entry.sha, entry.size, entry.records, entry.problems)
        except DuplicateDocument as exc:
            self.fail(entry.key, entry.path, entry.sha, "write", str(exc))
            return
        self.summary.processed += 1
        self.summary.documents += len(entry.records)
        for rec in entry.records:
            self.summary.labels.update(e["label"] for e in rec["entities"])
        self.emit(entry.records)
        self.bar.update(self.summary)

    def report_unfinished(self) -> None:
        """Files with documents that never came back from spaCy (a component failed on them)."""
        for key, entry in self.pending.items():
            reasons = [self.failures[d] for d in entry.ids if d in self.failures]
            self.fail(key, entry.path, entry.sha, "process", reasons[0] if reasons else "processing did not complete")
        self.pending.clear()


def run(paths: list[str], kb_path: str, jsonl=None, workers: int = 1, force: bool = False,
        max_mb: float | None = None, show_progress: bool = True, nlp=None) -> Summary:
    """Extract every file under paths into the KB at kb_path."""
    files = list(iter_files(paths))
    summary = Summary(files=len(files))
    started = time.perf_counter()
    nlp = nlp or load()
    writer = KBWriter(kb_path)
    try:
        with _Progress(len(files), show_progress) as bar:
            job = _Run(kb_path, writer, bar, summary, jsonl=jsonl, force=force, max_mb=max_mb)
            with error_handler(nlp, job.on_error):
                job.process(nlp, files, settings.batch_size, workers)
            job.report_unfinished()
    finally:
        writer.close()
    summary.seconds = time.perf_counter() - started
    return summary


def print_summary(summary: Summary, kb_path: str) -> None:
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
