"""The pages: search, document, entities, figures over time, new question and its export."""
from __future__ import annotations

import io

from flask import Blueprint, Response, current_app, render_template, request, url_for

from ..figures import timeline as figure_timeline
from . import render
from .analysis import Busy, run_bounded
from .common import (MAX_ANALYZED_CHARS, MAX_QUERY_CHARS, MAX_QUERY_TERMS, MAX_QUESTION_CHARS, UPLOAD_TYPES,
                     BadInput, iso_date, kb, open_kb, query_terms)
from .export import draft_docx, draft_markdown, export_filename

pages = Blueprint("pages", __name__)

FILTERS = ("kind", "territory", "person", "theme", "rubrique", "date_from", "date_to")
FACT_LABELS = ("DATE", "DURATION", "MONEY", "COUNT", "PERCENT")
CONTEXT = 160  # characters shown each side of a mention on entity pages


def _options() -> dict:
    k = kb()
    return {"kinds": sorted(k.stats()["by_kind"]), **k.filter_options()}


PAGE_SIZE = 20     # results per search page
MAX_PAGES = 50     # pages offered for one query
ENTITY_PAGE = 50   # documents per page of an entity
MAX_EXPORT_QUESTION = 20_000  # characters of the question written into an export


def search():
    args = {f: (request.args.get(f) or "").strip() for f in FILTERS}
    q = (request.args.get("q") or "").strip()
    if len(q) > MAX_QUERY_CHARS:
        raise BadInput(f"Recherche trop longue ({len(q)} caractères, maximum {MAX_QUERY_CHARS}).")
    if any(len(v) > 200 for v in args.values()):
        raise BadInput("Filtre trop long (200 caractères au plus).")
    sort = "date" if request.args.get("sort") == "date" else "relevance"
    page = request.args.get("page", "1")
    page = min(int(page), MAX_PAGES) if page.isdigit() and int(page) > 0 else 1
    notices, status = [], 200
    for f, field in (("date_from", "du"), ("date_to", "au")):
        try:
            args[f] = iso_date(args[f], field) or ""
        except BadInput as exc:  # keep the query and the other filters, say what was wrong
            notices.append(str(exc.description))
            args[f], status = "", 400
    filters = {f: v for f, v in args.items() if v}
    k = kb()
    for f, label, name in (("territory", "TERRITORY", "Territoire"), ("person", "PERSON", "Personne")):
        if filters.get(f) and not k.resolve_entity(filters[f], label):
            notices.append(f"{name} inconnu dans la base : « {filters[f]} ».")
    results, total = None, 0
    terms, cut = query_terms(q)  # repeated words once, at most MAX_QUERY_TERMS: bounds the index and the snippets
    if cut:
        notices.append(f"Recherche limitée aux {MAX_QUERY_TERMS} premiers mots distincts.")
        q_run = " ".join(terms)
    else:
        q_run = q
    if q:
        found = k.search_page(q_run, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, sort=sort, **filters)
        results, total = found["results"], found["total"]
    elif filters:  # newest first, one page read
        total = k.count_documents(**filters)
        results = [{**d, "snippet": None} for d in k.documents(**filters, limit=PAGE_SIZE,
                                                                offset=(page - 1) * PAGE_SIZE, newest_first=True)]
    recent = None if results is not None else k.documents(limit=20, newest_first=True)
    n_pages = min(MAX_PAGES, -(-total // PAGE_SIZE))
    query = {"q": q, "sort": sort if sort != "relevance" else "", **args}
    links = {n: url_for("pages.search", **{a: v for a, v in query.items() if v}, page=n)
             for n in range(1, n_pages + 1)} if n_pages > 1 else {}
    sorts = {s: url_for("pages.search", **{a: v for a, v in {**query, "sort": s}.items() if v})
             for s in ("relevance", "date")}
    return render_template("search.html", q=q, terms=terms, args=args, results=results, total=total, recent=recent,
                           notices=notices, stats=k.stats(), page=page, links=links, sort=sort, sorts=sorts,
                           first=(page - 1) * PAGE_SIZE + 1, **_options()), status


def document(doc_id: str | None = None):
    """/document?id=ID (the links made by render.doc_url), or /document/ID for ids without "." segments."""
    doc_id = doc_id if doc_id is not None else request.args.get("id") or ""
    k = kb()
    d = k.document(doc_id) if doc_id else None
    if d is None:
        raise BadInput(f"Document introuvable : « {doc_id[:200]} ».", 404)
    mentions = k.mentions(doc_id=doc_id)
    entity_ids = sorted({m["entity_id"] for m in mentions if m.get("entity_id")})
    entities = {e: k.entity(e) for e in entity_ids}
    parts = render.highlighted(d, mentions, lambda e: url_for(".entity", entity_id=e))
    for m in mentions:
        m["reading"] = render.format_value(m["label"], m.get("value"))
    labels = sorted({m["label"] for m in mentions}, key=lambda x: list(render.COLORS).index(x)
                    if x in render.COLORS else 99)
    return render_template("document.html", d=d, parts=parts, mentions=mentions, entities=entities,
                           themes=k.themes(doc_id), labels=labels)


def entities():
    label = (request.args.get("label") or "").strip().upper() or None
    rows = kb().entities(label)
    labels = sorted(kb().stats()["entities"])
    return render_template("entities.html", rows=rows[:1000], total=len(rows), label=label, labels=labels)


def entity(entity_id: str):
    k = kb()
    e = k.entity(entity_id)
    if e is None:
        raise BadInput(f"Entité introuvable : « {entity_id[:200]} ».", 404)
    total = k.count_documents(entity=entity_id)
    asked = request.args.get("page", "1")
    n_pages = max(1, -(-total // ENTITY_PAGE))
    page = min(int(asked), n_pages) if asked.isdigit() and int(asked) > 0 else 1
    docs = k.documents(entity=entity_id, limit=ENTITY_PAGE, offset=(page - 1) * ENTITY_PAGE, newest_first=True)
    by_doc = k.entity_mentions(entity_id, [d["id"] for d in docs])
    groups = []
    for d in docs:
        ms = by_doc[d["id"]]
        own = [m for m in ms if m.get("entity_id") == entity_id]
        contexts = []
        for m in own[:10]:
            a, b = max(0, m["start"] - CONTEXT), m["end"] + CONTEXT
            text = k.text_slice(d["id"], a, b)
            facts = [{**f, "reading": render.format_value(f["label"], f.get("value"))} for f in ms
                     if f["label"] in FACT_LABELS and f["start"] >= a and f["end"] <= b]
            contexts.append({"before": text[:m["start"] - a], "text": text[m["start"] - a:m["end"] - a],
                             "after": text[m["end"] - a:], "facts": facts, "section": m.get("section"),
                             "page": m.get("page")})
        groups.append({"doc": d, "count": len(own), "contexts": contexts})
    chart = None
    if e["label"] == "PROGRAMME":  # the dated counts of the programme ("144 territoires d'industrie")
        points, _ = _timeline(e["canonical"])
        if points:
            chart = render.timeline_svg(points, render.doc_url)
    links = {n: url_for("pages.entity", entity_id=entity_id, page=n) for n in range(1, min(n_pages, MAX_PAGES) + 1)}
    return render_template("entity.html", e=e, groups=groups, total_docs=total, chart=chart,
                           page=page, links=links if n_pages > 1 else {})


def _timeline(thing: str):
    """(points, unavailable reason)."""
    try:
        return figure_timeline(kb(), thing), None
    except Exception as exc:  # noqa: BLE001 - the timeline module may not be there yet
        current_app.logger.warning("timeline unavailable: %s: %s", type(exc).__name__, exc)
        return None, f"{type(exc).__name__}"


def figures():
    thing = (request.args.get("objet") or "").strip()
    if len(thing) > 200:
        raise BadInput("Objet trop long (200 caractères au plus).")
    units = kb().count_units(min_count=2, limit=20)
    points, unavailable, chart = None, None, None
    if thing:
        points, unavailable = _timeline(thing)
        if points:
            chart = render.timeline_svg(points, render.doc_url)
    return render_template("figures.html", thing=thing, units=units, points=points, chart=chart,
                           unavailable=unavailable)


def _question_text() -> str:
    upload = request.files.get("fichier")
    if upload is not None and upload.filename:
        name = upload.filename.lower()
        if not name.endswith(UPLOAD_TYPES):
            raise BadInput(f"Type de fichier non pris en charge : « {upload.filename[:100]} » "
                           f"(acceptés : {', '.join(UPLOAD_TYPES)}).", 415)
        data = upload.read()
        if name.endswith(".docx"):
            try:
                from docx import Document  # may be absent: the page says so (415)
                return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
            except ImportError:
                raise BadInput("Lecture des fichiers .docx indisponible (python-docx absent).", 415) from None
            except Exception:  # noqa: BLE001 - a corrupt file
                raise BadInput("Fichier .docx illisible.") from None
        for enc in ("utf-8-sig", "cp1252"):
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                continue
        raise BadInput("Fichier illisible : encodage de caractères inconnu.")
    return request.form.get("question") or ""


def question():
    max_mb = current_app.config["MAX_UPLOAD_MB"]
    if request.method == "GET":
        return render_template("question.html", text="", result=None, max_mb=max_mb)
    text = ""
    try:  # bad input: the form again, with the message and the proper status
        text = _question_text().replace("\r\n", "\n").strip()
        if not text:
            raise BadInput("La question est vide : collez un texte ou choisissez un fichier.")
        if len(text) > MAX_QUESTION_CHARS:
            raise BadInput(f"Question trop longue ({render.fr_number(len(text))} caractères, maximum "
                           f"{render.fr_number(MAX_QUESTION_CHARS)}).", 413)
    except BadInput as exc:
        return render_template("question.html", text=text[:MAX_QUESTION_CHARS], result=None, max_mb=max_mb,
                               error=exc.description), exc.code
    notes = []
    analyzed = text
    if len(text) > MAX_ANALYZED_CHARS:
        analyzed = text[:MAX_ANALYZED_CHARS].rsplit(None, 1)[0]
        notes.append(f"Question longue : seuls les {render.fr_number(len(analyzed))} premiers caractères (sur "
                     f"{render.fr_number(len(text))}) ont été analysés.")
    cfg = current_app.config
    seconds = cfg["ANALYSIS_SECONDS"]
    try:
        # the worker's SQL gets more time: an abandoned analysis may still build the draft index for the next ones
        result = run_bounded(cfg["ANALYZER"], analyzed,
                             lambda: open_kb(cfg["KB_PATH"], cfg["READ_ONLY"] or None, 6 * seconds), seconds)
    except Busy:
        raise BadInput("Le serveur analyse déjà d'autres questions : réessayez dans un instant.", 503) from None
    if result.get("timed_out"):
        notes.append(f"L'analyse a dépassé {render.fr_number(seconds)} s et a été abandonnée : réessayez, ou "
                     "raccourcissez la question.")
    for m in result.get("entities") or []:
        m["reading"] = render.format_value(m["label"], m.get("value"))
    draft = result.get("draft")
    if draft:
        draft["html"] = render.draft_html(draft["text"])
        for s in draft["sources"]:
            s["known"] = bool(s.get("id")) and kb().document(str(s["id"])) is not None
    return render_template("question.html", text=text, result=result, draft=draft, notes=notes,
                           max_mb=max_mb)


def export():
    text = (request.form.get("draft") or "").replace("\r\n", "\n")
    fmt = request.form.get("format") or "md"
    question = (request.form.get("question") or "").strip()[:MAX_EXPORT_QUESTION] or None
    header = {k: request.form.get(f"header_{k}", "")[:200] for k in ("number", "author", "date")}
    header = {k: v for k, v in header.items() if v}
    if not text.strip():
        raise BadInput("Rien à exporter : le projet de réponse est vide.")
    if fmt == "md":
        body = draft_markdown(text, header, question)
        name = export_filename(header, "md")
        return Response(body if body.endswith("\n") else body + "\n", mimetype="text/markdown; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})
    if fmt == "docx":
        data = draft_docx(text, header, question)
        return Response(data, mimetype="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        headers={"Content-Disposition": f'attachment; filename="{export_filename(header, "docx")}"'})
    raise BadInput(f"Format d'export inconnu : « {fmt[:20]} » (md ou docx).")


pages.add_url_rule("/", "search", search)
pages.add_url_rule("/document", "document", document)
pages.add_url_rule("/document/<path:doc_id>", "document_path", document)
pages.add_url_rule("/entites", "entities", entities)
pages.add_url_rule("/entite/<path:entity_id>", "entity", entity)
pages.add_url_rule("/chiffres", "figures", figures)
pages.add_url_rule("/question", "question", question, methods=["GET", "POST"])
pages.add_url_rule("/question/export", "export", export, methods=["POST"])
