"""The panels speak one language at a time, QGIS's: in the English interface Chinese words only in parentheses
(a domain term) or as a unit, in the Chinese interface no English words (the ledger's posting form and history,
the zoning rule table's tooltips)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from qgis.PyQt.QtCore import QCoreApplication

from tests.conftest import ROOT

CJK = re.compile(r"[\u4e00-\u9fff]")
UNITS = {"亩", "元"}
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
LATIN_ALLOWED = {"kg", "YYYY", "MM", "DD"}  # units and the date pattern


def _outside_parentheses(text: str) -> str:
    return re.sub(r"\([^)]*\)|（[^）]*）", "", text)


def _texts(form, history) -> list[str]:
    """Every label, tooltip and list item the form and the history filters show."""
    from qgis.PyQt.QtWidgets import QComboBox, QLabel, QWidget

    texts = []
    for label in form.findChildren(QLabel):
        if label.objectName() != "ledgerValidation":
            texts.append(label.text())
    for widget in form.findChildren(QWidget) + history.findChildren(QWidget):
        texts.append(widget.toolTip())
        if isinstance(widget, QComboBox):
            texts.extend(widget.itemText(i) for i in range(widget.count()))
    return [t for t in texts if t]


@pytest.fixture(scope="module")
def compiled():
    """The .qm built from the current translations."""
    subprocess.run([sys.executable, str(ROOT / "scripts" / "i18n.py")], check=True, capture_output=True)


@pytest.fixture
def chinese(compiled):
    from land_supervision.translation import install_translator

    translator = install_translator("zh_CN")
    assert translator is not None
    yield
    QCoreApplication.removeTranslator(translator)


def _form_and_history(qgis_app):
    from land_supervision.ui.ledger.post_form import PostForm
    from land_supervision.ui.ledger.tables import HistoryPanel

    form = PostForm()
    form.txn.setCurrentIndex(form.txn.findData("purchase"))  # a type with several source tags and the trade fields
    return form, HistoryPanel()


def test_english_form_has_chinese_only_for_terms(qgis_app):
    from land_supervision.core.messages import set_language

    set_language("en")  # as install_translator chooses for an English QGIS
    form, history = _form_and_history(qgis_app)
    texts = _texts(form, history)
    assert "purchase" in texts and "sale / transfer out" in texts and "purchased" in texts
    for text in texts:
        bare = set(CJK.findall(_outside_parentheses(text))) - UNITS
        assert not bare, f"Chinese outside parentheses in the English form: {text!r}"


def test_chinese_form_has_no_english(qgis_app, chinese):
    form, history = _form_and_history(qgis_app)
    texts = _texts(form, history)
    assert "购入" in texts and "调出" in texts and "补充耕地：耕地数量（亩）" in texts
    for text in texts:
        words = set(LATIN_WORD.findall(text)) - LATIN_ALLOWED
        assert not words, f"English words in the Chinese form: {text!r}"


def test_history_names_quota_kinds_not_codes(qgis_app):
    from land_supervision.core.messages import set_language

    set_language("en")
    _form, history = _form_and_history(qgis_app)
    history.show_lines([{"entry_no": 3, "value_date": "2024-03-01", "txn_type": "allocation",
                         "kind": "compensation", "component": "paddy_area", "amount": 125000,
                         "project_name": "", "project_id": "P1", "reverses": None}])
    row = [history.table.item(0, c).text() for c in range(history.table.columnCount())]
    assert row[2] == "allocation to a project"
    assert row[3] == "cultivated-land compensation quota: paddy area"
    assert row[4] == "12.50"


def _wind_tooltip(qgis_app) -> str:
    from land_supervision.core.zoning.rules import load_rules
    from land_supervision.ui.zoning.rule_table import RuleTable

    table = RuleTable()
    rules = load_rules()
    table.show_rules(rules)
    return table.verticalHeaderItem(rules.activities.index("风电")).toolTip()


def test_rule_table_tooltip_in_english(qgis_app):
    from land_supervision.core.messages import set_language

    set_language("en")
    tip = _wind_tooltip(qgis_app)
    assert tip.startswith("Offshore wind farm\nBasis: ") and "394号" in tip and "依据" not in tip


def test_rule_table_tooltip_in_chinese(qgis_app, chinese):
    tip = _wind_tooltip(qgis_app)
    assert tip.startswith("依据：") and "394号" in tip and "Offshore" not in tip and "Basis" not in tip


def test_panel_source_texts_keep_chinese_in_parentheses():
    """The English source texts of the patrol and reclamation panels' pickers, tooltips and table headers: a Chinese
    term only in parentheses after its English words (or a unit), so the English interface reads as English."""
    from land_supervision.ui.patrol import inputs as patrol_inputs
    from land_supervision.ui.patrol import results as patrol_results
    from land_supervision.ui.reclamation import inputs_form, results_view

    texts = [label for _key, label, _filter, _optional in patrol_inputs.PICKERS]
    texts += list(patrol_inputs.TOOLTIPS.values())
    texts += [header for _field, header, _numeric in patrol_results.COLUMNS]
    texts += [t for _key, label, tip, _optional, _filter in inputs_form.LAYERS for t in (label, tip)]
    texts += [header for _field, header in results_view.PLOT_COLUMNS + results_view.PROJECT_COLUMNS]
    assert len(texts) > 30
    bare = [t for t in texts if set(CJK.findall(_outside_parentheses(t))) - UNITS]
    assert bare == []
