"""Widgets of the ledger dock."""
