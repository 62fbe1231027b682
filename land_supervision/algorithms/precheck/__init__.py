"""Processing algorithms of the 用地预审 pre-check tool."""

from __future__ import annotations


def algorithms() -> list:
    """Fresh instances of this tool's algorithms."""
    from .precheck_post import PrecheckPost
    from .precheck_report import PrecheckReport
    from .project_precheck import ProjectPrecheck

    return [ProjectPrecheck(), PrecheckReport(), PrecheckPost()]
