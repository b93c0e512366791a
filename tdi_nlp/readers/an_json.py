"""Assemblée nationale open-data JSON: questions au gouvernement (QG), written (QE) and oral (QOSD) questions.

Metadata keeps number, legislature, type, rubrique, analyse, author reference and group, ministry questioned and
attributed and JO dates. The question and the answer become separate sections; a QG transcript is split by speaker
turns, the chair's lines and the interjections of other deputies dropped.
"""
from __future__ import annotations

import json
import re

from bs4 import BeautifulSoup, NavigableString, Tag

from ..document import Document, Section
from .base import ReaderError

KIND_BY_TYPE = {"QG": "government_question", "QE": "written_question", "QOSD": "oral_question"}
_CHAIR = re.compile(r"^(M\.|Mme) (le|la) président", re.I)
_STAGE = re.compile(
    r"\((?=[^()]{0,300}\b(?:[Aa]pplaudissements|[Ee]xclamations|[Pp]rotestations|[Rr]ires|[Mm]urmures|[Ss]ourires|"
    r"[Hh]uées|[Bb]ruit|[Ii]nterruptions?|[Vv]ives|[Mm]ouvements)\b)[^()]{0,300}\)")


_CIVILITY = re.compile(r"^\s*(?:M\.|Mme|Monsieur|Madame)\s", re.I)
_LEADING_STAGE = re.compile(r"^\s*\([^()]*\)\s*")


def _get(d, *keys):
    for k in keys:
        if not isinstance(d, dict):
            return None
        d = d.get(k)
    return d


def _scalar(x):
    """Metadata value as text: strings and numbers kept, a list joined, an object (where text is expected) None."""
    if isinstance(x, list):
        parts = [_scalar(v) for v in x]
        return "; ".join(p for p in parts if p) or None
    if isinstance(x, bool) or x is None or isinstance(x, dict):
        return None
    return x if isinstance(x, str) else str(x)


def _first(x):
    return x[0] if isinstance(x, list) and x else x


def _clean(s: str) -> str:
    s = _STAGE.sub("", s)
    s = re.sub(r"[ \t]+", " ", s)
    return "\n".join(line.strip() for line in s.split("\n") if line.strip())


def _html_text(html: str) -> str:
    soup = BeautifulSoup(html or "", "html.parser")
    for br in soup.find_all("br"):
        br.replace_with("\n")
    return _clean(soup.get_text())


def split_turns(html: str) -> tuple[str | None, list[tuple[str, str | None, str]]]:
    """(title, [(speaker, role, text)]) of a sitting transcript; stage directions removed."""
    soup = BeautifulSoup(html or "", "html.parser")
    title = None
    center = soup.find("p", attrs={"align": re.compile("center", re.I)})
    if center:
        title = " ".join(center.get_text(" ").split()) or None
        center.decompose()
    turns: list[list] = []  # [speaker, role, parts]
    for node in soup.descendants:
        if isinstance(node, Tag):
            if node.name == "br" and turns:
                turns[-1][2].append("\n")
            elif node.name == "strong":
                turns.append([" ".join(node.get_text(" ").split()), None, []])
            continue
        if not isinstance(node, NavigableString) or node.find_parent("strong"):
            continue
        text = str(node)
        if not turns:
            continue
        italic = node.find_parent("i")
        speaker, role, parts = turns[-1]
        if italic is not None and speaker.endswith(",") and role is None and not "".join(parts).strip():
            turns[-1][1] = " ".join(text.split()).strip(" .") or None
            continue
        if italic is not None and text.strip().startswith("("):
            # a stage direction; with unbalanced <i> tags the speech after it may sit in the same italic node
            text = _LEADING_STAGE.sub("", text, count=1)
        if italic is not None and not text.strip():
            continue
        parts.append(text)
    with_office = {_name_key(t[0]) for t in turns if t[1]}  # speakers whose office was given in italics
    out = []
    for speaker, role, parts in turns:
        speaker = speaker.strip().rstrip(".,").strip()
        name, _, inline_role = speaker.partition(",")
        if inline_role.strip(" .") and _CIVILITY.match(name):
            # The office inside the bold tag ("M. Christophe Béchu, ministre."): the same member of the government
            # as in the italic-office turns; a minister's interjection during the question stays an interjection.
            speaker = name.strip()
            if role is None and (_name_key(name) in with_office or not with_office):
                role = " ".join(inline_role.split()).strip(" .")
        body = _clean("".join(parts))
        if body:
            out.append((speaker, role, body))
    return title, out


_GIVES_FLOOR = re.compile(r"parole est à\s+(?:M\.|Mme|Monsieur|Madame)?\s*([^,.;:!?]+)", re.I)


def _name_key(speaker: str) -> str:
    """A speaker's name without civility or trailing office, folded: "M. Andy Kerbrat," -> "andy kerbrat"."""
    name = re.sub(r"^(?:M\.|Mme|Monsieur|Madame)\s+", "", speaker.strip(), flags=re.I)
    return " ".join(name.split(",")[0].split()).lower()


def _called(chair_text: str) -> str | None:
    """The name of whom the chair gives the floor to ("La parole est à M. Andy Kerbrat."), folded."""
    m = _GIVES_FLOOR.search(chair_text)
    return " ".join(m.group(1).split()).lower() if m else None


INTERJECTION_CHARS = 100  # a shorter turn of the author after the answer is an interjection


def _merge(blocks):
    """Join consecutive turns of the same kind and speaker (an interjection between them was dropped)."""
    out = []
    for kind, label, body in blocks:
        if out and out[-1][0] == kind and label and out[-1][1] and label.split(",")[0] == out[-1][1].split(",")[0]:
            out[-1] = (kind, out[-1][1], out[-1][2] + "\n" + body)
        else:
            out.append((kind, label, body))
    return out


def _assemble(title, blocks):
    """Join (kind, label, text) blocks into text with sections."""
    parts, sections, pos = [], [], 0
    if title:
        parts.append(title)
        pos = len(title)
    for kind, label, body in blocks:
        for piece in ([label] if label else []) + [body]:
            if parts:
                parts.append("\n\n")
                pos += 2
            start = pos
            parts.append(piece)
            pos += len(piece)
        sections.append(Section(kind, start, pos, label))
    return "".join(parts), sections


def read(text: str, key: str, path: str) -> Document:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReaderError(f"invalid JSON: {exc.msg} at line {exc.lineno}") from exc
    q = data.get("question") if isinstance(data, dict) else None
    if not isinstance(q, dict) or not isinstance(q.get("uid"), str) or not q["uid"].strip():
        raise ReaderError("not an Assemblée nationale question (no question.uid): use .jsonl for other JSON documents")
    qtype: str = q["type"] if isinstance(q.get("type"), str) else ""
    min_att = _first(_get(q, "minAttribs", "minAttrib"))
    answer = _first(_get(q, "textesReponse", "texteReponse"))
    question = _first(_get(q, "textesQuestion", "texteQuestion"))
    meta = {
        "uid": q["uid"],
        "number": _get(q, "identifiant", "numero"),
        "legislature": _get(q, "identifiant", "legislature"),
        "type": qtype,
        "rubrique": _get(q, "indexationAN", "rubrique"),
        "analyse": _get(q, "indexationAN", "analyses", "analyse"),
        "tete_analyse": _get(q, "indexationAN", "teteAnalyse"),
        "author_ref": _get(q, "auteur", "identite", "acteurRef"),
        "author_group": _get(q, "auteur", "groupe", "abrege"),
        "author_group_name": _get(q, "auteur", "groupe", "developpe"),
        "minister_questioned": _get(q, "minInt", "abrege"),
        "ministry_questioned": _get(q, "minInt", "developpe"),
        "minister_attributed": _get(min_att, "denomination", "abrege"),
        "ministry_attributed": _get(min_att, "denomination", "developpe"),
        "question_jo_date": _get(question, "infoJO", "dateJO"),
        "question_jo_page": _get(question, "infoJO", "pageJO"),
        "answer_jo_date": _get(answer, "infoJO", "dateJO"),
        "answer_jo_page": _get(answer, "infoJO", "pageJO") or _get(q, "cloture", "infoJO", "pageJO"),
    }
    meta = {k: _scalar(v) for k, v in meta.items()}  # a JSON object where text is expected is dropped
    blocks: list[tuple[str, str | None, str]] = []
    title = meta.get("analyse")
    question = question if isinstance(question, dict) and isinstance(question.get("texte"), str) else None
    answer = answer if isinstance(answer, dict) and isinstance(answer.get("texte"), str) else None
    if question and question.get("texte"):
        blocks.append(("question", None, _html_text(question["texte"])))
    if answer and answer.get("texte"):
        if qtype == "QG" or "<strong>" in answer["texte"]:
            title_t, turns = split_turns(answer["texte"])
            title = title_t or title
            author, answered, called = None, False, None
            speakers = [_name_key(t[0]) for t in turns]
            for n, (speaker, role, body) in enumerate(turns):
                if _CHAIR.match(speaker):
                    called = _called(body) or called
                    continue
                if (author is None and not answered and not role and called and _name_key(speaker) != called
                        and called in speakers[n + 1:]):
                    continue  # another deputy's interjection before the one given the floor speaks
                if role:  # a member of the government, named with their office
                    answered = True
                    meta.setdefault("answered_by", speaker)
                    meta.setdefault("answered_by_role", role)
                    blocks.append(("answer", f"{speaker}, {role}", body))
                elif author is None and not answered:
                    author = speaker
                    meta["author"] = speaker
                    blocks.append(("question", speaker, body))
                elif speaker == author and (not answered or len(body) >= INTERJECTION_CHARS):
                    blocks.append(("followup" if answered else "question", speaker, body))
            blocks = _merge(blocks)
        else:
            blocks.append(("answer", None, _html_text(answer["texte"])))
    if not blocks:
        raise ReaderError("question without text")
    body, sections = _assemble(title, blocks)
    date = meta["answer_jo_date"] or meta["question_jo_date"]
    return Document(id=q["uid"], text=body, source=path, format="an_json", kind=KIND_BY_TYPE.get(qtype, "other"),
                    date=date, metadata={k: v for k, v in meta.items() if v not in (None, "")}, sections=sections)
