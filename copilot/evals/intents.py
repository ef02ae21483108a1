"""`copilot eval intents`: the bring-your-own-taxonomy protocol (/work/shared/data/README.md).

Configure a taxonomy from a train file (optionally only N examples per intent), choose the
out-of-scope threshold on a validation file only, then classify the test file. Rows labelled
`oos_label` are never an intent: they pick the threshold (validation) and score OOS detection (test).
"""

from __future__ import annotations

import io
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from ..classifier import OTHER, IntentClassifier
from ..embeddings import Embedder, get_embedder
from ..errors import InputError
from ..settings import Settings
from ..taxonomy import IntentSpec, LabelledRow, Taxonomy, load_taxonomy, read_labelled_rows

_TIMED_MESSAGES = 50  # messages embedded one by one to measure latency; the rest are batched
_BATCH = 256


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class IntentConfusion(_Model):
    intent: str
    f1: float
    support: int = Field(description="Test rows whose gold label is this intent.")
    confused_with: str | None = Field(default=None, description="Most common wrong prediction for it.")
    count: int = Field(default=0, description="How often that wrong prediction was made.")


class LanguageScore(_Model):
    n: int
    accuracy: float | None = Field(default=None, description="Over in-scope rows of this language.")
    oos_recall: float | None = None


class IntentEvalReport(_Model):
    n: int = Field(description="Test rows classified.")
    n_in_scope: int
    n_oos: int
    taxonomy_intents: int
    taxonomy_examples: int
    accuracy: float = Field(description="Over rows whose gold is an intent; predicting OOS for them is wrong.")
    macro_f1: float = Field(description="Mean F1 over the intents present in the test file.")
    oos_recall: float | None = None
    oos_precision: float | None = None
    in_scope_rejected: float = Field(description="Share of in-scope rows sent to 'other' (false alarms).")
    threshold: float
    threshold_source: str = Field(description="'validation', 'fixed' or 'default'.")
    median_ms: float = Field(description="Per message, embedding included (messages timed one by one).")
    p95_ms: float
    worst: list[IntentConfusion] = Field(default_factory=list, description="The 10 intents with the lowest F1.")
    by_language: dict[str, LanguageScore] = Field(default_factory=dict)


def subsample_taxonomy(taxonomy: Taxonomy, k: int, *, seed: int = 0) -> Taxonomy:
    """Keep `k` examples per intent, drawn with a fixed seed (languages kept as labelled)."""
    rng = np.random.default_rng(seed)
    intents = []
    for intent in taxonomy.intents:
        pairs = [(lang, t) for lang, texts in intent.examples.items() for t in texts]
        keep = sorted(rng.permutation(len(pairs))[:k])
        examples: dict[str, list[str]] = defaultdict(list)
        for i in keep:
            examples[pairs[i][0]].append(pairs[i][1])
        intents.append(IntentSpec(**{**intent.model_dump(), "examples": dict(examples)}))
    return Taxonomy(version=taxonomy.version, intents=intents)


def _check_labels(rows: list[LabelledRow], known: set[str], oos_label: str | None, path: Path) -> None:
    for row in rows:
        if row.intent not in known and row.intent != oos_label:
            hint = "" if oos_label else " (pass --oos-label if it marks out-of-scope rows)"
            raise InputError(f"{path}:{row.line}: label {row.intent!r} is not an intent of the taxonomy{hint}")


def _embed(embedder: Embedder, texts: list[str]) -> np.ndarray:
    if not texts:
        return np.zeros((0, embedder.dim), np.float32)
    return np.concatenate([embedder.embed_queries(texts[i : i + _BATCH]) for i in range(0, len(texts), _BATCH)])


def run_intent_eval(
    test: Path,
    *,
    taxonomy: Path,
    validation: Path | None = None,
    oos_label: str | None = None,
    examples_per_intent: int | None = None,
    embedder: Embedder | None = None,
    cache_dir: Path | None = None,
    seed: int = 0,
    threshold: float | None = None,
) -> IntentEvalReport:
    """Run the protocol; `threshold` fixes the threshold instead of fitting it on `validation`."""
    embedder = embedder or get_embedder(Settings().embedder)
    tax = load_taxonomy(Path(taxonomy), oos_label=oos_label)
    if examples_per_intent is not None:
        tax = subsample_taxonomy(tax, examples_per_intent, seed=seed)
    clf = IntentClassifier.build(tax, embedder, cache_dir=cache_dir)
    known = set(tax.ids)

    source = "default"
    if threshold is not None:
        clf.threshold, source = threshold, "fixed"
    elif validation is not None:
        val_rows = read_labelled_rows(Path(validation))
        _check_labels(val_rows, known, oos_label, Path(validation))
        labels = [r.intent for r in val_rows]
        # Without an oos label no row is out of scope; a sentinel keeps the call uniform.
        val_texts = [r.text for r in val_rows]
        clf.fit_threshold_vectors(_embed(embedder, val_texts), labels, oos_label=oos_label or "\0", texts=val_texts)
        source = "validation"

    rows = read_labelled_rows(Path(test))
    if not rows:
        raise InputError(f"{test}: no test rows")
    _check_labels(rows, known, oos_label, Path(test))

    timings = []
    for row in rows[:_TIMED_MESSAGES]:
        start = time.perf_counter()
        clf.predict_vector(embedder.embed_queries([row.text])[0], text=row.text)
        timings.append((time.perf_counter() - start) * 1000)
    texts = [r.text for r in rows]
    predicted = [r.id for r in clf.predict_vectors(_embed(embedder, texts), texts)]
    return _score(rows, predicted, oos_label, tax, clf.threshold, source, timings)


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _score(
    rows: list[LabelledRow], predicted: list[str], oos_label: str | None, tax: Taxonomy,
    threshold: float, source: str, timings: list[float],
) -> IntentEvalReport:
    gold = [OTHER if r.intent == oos_label else r.intent for r in rows]
    pairs = list(zip(gold, predicted))
    in_scope = [(g, p) for g, p in pairs if g != OTHER]
    oos = [(g, p) for g, p in pairs if g == OTHER]

    tp, fp, fn = Counter(), Counter(), Counter()
    wrong: dict[str, Counter] = defaultdict(Counter)
    for g, p in pairs:
        if g == p:
            tp[g] += 1
        else:
            fp[p] += 1
            fn[g] += 1
            wrong[g][p] += 1
    support = Counter(g for g, _ in in_scope)
    per_intent = []
    for intent in sorted(support):
        top = wrong[intent].most_common(1)
        per_intent.append(IntentConfusion(
            intent=intent, f1=_f1(tp[intent], fp[intent], fn[intent]), support=support[intent],
            confused_with=top[0][0] if top else None, count=top[0][1] if top else 0,
        ))
    said_other = sum(1 for _, p in pairs if p == OTHER)

    by_language: dict[str, LanguageScore] = {}
    for lang in sorted({r.language for r in rows if r.language}):
        sel = [(g, p) for r, (g, p) in zip(rows, pairs) if r.language == lang]
        ins = [(g, p) for g, p in sel if g != OTHER]
        out = [(g, p) for g, p in sel if g == OTHER]
        by_language[lang] = LanguageScore(
            n=len(sel),
            accuracy=sum(g == p for g, p in ins) / len(ins) if ins else None,
            oos_recall=sum(p == OTHER for _, p in out) / len(out) if out else None,
        )

    return IntentEvalReport(
        n=len(rows), n_in_scope=len(in_scope), n_oos=len(oos),
        taxonomy_intents=len(tax.intents), taxonomy_examples=len(tax.examples()),
        accuracy=sum(g == p for g, p in in_scope) / len(in_scope) if in_scope else 0.0,
        macro_f1=float(np.mean([c.f1 for c in per_intent])) if per_intent else 0.0,
        oos_recall=tp[OTHER] / len(oos) if oos else None,
        oos_precision=(tp[OTHER] / said_other if said_other else 0.0) if oos else None,
        in_scope_rejected=sum(p == OTHER for _, p in in_scope) / len(in_scope) if in_scope else 0.0,
        threshold=threshold, threshold_source=source,
        median_ms=float(np.median(timings)), p95_ms=float(np.percentile(timings, 95)),
        worst=sorted(per_intent, key=lambda c: (c.f1, c.intent))[:10],
        by_language=by_language,
    )


def format_report(report: IntentEvalReport) -> str:
    """A readable summary table plus the worst intents (rich, rendered to plain text)."""
    from rich.console import Console
    from rich.table import Table

    def pct(x: float | None) -> str:
        return "–" if x is None else f"{x:.3f}"

    summary = Table(title="Intent eval", show_header=False)
    summary.add_column("metric")
    summary.add_column("value", justify="right")
    summary.add_row("rows (in scope / oos)", f"{report.n} ({report.n_in_scope} / {report.n_oos})")
    summary.add_row("taxonomy", f"{report.taxonomy_intents} intents, {report.taxonomy_examples} examples")
    summary.add_row("accuracy", pct(report.accuracy))
    summary.add_row("macro F1", pct(report.macro_f1))
    summary.add_row("OOS recall", pct(report.oos_recall))
    summary.add_row("OOS precision", pct(report.oos_precision))
    summary.add_row("in-scope sent to other", pct(report.in_scope_rejected))
    summary.add_row("threshold", f"{report.threshold:.3f} ({report.threshold_source})")
    summary.add_row("ms per message (median / p95)", f"{report.median_ms:.1f} / {report.p95_ms:.1f}")

    worst = Table(title="Worst intents")
    for col in ("intent", "F1", "support", "confused with", "count"):
        worst.add_column(col, justify="right" if col in ("F1", "support", "count") else "left")
    for c in report.worst:
        worst.add_row(c.intent, f"{c.f1:.3f}", str(c.support), c.confused_with or "–", str(c.count))

    buf = io.StringIO()
    console = Console(file=buf, width=100, color_system=None)
    console.print(summary)
    console.print(worst)
    if report.by_language:
        langs = Table(title="By language")
        for col in ("language", "rows", "accuracy", "OOS recall"):
            langs.add_column(col)
        for lang, s in report.by_language.items():
            langs.add_row(lang, str(s.n), pct(s.accuracy), pct(s.oos_recall))
        console.print(langs)
    return buf.getvalue()
