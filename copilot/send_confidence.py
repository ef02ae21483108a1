"""`decision.send_confidence`: the calibrated probability that a draft is right to send unedited.

"Right" means: the right intent, the knowledge entry that answers the question quoted (or no entry
quoted when the knowledge does not answer it), and no hand-off needed. A small logistic model
combines what the pipeline already knows (intent probability and margin, the knowledge match and
its off-domain evidence, fields found vs needed, rule verdicts, dialogue state). Its coefficients
are data (`knowledge/send_confidence.json`), fitted deterministically by
``python -m copilot.calibration fit`` on the development sets; `benchmarks/bench_send_confidence.py`
prints its calibration on data it was not fitted on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from .answer_check import answer_evidence
from .errors import ConfigError
from .knowledge.relevance import clearance
from .knowledge.words import taxonomy_words
from .vocabulary import novelty

if TYPE_CHECKING:
    from .knowledge.words import TenantWords
    from .models import Decision, Draft, HygieneReport, KnowledgeHit
    from .resources import Tenant
    from .understand import Understanding

FILE = "send_confidence.json"
_MOMENTS = ("answer", "ask_missing", "first_reply", "options", "vague_opener", "closing", "handoff", "angry")
_LANGUAGES = ("en", "ru", "uk", "hy", "lo")


@dataclass(frozen=True)
class Evidence:
    """What the pipeline knows about one suggestion, as the model's inputs."""

    values: dict[str, float]

    def vector(self, names: list[str]) -> np.ndarray:
        return np.array([self.values.get(n, 0.0) for n in names], dtype=np.float64)


def evidence(*, u: Understanding, hits: list[KnowledgeHit], tenant: Tenant, draft: Draft, report: HygieneReport,
             decision: Decision, first_turn: bool, words: TenantWords | None) -> Evidence:
    """The features of one suggestion; `quoted × …` terms let the knowledge evidence count only
    when the draft actually quotes an entry. `words`: the tenant's word index (`KnowledgeStore.words`)."""
    probs = sorted([u.intent.confidence, *(a.confidence for a in u.intent.alternatives)], reverse=True)
    top = hits[0] if hits else None
    quoted = 1.0 if draft.citations else 0.0
    score = top.score if top else 0.0
    clear = clearance(top, u.language.code) if top else 0.0  # the quoted entry's own wording is in `check`
    nearest = tenant.classifier.nearest_example(u.vector)
    off = tenant.off_domain.similarity(u.vector)
    off_gap = off - max(score if top and top.kind == "faq" else 0.0, nearest)
    novel = novelty(u.text, tenant)
    warn_fails = sum(1 for c in report.checks if c.status == "fail" and c.severity == "warn")
    # The answer check: the quoted entry (a draft that quotes none: the top hit it left out).
    cited = next((h for h in hits if h.id in draft.citations), None)
    check = answer_evidence(u.text, cited or top, u.intent.probabilities(), tenant.taxonomy,
                            words if tenant.knowledge_dir is not None else None, tenant.business_words)
    v: dict[str, float] = {
        "intent_p": u.intent.confidence,
        "intent_margin": probs[0] - (probs[1] if len(probs) > 1 else 0.0),
        "intent_other": float(u.intent.id == "other"),
        "quoted": quoted,
        "q_score": quoted * score,
        "q_clear": quoted * clear,
        "q_off_gap": quoted * off_gap,
        "q_intent_p": quoted * u.intent.confidence,
        "q_novelty": quoted * novel,
        "q_intent_other": quoted * float(u.intent.id == "other"),
        **{f"q_{k}": quoted * x for k, x in check.items()},
        **{f"top_{k}": (1.0 - quoted) * x for k, x in check.items()},
        "q_faq": quoted * float(cited is not None and cited.kind == "faq"),
        "novelty": novel,
        "off_gap": off_gap,
        "nearest_example": nearest,
        "top_score": score,
        "missing": float(len(u.missing)),
        "found": float(len(u.fields)),
        "hygiene_passed": float(report.passed),
        "warn_fails": float(warn_fails),
        "escalate": float(decision.action == "escalate"),
        "first_turn": float(first_turn),
        "vague": float(u.vague),
        "upset": float(u.upset),
        "asks_unsold": float(_asks_about_unsold(u, draft, tenant)),
        **{f"moment_{m}": float(draft.moment == m) for m in _MOMENTS},
        **{f"lang_{c}": float(u.language.code == c) for c in _LANGUAGES},
    }
    return Evidence(v)


def _asks_about_unsold(u: Understanding, draft: Draft, tenant: Tenant) -> bool:
    """The draft asks which product, and the message names things none of the catalogue's names are:
    "how much is a bus ticket to Lviv?" asked of a bike shop ("how much is it?" names nothing: asking is right)."""
    if draft.moment != "ask_missing" or u.missing[:1] != ["product"] or tenant.catalogue is None:
        return False
    return bool(taxonomy_words(tenant.taxonomy).content_words(u.text, u.language.code)) \
        and not tenant.catalogue.mentions_products(u.text)


@dataclass(frozen=True)
class Logistic:
    """Standardised logistic regression: p = sigmoid(intercept + coef · (x - mean) / scale)."""

    features: list[str]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def probability(self, ev: Evidence) -> float:
        z = self.intercept + float(self.coef @ ((ev.vector(self.features) - self.mean) / self.scale))
        return float(1.0 / (1.0 + np.exp(-z)))

    def to_dict(self) -> dict:
        return {"features": self.features, "mean": self.mean.round(6).tolist(), "scale": self.scale.round(6).tolist(),
                "coef": self.coef.round(6).tolist(), "intercept": round(self.intercept, 6)}

    @classmethod
    def from_dict(cls, data: dict) -> Logistic:
        names = [str(n) for n in data["features"]]
        arrays = [np.asarray(data[k], dtype=np.float64) for k in ("mean", "scale", "coef")]
        if not all(len(a) == len(names) for a in arrays) or not (arrays[1] > 0).all():
            raise ValueError("features, mean, scale and coef must have the same length; scale > 0")
        return cls(names, *arrays, float(data["intercept"]))


# A draft that quotes knowledge is right when the entry answers the question; one that quotes
# nothing, when its intent and question are right. Different evidence counts, so one model each.
SEGMENTS = ("quoted", "unquoted")


def segment(ev: Evidence) -> str:
    return "quoted" if ev.values.get("quoted") else "unquoted"


@dataclass(frozen=True)
class SendModel:
    """One logistic model per segment (a draft that quotes knowledge, one that does not)."""

    segments: dict[str, Logistic]

    def probability(self, ev: Evidence) -> float:
        return self.segments[segment(ev)].probability(ev)

    def to_json(self, **about: object) -> str:
        return json.dumps({**about, "segments": {k: m.to_dict() for k, m in self.segments.items()}}, indent=1,
                          ensure_ascii=False)


def load_model(path: Path) -> SendModel:
    return _load(path, path.stat().st_mtime_ns if path.is_file() else 0)


@lru_cache(maxsize=8)
def _load(path: Path, _mtime: int) -> SendModel:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        model = SendModel({k: Logistic.from_dict(data["segments"][k]) for k in SEGMENTS})
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"{path}: not a send-confidence model ({exc})") from exc
    return model
