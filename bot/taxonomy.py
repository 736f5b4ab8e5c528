"""The label sets of ../shared/spec/taxonomy.md: the public contract of the classifier."""

from __future__ import annotations

from typing import Final, Literal, get_args

Language = Literal["zh-Hans", "zh-Hant", "en", "other"]
Intent = Literal["complaint", "inquiry", "request", "chasing", "praise", "other"]
Topic = Literal[
    "product_quality",
    "delivery",
    "service_attitude",
    "service_efficiency",
    "billing",
    "account_order",
    "policy",
    "none",
]
Behavior = Literal[
    "refuses_communication",
    "unreasonable_demand",
    "breaks_agreement",
    "withholds_information",
    "abusive",
    "distrust",
    "lacks_knowledge",
    "indecisive",
    "changing_requirements",
    "customer_negligence",
]
Risk = Literal["authority", "legal", "media", "churn", "safety"]
Emotion = Literal[0, 1, 2, 3]

LANGUAGES: Final[tuple[Language, ...]] = get_args(Language)
INTENTS: Final[tuple[Intent, ...]] = get_args(Intent)
TOPICS: Final[tuple[Topic, ...]] = get_args(Topic)
BEHAVIORS: Final[tuple[Behavior, ...]] = get_args(Behavior)
RISKS: Final[tuple[Risk, ...]] = get_args(Risk)
EMOTION_NAMES: Final[dict[int, str]] = {0: "calm", 1: "dissatisfied", 2: "angry", 3: "furious"}
AXES: Final[tuple[str, ...]] = ("language", "intent", "topic", "behaviors", "emotion", "risks")
