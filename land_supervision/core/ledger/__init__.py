"""The quota ledger (用地指标台账): an append-only, hash-chained journal of land quotas.

``open_ledger(uri)`` opens (or creates) a ledger in a GeoPackage (a .gpkg path) or in PostgreSQL/PostGIS
(a ``postgresql://`` URI, ``service=...`` or a libpq key=value string).
"""

from __future__ import annotations

from .chain import Receipt, VerifyResult
from .deadlines import deadline_rows, read_deadline_rules
from .errors import DuplicateCreditError, LedgerError, RuleViolation
from .ledger import Balance, Ledger, Posted
from .lots import TERMS, Draw, LotBook, LotDrawer, plan_draws
from .model import COMPONENTS, KINDS, SOURCES, TXN_TYPES, Entry, from_units, to_units

__all__ = [
    "open_ledger", "Ledger", "LedgerError", "DuplicateCreditError", "RuleViolation", "Entry", "Posted", "Balance",
    "VerifyResult", "Receipt", "KINDS", "COMPONENTS", "SOURCES", "TXN_TYPES", "from_units", "to_units",
    "LotBook", "LotDrawer", "Draw", "plan_draws", "TERMS", "deadline_rows", "read_deadline_rules",
]


def open_ledger(uri: str, create: bool = True, readonly: bool = False) -> Ledger:
    """Open the ledger at ``uri``: a .gpkg path, or a PostgreSQL URI / 'service=...' / libpq string.

    ``create``: make a new ledger where there is none (else a missing file or a database without ledger
    tables is refused); ``readonly``: write nothing at all (verify), never creates.
    """
    from .pg_store import is_postgres_uri

    text = str(uri).strip()
    if not text:
        raise LedgerError("no ledger given / 未指定台账")
    if is_postgres_uri(text):
        from .pg_store import PgStore

        return Ledger(PgStore.open(text, create=create, readonly=readonly))
    from .gpkg_store import GpkgStore

    return Ledger(GpkgStore.open(text, create=create, readonly=readonly))
