"""What every ledger algorithm shares: the LEDGER parameter and opening the ledger it names."""

from __future__ import annotations

from contextlib import contextmanager

from qgis.core import QgsProcessingException, QgsProcessingParameterString

from ...core.ledger import COMPONENTS, KINDS, LedgerError, open_ledger
from ...translation import in_language, tr

LEDGER = "LEDGER"


# The toolbox dialog shows the LEDGER parameter with a picker (a GeoPackage to browse for, a saved PostgreSQL
# connection to choose, or text to type). Named as a dotted path, it is imported by Processing's dialogs only:
# the algorithms import no GUI code and run the same in qgis_process, batch runs and models (a plain string).
LEDGER_WIDGET_WRAPPER = __package__.rsplit(".", 2)[0] + ".ui.ledger.ledger_param_widget.LedgerWidgetWrapper"


def ledger_parameter(name: str = LEDGER, description: str | None = None, optional: bool = False,
                     help_text: str | None = None, creates: bool = False) -> QgsProcessingParameterString:
    """The ledger parameter every algorithm that reads or writes a ledger takes: plain text (a .gpkg path, the
    name of a saved QGIS PostgreSQL connection or a PostgreSQL URI), with the ledger picker in the dialog.
    ``creates``: the algorithm creates a missing GeoPackage ledger (posting, importing), as its help says."""
    param = QgsProcessingParameterString(name, description or tr("Ledger"), optional=optional)
    if help_text is None:
        help_text = tr("A GeoPackage path (created if missing), the name of a PostgreSQL connection saved in QGIS, "
                       "or a URI such as postgresql://user@host/db or service=name") if creates else tr(
            "A GeoPackage path (an existing ledger, never created here), the name of a PostgreSQL connection "
            "saved in QGIS, or a URI such as postgresql://user@host/db or service=name")
    param.setHelp(help_text)
    metadata = param.metadata()
    metadata["widget_wrapper"] = {"class": LEDGER_WIDGET_WRAPPER, "creates": creates}
    param.setMetadata(metadata)
    return param


def saved_postgres_connections() -> dict[str, str]:
    """The PostgreSQL connections saved in QGIS: name -> libpq connection string (empty without the provider)."""
    try:
        from qgis.core import QgsDataSourceUri, QgsProviderRegistry

        metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
        connections = metadata.connections(False) if metadata is not None else {}
        return {name: QgsDataSourceUri(conn.uri()).connectionInfo(True) for name, conn in connections.items()}
    except Exception:  # noqa: BLE001 - no postgres provider in this QGIS
        return {}


def postgres_connection_uri(name: str) -> str | None:
    """The libpq connection string of a PostgreSQL connection saved in QGIS under ``name`` (else None)."""
    return saved_postgres_connections().get(name)


def resolve_ledger_uri(text: str) -> str:
    """A .gpkg path or PostgreSQL URI as given; a saved QGIS connection name turned into its URI."""
    value = (text or "").strip()
    if not value:
        raise QgsProcessingException(tr("No ledger given (LEDGER): a .gpkg path or a PostgreSQL connection"))
    if value.lower().endswith(".gpkg") or value.startswith(("postgresql://", "postgres://", "service=")) \
            or "dbname=" in value:
        return value
    uri = postgres_connection_uri(value)
    if uri is not None:
        return uri
    raise QgsProcessingException(tr("Ledger '{value}' is neither a .gpkg file nor a saved PostgreSQL connection")
                                 .format(value=value))


def quota_name(kind: str, component: str) -> str:
    """A quota kind and component as the user reads them, e.g. 补充耕地指标·水田规模 or cultivated-land
    compensation quota: paddy area (never the codes compensation.paddy_area)."""
    kind_zh, kind_en, _components = KINDS.get(kind, (kind, kind, ()))
    component_zh, component_en, _unit = COMPONENTS.get(component, (component, component, ""))
    return in_language(f"{kind_zh}·{component_zh}", f"{kind_en}: {component_en}")


@contextmanager
def opened_ledger(parameters_value: str, create: bool = True, readonly: bool = False):
    """Open the ledger (``readonly``: writing nothing, for the algorithms that only read; a missing file or a
    file that is not a ledger is then refused); LedgerError becomes a QgsProcessingException."""
    try:
        ledger = open_ledger(resolve_ledger_uri(parameters_value), create=create and not readonly,
                             readonly=readonly)
    except LedgerError as exc:
        raise QgsProcessingException(str(exc.message)) from exc
    try:
        yield ledger
    except LedgerError as exc:
        raise QgsProcessingException(str(exc.message)) from exc
    finally:
        ledger.close()


def masked(uri: str) -> str:
    """A URI for the log without its password."""
    import re

    return re.sub(r"(password=)\S+", r"\1***", re.sub(r"(://[^:/@]+:)[^@]+@", r"\1***@", uri))
