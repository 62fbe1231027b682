"""pyproj called safely from threads that Python did not create.

pyproj 3.7+ keeps one PROJ context per thread in thread-specific storage that assumes a thread created by
Python. Called from a Qt worker thread (a QgsTask, a Processing algorithm run from the toolbox dialog), it
can crash the whole process: pyproj issue 1509; seen here as a segmentation fault in ``Transformer`` under
QGIS 3.40 with Debian 13's pyproj 3.7.1, in a dock's background run. Functions decorated with
:func:`in_python_thread` run as usual on Python's own threads (the main thread, ``threading`` and
``concurrent.futures`` workers) and are handed to one long-lived Python thread when called from any other.
"""

from __future__ import annotations

import functools
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, TypeVar

T = TypeVar("T")
_lock = threading.Lock()
_executor: ThreadPoolExecutor | None = None


def on_foreign_thread() -> bool:
    """True on a thread Python did not start (``threading`` sees it only as a dummy thread)."""
    return isinstance(threading.current_thread(), threading._DummyThread)


def _pool() -> ThreadPoolExecutor:
    global _executor
    with _lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="land_supervision_pyproj")
        return _executor


def in_python_thread(fn: Callable[..., T]) -> Callable[..., T]:
    """Decorator: run ``fn`` on a Python-created thread (itself where it already is on one)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        if not on_foreign_thread():
            return fn(*args, **kwargs)
        return _pool().submit(fn, *args, **kwargs).result()

    return wrapper
