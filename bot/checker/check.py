"""check_draft: everything the checker says about one draft reply, put together."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from ..classify import classify
from ..classify.language import detect_language
from ..classify.text import sanitize
from ..clock import SystemClock, to_datetime
from ..models import Promise
from ..promises import extract_promises
from ..taxonomy import Language
from .coverage import clear_steps, score
from .cues import overlaps, time_named_near
from .matcher import Hit, find_hits
from .models import ClearSteps, DraftReport, Finding, FindingKind
from .rewrite import Script, is_cantonese, localize
from .rules import DocumentKind, RuleBook, RuleLang, default_rules
from .view import MAX_CHECKED_CHARS, matching_view

# Emotion 2 ("angry") and above needs an apology in the reply.
ANGRY_EMOTION = 2


def _now(now: datetime | None, tz: ZoneInfo | None) -> datetime:
    if now is None:
        return to_datetime(SystemClock().now_ms())
    if now.tzinfo is None or now.utcoffset() is None:
        return now.replace(tzinfo=tz or UTC)
    return now


def _promises(head: str, now: datetime, tz: ZoneInfo | None, hours: tuple[time, time]) -> list[Promise]:
    """The extractor's promises, kept only when their offsets really point into the draft."""
    found = extract_promises(head, now, tz, business_open=hours[0], business_close=hours[1])
    return [p for p in found if 0 <= p.start <= p.end <= len(head) and head[p.start : p.end] == p.text]


def _script(draft: str, view: str, start: int, end: int, language: Language) -> Script:
    if language == "zh-Hant":
        return "Hant"
    if language == "zh-Hans":
        return "Hans"
    # A Chinese phrase in a mostly English draft: its own characters tell the script.
    return "Hant" if draft[start:end] != view[start:end] else "Hans"


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """One finding per stretch of text and kind: the earliest, then the longest, wins."""
    # A phrase rule's own message is more specific than the generic document one.
    ordered = sorted(findings, key=lambda f: (f.start, -(f.end - f.start), f.rule.startswith("document.")))
    kept: list[Finding] = []
    for f in ordered:
        if any(k.kind == f.kind and overlaps((k.start, k.end), (f.start, f.end)) for k in kept):
            continue
        kept.append(f)
    return kept


class _Reporter:
    """Builds findings for one draft (it knows the draft's language and script)."""

    def __init__(self, draft: str, view: str, book: RuleBook, language: Language) -> None:
        self.draft = draft
        self.view = view
        self.book = book
        self.language = language
        self.cantonese = is_cantonese(view)

    def from_hit(self, hit: Hit) -> Finding:
        text = self.draft[hit.start : hit.end]
        script = _script(self.draft, self.view, hit.start, hit.end, self.language)
        rewrite = localize(
            hit.rule.rewrite, hit.rule.lang, self.language, script=script, cantonese=self.cantonese
        )
        message = localize(
            hit.rule.message_texts(), hit.rule.lang, self.language, script=script, cantonese=self.cantonese
        )
        if hit.rule.detector == "all_caps":
            # The same words without the shouting is the most useful suggestion.
            rewrite = text.lower()
        return Finding(
            kind=hit.rule.kind,
            start=hit.start,
            end=hit.end,
            text=text,
            rewrite=rewrite,
            severity=hit.rule.severity,
            message=message,
            rule=hit.rule.id,
        )

    def document(self, kind: DocumentKind, start: int, end: int) -> Finding:
        spec = self.book.document[kind]
        script: Script = "Hant" if self.language == "zh-Hant" else "Hans"
        rule_lang: RuleLang = "yue" if self.cantonese else "zh" if self.language.startswith("zh") else "en"
        rewrite = localize(spec.rewrite, rule_lang, self.language, script=script, cantonese=self.cantonese)
        message = localize(spec.message, rule_lang, self.language, script=script, cantonese=self.cantonese)
        finding_kind: FindingKind = kind
        return Finding(
            kind=finding_kind,
            start=start,
            end=end,
            text=self.draft[start:end],
            rewrite=rewrite,
            severity=spec.severity,
            message=message,
            rule=f"document.{kind}",
        )


def _empty_report(language: Language) -> DraftReport:
    steps = ClearSteps(control=True, listen=False, empathize=False, apologize=False, resolve=False)
    return DraftReport(language=language, findings=[], score=score(steps), steps=steps, promises=[])


def check_draft(
    draft: str,
    customer: str | None = None,
    *,
    now: datetime | None = None,
    tz: ZoneInfo | None = None,
    business_hours: tuple[time, time] = (time(9), time(18)),
    rules: RuleBook | None = None,
) -> DraftReport:
    """Check an agent's draft reply before it goes to an upset customer.

    Findings carry offsets into ``draft`` (``draft[f.start:f.end] == f.text``). ``customer`` is the
    message being answered: when it is angry, a draft without an apology is a finding. ``now`` and
    ``tz`` date the promises the draft makes (default: the system clock, ``now``'s zone).
    """
    book = rules or default_rules()
    head = draft[:MAX_CHECKED_CHARS]
    language, _ = detect_language(sanitize(head))
    if not head.strip():
        return _empty_report(language)
    view = matching_view(head)
    moment = _now(now, tz)
    promises = _promises(head, moment, tz, business_hours)
    timed = [(p.start, p.end) for p in promises if p.due is not None]

    reporter = _Reporter(head, view, book, language)
    findings = [reporter.from_hit(hit) for hit in find_hits(view, book, timed)]
    # The extractor's undated promises, unless the sentence does name a time it could not resolve.
    findings += [
        reporter.document("promise_without_time", p.start, p.end)
        for p in promises
        if p.due is None and p.end > p.start and not time_named_near(view, book, p.start, p.end)
    ]
    findings = _dedupe(findings)

    customer_view = matching_view(customer) if customer else None
    steps = clear_steps(view, book, findings, customer_view=customer_view, timed=timed)
    if customer and customer.strip() and not steps.apologize and classify(customer).emotion >= ANGRY_EMOTION:
        findings.append(reporter.document("missing_apology", 0, 0))
    if not steps.resolve:
        findings.append(reporter.document("missing_next_step", len(head), len(head)))
    findings.sort(key=lambda f: (f.start, f.end, f.kind))
    timed_promises = [p for p in promises if p.due is not None]
    return DraftReport(
        language=language, findings=findings, score=score(steps), steps=steps, promises=timed_promises
    )
