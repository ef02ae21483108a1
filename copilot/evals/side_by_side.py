"""Configs side by side: one page, one row per case, one column per config.

Each cell holds what a reviewer compares — the draft (failed rules' spans marked), the intent, the
decision and the failed rules and expectations. Filters (failed only, changed only, language,
recipe, rule) and a search box run in a small inline script; the same filters can be preset in
the URL (``side-by-side.html?failed=1&lang=ru&q=refund``) so a link shows exactly the rows meant.
Self-contained: no external assets.
"""

from __future__ import annotations

from html import escape

from .report_html import CSS, _marked, _pill, system_health
from .results import CaseRun, ConfigResult, case_verdict, is_expectation

SIDE_CSS = """
main.wide{max-width:none}
.filters{position:sticky;top:0;background:#f6f7f9;padding:8px 0;z-index:2;display:flex;flex-wrap:wrap;gap:12px;
 align-items:center;border-bottom:1px solid #dde1e7}
.filters input[type=search]{width:260px;padding:4px 8px}
table.sbs td{min-width:260px}table.sbs td.case{min-width:200px;max-width:260px}
.draft.small{font-size:13px;padding:6px}
.kv{font-size:12px;color:#3b4452;margin-top:4px}.kv b{color:#1d2330}
tr.changed td.case{border-left:4px solid #c05621}
.last{font-size:13px;background:#eef4ff;border-radius:6px;padding:4px 6px;white-space:pre-wrap}
"""

# Filters by data attributes; state is read from the form and mirrored in the URL's query.
SCRIPT = """
(function(){
  const f=document.getElementById('filters'), rows=[...document.querySelectorAll('tr.case-row')];
  const fields=['failed','changed','lang','recipe','rule','q'];
  const params=new URLSearchParams(location.search);
  fields.forEach(k=>{const el=f.elements[k]; if(!el||!params.has(k))return;
    if(el.type==='checkbox'){el.checked=params.get(k)==='1'}else{el.value=params.get(k)}});
  function apply(){
    const failed=f.elements.failed.checked, changed=f.elements.changed.checked, lang=f.elements.lang.value,
      recipe=f.elements.recipe.value, rule=f.elements.rule.value, q=f.elements.q.value.trim().toLowerCase();
    let shown=0;
    rows.forEach(r=>{
      const ok=(!failed||r.dataset.failed==='1')&&(!changed||r.dataset.changed==='1')&&(!lang||r.dataset.lang===lang)
        &&(!recipe||r.dataset.recipe===recipe)&&(!rule||r.dataset.rules.split(' ').includes(rule))
        &&(!q||r.textContent.toLowerCase().includes(q));
      r.hidden=!ok; if(ok)shown++;
    });
    document.getElementById('shown').textContent=shown;
  }
  f.addEventListener('input',apply); f.addEventListener('change',apply); apply();
})();
"""


def _failed_rules(run: CaseRun | None) -> list[str]:
    if run is None or run.suggestion is None:
        return []
    return [c.rule for c in run.suggestion.hygiene.checks if c.status == "fail"]


def _signature(run: CaseRun | None) -> tuple:
    """What 'changed' compares across configs: draft, intent, decision and verdict."""
    if run is None:
        return ("missing",)
    s = run.suggestion
    if s is None:
        return ("error",)
    return (s.draft.text, s.intent.id, s.decision.action, tuple(s.decision.reasons), case_verdict(run))


def _cell(run: CaseRun | None) -> str:
    if run is None:
        return "<td class='meta'>not run in this config</td>"
    s = run.suggestion
    verdict = case_verdict(run)
    failing = [x.name for x in run.scores if x.status in ("fail", "error") and is_expectation(x)]
    if s is None:
        return f"<td>{_pill(verdict)}<p class='bad banner'>{escape(run.error or 'no suggestion')}</p></td>"
    rules = _failed_rules(run)
    fallback = f" · <b class='fail pill'>fallback {escape(s.trace.fallback)}</b>" if s.trace.fallback else ""
    return (f"<td>{_pill(verdict)} <span class='meta'>{escape(s.trace.mode)}{fallback}</span>"
            f"<div class='draft small'>{_marked(s.draft.text, run)}</div>"
            f"<div class='kv'><b>intent</b> {escape(s.intent.id)} ({s.intent.confidence:.2f}) · <b>moment</b> "
            f"{escape(s.draft.moment)}</div>"
            f"<div class='kv'><b>decision</b> {escape(s.decision.action)}"
            f"{' ' + escape(', '.join(s.decision.reasons)) if s.decision.reasons else ''}</div>"
            f"<div class='kv'><b>failed rules</b> {escape(', '.join(rules)) or '—'}</div>"
            + (f"<div class='kv'><b>failed</b> {escape(', '.join(failing))}</div>" if failing else "") + "</td>")


def _options(name: str, label: str, values: list[str]) -> str:
    opts = "".join(f"<option value='{escape(v)}'>{escape(v)}</option>" for v in values)
    return f"<label>{label} <select name='{name}'><option value=''>all</option>{opts}</select></label>"


def render_side_by_side(results: list[ConfigResult]) -> str:
    """One page comparing the configs' outputs case by case (first repeat of each)."""
    by_config = [{r.case.id: r for r in res.cases if r.repeat == 0} for res in results]
    ids = sorted(set().union(*by_config)) if by_config else []
    rows, langs, recipes, rules = [], set(), set(), set()
    for cid in ids:
        runs = [m.get(cid) for m in by_config]
        case = next(r.case for r in runs if r is not None)
        lang, recipe = case.language or "?", str(case.recipe or "—")
        failed_rules = sorted({rule for r in runs for rule in _failed_rules(r)})
        langs.add(lang)
        recipes.add(recipe)
        rules.update(failed_rules)
        failed = any(r is None or case_verdict(r) != "pass" for r in runs)
        changed = len({_signature(r) for r in runs}) > 1
        last = case.conversation.messages[-1]
        convo = "".join(f"<div class='msg {m.role}'><div class='role'>{m.role}</div>{escape(m.text)}</div>"
                        for m in case.conversation.messages[:-1])
        rows.append(
            f"<tr class='case-row{' changed' if changed else ''}' data-failed='{int(failed)}' "
            f"data-changed='{int(changed)}' data-lang='{escape(lang)}' data-recipe='{escape(recipe)}' "
            f"data-rules='{escape(' '.join(failed_rules))}'><td class='case'><code>{escape(cid)}</code>"
            f"<div class='meta'>{escape(lang)} · recipe {escape(recipe)} · {escape(case.moment or '—')} · "
            f"{escape(case.conversation.channel)}</div>"
            + (f"<details><summary class='meta'>{len(case.conversation.messages) - 1} earlier messages</summary>"
               f"{convo}</details>" if convo else "")
            + f"<div class='last'>{escape(last.text)}</div></td>"
            + "".join(_cell(r) for r in runs) + "</tr>")
    heads = "".join(f"<th>{escape(r.config)}<div class='meta'>{escape(r.mode)}"
                    f"{' · ' + escape(', '.join(r.models)) if r.models else ''}"
                    f"{' · ' + escape(', '.join(r.prompt_versions)) if r.prompt_versions else ''}"
                    f"{' · ' + escape(', '.join(f'{k}={v}' for k, v in r.axes.items())) if r.axes else ''}"
                    "</div></th>" for r in results)
    filters = (
        "<form id='filters' class='filters' onsubmit='return false'>"
        "<label><input type='checkbox' name='failed' value='1'> failed only</label>"
        "<label><input type='checkbox' name='changed' value='1'> changed only</label>"
        + _options("lang", "language", sorted(langs)) + _options("recipe", "recipe", sorted(recipes, key=lambda x: (len(x), x)))
        + _options("rule", "failed rule", sorted(rules, key=lambda x: (x[0], int(x[1:]) if x[1:].isdigit() else 0)))
        + "<input type='search' name='q' placeholder='search case, message, draft…'>"
        f"<span class='meta'><b id='shown'>{len(ids)}</b> of {len(ids)} cases</span></form>")
    title = escape(" vs ".join(r.config for r in results))
    suite = escape(results[0].suite) if results else ""
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Side by side {title}</title>"
            f"<style>{CSS}{SIDE_CSS}</style></head><body><main class='wide'>"
            f"<h1>Side by side · {suite} · {title}</h1>" + system_health(results) + filters
            + f"<table class='sbs'><tr><th>case</th>{heads}</tr>{''.join(rows)}</table>"
            f"</main><script>{SCRIPT}</script></body></html>")
