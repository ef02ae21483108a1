"""The HTTP API through a real client against a real server on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest


LANG_MESSAGES = {
    "en": "hello, do you deliver to Lviv?",
    "ru": "здравствуйте, вы доставляете во Львов?",
    "uk": "добрий день, чи доставляєте ви до Львова?",
    "hy": "Բարև Ձեզ, առաքում ունե՞ք Լվով",
    "lo": "ສະບາຍດີ ມີບໍລິການສົ່ງໄປວຽງຈັນບໍ",
}


@pytest.fixture()
def client(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=30) as c:
        yield c


def test_health_reports_the_offline_mode(client: httpx.Client) -> None:
    body = client.get("/healthz").json()
    assert body["status"] == "ok" and body["mode"] == "offline"


@pytest.mark.parametrize("language", sorted(LANG_MESSAGES))
def test_suggest_answers_a_first_message_in_its_language(client: httpx.Client, language: str) -> None:
    r = client.post("/v1/suggest", json={"messages": [{"role": "customer", "text": LANG_MESSAGES[language]}],
                                          "channel": "telegram"})
    assert r.status_code == 200
    body = r.json()
    assert body["language"] == language
    assert body["draft"]["text"] and body["hygiene"]["passed"]
    assert {c["rule"] for c in body["hygiene"]["checks"]} >= {"H2", "H3", "H5", "H6", "H7", "H8", "H12"}


def test_an_empty_conversation_is_a_422_naming_messages(client: httpx.Client) -> None:
    r = client.post("/v1/suggest", json={"messages": []})
    assert r.status_code == 422 and r.json()["error"]["field"] == "messages"


def test_an_unknown_channel_is_a_422_naming_channel(client: httpx.Client) -> None:
    r = client.post("/v1/suggest", json={"messages": [{"role": "customer", "text": "hi"}], "channel": "fax"})
    assert r.status_code == 422 and r.json()["error"]["field"] == "channel"


def test_a_10_mb_body_is_a_413(client: httpx.Client) -> None:
    big = json.dumps({"messages": [{"role": "customer", "text": "x" * (10 * 1024 * 1024)}]})
    r = client.post("/v1/suggest", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413 and r.json()["error"]["field"] == "body"


def test_invalid_utf8_is_a_400_naming_the_body(client: httpx.Client) -> None:
    raw = b'{"messages": [{"role": "customer", "text": "\xff\xfe bad"}]}'
    r = client.post("/v1/suggest", content=raw, headers={"content-type": "application/json"})
    assert r.status_code == 400 and r.json()["error"]["field"] == "body"


def test_malformed_json_is_a_400_naming_the_body(client: httpx.Client) -> None:
    r = client.post("/v1/suggest", content=b'{"messages": [', headers={"content-type": "application/json"})
    assert r.status_code == 400 and r.json()["error"]["field"] == "body"


def test_an_unknown_tenant_is_a_404_naming_tenant(client: httpx.Client) -> None:
    r = client.post("/v1/suggest", json={"messages": [{"role": "customer", "text": "hi"}], "tenant": "nobody"})
    assert r.status_code == 404 and r.json()["error"]["field"] == "tenant"


def test_check_returns_the_hygiene_of_an_agents_text(client: httpx.Client) -> None:
    r = client.post("/v1/check", json={
        "conversation": {"messages": [{"role": "customer", "text": "my order A-10234 is late"}]},
        "draft": "Hi [Name], what is your order number? And your email?"})
    assert r.status_code == 200
    report = r.json()
    assert report["passed"] is False
    assert {"H6", "H3"} <= {c["rule"] for c in report["checks"] if c["status"] == "fail"}


def test_rules_lists_the_catalogue_for_uis(client: httpx.Client) -> None:
    rules = client.get("/v1/rules").json()
    ids = {r["id"] for r in rules}
    assert {f"H{i}" for i in range(1, 15)} <= ids and {f"M{i}" for i in range(1, 10)} <= ids
    assert all(r["severity"] in ("block", "warn") and r["description"] for r in rules)


def test_streaming_ends_with_the_full_suggestion(client: httpx.Client) -> None:
    events: list[tuple[str, str]] = []
    with client.stream("POST", "/v1/suggest?stream=true",
                       json={"messages": [{"role": "customer", "text": "where is my order?"}]}) as r:
        assert r.status_code == 200
        event = None
        for line in r.iter_lines():
            if line.startswith("event:"):
                event = line.split(":", 1)[1].strip()
            elif line.startswith("data:") and event:
                events.append((event, line.split(":", 1)[1].strip()))
    kinds = [e for e, _ in events]
    assert kinds[-1] == "suggestion" and "delta" in kinds
    final = json.loads(events[-1][1])
    text = "".join(json.loads(d)["text"] for e, d in events if e == "delta")
    assert text == final["draft"]["text"]


def test_openapi_docs_describe_the_contract(client: httpx.Client) -> None:
    spec = client.get("/openapi.json").json()
    assert "/v1/suggest" in spec["paths"] and "Suggestion" in spec["components"]["schemas"]
    assert client.get("/docs").status_code == 200


def test_a_now_query_parameter_pins_the_clock_for_reproducible_drafts(client: httpx.Client) -> None:
    conv = {"messages": [{"role": "customer", "text": "hi, where is my order VN-10412?"}]}
    morning = client.post("/v1/suggest", params={"now": "2026-11-24T10:00:00+00:00"}, json=conv).json()
    again = client.post("/v1/suggest", params={"now": "2026-11-24T10:00:00Z"}, json=conv).json()
    evening = client.post("/v1/suggest", params={"now": "2026-11-24T17:00:00+00:00"}, json=conv).json()
    assert morning["draft"]["text"] == again["draft"]["text"]
    assert "10:30" in morning["draft"]["text"] and "17:30" in evening["draft"]["text"]   # reply within 30 minutes
    bad = client.post("/v1/suggest", params={"now": "yesterday-ish"}, json=conv)
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "now"


def test_the_promptfoo_provider_asks_a_running_api_with_the_pinned_clock(base_url: str) -> None:
    import importlib.util
    from pathlib import Path

    import copilot.evals.promptfoo_pack as pack

    spec = importlib.util.spec_from_file_location("copilot_provider", Path(pack.__file__).parent / "copilot_provider.py")
    provider = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(provider)
    conv = json.dumps({"messages": [{"role": "customer", "text": "hi, where is my order VN-10412?"}]})
    out = provider.call_api(conv, {"config": {"url": base_url}},
                            {"vars": {"conversation": conv, "now": "2026-11-24T15:00:00+00:00"}})
    assert "error" not in out and "15:30" in out["output"]["draft"]["text"]
    assert out["output"]["fields"]["order_id"] == "VN-10412"
