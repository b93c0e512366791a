"""TERRITORY: gazetteer and candidate generation (candidates) kept apart from the linker (component)."""
