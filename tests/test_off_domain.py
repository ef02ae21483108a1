"""Off-domain exemplars keep questions no knowledge answers from being answered with the nearest FAQ."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest
import yaml

from copilot import Copilot, Settings
from copilot.embeddings import get_embedder
from copilot.errors import ConfigError
from copilot.off_domain import OffDomain
from counting import CountingEmbedder

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


def test_exemplars_are_embedded_once_and_reloaded_from_the_cache(tmp_path: Path) -> None:
    source = tmp_path / "off_domain.yaml"
    source.write_text('en: ["will it rain tomorrow", "tell me a joke"]\nru: ["какая завтра погода"]\n', encoding="utf-8")
    embedder = get_embedder()
    first = OffDomain.load([source, tmp_path / "absent.yaml"], embedder, cache_dir=tmp_path / "cache")
    assert first.vectors.shape == (3, embedder.dim)
    assert len(list((tmp_path / "cache").glob("off-domain-*.npy"))) == 1
    again = OffDomain.load([source], embedder, cache_dir=tmp_path / "cache")
    assert np.allclose(first.vectors, again.vectors)
    weather = embedder.embed_queries(["is it going to rain tomorrow?"])[0]
    order = embedder.embed_queries(["where is my order A-10234"])[0]
    assert first.similarity(weather) > first.similarity(order)


def test_a_tenants_own_file_embeds_only_its_own_exemplars(tmp_path: Path) -> None:
    default, own = tmp_path / "default.yaml", tmp_path / "own.yaml"
    default.write_text('en: ["will it rain tomorrow", "tell me a joke"]\nru: ["какая завтра погода"]\n', encoding="utf-8")
    own.write_text('en: ["do you repair bikes?"]\n', encoding="utf-8")
    OffDomain.load([default], get_embedder(), cache_dir=tmp_path / "cache")
    counting = CountingEmbedder(get_embedder())
    both = OffDomain.load([default, own], counting, cache_dir=tmp_path / "cache")
    assert counting.texts == 1 and both.vectors.shape == (4, counting.dim)
    assert np.allclose(both.vectors, get_embedder().embed_queries(
        ["will it rain tomorrow", "tell me a joke", "какая завтра погода", "do you repair bikes?"]), atol=1e-6)


@pytest.mark.parametrize("damage", [lambda b: b[:60], lambda b: b"\0" * len(b)], ids=["half-written", "zeroed"])
def test_a_damaged_cache_is_set_aside_logged_and_rebuilt(tmp_path: Path, damage, caplog: pytest.LogCaptureFixture) -> None:
    source = tmp_path / "off_domain.yaml"
    source.write_text('en: ["will it rain tomorrow", "tell me a joke"]\n', encoding="utf-8")
    embedder = get_embedder()
    first = OffDomain.load([source], embedder, cache_dir=tmp_path / "cache")
    (cache,) = (tmp_path / "cache").glob("off-domain-*.npy")
    cache.write_bytes(damage(cache.read_bytes()))
    again = OffDomain.load([source], embedder, cache_dir=tmp_path / "cache")
    assert np.allclose(first.vectors, again.vectors)
    assert list((tmp_path / "cache").glob("off-domain-*.npy.corrupt-*")) and cache.is_file()
    assert "off-domain cache" in caplog.text and "unreadable" in caplog.text


def test_no_exemplars_means_nothing_is_off_domain(tmp_path: Path) -> None:
    none = OffDomain.load([tmp_path / "absent.yaml"], get_embedder())
    assert none.similarity(get_embedder().embed_queries(["anything"])[0]) == 0.0


def test_an_exemplar_must_outrank_every_in_domain_match(tmp_path: Path) -> None:
    source = tmp_path / "off_domain.yaml"
    source.write_text('en: ["can you deliver sushi to my office tonight"]\n', encoding="utf-8")
    exemplars = OffDomain.load([source], get_embedder())
    sushi = get_embedder().embed_queries(["do you deliver sushi to the office?"])[0]
    near = exemplars.similarity(sushi)
    assert exemplars.outranks(sushi, near - 0.05)
    # A customer message to this business (an intent example) at least as near keeps it in domain.
    assert not exemplars.outranks(sushi, near - 0.05, near + 0.01)
    assert not OffDomain.load([tmp_path / "absent.yaml"], get_embedder()).outranks(sushi, 0.0)


def test_a_tenant_file_with_use_default_false_replaces_the_default_list(tmp_path: Path) -> None:
    default, own = tmp_path / "default.yaml", tmp_path / "own.yaml"
    default.write_text('en: ["do you deliver pizza to my street", "tell me a joke"]\n', encoding="utf-8")
    own.write_text('use_default: false\nen: ["can you fix my car"]\n', encoding="utf-8")
    assert len(OffDomain.load([default, own], get_embedder()).vectors) == 1
    own.write_text('en: ["can you fix my car"]\n', encoding="utf-8")
    assert len(OffDomain.load([default, own], get_embedder()).vectors) == 3


def test_a_tenant_drops_the_default_examples_that_are_its_own_trade_and_a_mistyped_one_is_an_error(
        tmp_path: Path) -> None:
    default, own = tmp_path / "default.yaml", tmp_path / "own.yaml"
    default.write_text('en: ["do you deliver pizza to my street", "tell me a joke"]\n', encoding="utf-8")
    own.write_text('drop: ["do you deliver pizza to my street"]\nen: ["can you fix my car"]\n', encoding="utf-8")
    embedder = get_embedder()
    loaded = OffDomain.load([default, own], embedder)
    assert len(loaded.vectors) == 2
    pizza = embedder.embed_queries(["do you deliver pizza to my street"])[0]
    assert loaded.similarity(pizza) < 0.95  # gone: only the joke and the car are left
    own.write_text('drop: ["do you deliver pizza to my street?"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"own.yaml: drop: 'do you deliver pizza to my street\?' is not a message"):
        OffDomain.load([default, own], embedder)


def test_a_malformed_file_is_a_config_error_naming_it(tmp_path: Path) -> None:
    bad = tmp_path / "off_domain.yaml"
    bad.write_text("- just a list\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="off_domain.yaml"):
        OffDomain.load([bad], get_embedder())
    bad.write_text('use_default: "no"\nen: ["x"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="use_default"):
        OffDomain.load([bad], get_embedder())


@pytest.mark.parametrize(("language", "text"), [
    ("lo", "ມື້ອື່ນຝົນຈະຕົກຢູ່ວຽງຈັນບໍ່"),  # "will it rain in Vientiane tomorrow?": e5 puts it at 0.93 to an FAQ
    ("ru", "девушка не отвечает второй день, что ей написать чтобы не выглядеть навязчивым"),
])
def test_a_question_nearer_an_off_domain_exemplar_than_the_faq_is_not_answered_from_it(
    offline_copilot: Copilot, language: str, text: str
) -> None:
    s = offline_copilot.suggest({"messages": [{"role": "customer", "text": text}]}, now=NOW)
    assert s.language == language
    assert s.draft.citations == []
    assert not any(k.text in s.draft.text for k in s.knowledge)


GUESTHOUSE_FAQ = {"business": "Guesthouse", "entries": [
    {"id": "cancellation", "intent": "info",
     "questions": {"lo": ["ຍົກເລີກການຈອງໄດ້ບໍ່", "ຍົກເລີກແລ້ວເສຍມັດຈຳບໍ່"]},
     "answers": {"lo": "ຍົກເລີກຟຣີ ຖ້າແຈ້ງລ່ວງໜ້າ 3 ມື້; ຫຼັງຈາກນັ້ນ ມັດຈຳບໍ່ຄືນ."}},
    {"id": "breakfast", "intent": "info", "questions": {"lo": ["ມີອາຫານເຊົ້າບໍ່"]},
     "answers": {"lo": "ອາຫານເຊົ້າລວມຢູ່ໃນລາຄາຫ້ອງ 7:00–9:30."}},
    {"id": "check_in", "intent": "info", "questions": {"lo": ["ເຊັກອິນຈັກໂມງ"]},
     "answers": {"lo": "ເຊັກອິນ 14:00, ເຊັກເອົ້າ 12:00."}}]}


def test_in_lao_the_customers_words_in_the_entry_outweigh_a_nearer_exemplar(tmp_path: Path, data_dir: Path) -> None:
    """e5 puts Lao texts close together whatever they say, so an exemplar's nearness says little against the
    customer's words: "if I cancel the room, how many days ahead must I tell you to keep the deposit?" is answered
    from the cancellation entry though the guesthouse's own exemplar (an airline ticket) is nearer."""
    home = tmp_path / "tenants" / "lao_guesthouse"
    (home / "knowledge").mkdir(parents=True)
    (home / "tenant.yaml").write_text(yaml.safe_dump({"timezone": "Asia/Vientiane", "currency": "LAK",
                                                      "languages": ["lo"]}), encoding="utf-8")
    (home / "knowledge" / "faq.yaml").write_text(yaml.safe_dump(GUESTHOUSE_FAQ, allow_unicode=True), encoding="utf-8")
    (home / "off_domain.yaml").write_text(yaml.safe_dump(
        {"lo": ["ຖ້າຍົກເລີກປີ້ຍົນ ຕ້ອງແຈ້ງສາຍການບິນລ່ວງໜ້າຈັກມື້ ຈຶ່ງບໍ່ເສຍເງິນ"]}, allow_unicode=True), encoding="utf-8")
    bot = Copilot(Settings(data_dir=data_dir, tenants_dir=tmp_path / "tenants"))
    text = "ຖ້າຍົກເລີກຫ້ອງ ຕ້ອງແຈ້ງລ່ວງໜ້າຈັກມື້ ຈຶ່ງບໍ່ເສຍມັດຈຳ"
    s = bot.suggest({"tenant": "lao_guesthouse", "messages": [{"role": "customer", "text": text}]}, now=NOW)
    tenant, vector = bot.resources.tenant("lao_guesthouse"), bot.resources.embedder.embed_queries([text])[0]
    top = s.knowledge[0]
    assert top.id == "faq:cancellation:lo" and tenant.off_domain.outranks(vector, top.score)  # the exemplar is nearer
    assert s.draft.citations == ["faq:cancellation:lo"] and "3 ມື້" in s.draft.text
