"""Satellite-patrol reconciliation (卫片执法图斑核查): pure domain code, no QGIS."""

from .inputs import ApprovalInput, BaselineInput, PatchInput, TownInput, VerificationInput
from .reconcile import ReconcileResult, reconcile_patches
from .rules import PatrolRules, load_rules

__all__ = ["ApprovalInput", "BaselineInput", "PatchInput", "TownInput", "VerificationInput", "ReconcileResult",
           "reconcile_patches", "PatrolRules", "load_rules"]
