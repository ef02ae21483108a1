"""A self-contained HTML report of a run: inline CSS, no scripts, no external assets.

Written for a colleague who never opened a terminal: the summary first (did it pass, the key
figures), then bars per rule, a table per intent, and every case behind a <details> with the
conversation, the draft (rule spans marked), and what was expected next to what we got.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape
from typing import Any

from .results import CaseRun, ConfigResult, case_verdict, is_expectation

CSS = """
body{font:15px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
main{max-width:1180px;margin:0 auto;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:28px 0 10px;border-bottom:1px solid #dde1e7;padding-bottom:4px}
.meta{color:#5b6472;font-size:13px}
.banner{padding:12px 16px;border-radius:8px;font-weight:600;margin:16px 0}
.ok{background:#e3f5e8;color:#14532d}.bad{background:#fde8e8;color:#7f1d1d}.warn{background:#fff4d6;color:#713f12}
.cards{display:flex;flex-wrap:wrap;gap:10px}.card{background:#fff;border:1px solid #e3e6eb;border-radius:8px;padding:10px 14px;min-width:150px}
.card b{display:block;font-size:22px}.card span{color:#5b6472;font-size:12px}
table{border-collapse:collapse;background:#fff;width:100%;font-size:14px}
th,td{border:1px solid #e3e6eb;padding:5px 8px;text-align:left;vertical-align:top}th{background:#eef1f5}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.bar{background:#eceff3;border-radius:4px;height:14px;width:260px;position:relative}
.bar i{display:block;height:14px;border-radius:4px;background:#2f855a}.bar i.low{background:#c05621}
.pill{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600}
.pass{background:#e3f5e8;color:#14532d}.fail{background:#fde8e8;color:#9b1c1c}.error{background:#fff4d6;color:#713f12}
.skip{background:#eceff3;color:#5b6472}
details{background:#fff;border:1px solid #e3e6eb;border-radius:8px;margin:6px 0;padding:6px 12px}
summary{cursor:pointer}summary code{font-size:13px}
.msg{margin:4px 0;padding:6px 10px;border-radius:8px;max-width:80%;white-space:pre-wrap}
.customer{background:#eef4ff}.agent,.bot{background:#f1f1f1;margin-left:auto}
.role{font-size:11px;color:#5b6472;text-transform:uppercase}
.draft{white-space:pre-wrap;background:#fbfcfd;border:1px dashed #c9ced6;padding:10px;border-radius:6px}
mark{background:#fde68a;padding:0 1px}mark.block{background:#fca5a5}
.two{display:grid;grid-template-columns:1fr 1fr;gap:14px}
tr.bad td{background:#fde8e8}
"""

# The figures a non-technical reader needs first, in order, with plain names.
HEADLINE = [
    ("intent.accuracy", "Intent right"),
    ("escalation.recall", "Hand-offs caught"),
    ("escalation.precision", "Hand-offs justified"),
    ("hygiene.drafts_passed", "Drafts with no blocking rule"),
    ("hygiene.pass_rate", "Rule checks passed"),
    ("hygiene.unrevised_rate", "Drafts needing no repair"),
    ("fields.recall", "Fields found"),
    ("moment.accuracy", "Right moment"),
    ("grounding.facts_rate", "Facts right"),
    ("latency.p95_ms", "p95 latency (ms)"),
]


def _fmt(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.1f}" if abs(value) >= 10 else f"{value:.3f}".rstrip("0").rstrip(".") or "0"
    return escape(str(value))


def _pill(status: str) -> str:
    return f'<span class="pill {escape(status)}">{escape(status)}</span>'


def _marked(text: str, run: CaseRun) -> str:
    """The draft with each failed rule's span wrapped in <mark> (overlaps: the first one wins)."""
    s = run.suggestion
    if s is None:
        return ""
    spans = sorted((c.span.start, c.span.end, c) for c in s.hygiene.checks
                   if c.status == "fail" and c.span is not None and c.span.end > c.span.start)
    out, pos = [], 0
    for start, end, check in spans:
        if start < pos or end > len(text):
            continue
        out.append(escape(text[pos:start]))
        cls = ' class="block"' if check.severity == "block" else ""
        out.append(f'<mark{cls} title="{escape(check.rule)} {escape(check.name)}: {escape(check.detail)}">'
                   f"{escape(text[start:end])}</mark>")
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def _expected_vs_got(run: CaseRun) -> str:
    e, s = run.case.expect, run.suggestion
    rows = []

    def row(name: str, want: Any, got: Any) -> None:
        rows.append(f"<tr><th>{name}</th><td>{escape(str(want))}</td><td>{escape(str(got))}</td></tr>")

    if e.intent is not None:
        row("intent", e.intent, f"{s.intent.id} ({s.intent.confidence:.2f})" if s else "—")
    if e.fields:
        row("fields", e.fields, {k: s.fields.get(k) for k in e.fields} if s else "—")
    if e.missing is not None:
        row("missing", e.missing, s.missing_fields if s else "—")
    if e.escalate is not None:
        row("decision", "escalate" if e.escalate else "continue", f"{s.decision.action} {s.decision.reasons}" if s else "—")
    if e.moment:
        row("moment", e.moment, s.draft.moment if s else "—")
    if e.facts_must_appear or e.facts_must_not_appear:
        row("facts", f"must: {e.facts_must_appear} · must not: {e.facts_must_not_appear}", "see draft")
    if e.reference:
        row("reference reply", e.reference, "")
    return "<table><tr><th></th><th>expected</th><th>got</th></tr>" + "".join(rows) + "</table>"


def _case(run: CaseRun) -> str:
    verdict = case_verdict(run)
    c, s = run.case, run.suggestion
    failing = [x.name for x in run.scores if x.status in ("fail", "error") and is_expectation(x)]
    head = (f"<summary>{_pill(verdict)} <code>{escape(c.id)}</code> · {escape(c.language or '?')} · "
            f"recipe {c.recipe or '—'} · {escape(c.moment or '—')}"
            + (f" · <small>{escape(', '.join(failing))}</small>" if failing else "") + "</summary>")
    msgs = "".join(f'<div class="msg {m.role}"><div class="role">{m.role}</div>{escape(m.text)}</div>'
                   for m in c.conversation.messages)
    if s is not None:
        draft = (f'<p class="meta">draft · moment {escape(s.draft.moment)} · template {escape(s.draft.template_id or "—")}'
                 f' · {escape(s.language)}</p><div class="draft">{_marked(s.draft.text, run)}</div>')
    else:
        draft = f'<p class="bad banner">The copilot failed: {escape(run.error or "")}</p>'
    scores = "".join(f"<tr><td>{escape(x.name)}</td><td>{_pill(x.status)}</td><td class='num'>{_fmt(x.value)}</td>"
                     f"<td>{escape(x.reason)}</td></tr>" for x in run.scores if x.status != "skip")
    return (f"<details>{head}<div class='two'><div><p class='meta'>conversation · {escape(c.conversation.channel)}</p>"
            f"{msgs}</div><div>{draft}</div></div><h4>Expected vs got</h4>{_expected_vs_got(run)}"
            f"<h4>Scores</h4><table><tr><th>scorer</th><th>status</th><th>value</th><th>reason</th></tr>{scores}</table>"
            "</details>")


def _rule_names() -> dict[str, str]:
    from ..rules import describe_rules

    return {r.id: r.name for r in describe_rules()}


def _rules(result: ConfigResult) -> str:
    names = _rule_names()
    order = list(names) + sorted(set(result.per_rule) - set(names))
    rows = []
    for rule in order:
        c = result.per_rule.get(rule)
        if not c:
            continue
        rate = c["pass_rate"]
        bar = ("<span class='meta'>never applied</span>" if rate is None else
               f"<div class='bar'><i class='{'low' if rate < 0.9 else ''}' style='width:{rate * 100:.1f}%'></i></div>")
        rows.append(f"<tr><td><b>{escape(rule)}</b> {escape(names.get(rule, ''))}</td>"
                    f"<td>{bar}</td>"
                    f"<td class='num'>{'n/a' if rate is None else f'{rate:.1%}'}</td><td class='num'>{int(c['pass'])}</td><td class='num'>{int(c['fail'])}</td>"
                    f"<td class='num'>{int(c['error'])}</td><td class='num'>{int(c['skip'])}</td></tr>")
    return ("<table><tr><th>rule</th><th>pass rate</th><th></th><th>pass</th><th>fail</th><th>error</th><th>n/a</th></tr>"
            + "".join(rows) + "</table>")


def _intents(result: ConfigResult) -> str:
    rows = "".join(f"<tr><td>{escape(k)}</td><td class='num'>{int(v['support'])}</td><td class='num'>{v['precision']:.2f}</td>"
                   f"<td class='num'>{v['recall']:.2f}</td><td class='num'>{v['f1']:.2f}</td></tr>"
                   for k, v in sorted(result.per_intent.items()))
    return ("<table><tr><th>intent</th><th>cases</th><th>precision</th><th>recall</th><th>F1</th></tr>" + rows + "</table>")


def _slices(result: ConfigResult) -> str:
    """Cases passed per language, recipe and moment: where to look first."""
    first = [r for r in result.cases if r.repeat == 0]
    blocks = []
    for title, key in (("language", lambda r: r.case.language or "?"), ("recipe", lambda r: str(r.case.recipe or "—")),
                       ("moment", lambda r: r.case.moment or "—")):
        groups: dict[str, list[str]] = defaultdict(list)
        for r in first:
            groups[key(r)].append(case_verdict(r))
        rows = "".join(f"<tr><td>{escape(k)}</td><td class='num'>{v.count('pass')}/{len(v)}</td></tr>"
                       for k, v in sorted(groups.items(), key=lambda kv: (len(kv[0]), kv[0])))
        blocks.append(f"<div><table><tr><th>{title}</th><th>cases passed</th></tr>{rows}</table></div>")
    return "<div class='cards'>" + "".join(blocks) + "</div>"


def _summary(result: ConfigResult) -> str:
    cards = []
    for key, label in HEADLINE:
        v = result.metrics.get(key)
        if v is None:
            continue
        shown = f"{v:.0f}" if key.endswith("_ms") else f"{v:.1%}"
        std = result.metrics_std.get(key)
        extra = f" ± {std:.3f}" if std else ""
        cards.append(f"<div class='card'><b>{shown}</b><span>{escape(label)}{extra}</span></div>")
    if result.gate:
        banner = ("<div class='banner ok'>The CI gate passed.</div>" if result.gate_passed else
                  "<div class='banner bad'>The CI gate FAILED: " +
                  escape(", ".join(g.metric for g in result.gate if not g.passed)) + "</div>")
        gate = ("<table><tr><th>gate metric</th><th>needs</th><th>got</th><th></th></tr>" + "".join(
            f"<tr><td>{escape(g.metric)}</td><td>{escape(g.threshold)}</td><td class='num'>{_fmt(g.value)}</td>"
            f"<td>{_pill('pass' if g.passed else 'fail')} {escape(g.detail)}</td></tr>" for g in result.gate) + "</table>")
    else:
        banner, gate = "<div class='banner warn'>This suite has no gate thresholds.</div>", ""
    return banner + "<div class='cards'>" + "".join(cards) + "</div><h3>Gate</h3>" + gate


def system_health(results: list[ConfigResult]) -> str:
    """The system under test's own failures, per config, failing configs first: read before any metric."""
    def n(r: ConfigResult, key: str) -> str:
        v = r.metrics.get(key)
        return _fmt(v) if v is None or key == "cost.usd" else f"{v:,.0f}"   # counts, not rates

    rows = []
    for r in sorted(results, key=lambda r: (r.failure is None, r.config)):
        status = (f"{_pill('fail')} {escape(r.failure)}" if r.failure else _pill("pass") + " answered by the configured system")
        rows.append(f"<tr class='{'bad' if r.failure else ''}'><td><b>{escape(r.config)}</b></td><td>{escape(r.mode)}"
                    f"{' · ' + escape(', '.join(r.models)) if r.models else ''}</td><td class='num'>{n(r, 'cases')}</td>"
                    f"<td class='num'>{n(r, 'failures.fallbacks')}</td><td class='num'>{n(r, 'failures.timeouts')}</td>"
                    f"<td class='num'>{n(r, 'failures.copilot_errors')}</td><td class='num'>{n(r, 'failures.judge_errors')}</td>"
                    f"<td class='num'>{n(r, 'llm.calls')}</td><td class='num'>{n(r, 'cost.tokens')}</td>"
                    f"<td class='num'>{n(r, 'cost.usd')}</td><td>{status}</td></tr>")
    failed = [r.config for r in results if r.failure]
    banner = (f"<div class='banner bad'>System under test FAILED in {escape(', '.join(failed))}: its figures below "
              "measure the fallback, not the configured model.</div>" if failed else "")
    return (banner + "<table><tr><th>config</th><th>mode · models</th><th>cases</th><th>fallbacks</th><th>timeouts</th>"
            "<th>errors</th><th>judge errors</th><th>LLM calls</th><th>tokens</th><th>USD</th><th>system under test</th></tr>"
            + "".join(rows) + "</table>")


def render_report(results: list[ConfigResult]) -> str:
    """One HTML page for one or more configs of a run."""
    sections = ["<section><h1>System under test</h1>" + system_health(results) + "</section>"]
    for r in results:
        first = [c for c in r.cases if c.repeat == 0]
        verdicts = [case_verdict(c) for c in first]
        ordered = sorted(first, key=lambda c: ({"fail": 0, "error": 1, "pass": 2}[case_verdict(c)], c.case.id))
        all_metrics = "".join(f"<tr><td>{escape(k)}</td><td class='num'>{_fmt(v)}</td>"
                              f"<td class='num'>{_fmt(r.metrics_std.get(k))}</td></tr>" for k, v in r.metrics.items())
        sections.append(
            f"<section><h1>Eval report · {escape(r.suite)} · {escape(r.config)}</h1>"
            f"<p class='meta'>{escape(r.mode)} mode · copilot {escape(r.copilot_version)} · started {escape(r.started_at)} · "
            f"{len(first)} cases × {r.repeat} repeat(s) · {r.duration_s:.1f} s"
            + (f" · models {escape(', '.join(r.models))}" if r.models else "")
            + (f" · prompts {escape(', '.join(r.prompt_versions))}" if r.prompt_versions else "") + "</p>"
            f"<p>{verdicts.count('pass')} of {len(first)} cases met every expectation; {verdicts.count('fail')} failed, "
            f"{verdicts.count('error')} could not be judged.</p>"
            + _summary(r)
            + "<h2>Rules (hygiene pass rate per rule)</h2>" + _rules(r)
            + "<h2>Intents</h2>" + _intents(r)
            + "<h2>Where cases fail</h2>" + _slices(r)
            + "<h2>Cases (failures first)</h2>" + "".join(_case(c) for c in ordered)
            + "<h2>All metrics</h2><table><tr><th>metric</th><th>value</th><th>std over repeats</th></tr>"
            + all_metrics + "</table></section>"
        )
    title = escape(" / ".join(f"{r.suite}:{r.config}" for r in results))
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Eval report {title}</title>"
            f"<style>{CSS}</style></head><body><main>{''.join(sections)}</main></body></html>")
