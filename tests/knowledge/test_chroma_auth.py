"""A Chroma server behind credentials and TLS: COPILOT_CHROMA_TOKEN and COPILOT_CHROMA_CA_BUNDLE,
against a real `chroma run` behind a token-checking TLS proxy (chromadb 1.5's server checks no
token itself: docs/deployment.md)."""

from __future__ import annotations

import ssl
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr
from servers import chroma_server, self_signed_certificate, token_proxy

from copilot.errors import KnowledgeError
from copilot.knowledge import KnowledgeStore
from copilot.settings import Settings

TOKEN = "s3cret-token_for.chroma"


def test_the_store_sends_its_token_over_verified_tls_and_fails_loudly_without_either(
        knowledge_dir: Path, tmp_path: Path) -> None:
    cert, key = self_signed_certificate(tmp_path)
    with chroma_server(tmp_path / "chroma") as upstream, \
            token_proxy(upstream, TOKEN, certfile=cert, keyfile=key) as (url, seen):
        # The proxy is a real gate: no token, no data.
        assert httpx.get(f"{url}/api/v2/heartbeat", verify=ssl.create_default_context(cafile=str(cert))).status_code == 401

        settings = Settings(chroma_url=url, chroma_token=SecretStr(TOKEN), chroma_ca_bundle=cert,
                            data_dir=tmp_path / "data")
        store = KnowledgeStore(settings)
        assert store.ingest(knowledge_dir, tenant="velo").embedded > 0
        assert store.search_text("во сколько вы открываетесь?", tenant="velo", language="ru")[0].id == "faq:hours:ru"
        assert seen and all(h.get("authorization") == f"Bearer {TOKEN}" for h in seen[1:])

        with pytest.raises(KnowledgeError, match="401|nauthori"):  # the token is missing: 401 from the proxy
            KnowledgeStore(Settings(chroma_url=url, chroma_ca_bundle=cert, data_dir=tmp_path / "data")).entries(tenant="velo")
        with pytest.raises(KnowledgeError, match="(?i)certificate verify failed"):  # not a certificate the system trusts
            KnowledgeStore(Settings(chroma_url=url, chroma_token=SecretStr(TOKEN), data_dir=tmp_path / "data"))
