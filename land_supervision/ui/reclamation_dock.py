"""Dock panel of the Reclamation acceptance tool."""

from __future__ import annotations

from .dock_base import ToolDock


class ReclamationDock(ToolDock):
    OBJECT_NAME = "LandSupervisionReclamationDock"
    TITLE = "Reclamation acceptance"
