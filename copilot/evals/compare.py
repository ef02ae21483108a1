"""Compare two runs case by case: what regressed, what improved, and how the metrics moved.

A regression is an expectation score that passed in A and fails (or errors) in B; an improvement
is the reverse. Per-rule hygiene changes are listed too, since a rule breaking on one case is
exactly what a template edit does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from .metrics import NOISE, direction
from .report_html import CSS
from .results import CaseRun, ConfigResult

_RANK = {"pass": 2, "skip": 1, "error": 0, "fail": 0}


@dataclass
class Change:
    case_id: str
    score: str
    before: str
    after: str
    reason: str


@dataclass
class Comparison:
    a: ConfigResult
    b: ConfigResult
    regressions: list[Change] = field(default_factory=list)
    improvements: list[Change] = field(default_factory=list)
    only_in_a: list[str] = field(default_factory=list)
    only_in_b: list[str] = field(default_factory=list)

    def metric_deltas(self) -> list[tuple[str, float | None, float | None, float | None]]:
        """(name, A, B, B − A) for every metric; a movement within float noise is a delta of 0."""
        names = list(dict.fromkeys([*self.a.metrics, *self.b.metrics]))
        out = []
        for n in names:
            va, vb = self.a.metrics.get(n), self.b.metrics.get(n)
            d = None if va is None or vb is None else vb - va
            if d is not None and abs(d) <= NOISE * max(1.0, abs(va or 0.0)):
                d = 0.0
            out.append((n, va, vb, d))
        return out

    def drafts(self, case_id: str) -> tuple[str, str]:
        """The two drafts of a case (or why there is none), for reading a regression next to its cause."""
        def text(result: ConfigResult) -> str:
            run = _by_id(result).get(case_id)
            if run is None:
                return "(not in this run)"
            return run.suggestion.draft.text if run.suggestion else f"(error: {run.error})"

        return text(self.a), text(self.b)

    def moved(self) -> list[tuple[str, float | None, float | None, float | None, str]]:
        """Metrics that changed, with 'better' / 'worse' / '' by the metric's direction of good."""
        out = []
        for n, va, vb, d in self.metric_deltas():
            if d == 0.0 or (d is None and va == vb):
                continue
            way = direction(n)
            verdict = "" if d is None or way == 0 else ("better" if d * way > 0 else "worse")
            out.append((n, va, vb, d, verdict))
        return out


def _by_id(result: ConfigResult) -> dict[str, CaseRun]:
    return {r.case.id: r for r in result.cases if r.repeat == 0}


def compare_runs(a: ConfigResult, b: ConfigResult) -> Comparison:
    ca, cb = _by_id(a), _by_id(b)
    cmp = Comparison(a=a, b=b, only_in_a=sorted(set(ca) - set(cb)), only_in_b=sorted(set(cb) - set(ca)))
    for cid in sorted(set(ca) & set(cb)):
        before = {s.name: s for s in ca[cid].scores}
        after = {s.name: s for s in cb[cid].scores}
        for name in sorted(set(before) | set(after)):
            sa, sb = before.get(name), after.get(name)
            st_a = sa.status if sa else "skip"
            st_b = sb.status if sb else "skip"
            if st_a == st_b or "skip" in (st_a, st_b):
                continue
            change = Change(cid, name, st_a, st_b, (sb or sa).reason if (sb or sa) else "")
            (cmp.regressions if _RANK[st_b] < _RANK[st_a] else cmp.improvements).append(change)
    return cmp


def _v(x: float | None) -> str:
    return "—" if x is None else f"{x:.4g}"


def _one_line(text: str, width: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def format_comparison(cmp: Comparison, *, limit: int = 200) -> str:
    a, b = f"{cmp.a.suite}:{cmp.a.config}", f"{cmp.b.suite}:{cmp.b.config}"
    lines = [f"A = {a} ({cmp.a.started_at})", f"B = {b} ({cmp.b.started_at})", "",
             f"{'metric':<34}{'A':>10}{'B':>10}{'Δ':>10}"]
    for name, va, vb, d, verdict in cmp.moved():
        mark = "" if not d else ("  ▲ " if d > 0 else "  ▼ ") + verdict
        lines.append(f"{name:<34}{_v(va):>10}{_v(vb):>10}{_v(d):>10}{mark}")
    for title, changes in (("REGRESSIONS", cmp.regressions), ("IMPROVEMENTS", cmp.improvements)):
        lines += ["", f"{title} ({len(changes)})"]
        if changes:
            lines.append(f"  {'case':<26}{'score':<22}{'A':<7}{'B':<7}reason (B)")
        shown: set[str] = set()
        for i, c in enumerate(changes[:limit]):
            lines.append(f"  {c.case_id:<26}{c.score:<22}{c.before:<7}{c.after:<7}{c.reason[:90]}")
            last_of_case = i + 1 == len(changes[:limit]) or changes[i + 1].case_id != c.case_id
            if title == "REGRESSIONS" and last_of_case and c.case_id not in shown:
                shown.add(c.case_id)
                da, db = cmp.drafts(c.case_id)
                lines += [f"      A: {_one_line(da)}", f"      B: {_one_line(db)}"]
        if len(changes) > limit:
            lines.append(f"  … {len(changes) - limit} more")
    if cmp.only_in_a or cmp.only_in_b:
        lines += ["", f"cases only in A: {len(cmp.only_in_a)}, only in B: {len(cmp.only_in_b)}"]
    return "\n".join(lines)


def render_comparison(cmp: Comparison) -> str:
    """The same comparison as a self-contained HTML page."""
    def table(changes: list[Change]) -> str:
        rows = []
        for c in changes:
            da, db = cmp.drafts(c.case_id)
            rows.append(f"<tr><td><code>{escape(c.case_id)}</code></td><td>{escape(c.score)}</td>"
                        f"<td><span class='pill {c.before}'>{c.before}</span></td>"
                        f"<td><span class='pill {c.after}'>{c.after}</span></td><td>{escape(c.reason)}</td>"
                        f"<td><div class='draft'>{escape(da)}</div></td><td><div class='draft'>{escape(db)}</div></td></tr>")
        return ("<table><tr><th>case</th><th>score</th><th>A</th><th>B</th><th>reason (B)</th><th>draft A</th>"
                "<th>draft B</th></tr>" + "".join(rows) + "</table>" if changes else "<p>None.</p>")

    metrics = "".join(
        f"<tr><td>{escape(n)}</td><td class='num'>{_v(va)}</td><td class='num'>{_v(vb)}</td>"
        f"<td class='num'>{_v(d)}</td><td><span class='pill {'pass' if v == 'better' else 'fail' if v else 'skip'}'>"
        f"{v or 'changed'}</span></td></tr>" for n, va, vb, d, v in cmp.moved())
    title = f"{escape(cmp.a.config)} → {escape(cmp.b.config)}"
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Eval compare {title}</title>"
            f"<style>{CSS}</style></head><body><main><h1>Compare · {title}</h1>"
            f"<p class='meta'>A: {escape(cmp.a.suite)}:{escape(cmp.a.config)} ({escape(cmp.a.started_at)}) · "
            f"B: {escape(cmp.b.suite)}:{escape(cmp.b.config)} ({escape(cmp.b.started_at)})</p>"
            f"<div class='banner {'bad' if cmp.regressions else 'ok'}'>{len(cmp.regressions)} regressions · "
            f"{len(cmp.improvements)} improvements</div>"
            f"<h2>Metrics that moved</h2><table><tr><th>metric</th><th>A</th><th>B</th><th>Δ</th><th></th></tr>{metrics}</table>"
            f"<h2>Regressions</h2>{table(cmp.regressions)}<h2>Improvements</h2>{table(cmp.improvements)}"
            "</main></body></html>")
