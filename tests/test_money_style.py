"""Prices written as the business writes its currency (tenant.yaml `money:`), not as an ISO code."""

from __future__ import annotations

from pathlib import Path

import pytest

from copilot import Copilot, Settings
from copilot.errors import ConfigError
from copilot.tenant_config import load_tenant_config

CATALOGUE = """\
currency: {currency}
items:
  - {{id: haircut, kind: service, names: {{en: Haircut, ru: Стрижка, uk: Стрижка}}, aliases: [haircut, стрижка],
     price: "{price}"}}
"""
TENANTS = {
    # name: (tenant.yaml, currency, price)
    "dram": ("currency: AMD\nmoney: {sign: \"֏\"}\n", "AMD", "22 000"),
    "hryvnia": ("currency: UAH\nmoney: {sign: {uk: грн, ru: грн}}\n", "UAH", "350"),
    "dollar": ("currency: USD\nmoney: {sign: $, position: before, space: false}\n", "USD", "12"),
    "cldr": ("currency: UAH\nmoney: {sign: symbol}\n", "UAH", "350"),
    "plain": ("currency: AMD\n", "AMD", "22 000"),
    "per_language": ("currency: AMD\nmoney: {sign: {ru: драм, en: AMD}, position: {en: before}}\n", "AMD", "5 000"),
}


@pytest.fixture(scope="module")
def copilot(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Copilot:
    root = tmp_path_factory.mktemp("tenants")
    for name, (config, currency, price) in TENANTS.items():
        (root / name / "knowledge").mkdir(parents=True)
        (root / name / "tenant.yaml").write_text(config, encoding="utf-8")
        (root / name / "knowledge" / "catalogue.yaml").write_text(
            CATALOGUE.format(currency=currency, price=price), encoding="utf-8")
    return Copilot(Settings(data_dir=data_dir, tenants_dir=root))


def _price_reply(copilot: Copilot, tenant: str, text: str) -> str:
    return copilot.suggest({"tenant": tenant, "messages": [{"role": "customer", "text": text}]}).draft.text


@pytest.mark.parametrize(("tenant", "text", "written"), [
    ("dram", "how much is a haircut?", "22 000 ֏"),
    ("hryvnia", "скільки коштує стрижка?", "350 грн"),
    ("hryvnia", "how much is a haircut?", "350 UAH"),  # no English word given: the ISO code
    ("dollar", "how much is a haircut?", "$12"),
    ("cldr", "скільки коштує стрижка?", "350 ₴"),
    ("plain", "how much is a haircut?", "22 000 AMD"),  # unchanged without `money:`
    ("per_language", "how much is a haircut?", "AMD 5 000"),  # where each language puts it
    ("per_language", "сколько стоит стрижка?", "5 000 драм"),
])
def test_a_price_is_quoted_with_the_currency_as_the_business_writes_it(copilot: Copilot, tenant: str, text: str,
                                                                       written: str) -> None:
    assert written in _price_reply(copilot, tenant, text)


@pytest.mark.parametrize(("content", "named"), [
    ("currency: UAH\nmoney: {sign: \"\"}\n", "money.sign"),
    ("currency: UAH\nmoney: {sign: 100грн}\n", "money.sign"),
    ("currency: UAH\nmoney: {sign: {Ukrainian: грн}}\n", "money.sign"),
    ("currency: UAH\nmoney: {position: middle}\n", "money.position"),
    ("money: {sign: грн}\n", "name the currency"),
    ("currency: UAH\nmoney: {symbol: грн}\n", "money.symbol"),
])
def test_a_bad_money_style_is_an_error_naming_the_key(tmp_path: Path, content: str, named: str) -> None:
    (tmp_path / "tenant.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=named.replace(".", r"\.")) as err:
        load_tenant_config(tmp_path)
    assert "tenant.yaml" in str(err.value)
