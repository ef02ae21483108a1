"""A tenant's auto-send policy: which drafts may go out without a person (`send_policy.yaml`).

The default lives in the library's ``knowledge/send_policy.yaml``; a tenant's own file in its
folder overrides the keys it sets. The automated mode sends exactly what `Decision.auto_send`
says, and `auto_send` is decided here and nowhere else (docs/auto-send.md).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .errors import ConfigError, validation_problems
from .yaml_fast import safe_load

if TYPE_CHECKING:
    from .models import KnowledgeHit

FILE = "send_policy.yaml"


class SendPolicy(BaseModel):
    """Auto-send only drafts of these intents whose send_confidence reaches the threshold."""

    model_config = ConfigDict(extra="forbid")

    intents: list[str] = Field(description="Intents whose drafts may be sent without a person; [] = none.")
    threshold: float | None = Field(default=None, ge=0, le=1, description="Minimum send_confidence.")
    target_precision: float | None = Field(
        default=None, gt=0, le=1,
        description="Share of auto-sent drafts that must be right. send_confidence is calibrated, so drafts "
        "at or above this probability are each right at least this often: it is the threshold.")

    @model_validator(mode="after")
    def _one_bar(self) -> SendPolicy:
        if (self.threshold is None) == (self.target_precision is None):
            raise ValueError("set exactly one of 'threshold' and 'target_precision'")
        return self

    @property
    def bar(self) -> float:
        """The send_confidence a draft needs."""
        return self.threshold if self.threshold is not None else float(self.target_precision or 1.0)

    def allows(self, *, intent: str, send_confidence: float, action: str, hygiene_passed: bool) -> bool:
        """The gate of the automated mode: all four must hold."""
        return (intent in self.intents and send_confidence >= self.bar and action == "continue"
                and hygiene_passed)


def answered_intent(intent: str, citations: list[str], hits: list[KnowledgeHit]) -> str:
    """The intent the policy judges a draft by: when it quotes an FAQ entry, the intent that entry was
    written for (the draft answers that question, whatever the classifier read: "how far ahead do I
    order a wedding cake?" read as ordering a cake is answered with the wedding entry, a pricing
    one; whether it is the right entry is send_confidence's to say); else the classifier's."""
    quoted = next((h for h in hits if h.id in citations and h.kind == "faq" and h.intent), None)
    return quoted.intent if quoted is not None and quoted.intent else intent


def load_send_policy(default_dir: Path, tenant_root: Path | None = None,
                     known_intents: frozenset[str] | None = None) -> SendPolicy:
    """The default policy with the tenant's keys on top; intents are checked against the taxonomy."""
    files = [default_dir / FILE] + ([tenant_root / FILE] if tenant_root and tenant_root != default_dir else [])
    return _load(tuple((p, p.stat().st_mtime_ns) for p in files if p.is_file()), known_intents)


@lru_cache(maxsize=64)
def _load(files: tuple[tuple[Path, int], ...], known: frozenset[str] | None) -> SendPolicy:
    merged: dict = {}
    for path, _ in files:
        data = _read(path)
        if "threshold" in data or "target_precision" in data:  # one bar replaces the other
            merged.pop("threshold", None), merged.pop("target_precision", None)
        merged.update(data)
    where = files[-1][0] if files else FILE
    try:
        policy = SendPolicy.model_validate(merged)
    except ValidationError as exc:
        raise ConfigError(f"{where}: invalid send policy: {validation_problems(exc, SendPolicy)}") from None
    if known is None:
        return policy
    own = len(files) > 1 and "intents" in _read(files[-1][0])
    unknown = sorted(set(policy.intents) - known)
    if unknown and own:  # a typo in the tenant's own list must not silently send nothing
        raise ConfigError(f"{where}: intents not in the taxonomy: {', '.join(unknown)}")
    # The default list names the default taxonomy's intents: a tenant with its own taxonomy opts in.
    return policy.model_copy(update={"intents": [i for i in policy.intents if i in known]})


def _read(path: Path) -> dict:
    try:
        data = safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping with 'intents' and 'threshold' or 'target_precision'.")
    return data
