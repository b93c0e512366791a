"""The knowledge base: schema, writer and queries (it knows nothing of spaCy)."""
from .queries import KnowledgeBase

__all__ = ["KnowledgeBase"]
