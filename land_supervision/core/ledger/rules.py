"""Every posting rule of the ledger, in one place: an Entry plus the ledger state -> journal lines or a refusal.

Rules (codes in the raised RuleViolation):
- ``type``        the transaction type is known;
- ``lines``       kinds/components are known, amounts positive; a compensation entry carries its three
                  components together (耕地数量 > 0, 水田规模 <= 耕地数量, 粮食产能 >= 0);
- ``source``      the source tag is allowed for the type (grant: 下达/盘活; award: 奖励; ...);
- ``required``    particulars the type needs (allocation: project and approval batch; purchase and transfer
                  out: counterparty, region, price; reclamation credit: project; advance: evidence);
- ``year`` / ``date``  a quota year 1990-2100 and an ISO date;
- ``negative``    no balance of a kind/component goes below zero (quota is only added by an entry: a
                  recorded advance is the one way to use quota not yet granted);
- ``repay``       a repayment is at most what is owed on advances of that kind;
- ``duplicate``   one reclamation credit per project and quota type (DuplicateCreditError): one batch may
                  credit both 节余指标 and 补充耕地 (the seeds' 2022 batch: 340亩 of each), each once;
- ``reversal``    a reversal names an existing entry that is not a reversal and not yet reversed, and
                  passes the balance and owed rules like any posting; an inflow whose lot has been drawn on
                  is reversed only after the outflows that drew on it;
- ``lots``        an inflow is a lot (core/ledger/lots.py): its own id (not L<number>, not used before),
                  耕地质量等别 1-15 for compensation quota, and for an advance its term (预支 / 承诺兑现 /
                  周转指标) and due date (on or after its date; a commitment must give one); an outflow draws
                  each amount from the lots it names (in that order) or the oldest first, never more than a
                  lot has left: the draws are written into its journal lines (hash-chained).
"""

from __future__ import annotations

import hashlib
from typing import Protocol

import shapely

from ..messages import Message
from ..values import ValueRefused, parse_amount, parse_date, parse_int
from .errors import DuplicateCreditError, LedgerError, RuleViolation
from .lots import LOT_ID_PATTERN, TERMS, lot_text
from .model import COMPONENTS, KINDS, SOURCES, TXN_TYPES, Entry, from_units, to_units

CREDIT_KINDS = ("linkage_surplus", "compensation")
REQUIRED_NAMES = {
    "project_id": ("项目编号", "project id"), "batch_no": ("批次号(审批批次)", "approval batch no."),
    "counterparty": ("交易对方", "counterparty"), "region": ("地区", "region"), "price": ("价格", "price"),
    "evidence": ("依据文件", "evidence"), "reverses": ("被冲正分录号", "entry to reverse"),
}


class LedgerState(Protocol):
    """What the rules read, inside the posting transaction (the store holds the write lock)."""

    def totals(self) -> dict[tuple[str, str], tuple[int, int]]: ...  # (balance, owed) in units

    def entry_lines(self, entry_no: int) -> list[dict]: ...

    def is_reversed(self, entry_no: int) -> bool: ...

    def has_credit(self, project_id: str, kind: str | None = None) -> bool: ...  # of that kind (None: any)

    def lots(self): ...  # the LotBook of the journal as it stands


def _fail(code: str, zh: str, en: str, what=None, **values) -> RuleViolation:
    """A refusal; ``what`` may be a (Chinese, English) pair put into each language's text."""
    if isinstance(what, tuple):
        return RuleViolation(Message(zh.format(what=what[0], **values), en.format(what=what[1], **values)), code)
    return RuleViolation(Message(zh, en).format(**values), code)


def _kind_label(kind: str, comp: str) -> tuple[str, str]:
    zh, en, _ = KINDS[kind]
    czh, cen, _unit = COMPONENTS[comp]
    return f"{zh}·{czh}", f"{en} {cen}"


def check_type(entry: Entry):
    if entry.txn_type not in TXN_TYPES:
        raise _fail("type", "未知交易类型 '{t}'", "unknown transaction type '{t}'", t=entry.txn_type)
    return TXN_TYPES[entry.txn_type]


def check_lines(entry: Entry) -> dict[tuple[str, str], int]:
    """Magnitudes in units per (kind, component), validated."""
    if not entry.amounts:
        raise _fail("lines", "分录没有任何指标数量", "the entry has no amounts")
    units: dict[tuple[str, str], int] = {}
    for key, value in entry.amounts.items():
        kind, comp = key
        if kind not in KINDS:
            raise _fail("lines", "未知指标类型 '{k}'", "unknown quota kind '{k}'", k=kind)
        if comp not in KINDS[kind][2]:
            raise _fail("lines", "指标 {k} 没有分量 '{c}'", "quota kind {k} has no component '{c}'", k=kind, c=comp)
        units[key] = to_units(value, _kind_label(kind, comp))
        if units[key] < 0:
            raise _fail("lines", "数量必须为正: {what}", "amounts must be positive: {what}",
                        what=_kind_label(kind, comp))
    comp_keys = [k for k in units if k[0] == "compensation"]
    if comp_keys:
        missing = [c for c in KINDS["compensation"][2] if ("compensation", c) not in units]
        if missing:
            raise _fail("lines", "补充耕地指标须同时给出耕地数量、水田规模、粮食产能(缺 {m})",
                        "compensation quota carries cultivated area, paddy area and grain capacity together "
                        "(missing {m})", m=", ".join(missing))
        if units[("compensation", "cultivated_area")] <= 0:
            raise _fail("lines", "补充耕地指标的耕地数量必须大于 0", "compensation cultivated area must be above 0")
        if units[("compensation", "paddy_area")] > units[("compensation", "cultivated_area")]:
            raise _fail("lines", "水田规模不能大于耕地数量", "paddy area cannot exceed cultivated area")
    for key, value in units.items():
        if key[0] != "compensation" and value == 0:
            raise _fail("lines", "数量必须大于 0: {what}", "amount must be above 0: {what}", what=_kind_label(*key))
    return units


def check_source(entry: Entry, txn) -> str:
    source = txn.sources[0] if entry.source is None else entry.source
    if source not in SOURCES or source not in txn.sources:
        allowed = "/".join(SOURCES[s][0] for s in txn.sources)
        raise _fail("source", "{t} 的来源不能是 '{s}'(可选: {a})",
                    "source '{s}' is not allowed for {t2} (allowed: {a})",
                    t=txn.zh, t2=txn.en, s=source, a=allowed)
    return source


def check_required(entry: Entry, txn) -> None:
    for name in txn.required:
        value = getattr(entry, name)
        if value is None or (isinstance(value, str) and not value.strip()):
            zh, en = REQUIRED_NAMES[name]
            raise _fail("required", "{t} 必须填写{f}", "{t2} needs a {f2}", t=txn.zh, t2=txn.en, f=zh, f2=en)
    if entry.price:
        try:
            if parse_amount(entry.price, places=2, max_digits=15) < 0:
                raise ValueRefused(Message("是负数", "is negative"))
        except ValueRefused as exc:
            raise _fail("required", "价格必须是非负数(元,最多两位小数): {p}({e})",
                        "price must be a non-negative number (元, at most 2 decimals): {p} ({e2})",
                        p=entry.price, e=exc.message.zh, e2=exc.message.en) from None


def check_year_date(entry: Entry) -> str:
    if not (1990 <= int(entry.year or 0) <= 2100):
        raise _fail("year", "指标年度须在 1990-2100 之间: {y}", "quota year must be within 1990-2100: {y}",
                    y=entry.year)
    return _date(entry)


def _date(entry: Entry) -> str:
    """The entry's value date in ISO form (``20240301``, ``2024/3/1`` read as 2024-03-01), or a refusal."""
    try:
        return parse_date(entry.resolved_date())
    except ValueRefused as exc:
        raise _fail("date", "日期: {e}", "date: {e2}", e=exc.message.zh, e2=exc.message.en) from None


def check_balances(deltas: dict[tuple[str, str], tuple[int, int]], totals) -> None:
    """No balance below zero and nothing owed below zero after the deltas (balance, owed) are applied."""
    for key, (d_balance, d_owed) in deltas.items():
        balance, owed = totals.get(key, (0, 0))
        if balance + d_balance < 0:
            raise _fail("negative", "{what} 余额不足: 现有 {have},需要 {need},缺 {short}",
                        "{what}: balance too low: {have} available, {need} needed, {short} short",
                        what=_kind_label(*key), have=from_units(balance), need=from_units(-d_balance),
                        short=from_units(-(balance + d_balance)))
        if owed + d_owed < 0:
            raise _fail("repay", "{what} 归还超过所欠预支: 欠 {owed},归还 {pay}",
                        "{what}: repayment exceeds what is owed on advances: {owed} owed, {pay} repaid",
                        what=_kind_label(*key), owed=from_units(owed), pay=from_units(-d_owed))


def plan_lines(entry: Entry, state: LedgerState) -> list[dict]:
    """Validate ``entry`` against every rule and return its journal lines (without seq/entry/hash)."""
    txn = check_type(entry)
    if txn.code == "reversal":
        return _plan_reversal(entry, state)
    units = check_lines(entry)
    source = check_source(entry, txn)
    check_required(entry, txn)
    date = check_year_date(entry)
    if txn.code == "reclamation_credit":
        kinds = {k for k, _ in units}
        if not kinds <= set(CREDIT_KINDS) or len(kinds) != 1:
            raise _fail("lines", "复垦入库只能是增减挂钩节余指标或补充耕地指标之一",
                        "a reclamation credit is either linkage surplus or compensation quota")
        [kind] = kinds
        if state.has_credit(entry.project_id, kind):
            raise DuplicateCreditError(Message(
                "项目 {p} 的复垦{k}已入库,不能重复入库",
                "project {p} already has a reclamation credit of {ken}: not posted twice")
                .format(p=entry.project_id, k=KINDS[kind][0], ken=KINDS[kind][1]), "duplicate")
    sign = 1 if txn.direction == "in" else -1
    lines, deltas = [], {}
    for key, magnitude in units.items():
        amount = sign * magnitude
        owed = amount if txn.code in ("advance", "repayment") else 0
        deltas[key] = (amount, owed)
        lines.append(_line(entry, txn.code, txn.direction, key, source, amount, owed, date, None))
    check_balances(deltas, state.totals())
    if txn.direction == "in":
        text = lot_text(check_lot_details(entry, txn, units, date, state))
        for line in lines:
            line["lot"] = text
    else:
        plan_line_draws(entry, lines, state)
    return lines


def check_lot_details(entry: Entry, txn, units: dict, date: str, state: LedgerState) -> dict:
    """The lot data of an inflow entry: its own id, grade, term and due date, checked."""
    if entry.draw_from:
        raise _fail("lots", "入库分录不取用批次(只有出库分录取用)", "an inflow draws on no lots (only outflows do)")
    meta: dict = {}
    lot_id = (entry.lot_id or "").strip()
    if lot_id:
        if LOT_ID_PATTERN.fullmatch(lot_id) or len(lot_id) > 64:
            raise _fail("lots", "批次号 '{l}' 不可用(L+数字 留给未命名的批次;最长 64 字符)",
                        "lot id '{l}' cannot be used (L and a number is kept for lots without an id; at most 64 "
                        "characters)", l=lot_id)
        if lot_id in state.lots().lots:
            raise _fail("lots", "批次号 {l} 已被分录 {e} 使用", "lot id {l} is already used by entry {e}",
                        l=lot_id, e=state.lots().lots[lot_id].entry_no)
        meta["lot"] = lot_id
    if str(entry.grade or "").strip():
        meta["grade"] = _check_grade(entry, units)
    term = (entry.term or "").strip()
    if (term or entry.due_date) and txn.code != "advance":
        raise _fail("lots", "只有预支分录有期限类型和到期日", "only an advance has a term and a due date")
    if term:
        if term not in TERMS:
            raise _fail("lots", "期限类型须为 advance(预支)、commitment(承诺兑现)或 turnover(周转指标): {t}",
                        "the term must be advance, commitment or turnover: {t}", t=term)
        if term != "advance":
            meta["term"] = term
    if entry.due_date:
        try:
            due = parse_date(entry.due_date)
        except ValueRefused as exc:
            raise _fail("lots", "到期日: {e}", "due date: {e2}", e=exc.message.zh, e2=exc.message.en) from None
        if due < date:
            raise _fail("lots", "到期日 {d} 早于分录日期 {v}", "the due date {d} is before the entry's date {v}",
                        d=due, v=date)
        meta["due"] = due
    elif term == "commitment":
        raise _fail("lots", "承诺兑现须填写兑现期限(到期日)", "a commitment needs its due date (承诺兑现期限)")
    return meta


def _check_grade(entry: Entry, units: dict) -> int:
    if not any(k == "compensation" for k, _ in units):
        raise _fail("lots", "只有补充耕地指标批次有耕地质量等别", "only compensation quota lots have a grade "
                    "(耕地质量等别)")
    try:
        return parse_int_text(entry.grade, 1, 15)
    except ValueRefused as exc:
        raise _fail("lots", "耕地质量等别须为 1-15 的整数: {e}", "耕地质量等别 (grade) must be a whole number "
                    "1-15: {e2}", e=exc.message.zh, e2=exc.message.en) from None


def plan_line_draws(entry: Entry, lines: list[dict], state: LedgerState) -> None:
    """Put each outflow line's draws (its lots, oldest first or as named) into its lot data; refuse an
    over-draw."""
    if entry.lot_id or str(entry.grade or "").strip() or entry.term or entry.due_date:
        raise _fail("lots", "出库分录不是批次(批次号、等别、期限只用于入库)",
                    "an outflow is not a lot (lot id, grade, term and due date are for inflows)")
    book = state.lots()
    repays = check_repays(entry, lines, book)
    chosen = [str(c).strip() for c in entry.draw_from if str(c).strip()] or None
    twice = sorted({c for c in chosen or () if chosen.count(c) > 1})
    if twice:
        raise _fail("lots", "批次 {l} 被列出不止一次", "lot {l} is named more than once", l=", ".join(twice))
    for lot_id in chosen or ():
        if lot_id not in book.lots:
            raise _fail("lots", "没有批次 {l}", "there is no lot {l}", l=lot_id)
    for line in lines:
        key = (line["kind"], line["component"])
        taken, short = book.take_order(key, -line["amount"], chosen)
        if short:
            named = ", ".join(chosen) if chosen else ""
            raise _fail("lots", "{what}: 所选批次 {n} 余量不足,缺 {s}" if chosen else "{what}: 各批次余量不足,缺 {s}",
                        "{what}: the lots chosen ({n}) have too little left, {s} short" if chosen else
                        "{what}: the lots have too little left, {s} short",
                        what=_kind_label(*key), n=named, s=from_units(short))
        meta: dict = {"draws": [[lot_id, units] for lot_id, units in taken]} if taken else {}
        if repays:
            meta["repays"] = repays
        line["lot"] = lot_text(meta)


def check_repays(entry: Entry, lines: list[dict], book) -> str:
    """The advance a repayment names (its lot id; '' : the oldest open advance of the kind, settled on replay):
    an advance lot, not reversed, that still owes at least the repayment on every line."""
    repays = (entry.repays or "").strip()
    if not repays:
        return ""
    if entry.txn_type != "repayment":
        raise _fail("lots", "只有归还预支分录指明所还的预支", "only a repayment names the advance it repays")
    lot = book.lots.get(repays)
    if lot is None or lot.txn_type != "advance" or lot.reversed:
        raise _fail("lots", "批次 {l} 不是(未冲正的)预支", "lot {l} is not an advance (or it was reversed)", l=repays)
    for line in lines:
        key = (line["kind"], line["component"])
        if -line["owed"] > lot.owed.get(key, 0):
            raise _fail("repay", "{what}: 预支 {l} 尚欠 {o},归还 {p}",
                        "{what}: advance {l} owes {o}, {p} repaid", what=_kind_label(*key), l=repays,
                        o=from_units(lot.owed.get(key, 0)), p=from_units(-line["owed"]))
    return repays


def _plan_reversal(entry: Entry, state: LedgerState) -> list[dict]:
    check_required(entry, TXN_TYPES["reversal"])
    original = state.entry_lines(int(entry.reverses))
    if not original:
        raise _fail("reversal", "找不到被冲正的分录 {n}", "entry {n} to reverse does not exist", n=entry.reverses)
    if original[0]["txn_type"] == "reversal":
        raise _fail("reversal", "分录 {n} 本身是冲正,不能再冲正(请重新录入)",
                    "entry {n} is itself a reversal and cannot be reversed (post the entry again)", n=entry.reverses)
    if state.is_reversed(int(entry.reverses)):
        raise _fail("reversal", "分录 {n} 已被冲正", "entry {n} has already been reversed", n=entry.reverses)
    date = _date(entry)
    lines, deltas = [], {}
    for row in original:
        key = (row["kind"], row["component"])
        deltas[key] = (-row["amount"], -row["owed"])
        copy = Entry("reversal", year=row["year"], project_id=row["project_id"], project_name=row["project_name"],
                     batch_no=row["batch_no"], counterparty=row["counterparty"], region=row["region"],
                     price=row["price"], evidence=entry.evidence, town=row["town"], note=entry.note)
        lines.append(_line(copy, "reversal", row["direction"], key, row["source"], -row["amount"], -row["owed"],
                           date, int(entry.reverses)))
    check_balances(deltas, state.totals())
    if original[0]["direction"] == "in":
        book = state.lots()
        lot = book.lots.get(book.by_entry.get(int(entry.reverses), ""))
        if lot is not None and any(lot.drawn.get(k, 0) > 0 for k in lot.drawn):
            users = sorted({e for e, ds in book.draws.items() for d in ds if d[0] == lot.lot_id and d[2]})
            raise _fail("reversal", "批次 {l}(分录 {n})已被分录 {u} 取用: 请先冲正这些分录",
                        "lot {l} (entry {n}) has been drawn on by entries {u}: reverse those first",
                        l=lot.lot_id, n=entry.reverses, u=", ".join(str(u) for u in users))
    return lines


def parse_int_text(value, low: int, high: int) -> int:
    return parse_int(str(value).strip(), low, high)


def geometry_sha(geometry) -> str:
    """SHA-256 of a project polygon's canonical WKB (MultiPolygon, little-endian, 2D); '' without geometry."""
    if geometry is None or shapely.is_empty(geometry):
        return ""
    if geometry.geom_type == "Polygon":
        geometry = shapely.MultiPolygon([geometry])
    return hashlib.sha256(shapely.to_wkb(geometry, byte_order=1, output_dimension=2)).hexdigest()


def _line(entry: Entry, txn_type: str, direction: str, key, source: str, amount: int, owed: int, date: str,
          reverses: int | None) -> dict:
    return {
        "txn_type": txn_type, "direction": direction, "kind": key[0], "component": key[1], "source": source,
        "amount": amount, "owed": owed, "year": int(entry.year), "value_date": date,
        "project_id": entry.project_id or "", "project_name": entry.project_name or "",
        "batch_no": entry.batch_no or "", "counterparty": entry.counterparty or "", "region": entry.region or "",
        "price": _price_text(entry.price), "evidence": entry.evidence or "", "town": entry.town or "",
        "reverses": reverses, "note": entry.note or "",
        "geometry_sha": geometry_sha(entry.geometry) if txn_type == "allocation" else "",
    }


def _price_text(price) -> str:
    """The price in canonical form (``1.234,5`` -> 1234.5); text an earlier version stored is kept."""
    if price is None or not str(price).strip():
        return ""
    try:
        return str(parse_amount(price, places=2, max_digits=15))
    except ValueRefused:
        return str(price)


def credit_entry(project_id: str, quota_kind: str, amounts: dict, year: int, evidence: str, town: str = "") -> Entry:
    """The Entry of a reclamation credit (the reclamation tool's call)."""
    if quota_kind not in CREDIT_KINDS:
        raise LedgerError(Message("复垦入库的指标类型须为 linkage_surplus 或 compensation: {k}",
                                  "reclamation credit quota_kind must be linkage_surplus or compensation: {k}")
                          .format(k=quota_kind), "lines")
    return Entry("reclamation_credit", {(quota_kind, comp): value for comp, value in amounts.items()}, year=year,
                 project_id=project_id, evidence=evidence, town=town)
