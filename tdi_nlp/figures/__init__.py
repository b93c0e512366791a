"""Figure analysis on top of the knowledge base: dated values of a thing (timelines), euro amounts, and which
figures a newer value supersedes. It reads the KB through KnowledgeBase methods only (no SQL); drafting and the web
page use it.

``timeline(kb, "territoires d'industrie")``, ``latest(values)``, ``stale_figures(kb, passages)``,
``today_figure(kb, request_clause, kind)``.
"""
from __future__ import annotations

from .dated import latest, timeline
from .superseded import stale_figures
from .today import today_figure

__all__ = ["latest", "stale_figures", "timeline", "today_figure"]
