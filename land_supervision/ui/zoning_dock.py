"""Dock panel of the Ecological zoning tool."""

from __future__ import annotations

from .dock_base import ToolDock


class ZoningDock(ToolDock):
    OBJECT_NAME = "LandSupervisionZoningDock"
    TITLE = "Ecological zoning"
