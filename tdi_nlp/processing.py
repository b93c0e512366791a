"""Files to records without the knowledge base: the work one process, or one Dask worker, does.

Every per-file step (read, prepare, tokenize, components, record) runs under one guard: a file that fails becomes a
FileResult with an error, and the other files of its batch go on (a batch that raises is retried file by file). A
text longer than ``settings.chunk_chars`` is processed in chunks cut at paragraph breaks, offsets kept.
Tasks and results are plain data (picklable): workers never send spaCy Docs back.
"""
from __future__ import annotations

import hashlib
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import cast

from spacy.language import Language
from spacy.pipeline import Pipe

from .config import settings
from .document import Document, Page, Section
from .normalize import normalize_document
from .pipeline import load
from .readers import FieldMap, ReaderError, read_file, read_path
from .records import make_doc, to_record
from .structure import analyze


@dataclass
class FileTask:
    path: str                    # the file as given (absolute when sent to a cluster)
    key: str                     # its source key in the KB
    doc_key: str                 # the id of its document when the format gives none (path relative to the folder)
    source: str                  # the path recorded: the folder's name and the path inside it
    sha: str | None = None       # content hash the driver saw (None: not read yet)
    data: bytes | None = None    # its bytes when the driver already read them (one process)


@dataclass
class FileResult:
    key: str
    path: str
    sha: str | None
    source: str = ""             # the path recorded (see FileTask)
    size: int = 0
    records: list[dict] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # documents of the file that could not be read
    error: tuple[str, str] | None = None  # (stage, reason): nothing of the file is usable
    words: int = 0


@dataclass(frozen=True)
class Options:
    max_mb: float | None = None
    fields: FieldMap = FieldMap()
    components: tuple[str, ...] | None = None  # None: the whole project pipeline


@contextmanager
def error_handler(nlp: Language, handler):
    """Install handler on nlp and its components for the duration of the block, then restore the previous ones (the
    pipeline is cached and shared: a handler left on it would silently swallow later failures)."""
    saved_default = nlp.default_error_handler
    saved = []
    for _, component in nlp.pipeline:
        proc = cast(Pipe, component)
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


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def prepare(document: Document) -> tuple[Document, list]:
    """Normalize and analyze a Document read from a file: the text every offset will refer to."""
    norm_doc, norm = normalize_document(document)
    return analyze(norm_doc), norm.anchors()


def _cut(text: str, start: int, limit: int) -> int:
    """End of the chunk starting at start: the last paragraph, line or sentence break before start + limit."""
    end = start + limit
    if end >= len(text):
        return len(text)
    for sep in ("\n\n", "\n", ". ", " "):
        at = text.rfind(sep, start + limit // 2, end)
        if at > start:
            return at + len(sep)
    return end


def chunks(document: Document, limit: int) -> list[tuple[int, Document]]:
    """(offset, sub-Document) pieces of a long Document; the Document itself when it is short enough."""
    text = document.text
    if len(text) <= limit:
        return [(0, document)]
    out, start = [], 0
    while start < len(text):
        end = _cut(text, start, limit)
        sections = [Section(s.kind, max(s.start, start) - start, min(s.end, end) - start, s.title)
                    for s in document.sections if s.start < end and s.end > start]
        pages = [Page(p.number, max(p.start, start) - start, min(p.end, end) - start)
                 for p in document.pages if p.start < end and p.end > start]
        out.append((start, replace(document, text=text[start:end], sections=sections, pages=pages)))
        start = end
    return out


def merge(parts: list[tuple[int, dict]], document: Document, anchors: list) -> dict:
    """One record from the records of a Document's chunks: offsets shifted back, sections and pages of the whole."""
    rec = to_record_shell(parts[0][1], document, anchors)
    seen_themes: dict[tuple, dict] = {}
    for offset, part in parts:
        for e in part["entities"]:
            start = e["start"] + offset
            section = document.section_at(start)
            rec["entities"].append(dict(e, start=start, end=e["end"] + offset,
                                        section=section.kind if section else None, page=document.page_at(start)))
        for t in part["themes"]:
            t = dict(t)
            for k in ("start", "end"):
                if isinstance(t.get(k), int):
                    t[k] += offset
            key = (t.get("taxonomy"), t.get("theme"))
            if key not in seen_themes or t.get("score", 0) > seen_themes[key].get("score", 0):
                seen_themes[key] = t
    rec["themes"] = list(seen_themes.values())
    return rec


def to_record_shell(first: dict, document: Document, anchors: list) -> dict:
    """The record of the whole Document, with the metadata the first chunk's components gave, no mentions yet."""
    return {**first, "text": document.text,
            "sections": [{"kind": s.kind, "start": s.start, "end": s.end, "title": s.title} for s in document.sections],
            "pages": [{"number": p.number, "start": p.start, "end": p.end} for p in document.pages],
            "entities": [], "themes": [], "offset_map": anchors}


def read_task(task: FileTask, options: Options) -> tuple[FileResult, list[tuple[Document, list]]]:
    """Read and prepare a file: its result shell and prepared documents (none when it failed)."""
    result = FileResult(task.key, task.path, task.sha, task.source)
    try:
        data = task.data if task.data is not None else read_file(task.path, options.max_mb)
        result.sha, result.size = task.sha or sha256(data), len(data)
        read = read_path(Path(task.path), max_mb=options.max_mb, fields=options.fields, data=data,
                         key=task.doc_key, source=task.source)
        prepared = [prepare(d) for d in read.documents]
    except ReaderError as exc:
        result.error = ("read", str(exc))
        return result, []
    except Exception as exc:  # a reader bug must not stop the run
        result.error = ("read", f"unexpected {type(exc).__name__}: {exc}")
        return result, []
    result.problems = read.problems
    result.words = sum(len(d.text.split()) for d, _ in prepared)
    return result, prepared


def _spacy(nlp: Language, files: list[tuple[FileResult, list[tuple[Document, list]]]]) -> None:
    """Run the pipeline over the documents of files and fill their records (or their error)."""
    limit = settings.chunk_chars
    slots: list[tuple[int, int, int, Document]] = []  # (file, document, offset, chunk)
    for f, (result, prepared) in enumerate(files):
        for d, (document, _) in enumerate(prepared):
            slots.extend((f, d, offset, piece) for offset, piece in chunks(document, limit))
    failures: dict[int, str] = {}
    parts: dict[tuple[int, int], list[tuple[int, dict]]] = {}

    def on_error(proc_name, proc, docs, exc):
        for doc in docs:
            failures[doc.user_data["tdi_slot"]] = f"component {proc_name} failed: {type(exc).__name__}: {exc}"

    def docs():
        for n, (f, _, _, piece) in enumerate(slots):
            if files[f][0].error:
                continue
            try:
                doc = make_doc(nlp, piece)
            except Exception as exc:
                files[f][0].error = ("process", f"cannot tokenize: {type(exc).__name__}: {exc}")
                continue
            doc.user_data["tdi_slot"] = n
            yield doc, n

    with error_handler(nlp, on_error):
        for doc, n in nlp.pipe(docs(), as_tuples=True, batch_size=settings.batch_size):
            f, d, offset, piece = slots[n]
            result = files[f][0]
            if n in failures or result.error:
                continue
            try:
                parts.setdefault((f, d), []).append((offset, to_record(doc, piece)))
            except Exception as exc:
                result.error = ("process", f"unexpected {type(exc).__name__} while building records: {exc}")
    for n, reason in failures.items():
        result = files[slots[n][0]][0]
        result.error = result.error or ("process", reason)
    for f, (result, prepared) in enumerate(files):
        if result.error:
            result.records = []
            continue
        result.records = [merge(parts[(f, d)], document, anchors) for d, (document, anchors) in enumerate(prepared)]


def process(tasks: list[FileTask], options: Options = Options(), nlp: Language | None = None) -> list[FileResult]:
    """The results of a batch of files, in order; one failing file never fails the others."""
    nlp = nlp or load(list(options.components) if options.components is not None else None)
    files = [read_task(t, options) for t in tasks]
    try:
        _spacy(nlp, files)
    except Exception:  # isolate the file that broke the batch: each file alone
        for one in files:
            if one[0].error:
                continue
            try:
                _spacy(nlp, [one])
            except Exception as exc:
                one[0].error, one[0].records = ("process", f"unexpected {type(exc).__name__}: {exc}"), []
    return [result for result, _ in files]
