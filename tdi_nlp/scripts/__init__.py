"""Scripts that build resources and demo files (run with python -m tdi_nlp.scripts.NAME)."""
