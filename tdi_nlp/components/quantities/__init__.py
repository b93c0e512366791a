"""MONEY, COUNT and PERCENT: French number grammar, count units, the tdi_quantities component."""
