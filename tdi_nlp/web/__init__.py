"""Local web page for staff (issue 7): search, documents, entities, figures over time, "Nouvelle question".

``create_app(kb_path)`` returns the Flask application; ``tdi-nlp serve --kb FILE`` runs it on 127.0.0.1.
"""
from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
