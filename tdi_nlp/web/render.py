"""HTML fragments built server-side: highlighted text (displaCy), values, snippets, the timeline chart (SVG)."""
from __future__ import annotations

import html
import math
import re
from datetime import date as Date

from flask import url_for
from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from ..text_utils import fold, format_date_fr

# Background colours of the labels in the text (displaCy "colors" option) and their French names.
COLORS = {"DATE": "#bfe1f5", "DURATION": "#d5ecf7", "MONEY": "#c8ecc0", "COUNT": "#fbe7a1", "PERCENT": "#f3c9ec",
          "TERRITORY": "#c9d4fb", "PERSON": "#fbc7c0", "ORG": "#e1cdf9", "PROGRAMME": "#d9f2b4"}
LABELS = {"DATE": "Date", "DURATION": "Durée", "MONEY": "Montant", "COUNT": "Nombre", "PERCENT": "Pourcentage",
          "TERRITORY": "Territoire", "PERSON": "Personne", "ORG": "Organisation", "PROGRAMME": "Programme"}
KINDS = {"written_question": "Question écrite", "oral_question": "Question orale",
         "government_question": "Question au Gouvernement", "press_release": "Communiqué de presse",
         "minutes": "Compte rendu", "web_page": "Page web", "report": "Rapport", "speech": "Discours",
         "circular": "Circulaire", "statement": "Déclaration", "text": "Texte", "other": "Autre"}
SECTIONS = {"question": "Question", "answer": "Réponse", "heading": "Titre", "body": "Corps",
            "metadata": "Métadonnées", "title": "Titre"}
TAXONOMIES = {"tdi": "Thème Territoires d'industrie", "rubrique": "Rubrique"}


def label_name(label: str) -> str:
    return LABELS.get(label, label)


def kind_name(kind: str | None) -> str:
    return KINDS.get(kind or "", (kind or "").replace("_", " ") or "—")


def fr_number(x) -> str:
    """1 000 000 000 / 2,5 (French separators)."""
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        return str(x)
    if float(x).is_integer():
        return f"{int(x):,}".replace(",", "\u202f")
    return f"{x:,.2f}".rstrip("0").rstrip(".").replace(",", "\u202f").replace(".", ",")


def fr_date(iso: str | None) -> str:
    """"2019-09-24" -> "24 septembre 2019" (partial dates kept as they are)."""
    return format_date_fr(iso, missing="sans date")


def format_value(label: str, value) -> str:
    """A short French reading of a mention's normalized value."""
    if not isinstance(value, dict):
        return "" if value is None else str(value)
    if "count" in value:
        n = "nombre non précisé" if value["count"] is None else fr_number(value["count"])
        if value.get("count_max") is not None:
            n += " à " + fr_number(value["count_max"])
        return ("≈ " if value.get("approx") else "") + n + (f" ({value['unit']})" if value.get("unit") else "")
    if "amount" in value:
        currency = value.get("currency") or ""
        cur = {"EUR": "€", "USD": "$"}.get(currency, currency)
        qual = {">": "plus de ", "<": "moins de ", "~": "environ ", ">=": "au moins ", "<=": "au plus "}
        if value["amount"] is None:  # "plusieurs centaines de millions d'euros"
            return f"montant non précisé {cur}".strip()
        return qual.get(value.get("qualifier") or "", "") + f"{fr_number(value['amount'])} {cur}".strip()
    if "percent" in value:
        return f"{fr_number(value['percent'])} %"
    if "start" in value and label in ("DATE", "DURATION"):
        start, end = value.get("start"), value.get("end")
        return fr_date(start) + (f" → {fr_date(end)}" if end and end != start else "")
    for key in ("name", "canonical_name"):
        if value.get(key):
            extra = [str(value[k]) for k in ("kind", "code", "office", "group") if value.get(k)]
            return value[key] + (f" ({', '.join(extra)})" if extra else "")
    return ", ".join(f"{k} : {v}" for k, v in value.items() if v not in (None, "", [], {}) and k != "mention")[:200]


def plain(value) -> str:
    """A metadata value for people: dicts as "key : value" pairs, lists joined, None as a dash."""
    if value is None or value == "":
        return "—"
    if isinstance(value, dict):
        return " · ".join(f"{k} : {plain(v)}" for k, v in value.items() if v not in (None, "", [], {}))
    if isinstance(value, (list, tuple)):
        return ", ".join(plain(v) for v in value)
    return fr_number(value) if isinstance(value, float) else str(value)


def doc_url(doc_id: str) -> str:
    """The link of a document page; the id goes in the query, so ids holding ".." or "/" survive browsers."""
    return url_for("pages.document", id=doc_id)


# The draft's own layout (headings, lists, quotes, emphasis, tables) and nothing else: no link, image, raw HTML,
# autolink, entity or code, so a KB passage holding "[x](http://...)", "![i](...)" or "<script>" stays text.
_DRAFT_MD = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table").disable(
    ["link", "image", "autolink", "html_inline", "html_block", "entity", "backticks", "fence", "code",
     "reference"])


def draft_html(text: str | None) -> Markup:
    """The Markdown draft as HTML: its layout rendered, the passages it quotes kept as escaped text."""
    return Markup(_DRAFT_MD.render(text or ""))


def snippet_html(snippet: str | None, terms=None) -> Markup:
    """An FTS5 snippet with [ ] marks -> escaped HTML with <mark>.

    terms: the words searched; then only a bracketed word equal to one of them (accents and case ignored) is a
    mark, so brackets of the text itself ("[logo]") stay text.
    """
    keys = None if terms is None else {fold(t) for t in terms}

    def mark(m: re.Match) -> str:
        if keys is None or fold(html.unescape(m.group(1))) in keys:
            return f"<mark>{m.group(1)}</mark>"
        return m.group(0)

    return Markup(re.sub(r"\[([^\[\]]*)\]", mark, str(escape(snippet or ""))))


def _choose(mentions: list[dict]) -> list[dict]:
    """Non-overlapping mentions (displaCy cannot nest): earliest first, then longest."""
    kept, last_end = [], -1
    for m in sorted(mentions, key=lambda m: (m["start"], -(m["end"] - m["start"]))):
        if m["start"] >= last_end and m["end"] > m["start"]:
            kept.append(m)
            last_end = m["end"]
    return kept


def segments(doc: dict) -> list[dict]:
    """Parts of the text to show under a heading: the PDF pages, else the sections, else the whole text."""
    n = len(doc["text"])
    if doc.get("pages"):
        return [{"title": f"Page {p['number']}", "start": p["start"], "end": p["end"], "page": p["number"]}
                for p in doc["pages"]]
    parts, pos = [], 0
    for s in sorted(doc.get("sections") or [], key=lambda s: s["start"]):
        if s["start"] < pos or s["end"] <= s["start"]:
            continue
        if s["start"] > pos:
            parts.append({"title": None, "start": pos, "end": s["start"]})
        parts.append({"title": s.get("title") or SECTIONS.get(s["kind"], s["kind"]), "start": s["start"],
                      "end": s["end"]})
        pos = s["end"]
    if pos < n:
        parts.append({"title": None, "start": pos, "end": n})
    return [p for p in parts if doc["text"][p["start"]:p["end"]].strip()] or [{"title": None, "start": 0, "end": n}]


def highlighted(doc: dict, mentions: list[dict], entity_url) -> list[dict]:
    """[{title, html}] for each segment of doc, its mentions highlighted by label with displaCy."""
    from spacy import displacy  # heavy (spaCy): only for a document page
    chosen = _choose(mentions)
    out = []
    for seg in segments(doc):
        a, b = seg["start"], seg["end"]
        ents = []
        for m in chosen:
            if m["start"] >= a and m["end"] <= b:
                ent = {"start": m["start"] - a, "end": m["end"] - a, "label": m["label"]}
                if m.get("entity_id"):
                    ent["kb_id"] = "↗"
                    ent["kb_url"] = str(escape(entity_url(m["entity_id"])))
                ents.append(ent)
        html = displacy.render({"text": doc["text"][a:b], "ents": ents, "title": None}, style="ent", manual=True,
                               options={"colors": COLORS}, jupyter=False)
        out.append({"title": seg["title"], "html": Markup(html)})
    return out


def _numeric(v):
    if isinstance(v, dict):
        v = v.get("count", v.get("amount", v.get("percent")))
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None


def _nice(x: float) -> float:
    """The smallest 1, 2 or 5 x 10^k not below x (axis steps)."""
    k = 10 ** math.floor(math.log10(x))
    return next(m * k for m in (1, 2, 5, 10) if m * k >= x)


def timeline_svg(points: list[dict], doc_url, width: int = 640, height: int = 260) -> Markup | None:
    """A small line chart of dated values (inline SVG); None when fewer than one dated numeric point."""
    pts = []
    for p in points:
        v = _numeric(p.get("value"))
        try:
            d = Date.fromisoformat(str(p.get("date") or "")[:10])
        except ValueError:
            continue
        if v is not None:
            pts.append((d, v, p))
    if not pts:
        return None
    pts.sort(key=lambda t: (t[0], -t[1]))
    left, right, top, bottom = 70, 45, 25, 50
    w, h = width - left - right, height - top - bottom
    d0, d1 = pts[0][0].toordinal(), pts[-1][0].toordinal()
    vmin = min(0.0, min(v for _, v, _ in pts))
    step = _nice((max(v for _, v, _ in pts) - vmin) / 4 or 1.0)
    vmax = vmin + step * max(1, math.ceil((max(v for _, v, _ in pts) - vmin) / step + 0.15))

    def x(d):
        return left + (w / 2 if d1 == d0 else (d.toordinal() - d0) / (d1 - d0) * w)

    def y(v):
        return top + h - (v - vmin) / (vmax - vmin) * h

    e = lambda s: str(escape(s))  # noqa: E731
    parts = [f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" role="img" aria-label="Évolution des valeurs">']
    v = vmin
    while v <= vmax + step / 2:
        parts.append(f'<line class="grid" x1="{left}" y1="{y(v):.1f}" x2="{left + w}" y2="{y(v):.1f}"/>'
                     f'<text class="tick" x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{e(fr_number(v))}</text>')
        v += step
    latest: dict[Date, float] = {}  # the line goes through the highest value of each date
    for d, v, _ in pts:
        latest[d] = max(v, latest.get(d, v))
    parts.append(f'<polyline class="line" points="{" ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in latest.items())}"/>')
    shown: dict[tuple[Date, float], bool] = {}
    placed: list[tuple[float, float]] = []
    last_x = None
    for d, v, p in pts:
        tip = f"{fr_number(v)} — {fr_date(d.isoformat())} — {p.get('text') or ''} ({p.get('doc_id') or ''})"
        dot = f'<circle class="dot" cx="{x(d):.1f}" cy="{y(v):.1f}" r="5"><title>{e(tip)}</title></circle>'
        if (d, v) not in shown:  # a value label above its dot, else below, else none (no overlaps)
            shown[(d, v)] = True
            for ly in (y(v) - 9, y(v) + 18):
                if all(abs(x(d) - ox) > 34 or abs(ly - oy) > 13 for ox, oy in placed):
                    placed.append((x(d), ly))
                    dot += (f'<text class="val" x="{x(d):.1f}" y="{ly:.1f}" text-anchor="middle">'
                            f'{e(fr_number(v))}</text>')
                    break
        if p.get("doc_id"):
            dot = f'<a href="{e(doc_url(p["doc_id"]))}">{dot}</a>'
        parts.append(dot)
        if last_x is None or x(d) - last_x >= 70:
            last_x = x(d)
            parts.append(f'<text class="tick" x="{x(d):.1f}" y="{top + h + 18}" text-anchor="middle">'
                         f'{e(d.strftime("%d/%m/%Y"))}</text>')
    parts.append(f'<line class="axis" x1="{left}" y1="{top + h}" x2="{left + w}" y2="{top + h}"/></svg>')
    return Markup("".join(parts))
