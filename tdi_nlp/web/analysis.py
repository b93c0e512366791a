"""What the "Nouvelle question" page shows: entities, themes and a draft answer, each part guarded and bounded.

A part whose component is missing or fails is reported as unavailable ("indisponible") instead of breaking the page.
``run_bounded`` runs an analysis in a worker thread and answers within a time limit; the shared spaCy pipeline is
waited for at most LOCK_WAIT_SECONDS, so one slow question cannot hold every other request behind it.
"""
from __future__ import annotations

import hashlib
import logging
import threading
from datetime import date
from typing import Any

from ..document import Document
from .common import LOCK_WAIT_SECONDS, MAX_ANALYSES

log = logging.getLogger("tdi_nlp.web")
_lock = threading.Lock()  # one spaCy call at a time (the pipeline is shared by the server's threads)
_slots = threading.BoundedSemaphore(MAX_ANALYSES)  # analyses running at once, abandoned ones included
PARTS = ("entities", "themes", "draft")


class Busy(RuntimeError):
    """Too many analyses are running (or the pipeline is held by another question)."""


def entities(text: str) -> list[dict]:
    """Mentions of the question as records do: [{label, text, start, end, value, entity_id}]."""
    # heavy (spaCy, scikit-learn): loaded on the first question, not when `tdi-nlp` starts (it imports web.cli)
    from ..extraction import prepare
    from ..pipeline import load
    from ..records import make_doc, to_record
    doc = Document(id="question-" + hashlib.sha1(text.encode()).hexdigest()[:12], text=text, source="<web>",
                   format="text",
                   date=date.today().isoformat())
    d, anchors = prepare(doc)
    if not _lock.acquire(timeout=LOCK_WAIT_SECONDS):
        raise Busy("the pipeline is busy with another question")
    try:
        nlp = load()
        record = to_record(nlp(make_doc(nlp, d)), d, anchors)
    finally:
        _lock.release()
    return [{k: m.get(k) for k in ("label", "text", "start", "end", "value", "entity_id")}
            for m in record.get("entities", [])]


def warm_up() -> None:
    """Load the pipeline before the first question (`tdi-nlp serve` runs it in a background thread)."""
    from ..pipeline import load  # heavy (spaCy)
    try:
        with _lock:
            load()
    except Exception as exc:  # noqa: BLE001 - the entities part will say it is unavailable
        log.warning("pipeline warm-up failed: %s: %s", type(exc).__name__, exc)


def themes(text: str) -> list[dict]:
    """Themes of both taxonomies: [{taxonomy, theme, score, evidence}]."""
    from ..themes import classify
    out = []
    for taxonomy in ("tdi", "rubrique"):
        for t in classify(text, taxonomy=taxonomy) or []:
            out.append({"taxonomy": taxonomy, **t})
    return out


def draft(text: str, kb) -> dict:
    """The draft answer as {text, sources, stale_figures}."""
    from ..drafting import draft as make_draft
    d = make_draft(text, kb)
    get = (lambda k: d.get(k)) if isinstance(d, dict) else (lambda k: getattr(d, k, None))
    return {"text": get("text") or "", "sources": list(get("sources") or []),
            "stale_figures": list(get("stale_figures") or [])}


def analyze_question(text: str, kb) -> dict:
    """{"entities", "themes", "draft"}: each a value, or None when unavailable (reason in "unavailable")."""
    result: dict[str, Any] = {"entities": None, "themes": None, "draft": None, "unavailable": {}}
    for key, fn in (("entities", lambda: entities(text)), ("themes", lambda: themes(text)),
                    ("draft", lambda: draft(text, kb))):
        try:
            result[key] = fn()
        except Exception as exc:  # noqa: BLE001 - a missing or failing part must not break the page
            log.warning("question analysis: %s unavailable: %s: %s", key, type(exc).__name__, exc)
            result["unavailable"][key] = f"{type(exc).__name__}: {exc}"
    return result


def run_bounded(analyzer, text: str, open_kb, seconds: float) -> dict:
    """analyzer(text, kb) in a worker thread with its own KB (open_kb(); SQLite connections stay in their thread).

    Returns its result, or after `seconds` every part unavailable and "timed_out": True (the worker finishes in the
    background and frees its slot). Raises Busy when MAX_ANALYSES are still running after a short wait.
    """
    if not _slots.acquire(timeout=min(LOCK_WAIT_SECONDS, seconds)):
        raise Busy("too many analyses running")
    box: dict = {}

    def work():
        try:
            with open_kb() as kb:
                box["result"] = analyzer(text, kb)
        except Exception as exc:  # noqa: BLE001 - reported like a failing part
            log.warning("question analysis failed: %s: %s", type(exc).__name__, exc)
            box["error"] = f"{type(exc).__name__}: {exc}"
        finally:
            _slots.release()

    worker = threading.Thread(target=work, name="tdi-nlp-question", daemon=True)
    worker.start()
    worker.join(seconds)
    if "result" in box:
        return box["result"]
    reason = box.get("error") or f"délai dépassé ({seconds:g} s)"
    return {**{p: None for p in PARTS}, "unavailable": {p: reason for p in PARTS}, "timed_out": "error" not in box}
