"""ORG and PROGRAMME: the tdi_orgs component."""
