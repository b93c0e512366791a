"""No paragraph of a speaker kept in an AN question-au-gouvernement transcript is dropped (all 533 files)."""
from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from tdi_nlp.readers import an_json, read_path

WORD = re.compile(r"\w{4,}")


def _paragraphs(html: str):
    """(speaker, text) of every <br>-separated paragraph, the office after the name and stage directions removed."""
    speaker = ""
    for seg in re.split(r"<br\s*/?>|</p>", html):
        soup = BeautifulSoup(seg, "html.parser")
        strong = soup.find("strong")
        if strong:
            speaker = " ".join(strong.get_text(" ").split())
            office = strong.find_next_sibling()
            if office is not None and office.name == "i" and speaker.endswith(","):
                office.decompose()
            strong.decompose()
        text = re.sub(r"\([^()]*\)", " ", soup.get_text(" "))
        yield speaker, " ".join(text.split())


def test_every_paragraph_of_a_kept_speaker_is_in_a_section(shared_dir):
    folder = shared_dir / "data" / "corpora" / "an-qag-l16" / "json"
    if not folder.is_dir():
        pytest.skip("../shared/data/corpora/an-qag-l16 is absent")
    missing = []
    for path in sorted(folder.glob("*.json")):
        doc = read_path(path, folder).documents[0]
        answer = an_json._first(an_json._get(json.loads(path.read_text(encoding="utf-8"))["question"],
                                             "textesReponse", "texteReponse"))
        if not isinstance(answer, dict) or not answer.get("texte"):
            continue
        kept = {an_json._name_key(s.title) for s in doc.sections if s.title}
        have = set(WORD.findall(" ".join(doc.text[s.start:s.end] for s in doc.sections).lower()))
        for speaker, text in _paragraphs(answer["texte"]):
            if len(text) < 60 or an_json._name_key(speaker) not in kept:
                continue
            words = set(WORD.findall(text.lower()))
            if len(words & have) < 0.9 * len(words):
                missing.append(f"{path.name}: {speaker} | {text[:80]}")
    assert not missing, "\n".join(missing[:20])
