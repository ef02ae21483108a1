"""promptfoo provider: the Reply Copilot answers a test's conversation (promptfoo's Python provider API).

    providers:
      - id: file://copilot_provider.py
        config:
          settings: {}                    # copilot Settings overrides; {} = the offline default
          # url: http://127.0.0.1:8000   # or ask a running `copilot serve` instead of in-process

Test vars: ``conversation`` (a copilot Conversation, JSON text or a mapping) and ``now`` (ISO time the
reply is written at, for reproducible drafts). The output is the full Suggestion as an object, so
assertions read ``output.draft.text``, ``output.decision.action`` … (``copilot_asserts.py``).
promptfoo keeps the Python worker alive between tests, so the copilot is built once.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

_COPILOTS: dict[str, Any] = {}


def _conversation(vars_: dict[str, Any]) -> dict[str, Any]:
    conv = vars_.get("conversation")
    return json.loads(conv) if isinstance(conv, str) else conv


def _in_process(conv: dict[str, Any], now: str | None, settings: dict[str, Any]) -> dict[str, Any]:
    import copilot  # noqa: F401  (offline environment first)
    from copilot import Copilot, Settings

    key = json.dumps(settings, sort_keys=True)
    if key not in _COPILOTS:
        _COPILOTS[key] = Copilot(Settings(**settings))
    when = datetime.fromisoformat(now) if now else None
    return _COPILOTS[key].suggest(conv, now=when).model_dump(mode="json")


def _over_http(conv: dict[str, Any], now: str | None, url: str, timeout: float) -> dict[str, Any]:
    import httpx

    response = httpx.post(url.rstrip("/") + "/v1/suggest", params={"now": now} if now else None, json=conv,
                          timeout=timeout)
    response.raise_for_status()
    return response.json()


def call_api(prompt: str, options: dict[str, Any], context: dict[str, Any]) -> dict[str, Any]:
    config = options.get("config") or {}
    vars_ = context.get("vars") or {}
    try:
        conv = _conversation(vars_) or json.loads(prompt)
        now = vars_.get("now")
        if config.get("url"):
            out = _over_http(conv, now, config["url"], float(config.get("timeout_s", 60)))
        else:
            out = _in_process(conv, now, config.get("settings") or {})
    except Exception as exc:  # promptfoo shows provider errors per test; the run goes on
        return {"error": f"{type(exc).__name__}: {exc}"}
    usage = [c for c in (out.get("trace") or {}).get("llm_calls") or []]
    prompt_tokens = sum(int(c.get("prompt_tokens") or 0) for c in usage)
    completion_tokens = sum(int(c.get("completion_tokens") or 0) for c in usage)
    return {"output": out,
            "tokenUsage": {"total": prompt_tokens + completion_tokens, "prompt": prompt_tokens,
                           "completion": completion_tokens},
            "cost": sum(float(c.get("cost_usd") or 0) for c in usage)}
