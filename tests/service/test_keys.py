"""API keys: created by the CLI, hashed at rest; 401 without a key once one exists; tenant scopes
and roles are 403; with no keys the server only binds 127.0.0.1."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from copilot import Copilot
from copilot.api import create_app
from copilot.automation.db import Database
from copilot.cli import app as cli
from copilot.errors import InputError
from copilot.service.auth import check_binding
from copilot.service.keys import KeyStore

from .conftest import serving

ASK = {"messages": [{"role": "customer", "text": "where is my order?"}]}
KEY = re.compile(r"^cpk_[0-9a-f]{12}_[A-Za-z0-9_-]{40,}$")


@pytest.fixture()
def keys(tmp_path: Path) -> KeyStore:
    return KeyStore(Database(f"sqlite:///{tmp_path / 'keys.sqlite3'}"))


@pytest.fixture()
def keyed_url(offline_copilot: Copilot, keys: KeyStore) -> Iterator[str]:
    keys.create(tenants=["default"], roles=["suggest"])  # authentication is on from the first key
    with serving(create_app(offline_copilot, keys=keys)) as url:
        yield url


def test_the_cli_prints_the_key_on_its_last_line_and_stores_only_a_hash(tmp_path: Path) -> None:
    env = {"COPILOT_DATA_DIR": str(tmp_path)}
    result = CliRunner().invoke(cli, ["keys", "create", "--tenant", "alpha", "--role", "suggest", "--name", "shop"],
                                env=env)
    assert result.exit_code == 0, result.output
    key = result.output.strip().splitlines()[-1]
    assert KEY.match(key)
    secret = key.split("_", 2)[2]
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("automation.sqlite3*"))
    assert secret.encode() not in stored and key.split("_")[1].encode() in stored
    listing = CliRunner().invoke(cli, ["keys", "list"], env=env).output
    assert "alpha" in listing and "suggest" in listing and secret not in listing
    store = KeyStore(Database.from_settings(__import__("copilot").Settings(data_dir=tmp_path)))
    assert store.verify(key) is not None and store.verify(key[:-1] + "x") is None


def test_without_a_key_the_api_is_401_once_a_key_exists(keyed_url: str) -> None:
    for method, path, body in (("POST", "/v1/suggest", ASK), ("POST", "/v1/check", {"conversation": ASK, "draft": "hi"}),
                               ("GET", "/v1/rules", None)):
        r = httpx.request(method, f"{keyed_url}{path}", json=body)
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
        assert r.json()["error"]["field"] == "authorization"
    assert httpx.post(f"{keyed_url}/v1/suggest", json=ASK, headers={"authorization": "Bearer cpk_0_nope"}
                      ).status_code == 401
    assert httpx.get(f"{keyed_url}/healthz").status_code == 200  # liveness stays open


def test_a_key_is_403_on_another_tenant_and_without_the_role(keyed_url: str, keys: KeyStore) -> None:
    mine = {"authorization": f"Bearer {keys.create(tenants=['default'], roles=['suggest'])}"}
    assert httpx.post(f"{keyed_url}/v1/suggest", json=ASK, headers=mine, timeout=60).status_code == 200
    for tenant in ("beta", "nobody-at-all"):  # existing or not: the same 403, nothing leaks
        r = httpx.post(f"{keyed_url}/v1/suggest", json={**ASK, "tenant": tenant}, headers=mine)
        assert r.status_code == 403 and r.json()["error"]["field"] == "tenant"
        r = httpx.post(f"{keyed_url}/v1/check", json={"conversation": {**ASK, "tenant": tenant}, "draft": "hi"},
                       headers=mine)
        assert r.status_code == 403
    admin = {"authorization": f"Bearer {keys.create(tenants=['default'], roles=['admin'])}"}
    for tenant in ("beta", "nobody-at-all"):  # nor may it ask whether another tenant is built (or exists)
        r = httpx.get(f"{keyed_url}/v1/tenants/{tenant}/ready", headers=admin)
        assert r.status_code == 403 and r.json()["error"]["field"] == "tenant"
    inbound_only = {"authorization": f"Bearer {keys.create(tenants=['*'], roles=['inbound'])}"}
    r = httpx.post(f"{keyed_url}/v1/suggest", json=ASK, headers=inbound_only)
    assert r.status_code == 403 and r.json()["error"]["field"] == "authorization"


def test_a_revoked_key_is_401(keyed_url: str, keys: KeyStore) -> None:
    key = keys.create(tenants=["default"], roles=["admin"])
    headers = {"authorization": f"Bearer {key}"}
    assert httpx.get(f"{keyed_url}/v1/rules", headers=headers).status_code == 200
    assert keys.revoke(key.split("_")[1])
    assert httpx.get(f"{keyed_url}/v1/rules", headers=headers).status_code == 401


def test_with_no_keys_only_a_local_address_is_bound(keys: KeyStore, tmp_path: Path) -> None:
    assert "127.0.0.1 only" in check_binding("127.0.0.1", keys, allow_open=False)
    with pytest.raises(InputError, match="--allow-no-keys"):
        check_binding("0.0.0.0", keys, allow_open=False)
    assert check_binding("0.0.0.0", keys, allow_open=True).startswith("WARNING")
    keys.create(tenants=["*"], roles=["admin"])
    assert "configured" in check_binding("0.0.0.0", keys, allow_open=False)
    refused = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0"], env={"COPILOT_DATA_DIR": str(tmp_path / "d")})
    assert refused.exit_code != 0 and "--allow-no-keys" in str(refused.exception or refused.output)


def test_an_operator_key_sees_and_moves_only_its_own_tenants_conversations(keyed_url: str, keys: KeyStore) -> None:
    everyone = {"authorization": f"Bearer {keys.create(tenants=['*'], roles=['inbound', 'operator'])}"}
    # A question the bot answers itself, so the state stays "bot" whenever its worker gets to it
    # (a bot hand-off would also read "human" and hide a wrongful takeover).
    event = {"channel": "telegram", "conversation_id": "scoped-1", "message_id": "m1", "role": "customer",
             "text": "what are your opening hours?"}
    assert httpx.post(f"{keyed_url}/v1/inbound", json=event, headers=everyone).status_code == 202
    mine = [c for c in httpx.get(f"{keyed_url}/v1/conversations", headers=everyone).json()
            if c["conversation_id"] == "scoped-1"]
    assert len(mine) == 1 and mine[0]["tenant"] == "default"
    conversation = mine[0]["id"]

    other = {"authorization": f"Bearer {keys.create(tenants=['beta'], roles=['inbound', 'operator'])}"}
    r = httpx.post(f"{keyed_url}/v1/inbound", json={**event, "message_id": "m2"}, headers=other)
    assert r.status_code == 403 and r.json()["error"]["field"] == "tenant"
    assert all(c["tenant"] == "beta" for c in httpx.get(f"{keyed_url}/v1/conversations", headers=other).json())
    assert httpx.get(f"{keyed_url}/v1/conversations/{conversation}", headers=other).status_code == 404
    assert httpx.post(f"{keyed_url}/v1/conversations/{conversation}/takeover", headers=other).status_code == 404
    state = httpx.get(f"{keyed_url}/v1/conversations/{conversation}", headers=everyone).json()["state"]
    assert state == "bot"  # the other tenant's takeover did not happen
