"""QGIS tests: the docks' results GeoPackage dialog answered with a file in the test's folder."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def results_file_in_tmp(tmp_path, monkeypatch):
    """A dock run in an unsaved project asks where to save its results: here, ``<tmp_path>/results.gpkg``."""
    from land_supervision.ui import results_store

    asked = []

    def answer(parent, suggested):
        asked.append(suggested)
        return str(tmp_path / "results.gpkg")

    monkeypatch.setattr(results_store, "ask_path", answer)
    return asked
