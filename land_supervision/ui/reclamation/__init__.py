"""Widgets of the reclamation dock panel."""
