"""Logs carry request ids and no customer data; /metrics counts requests, stages and decisions."""

from __future__ import annotations

import io
import json
import logging
import logging.config

import httpx

from copilot.service.logs import log_config

EMAIL, PHONE, NAME = "anna.k@example.com", "+380 50 123 45 67", "Annabelle"


def test_logs_of_a_suggest_hold_no_email_phone_name_or_text(client: httpx.Client) -> None:
    out = io.StringIO()
    config = log_config("info", "json")
    config["handlers"]["default"]["stream"] = out
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    logging.config.dictConfig(config)
    try:
        body = {"messages": [{"role": "customer", "text": f"my order is late, write to {EMAIL} or call {PHONE}"}],
                "customer": {"name": NAME, "email": EMAIL, "phone": PHONE}}
        ok = client.post("/v1/suggest", json=body)
        bad = client.post("/v1/suggest", json={**body, "channel": "fax"})
        # An exception whose message quotes customer data, logged as the last-resort handler does.
        try:
            raise ValueError(f"cannot parse {EMAIL} / {PHONE}")
        except ValueError:
            logging.getLogger("copilot.http").exception("internal error", extra={"request_id": "r1"})
    finally:
        root.handlers, root.level = saved
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert ok.status_code == 200 and bad.status_code == 422
    access = [r for r in lines if r.get("message") == "request" and r.get("route") == "/v1/suggest"]
    assert {r["request_id"] for r in access} == {ok.headers["x-request-id"], bad.headers["x-request-id"]}
    assert any("[email]" in r.get("exc_info", "") and "[phone]" in r.get("exc_info", "") for r in lines)
    text = out.getvalue()
    for secret in (EMAIL, PHONE, "123 45 67", NAME, "my order is late"):
        assert secret not in text


def test_metrics_count_requests_stages_and_decisions(client: httpx.Client) -> None:
    assert client.post("/v1/suggest", json={"messages": [{"role": "customer", "text": "I want my money back"}]}
                       ).status_code == 200
    metrics = client.get("/metrics")
    assert metrics.status_code == 200 and metrics.headers["content-type"].startswith("text/plain")
    text = metrics.text
    assert 'copilot_requests_total{method="POST",route="/v1/suggest",status="200"}' in text
    assert 'copilot_stage_seconds_count{stage="understand"}' in text
    assert 'copilot_suggestions_total{action="escalate",mode="offline"}' in text
    assert 'copilot_handoff_reasons_total{reason="E-refund"}' in text
    assert 'copilot_auto_send_total{auto_send="false"}' in text  # a refund is never sent by the bot
    assert "copilot_automation_up 1.0" in text and 'copilot_turns_pending{when="due"} 0.0' in text


def test_readiness_is_separate_from_liveness(client: httpx.Client) -> None:
    assert client.get("/healthz").json()["status"] == "ok"
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["checks"] == {"knowledge": "ok", "models": "ok"}
