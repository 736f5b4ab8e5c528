"""Playbooks (playbooks/*.yaml) and the CLEAR reply plan built from them."""

from __future__ import annotations

from .loader import BUNDLED_DIR, PlaybookError, PlaybookStore, Problem, ReloadResult, load_playbooks
from .models import PLACEHOLDER_NAMES, PLAN_LANGUAGES, STEP_ORDER, PlanLanguage, Playbooks, StepId
from .plan import PlanContext, PlanStep, PlanTemplate, ReplyPlan, build_plan, default_store
from .render import render

__all__ = [
    "BUNDLED_DIR",
    "PLACEHOLDER_NAMES",
    "PLAN_LANGUAGES",
    "STEP_ORDER",
    "PlanContext",
    "PlanLanguage",
    "PlanStep",
    "PlanTemplate",
    "PlaybookError",
    "PlaybookStore",
    "Playbooks",
    "Problem",
    "ReloadResult",
    "ReplyPlan",
    "StepId",
    "build_plan",
    "default_store",
    "load_playbooks",
    "render",
]
