"""The rule registry: what a rule is, what it may look at, and how it registers itself.

A rule is one small function ``(draft, ctx) -> Verdict`` registered with ``@rule(...)`` in the
module of its family (hygiene.py, grounding.py, tone.py, moment_rules.py). The same registry
serves the live check, GET /v1/rules and the eval suite; there is never a second copy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from pydantic import BaseModel, ConfigDict, Field

from ..models import Conversation, KnowledgeHit, Moment, RuleCheck, Severity, Status
from .channels import ChannelLimits, channel_limits

if TYPE_CHECKING:
    from .draft import DraftView


class Lookup(Protocol):
    """The tenant's knowledge a sentence speaks about: the catalogue items it names (a product tagged
    `in_stock` or `out_of_stock`), then (`near`) the FAQ and policy entries nearest to it."""

    def __call__(self, sentence: str, *, near: bool = True) -> list[KnowledgeHit]: ...


@dataclass
class RuleContext:
    """Everything a rule may use about the conversation; built by the pipeline."""

    conversation: Conversation
    language: str
    channel: str
    moment: Moment
    intent: str
    fields: dict[str, Any]
    missing_fields: list[str]
    knowledge: list[KnowledgeHit]
    customer_name: str | None = None
    escalate: bool = False
    upset: bool = False
    # Facts the pipeline itself states and stands behind, e.g. the reply-by time it computed (H11),
    # so H10 does not read them as invented.
    allowed_facts: list[str] = field(default_factory=list)
    # The tenant's channel limits (H5); None: the default library's.
    channels: dict[str, ChannelLimits] | None = None
    # The tenant's knowledge that one sentence of the draft speaks about: H10 backs a fact on it when the
    # knowledge retrieved for the question does not hold it (a person may state any fact of the business).
    # None: only `knowledge`.
    lookup: Lookup | None = None

    @property
    def limits(self) -> ChannelLimits:
        return channel_limits(self.channel, self.channels)


class RuleInfo(BaseModel):
    """A rule as the registry lists it (GET /v1/rules)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(description="Rulebook id: H1…H14, M1…M9.")
    name: str = Field(description="Short name, e.g. 'one-question'.")
    severity: Severity = Field(description="'block': the draft must not be sent as is; 'warn': should be fixed.")
    description: str
    moments: list[str] = Field(default_factory=list, description="Moments it applies at; empty = every message.")
    source: str = Field(description="Rulebook section and source articles.")
    judgeable: bool = Field(default=False, description="An LLM judge may decide it instead of the heuristic.")


class RuleJudge(Protocol):
    """Optional LLM judge for the rules a regex judges poorly (H1, H9, H14)."""

    def __call__(self, rule: RuleInfo, text: str, ctx: RuleContext) -> RuleCheck: ...


@dataclass(frozen=True)
class Verdict:
    """What a rule function returns; check_draft turns it into a RuleCheck."""

    status: Status
    detail: str = ""
    span: tuple[int, int] | None = None
    fix: str | None = None
    severity: Severity | None = None  # overrides the rule's severity (H5: over style limit only warns)


def ok(detail: str = "") -> Verdict:
    return Verdict("pass", detail)


def fail(detail: str, *, span: tuple[int, int] | None = None, fix: str | None = None,
         severity: Severity | None = None) -> Verdict:
    return Verdict("fail", detail, span, fix, severity)


def skip(detail: str) -> Verdict:
    return Verdict("skip", detail)


RuleFn = Callable[["DraftView", RuleContext], Verdict]


@dataclass(frozen=True)
class Rule:
    info: RuleInfo
    check: RuleFn
    applies: Callable[[RuleContext], bool]

    def applicable(self, ctx: RuleContext) -> bool:
        return (not self.info.moments or ctx.moment in self.info.moments) and self.applies(ctx)


_RULES: dict[str, Rule] = {}


def rule(id: str, name: str, *, severity: Severity = "warn", source: str, description: str,
         moments: tuple[str, ...] = (), applies: Callable[[RuleContext], bool] = lambda ctx: True,
         judgeable: bool = False) -> Callable[[RuleFn], RuleFn]:
    """Register a rule function under its rulebook id."""

    def register(fn: RuleFn) -> RuleFn:
        if id in _RULES:
            raise ValueError(f"rule {id!r} is registered twice ({_RULES[id].check.__qualname__}, {fn.__qualname__})")
        info = RuleInfo(id=id, name=name, severity=severity, description=description, moments=list(moments),
                        source=source, judgeable=judgeable)
        _RULES[id] = Rule(info, fn, applies)
        return fn

    return register


def _order(rule_id: str) -> tuple[int, int]:
    return (0 if rule_id[0] == "H" else 1, int(rule_id[1:]))


def rules() -> list[Rule]:
    """Registered rules in rulebook order: H1…H15, then M1…M9."""
    from . import grounding, hygiene, moment_rules, substance, tone  # noqa: F401  registration happens on import

    return [_RULES[k] for k in sorted(_RULES, key=_order)]


def describe_rules() -> list[RuleInfo]:
    """Every rule with its id, name, severity, moments and source."""
    return [r.info for r in rules()]


def make_check(info: RuleInfo, verdict: Verdict) -> RuleCheck:
    from ..models import Span

    return RuleCheck(
        rule=info.id, name=info.name, severity=verdict.severity or info.severity, status=verdict.status,
        passed=verdict.status != "fail", detail=verdict.detail,
        span=Span(start=verdict.span[0], end=verdict.span[1]) if verdict.span else None, fix=verdict.fix,
    )
