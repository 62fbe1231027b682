"""Dock panel of the Satellite-patrol reconciliation tool."""

from __future__ import annotations

from .dock_base import ToolDock


class PatrolDock(ToolDock):
    OBJECT_NAME = "LandSupervisionPatrolDock"
    TITLE = "Satellite-patrol reconciliation"
