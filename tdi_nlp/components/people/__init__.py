"""PERSON: office-holder knowledge base (kb), candidate generation (candidates), the tdi_persons component."""
