"""Loading playbooks/*.yaml into a validated :class:`Playbooks`, and a store that hot-reloads them.

Errors name the file, the line and the field (``topics.yaml:42: entries.delivery.resolve[0].zh-Hant:
field required``), read off the YAML node marks, so a supervisor can find the typo. A broken edit
never replaces the set in force: :class:`PlaybookStore` keeps the last good one and reports why.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from ..taxonomy import BEHAVIORS, EMOTION_NAMES, INTENTS, RISKS, TOPICS
from .models import (
    FILE_MODELS,
    PLACEHOLDER_NAMES,
    STEP_ORDER,
    BehaviorFile,
    ClearFile,
    EmotionFile,
    Entry,
    IntentEntry,
    IntentFile,
    LangText,
    Playbooks,
    RiskEntry,
    RiskFile,
    StepTemplates,
    Template,
    TopicFile,
)
from .render import VALUE_MARK, template_problems
from .script import simplified_only_chars

log = logging.getLogger(__name__)

# The repository's playbooks/ folder, for a source checkout; an installed package is given its
# folder by CLEARBOT_PLAYBOOKS_DIR (the container image sets /app/playbooks).
BUNDLED_DIR = Path(__file__).resolve().parents[2] / "playbooks"

Loc = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a playbook file."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class PlaybookError(ValueError):
    """The playbooks are invalid; ``problems`` lists every finding with file, line and field."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def format_loc(loc: Iterable[str | int]) -> str:
    """``('entries', 'delivery', 'resolve', 0, 'en')`` as ``entries.delivery.resolve[0].en``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def line_of(root: yaml.Node | None, loc: Loc) -> int | None:
    """The 1-based line of the deepest node along ``loc`` (the key's line for mapping entries)."""
    if root is None:
        return None
    node: yaml.Node = root
    line = root.start_mark.line + 1
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                    node, line = value, key.start_mark.line + 1
                    break
            else:
                return line  # missing key: point at the mapping that lacks it
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return line
    return line


def _duplicate_keys(node: yaml.Node, loc: Loc = ()) -> Iterable[tuple[Loc, int]]:
    # PyYAML silently keeps the last of two equal keys; a supervisor's copy-paste would vanish.
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else str(key)
            if name in seen:
                yield (*loc, name), key.start_mark.line + 1
            seen.add(name)
            yield from _duplicate_keys(value, (*loc, name))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            yield from _duplicate_keys(item, (*loc, i))


def _read_yaml(path: Path) -> tuple[Any, yaml.Node | None]:
    loader = yaml.SafeLoader(path.read_text(encoding="utf-8"))
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return data, node


def _parse_file(path: Path) -> tuple[BaseModel | None, yaml.Node | None, list[Problem]]:
    name = path.name
    try:
        data, node = _read_yaml(path)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        return None, None, [Problem(name, line, "", f"YAML syntax: {exc.problem or exc}")]
    except (yaml.YAMLError, OSError, UnicodeDecodeError) as exc:
        return None, None, [Problem(name, None, "", f"cannot read: {exc}")]
    if node is None:
        return None, None, [Problem(name, 1, "", "file is empty")]
    problems = [Problem(name, line, format_loc(loc), "duplicate key") for loc, line in _duplicate_keys(node)]
    if not isinstance(data, dict):
        return None, node, [*problems, Problem(name, line_of(node, ()), "", "top level must be a mapping")]
    kind = data.get("kind")
    model = FILE_MODELS.get(kind) if isinstance(kind, str) else None
    if model is None:
        msg = f"kind must be one of {', '.join(FILE_MODELS)} (got {kind!r})"
        return None, node, [*problems, Problem(name, line_of(node, ("kind",)), "kind", msg)]
    try:
        parsed = model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc: Loc = tuple(p for p in err["loc"] if p != "[key]")
            problems.append(Problem(name, line_of(node, loc), format_loc(loc), err["msg"]))
        return None, node, problems
    return parsed, node, problems


class _Checker:
    """Checks that need more than one field: placeholders, scripts, completeness, ids."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, file: str, node: yaml.Node | None, loc: Loc, message: str) -> None:
        self.problems.append(Problem(file, line_of(node, loc), format_loc(loc), message))

    def text(self, file: str, node: yaml.Node | None, loc: Loc, text: LangText, *, template: bool) -> None:
        for lang, value in text.items():
            where = (*loc, lang)
            if template:
                for problem in template_problems(value):
                    self.add(file, node, where, problem)
            elif "{" in value or "}" in value:
                self.add(file, node, where, "placeholders are only allowed in reply templates")
            if lang == "zh-Hant":
                simp = simplified_only_chars(value)
                if simp:
                    self.add(file, node, where, f"Simplified-only characters in zh-Hant: {''.join(simp)}")

    def templates(self, file: str, node: yaml.Node | None, loc: Loc, items: list[Template]) -> None:
        seen: set[str] = set()
        for i, tpl in enumerate(items):
            if tpl.id in seen:
                self.add(file, node, (*loc, i, "id"), f"duplicate template id {tpl.id!r}")
            seen.add(tpl.id)
            self.text(file, node, (*loc, i), tpl, template=True)

    def step_templates(self, file: str, node: yaml.Node | None, loc: Loc, st: StepTemplates) -> None:
        for step in STEP_ORDER:
            self.templates(file, node, (*loc, step), st.for_step(step))

    def entry(self, file: str, node: yaml.Node | None, loc: Loc, entry: Entry) -> None:
        self.step_templates(file, node, loc, entry)
        for intent, st in entry.by_intent.items():
            self.step_templates(file, node, (*loc, "by_intent", intent), st)
        if entry.guidance is not None:
            self.text(file, node, (*loc, "guidance"), entry.guidance, template=False)
        for field in ("tips", "calming", "avoid"):
            for i, item in enumerate(getattr(entry, field)):
                self.text(file, node, (*loc, field, i), item, template=False)
        if isinstance(entry, RiskEntry):
            for field in ("name", "escalate_to", "handover"):
                self.text(file, node, (*loc, field), getattr(entry, field), template=False)

    def clear(self, file: str, node: yaml.Node | None, clear: ClearFile) -> None:
        for step in STEP_ORDER:
            info = clear.steps.for_step(step)
            self.text(file, node, ("steps", step, "title"), info.title, template=False)
            self.text(file, node, ("steps", step, "tip"), info.tip, template=False)
            self.templates(file, node, ("steps", step, "templates"), info.templates)
        for field in ("tips", "calming", "avoid"):
            for i, item in enumerate(getattr(clear, field)):
                self.text(file, node, (field, i), item, template=False)
        for name in PLACEHOLDER_NAMES:
            if name not in clear.placeholders:
                self.add(file, node, ("placeholders",), f"missing placeholder {name!r}")
        for name, spec in clear.placeholders.items():
            loc: Loc = ("placeholders", name)
            if name not in PLACEHOLDER_NAMES:
                self.add(file, node, loc, f"unknown placeholder (known: {', '.join(PLACEHOLDER_NAMES)})")
            for lang, value in spec.value.items():
                if value.count(VALUE_MARK) != 1:
                    self.add(file, node, (*loc, "value", lang), "must contain {value} exactly once")
            for lang, value in spec.one.items() if spec.one is not None else ():
                if value.count(VALUE_MARK) > 1:
                    self.add(file, node, (*loc, "one", lang), "may contain {value} at most once")
            for field, text in (("value", spec.value), ("one", spec.one)):
                for lang, value in text.items() if text is not None else ():
                    if "{" in value.replace(VALUE_MARK, "") or "}" in value.replace(VALUE_MARK, ""):
                        self.add(file, node, (*loc, field, lang), "only {value} may appear in braces")
                    if lang == "zh-Hant" and simplified_only_chars(value):
                        self.add(file, node, (*loc, field, lang), "Simplified-only characters in zh-Hant")
            self.text(file, node, (*loc, "fallback"), spec.fallback, template=False)

    def intent(self, file: str, node: yaml.Node | None, label: str, entry: IntentEntry) -> None:
        loc: Loc = ("entries", label)
        if label in ("complaint", "chasing") and (entry.skip or entry.skip_when_calm):
            self.add(file, node, (*loc, "skip"), "complaints and chasing always get all five steps")
        if entry.brief:
            # A brief plan uses no generic fallback, so the intent must say every step itself.
            for step in STEP_ORDER:
                if step not in entry.skip and not entry.for_step(step):
                    self.add(file, node, (*loc, step), "a brief intent needs its own template here")
            if not entry.avoid:
                self.add(file, node, (*loc, "avoid"), "a brief intent needs its own avoid list")


def _complete(
    checker: _Checker, file: str, node: yaml.Node | None, have: Iterable[str], want: Iterable[str], axis: str
) -> None:
    have_set = set(have)
    for label in want:
        if label not in have_set:
            checker.add(file, node, ("entries",), f"missing entry for {axis} {label!r}")
    for label in sorted(have_set - set(want)):
        checker.add(file, node, ("entries", label), f"unknown {axis} label")


def load_playbooks(directory: Path) -> Playbooks:
    """Load and validate every ``*.yaml`` in ``directory``; raises :class:`PlaybookError` listing all problems."""
    paths = sorted(directory.glob("*.yaml"))
    if not paths:
        raise PlaybookError([Problem(str(directory), None, "", "no playbook files (*.yaml) found")])
    problems: list[Problem] = []
    checker = _Checker()
    clear: tuple[str, yaml.Node | None, ClearFile] | None = None
    merged: dict[str, dict[str, Any]] = {k: {} for k in ("topic", "behavior", "emotion", "risk", "intent")}
    files_of: dict[str, tuple[str, yaml.Node | None]] = {}
    for path in paths:
        parsed, node, found = _parse_file(path)
        problems += found
        if parsed is None:
            continue
        name = path.name
        if isinstance(parsed, ClearFile):
            if clear is not None:
                checker.add(name, node, ("kind",), f"a second kind: clear file (first: {clear[0]})")
                continue
            clear = (name, node, parsed)
            checker.clear(name, node, parsed)
            continue
        assert isinstance(parsed, TopicFile | BehaviorFile | EmotionFile | RiskFile | IntentFile)
        files_of.setdefault(parsed.kind, (name, node))
        for label, entry in parsed.entries.items():
            if label in merged[parsed.kind]:
                checker.add(name, node, ("entries", label), f"{parsed.kind} {label!r} is defined twice")
                continue
            merged[parsed.kind][label] = entry
            checker.entry(name, node, ("entries", label), entry)
            if isinstance(entry, IntentEntry):
                checker.intent(name, node, label, entry)
    if clear is None:
        checker.add(str(directory), None, (), "no file with kind: clear")
    wanted = {
        "topic": TOPICS,
        "behavior": BEHAVIORS,
        "emotion": tuple(EMOTION_NAMES.values()),
        "risk": RISKS,
        "intent": INTENTS,
    }
    if not problems:  # completeness only makes sense once every file parsed
        for kind, labels in wanted.items():
            file, node = files_of.get(kind, (str(directory), None))
            if kind not in files_of:
                checker.add(file, None, (), f"no file with kind: {kind}")
                continue
            _complete(checker, file, node, merged[kind], labels, kind)
        for label in TOPICS:
            topic: Entry | None = merged["topic"].get(label)
            if topic is not None and label != "none" and not topic.resolve:
                file, node = files_of["topic"]
                checker.add(file, node, ("entries", label, "resolve"), "every topic needs resolve templates")
        for label in BEHAVIORS:
            behavior: Entry | None = merged["behavior"].get(label)
            if behavior is not None and behavior.guidance is None:
                file, node = files_of["behavior"]
                checker.add(file, node, ("entries", label, "guidance"), "every behavior needs guidance")
    problems += checker.problems
    if problems or clear is None:
        raise PlaybookError(problems)
    return Playbooks(
        clear=clear[2],
        topics=merged["topic"],
        behaviors=merged["behavior"],
        emotions=merged["emotion"],
        risks=merged["risk"],
        intents=merged["intent"],
        files=tuple(p.name for p in paths),
    )


@dataclass(frozen=True, slots=True)
class ReloadResult:
    """What a reload did: ``ok`` false means the edit was rejected and the previous set is still in force."""

    ok: bool
    changed: bool
    error: str | None = None


def _fingerprint(directory: Path) -> tuple[tuple[str, int, int], ...]:
    try:
        stats = [(p.name, p.stat()) for p in sorted(directory.glob("*.yaml"))]
    except OSError:
        return ()
    return tuple((name, st.st_mtime_ns, st.st_size) for name, st in stats)


class PlaybookStore:
    """The playbooks in force. ``reload()`` picks up edits; a broken edit keeps the last good set."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or BUNDLED_DIR
        self.last_error: PlaybookError | None = None
        self._fingerprint = _fingerprint(self.directory)
        try:
            self._current = load_playbooks(self.directory)
        except PlaybookError as exc:
            if self.directory.resolve() == BUNDLED_DIR.resolve():
                raise
            # A broken custom folder at start-up: serve the shipped playbooks rather than nothing.
            log.error("playbooks in %s are invalid, using the bundled set:\n%s", self.directory, exc)
            self.last_error = exc
            self._current = load_playbooks(BUNDLED_DIR)

    @property
    def current(self) -> Playbooks:
        """The set in force."""
        return self._current

    def reload(self) -> ReloadResult:
        """Load the folder again; on failure keep the current set and report the problems."""
        self._fingerprint = _fingerprint(self.directory)
        try:
            fresh = load_playbooks(self.directory)
        except PlaybookError as exc:
            self.last_error = exc
            log.error("playbook reload rejected, keeping the previous set:\n%s", exc)
            return ReloadResult(ok=False, changed=False, error=str(exc))
        changed = fresh != self._current
        self._current = fresh
        self.last_error = None
        return ReloadResult(ok=True, changed=changed)

    def reload_if_changed(self) -> ReloadResult | None:
        """Reload only when a file was added, removed or modified since the last load (cheap to poll)."""
        if _fingerprint(self.directory) == self._fingerprint:
            return None
        return self.reload()
