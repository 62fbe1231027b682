"""Stand-in plugin when this QGIS cannot run Land Supervision: one message saying exactly why, and, where
pip can fix it, an Install button that runs install_dependencies.py as a cancellable QgsTask.

Python 3.7 syntax (see __init__.py); loads nothing of the plugin itself.
"""

from __future__ import annotations

import json
import os
import shlex
import sys

from qgis.core import Qgis, QgsApplication, QgsTask
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import QPushButton

from . import install_dependencies as deps
from .diagnostics import TAG, log
from .qgis_compat import TaskFlag
from .translation import install_translator, tr

# pip output line -> progress percentage reached when it appears
MILESTONES = (("constraints:", 5), ("running:", 25), ("Collecting", 30), ("Installing build dependencies", 35),
              ("Preparing metadata", 40), ("Building wheel", 45), ("Created wheel", 80),
              ("Installing collected packages", 85), ("Successfully installed", 95), (deps.RESULT.strip(), 100))


def hint_text(hints: list[str]) -> str:
    """Hints as one instruction: distribution packages as one `apt install` on Linux."""
    packages = [h for h in hints if " " not in h]
    others = [h for h in hints if " " in h]
    if deps.LINUX and packages:
        return "; ".join(["sudo apt install " + " ".join(packages)] + others)
    return "; ".join(hints)


class InstallTask(QgsTask):
    """Runs ``command`` (install_dependencies.py) in the background; progress from pip's output."""

    def __init__(self, command: list[str], on_done):
        super().__init__(tr("Installing what Land Supervision needs"), TaskFlag.CanCancel)
        self.command = command
        self.on_done = on_done
        self.output: list[str] = []
        self.returncode = None

    def run(self) -> bool:
        env = dict(os.environ)
        env.pop("PYTHONPATH", None)
        env["PYTHONUNBUFFERED"] = "1"
        try:
            self.returncode = deps.stream(self.command, on_line=self._line, canceled=self.isCanceled, env=env)
        except OSError as exc:
            self.output.append(str(exc))
            return False
        return self.returncode == 0

    def _line(self, line: str) -> None:
        self.output.append(line)
        for start, percent in MILESTONES:
            if line.strip().startswith(start) and percent > self.progress():
                self.setProgress(percent)

    def still_missing(self) -> list[str] | None:
        """What the final check in a fresh interpreter still found missing (None if it did not run)."""
        for line in reversed(self.output):
            if line.startswith(deps.RESULT):
                return json.loads(line[len(deps.RESULT):])["missing"]
        return None

    def finished(self, result: bool) -> None:  # noqa: ARG002 - QgsTask API
        self.on_done(self)


class DependencyNotice:
    """Loaded instead of the plugin: ``problems`` (install_dependencies.Problem) or ``too_old`` (versions)."""

    def __init__(self, iface, problems=(), folder=None, too_old=None):
        self.iface = iface
        self.problems = list(problems)
        self.folder = folder
        self.too_old = too_old
        self.translator = None
        self.task = None
        self.widget = None
        self.last_result = None
        self.python = deps.qgis_python() if self.problems else None
        self.hints = deps.fix_hints(self.problems, self.python) if self.problems else []

    def can_install(self) -> bool:
        return bool(self.problems) and not self.hints and self.folder is not None and self.python is not None

    def message(self) -> str:
        if self.too_old:
            return tr("Land Supervision needs QGIS 3.22 or newer with Python 3.9 or newer; this is QGIS {qgis} "
                      "with Python {python}, so the plugin is not loaded.").format(qgis=self.too_old[0],
                                                                                   python=self.too_old[1])
        text = tr("Land Supervision is not loaded: QGIS's Python lacks {missing}.").format(
            missing="; ".join(p.describe() for p in self.problems))
        if self.hints:
            return text + " " + tr("Install first: {what}; then restart QGIS.").format(what=hint_text(self.hints))
        if self.can_install() and self.iface is None:  # qgis_process, no window to click in
            command = " ".join(shlex.quote(a) for a in deps.install_command(self.python, self.folder) if a != "-u")
            return text + " " + tr("Install it with: {command}").format(command=command)
        if self.can_install():
            return text + " " + tr("Install puts it into {folder} (for this QGIS profile only); then restart "
                                   "QGIS.").format(folder=self.folder)
        return text

    def initProcessing(self):  # noqa: N802 - QGIS API name
        if self.translator is None:
            self.translator = install_translator()
        log(self.message(), "critical")

    def initGui(self):  # noqa: N802 - QGIS API name
        self.initProcessing()
        if self.iface is None:
            return
        bar = self.iface.messageBar()
        self.widget = bar.createMessage(TAG, self.message())
        if self.can_install():
            button = QPushButton(tr("Install"), self.widget)
            button.setObjectName("LandSupervisionInstall")
            button.clicked.connect(self.install)
            self.widget.layout().addWidget(button)
        bar.pushWidget(self.widget, Qgis.MessageLevel.Critical)

    def install(self) -> InstallTask | None:
        """Start the installation task (one at a time)."""
        if self.task is not None or not self.can_install():
            return None
        command = deps.install_command(self.python, self.folder)
        log("running: " + " ".join(command))
        self.task = InstallTask(command, self._installed)
        QgsApplication.taskManager().addTask(self.task)
        return self.task

    def _installed(self, task: InstallTask) -> None:
        log("\n".join(task.output))
        missing = task.still_missing()
        if task.isCanceled():
            text, level = tr("Installation canceled."), Qgis.MessageLevel.Warning
        elif missing == []:
            text, level = tr("Installed into {folder}. Restart QGIS to load Land Supervision.").format(
                folder=self.folder), Qgis.MessageLevel.Success
        else:
            text = tr("The installation did not finish; still missing: {missing}. pip's output is in the log "
                      "panel under Land Supervision.").format(missing="; ".join(missing or ["?"]))
            level = Qgis.MessageLevel.Critical
        self.task = None
        self.last_result = text
        if self.iface is not None and level == Qgis.MessageLevel.Success and self.widget is not None:
            self.iface.messageBar().popWidget(self.widget)  # the Install offer is done with
            self.widget = None
        if self.iface is not None:
            self.iface.messageBar().pushMessage(TAG, text, level, 0)
        else:
            print(text, file=sys.stderr)

    def unload(self):
        if self.task is not None:
            self.task.cancel()
        if self.translator is not None:
            QCoreApplication.removeTranslator(self.translator)
            self.translator = None
