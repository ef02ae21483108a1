from __future__ import annotations

import textwrap
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from copilot.catalogue import Catalogue, load_catalogue
from copilot.fields import extract_fields
from copilot.models import Conversation

# A Tuesday, noon UTC: "tomorrow" is Wednesday 11 March, "friday" is 13 March.
SENT = datetime(2026, 3, 10, 12, 0, tzinfo=timezone.utc)

CATALOGUE_YAML = """\
currency: EUR
items:
  - id: bike-city-3
    names: {en: "City 3 bike", ru: "велосипед City 3", uk: "велосипед City 3", hy: "City 3 հեծանիվ", lo: "ລົດຖີບ City 3"}
    aliases: ["city 3", "сити 3", "сіті 3"]
    price: 540
    attributes: {size: [S, M, L], colour: [black, green]}
    stock: 4
    summaries: {en: "3-speed city bike"}
  - id: helmet-pro
    names: {en: "Pro helmet", ru: "шлем Pro", uk: "шолом Pro", hy: "Pro սաղավարտ", lo: "ໝວກກັນກະທົບ Pro"}
    price: 60
    attributes: {size: [M, L, XL], colour: [black, white, red]}
    stock: 10
cities:
  - id: yerevan
    names: {en: Yerevan, ru: Ереван, uk: Єреван, hy: Երևան, lo: ເຢເຣວານ}
    delivery_days: 1
  - id: lviv
    names: {en: Lviv, ru: Львов, uk: Львів}
    delivery_days: 3
  - id: kyiv
    names: {en: Kyiv, ru: Киев, uk: Київ}
    delivery_days: 2
  - id: vientiane
    names: {en: Vientiane, ru: Вьентьян, lo: ວຽງຈັນ}
    delivery_days: 2
"""


@pytest.fixture
def catalogue(tmp_path: Path) -> Catalogue:
    path = tmp_path / "catalogue.yaml"
    path.write_text(textwrap.dedent(CATALOGUE_YAML), encoding="utf-8")
    return load_catalogue(path)


@pytest.fixture
def fields() -> Callable[..., dict[str, Any]]:
    """Values extracted from one customer message sent at SENT."""

    def run(text: str, language: str, **kwargs: Any) -> dict[str, Any]:
        conversation = Conversation.model_validate(
            {"messages": [{"role": "customer", "text": text, "sent_at": SENT.isoformat()}]}
        )
        return extract_fields(conversation, language=language, **kwargs).values

    return run
