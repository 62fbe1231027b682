"""Land Supervision (国土空间监管工具箱): QGIS plugin entry point.

classFactory checks, before importing anything heavy, that QGIS and Python are new enough and that QGIS's
Python has what the plugin needs (with the profile's private dependencies folder first on sys.path); if not,
a stand-in plugin says so in one message and offers to install what it can. Python 3.7 syntax here, so that
an old QGIS can still read this file and report its own version.
"""
from __future__ import annotations

import sys

MIN_QGIS = (3, 22)
MIN_PYTHON = (3, 9)


def _too_old() -> tuple | None:
    """(QGIS version, Python version) as text if either is below the plugin's minimum, else None."""
    from qgis.core import Qgis

    qgis_version = Qgis.QGIS_VERSION_INT // 10000, Qgis.QGIS_VERSION_INT // 100 % 100
    if qgis_version < MIN_QGIS or sys.version_info[:2] < MIN_PYTHON:
        return Qgis.QGIS_VERSION.split("-")[0], "{}.{}.{}".format(*sys.version_info[:3])
    return None


def _missing_dependencies() -> tuple:
    """(problems, dependencies folder) after putting the profile's dependencies folder on sys.path."""
    from qgis.core import QgsApplication

    from . import install_dependencies

    settings = QgsApplication.qgisSettingsDirPath()
    folder = install_dependencies.dependencies_dir(settings) if settings else None
    if folder is not None:
        install_dependencies.add_to_sys_path(folder)
    return install_dependencies.check(folder), folder


def classFactory(iface):  # noqa: N802 - QGIS API name
    too_old = _too_old()
    if too_old:
        from .dependency_notice import DependencyNotice

        return DependencyNotice(iface, too_old=too_old)
    problems, folder = _missing_dependencies()
    if problems:
        from .dependency_notice import DependencyNotice

        return DependencyNotice(iface, problems=problems, folder=folder)
    from .plugin import LandSupervisionPlugin

    return LandSupervisionPlugin(iface)
