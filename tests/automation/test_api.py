"""The automated mode over HTTP: 202 on inbound, duplicates, clear 4xx, the operators' endpoints."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from copilot.api import create_app

from .conftest import Mode


@pytest.fixture
def client(mode: Mode) -> TestClient:
    app = create_app(mode.copilot, warm=False)
    app.state.automation = mode.automation  # this test's database and clock
    return TestClient(app)  # no lifespan: the test's workers do the work on its clock


EVENT = {"tenant": "shop", "channel": "webchat", "conversation_id": "c1", "message_id": "m1", "role": "customer",
         "text": "I want my money back for order VN-10711"}


def test_inbound_is_accepted_with_202_and_a_redelivery_is_a_duplicate(client: TestClient) -> None:
    first = client.post("/v1/inbound", json=EVENT)
    assert first.status_code == 202 and first.json() == {"accepted": True, "duplicate": False}
    again = client.post("/v1/inbound", json=EVENT)
    assert again.status_code == 202 and again.json() == {"accepted": True, "duplicate": True}


@pytest.mark.parametrize(("change", "field"), [({"role": "bot"}, "role"), ({"text": "  "}, "text"),
                                               ({"channel": "fax"}, "channel"), ({"message_id": ""}, "message_id")])
def test_bad_events_get_a_422_naming_the_field(client: TestClient, change: dict, field: str) -> None:
    r = client.post("/v1/inbound", json={**EVENT, **change})
    assert r.status_code == 422 and r.json()["error"]["field"] == field


def test_an_unknown_tenant_is_a_404(client: TestClient) -> None:
    r = client.post("/v1/inbound", json={**EVENT, "tenant": "nobody-here"})
    assert r.status_code == 404 and r.json()["error"]["field"] == "tenant"


def test_the_operators_queue_detail_and_state_changes(client: TestClient, mode: Mode) -> None:
    client.post("/v1/inbound", json=EVENT)
    client.post("/v1/inbound", json={**EVENT, "conversation_id": "c2", "text": "What are your opening hours?"})
    mode.run()
    queue = client.get("/v1/conversations", params={"state": "human"}).json()
    assert [c["conversation_id"] for c in queue] == ["c1"]
    assert "E-refund" in queue[0]["handoff"]["reasons"]
    detail = client.get(f"/v1/conversations/{queue[0]['id']}").json()
    assert [m["role"] for m in detail["messages"]] == ["customer", "bot"]
    assert detail["suggestions"][0]["outcome"] == "handoff"
    assert detail["suggestions"][0]["suggestion"]["intent"]["id"] == "refund"
    assert client.post(f"/v1/conversations/{queue[0]['id']}/release").json()["state"] == "bot"
    assert client.get("/v1/conversations", params={"state": "human"}).json() == []
    c2 = next(c for c in client.get("/v1/conversations").json() if c["conversation_id"] == "c2")
    assert client.post(f"/v1/conversations/{c2['id']}/takeover").json()["state"] == "human"
    assert client.post(f"/v1/conversations/{c2['id']}/resolve").json()["state"] == "closed"


def test_unknown_conversations_and_outbox_ids_are_404(client: TestClient) -> None:
    assert client.get("/v1/conversations/999999").status_code == 404
    assert client.post("/v1/conversations/999999/takeover").status_code == 404
    assert client.post("/v1/outbox/nope/retry").status_code == 404
    assert client.get("/v1/conversations", params={"state": "sleeping"}).status_code == 422


def test_a_message_for_a_tenant_with_wrong_files_is_kept_and_handed_to_a_person(client: TestClient, mode: Mode) -> None:
    root = mode.copilot.settings.tenants_dir / "lumi-demo-layout"
    (root / "demo").mkdir(parents=True, exist_ok=True)  # its FAQ where the default library keeps the demo's
    (root / "demo" / "faq.yaml").write_text("business: Lumi\nentries: [{id: hours, intent: info, questions: "
                                            "{en: [when are you open]}, answers: {en: 'We open at 9.'}}]\n",
                                            encoding="utf-8")
    event = {**EVENT, "tenant": "lumi-demo-layout", "text": "when are you open?"}
    r = client.post("/v1/inbound", json=event)
    assert r.status_code == 202  # the customer's message is not lost while the operator fixes the folder
    mode.run()
    [queued] = client.get("/v1/conversations", params={"state": "human", "tenant": "lumi-demo-layout"}).json()
    assert queued["handoff"]["reasons"] == ["pipeline_error:TenantConfigError"]
    assert mode.receiver.received[-1]["kind"] == "handoff"  # the customer hears a person will reply


def test_a_tenant_with_an_invalid_automation_file_is_a_503_naming_it(client: TestClient, mode: Mode) -> None:
    root = mode.copilot.settings.tenants_dir / "lumi-bad-automation"
    root.mkdir(exist_ok=True)
    (root / "automation.yaml").write_text("- not a mapping\n", encoding="utf-8")
    r = client.post("/v1/inbound", json={**EVENT, "tenant": "lumi-bad-automation"})
    assert r.status_code == 503, r.text
    assert str(root / "automation.yaml") in r.json()["error"]["message"]
