"""Save dialogs start in the folder last used for that kind of file."""

from __future__ import annotations

from qgis.PyQt.QtWidgets import QFileDialog

from land_supervision.ui import file_dialogs


def test_save_dialog_starts_where_the_last_one_saved(tmp_path, monkeypatch):
    seen = []

    def fake(parent, title, start, file_filter, **kwargs):
        seen.append(start)
        return str(tmp_path / "reports" / "a.pdf"), file_filter

    (tmp_path / "reports").mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    assert file_dialogs.save_path(None, "t", "PDF (*.pdf)", "test-kind", "x.pdf") == str(tmp_path / "reports" / "a.pdf")
    file_dialogs.save_path(None, "t", "PDF (*.pdf)", "test-kind", "x.pdf")
    assert seen[1] == str(tmp_path / "reports" / "x.pdf")  # the folder remembered, the suggested name
    assert file_dialogs.last_folder("another-kind") != str(tmp_path / "reports")  # per kind of file


def test_a_cancelled_dialog_changes_nothing(tmp_path, monkeypatch):
    file_dialogs.remember_folder("cancel-kind", str(tmp_path / "f.pdf"))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    assert file_dialogs.save_path(None, "t", "PDF (*.pdf)", "cancel-kind") == ""
    assert file_dialogs.last_folder("cancel-kind") == str(tmp_path)
