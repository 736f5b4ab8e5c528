"""Draft checker: flags what an agent should not send to an upset customer and scores CLEAR coverage.

>>> report = check_draft("Calm down, it's only a small thing.")
>>> sorted({f.kind for f in report.findings})
['calm_down', 'minimizing', 'missing_next_step']
"""

from __future__ import annotations

from .check import check_draft
from .models import STEPS, ClearSteps, DraftReport, Finding, FindingKind, Severity, Step
from .rules import RuleBook, RulesError, default_rules, load_rules

__all__ = [
    "STEPS",
    "ClearSteps",
    "DraftReport",
    "Finding",
    "FindingKind",
    "RuleBook",
    "RulesError",
    "Severity",
    "Step",
    "check_draft",
    "default_rules",
    "load_rules",
]
