"""Dock panel of the Quota ledger tool."""

from __future__ import annotations

from .dock_base import ToolDock


class LedgerDock(ToolDock):
    OBJECT_NAME = "LandSupervisionLedgerDock"
    TITLE = "Quota ledger"
