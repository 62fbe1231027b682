"""The seam to the quota ledger: the credit(s) an accepted project earns, and posting them once.

Credits (docs/reclamation.md, Ledger credit): linkage surplus (节余指标) = confirmed new area - area used by the
paired 建新/安置 plots; compensation quota (补充耕地指标) by component: new 耕地 area, of it 水田 area, and grain
capacity (the recorded 确认新增 split of the area-chain table where given, else the new 耕地 the run accepted).
A project declared for both (ZBLX 两者/both) earns both credits from one batch, as the seeds' 2022 batch did
(340亩 of each). Posting goes through ``core.ledger`` (``open_ledger(uri).post_reclamation_credit(...)``); a
project credited before with that quota kind is refused by the ledger (DuplicateCreditError) and reported.
The dock posts through the Processing algorithm ``landsupervision:reclamationcredits``, which calls
:func:`post_credits`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ...constants import RECLAMATION_PROJECT_VERDICT_FIELD
from ..ledger import DuplicateCreditError, open_ledger
from ..messages import Message
from .codes import ACCEPTED
from .summary import ProjectSummary

LINKAGE = "linkage_surplus"
COMPENSATION = "compensation"
BOTH = "both"


@dataclass(frozen=True)
class Credit:
    project_id: str
    quota_kind: str
    amounts: dict[str, Decimal]
    year: int
    town: str


def _d(value: float, places: str = "0.01") -> Decimal:
    return Decimal(repr(float(value))).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def project_credits(summary: ProjectSummary, default_year: int) -> list[Credit]:
    """The credits of one project: none unless its verdict is 合格, and only positive amounts.

    The kind is the project's declared quota kind (ZBLX: linkage surplus, compensation or both), else linkage
    surplus for a project with paired 建新/安置 area recorded, else compensation. The ledger takes each kind
    once per project.
    """
    if summary.verdict != ACCEPTED or summary.quota_kind not in (LINKAGE, COMPENSATION, BOTH):
        return []
    year = summary.year or default_year
    out = []
    if summary.quota_kind in (LINKAGE, BOTH) and summary.linkage_surplus_mu > 0.005:
        out.append(Credit(summary.project_id, LINKAGE, {"area": _d(summary.linkage_surplus_mu)}, year,
                          summary.town))
    if summary.quota_kind in (COMPENSATION, BOTH) and summary.credited_total > 0.005:
        out.append(Credit(summary.project_id, COMPENSATION, {
            "cultivated_area": _d(summary.credited_total),
            "paddy_area": _d(summary.credited_mu.get("0101", 0.0)),
            "grain_capacity": _d(summary.grain_capacity_kg, "1")}, year, summary.town))
    return out


def summary_from_row(row: dict) -> ProjectSummary:
    """A ProjectSummary rebuilt from one feature of the acceptance's OUTPUT_PROJECTS (for posting later)."""
    def num(key):
        value = row.get(key)
        try:
            return 0.0 if value is None or value != value else float(value)
        except (TypeError, ValueError):
            return 0.0

    year = row.get("YSND")
    s = ProjectSummary(str(row.get("XMBH") or ""), str(row.get("XMMC") or ""), str(row.get("XZQMC") or ""),
                       str(row.get("XZQDM") or ""), int(year) if year not in (None, "") and year == year else None)
    s.verdict = str(row.get(RECLAMATION_PROJECT_VERDICT_FIELD) or "")
    s.new_cultivated_mu = {"0101": num("SDMJ"), "0102": num("SJDMJ"), "0103": num("HDMJ")}
    credited = {"0101": "RZSDMJ", "0102": "RZSJDMJ", "0103": "RZHDMJ"}
    s.credited_mu = ({k: num(name) for k, name in credited.items()} if any(name in row for name in credited.values())
                     else dict(s.new_cultivated_mu))  # an output written before the area-chain split
    s.linkage_surplus_mu = num("JYZBMJ")
    s.grain_capacity_kg = num("LSCN_KG")
    s.confirmed_mu, s.paired_mu = num("QRMJ"), num("JXAZMJ")
    s.quota_kind = str(row.get("ZBLX") or "")
    return s


@dataclass
class PostOutcome:
    credit: Credit
    posted: bool
    message: Message


def post_credits(credits: list[Credit], evidence: str, ledger=None, uri: str = "",
                 is_canceled=None) -> list[PostOutcome]:
    """Post each credit to ``ledger`` (or ``open_ledger(uri)``); a duplicate is refused, not raised.

    ``is_canceled()`` is asked before each credit: credits already posted stay posted (each is a complete
    entry of its own), the rest are not posted. Other ledger errors (LedgerError) are raised.
    """
    opened = None
    if ledger is None:
        ledger = opened = open_ledger(uri)
    try:
        return _post_all(ledger, credits, evidence, is_canceled)
    finally:
        if opened is not None:
            opened.close()


def _post_all(ledger, credits: list[Credit], evidence: str, is_canceled=None) -> list[PostOutcome]:
    out = []
    for credit in credits:
        if is_canceled is not None and is_canceled():
            break
        try:
            ledger.post_reclamation_credit(credit.project_id, credit.quota_kind, dict(credit.amounts), credit.year,
                                           evidence, town=credit.town)
        except DuplicateCreditError:
            out.append(PostOutcome(credit, False, Message(
                f"项目 {credit.project_id} 已入账（{credit.quota_kind}），不重复入账",
                f"project {credit.project_id} was credited already ({credit.quota_kind}): not posted again")))
            continue
        out.append(PostOutcome(credit, True, Message(f"项目 {credit.project_id} 入账 {credit.quota_kind}",
                                                     f"project {credit.project_id} credited ({credit.quota_kind})")))
    return out
