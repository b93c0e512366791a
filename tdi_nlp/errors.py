"""Errors the command line turns into one line and an exit status of their own (see tdi_nlp/cli.py)."""
from __future__ import annotations


class ModelError(Exception):
    """A trained model is missing or cannot be used with the installed libraries (exit status 3)."""


class ModelMissing(ModelError, FileNotFoundError):
    """A trained model file is absent."""
