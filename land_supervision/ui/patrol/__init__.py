"""Widgets of the patrol dock panel."""
