"""Land Supervision (国土空间监管工具箱): QGIS plugin entry point."""
from __future__ import annotations


def _missing_dependency() -> str | None:
    """Why the plugin cannot run in this QGIS Python (shapely 2 is required), or None."""
    try:
        import shapely
    except ImportError:
        return "shapely"
    # by feature, not version: Debian's shapely 2.2 reports its version as "0+unknown"
    return None if hasattr(shapely, "get_coordinates") else f"shapely>=2 (found {shapely.__version__})"


def classFactory(iface):  # noqa: N802 - QGIS API name
    missing = _missing_dependency()
    if missing:
        from .dependency_notice import DependencyNotice

        return DependencyNotice(iface, missing)
    from .plugin import LandSupervisionPlugin

    return LandSupervisionPlugin(iface)
