"""Writes on clients, one module per sub-concern: clients, intake, conflicts, disclosures, powers, terms."""
