"""A story around the one question a message asks: the question decides what answers it. Words of the story that an
FAQ entry's tags or answer happen to share ("не срочно", "a house") do not make that entry the answer to a price
question about a named item."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from copilot import Copilot, Settings
from copilot.answer_coverage import asks_the_price
from copilot.models import Suggestion

Ask = Callable[[str, str], Suggestion]  # conftest.ask_pack

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
TENANTS = {
    "boilers": ("UAH", "Europe/Kyiv", "ru", {"currency": "UAH", "items": [
        {"id": "diagnostics", "kind": "service", "names": {"ru": "Диагностика котла"}, "aliases": ["диагностика"],
         "price": 650}]}, {"business": "Teplo", "entries": [
        {"id": "urgent_speed", "intent": "info", "tags": ["срочно", "быстро"],
         "questions": {"ru": ["как быстро приедет мастер", "через сколько приедете если котёл сломался"]},
         "answers": {"ru": "На срочный вызов мастер приезжает в течение 2 часов, в том числе ночью."}}]}),
    "fibre": ("LAK", "Asia/Vientiane", "en", {"currency": "LAK", "items": [
        {"id": "fibre-300", "kind": "service", "names": {"en": "Home Fibre 300 Mbps"}, "aliases": ["300 mbps fibre"],
         "price": 449000}]}, {"business": "Net", "entries": [
        {"id": "installation_fee", "intent": "info", "questions": {"en": ["how much is installation"]},
         "answers": {"en": "Installation is 500,000 kip, paid once. It includes 150 m of cable from the pole to your "
                           "house."}},
        {"id": "hours", "intent": "info", "questions": {"en": ["when is the office open"]},
         "answers": {"en": "The office is open Monday to Saturday, 8:00-17:00."}},
        {"id": "payment", "intent": "info", "questions": {"en": ["how do I pay the bill"]},
         "answers": {"en": "Pay the monthly bill by the 5th: cash at the office, BCEL One or bank transfer."}},
        {"id": "outage", "intent": "info", "questions": {"en": ["the internet is down"]},
         "answers": {"en": "Restart the router; if the light stays red, call the hotline 021 555 888."}}]}),
    "spa": ("LAK", "Asia/Vientiane", "lo", {"currency": "LAK", "items": [
        {"id": "oil-massage", "kind": "service", "names": {"lo": "ນວດນ້ຳມັນ"}, "variants": [
            {"id": "60min", "names": {"lo": "60 ນາທີ"}, "aliases": ["1 ຊົ່ວໂມງ"], "price": "180,000"},
            {"id": "120min", "names": {"lo": "120 ນາທີ"}, "aliases": ["2 ຊົ່ວໂມງ"], "price": "320,000"}]}]},
        {"business": "Spa", "entries": [
            {"id": "price_overview", "intent": "pricing", "tags": ["ລາຄາ", "ລາຍການ"],
             "questions": {"lo": ["ຂໍລາຄາແດ່", "ນວດລາຄາເທົ່າໃດ"]},
             "answers": {"lo": "ນວດລາວ 60 ນາທີ 120,000 ກີບ, ນວດນ້ຳມັນ 60 ນາທີ 180,000 ກີບ, ອົບສະໝຸນໄພ 60,000 ກີບ."}},
            {"id": "hours", "intent": "info", "questions": {"lo": ["ເປີດຈັກໂມງ"]},
             "answers": {"lo": "ເປີດທຸກມື້ 10:00–22:00."}}]}),
}


@pytest.fixture(scope="module")
def copilot(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Copilot:
    base = tmp_path_factory.mktemp("tenants")
    for name, (currency, tz, lang, catalogue, faq) in TENANTS.items():
        (base / name / "knowledge").mkdir(parents=True)
        (base / name / "tenant.yaml").write_text(yaml.safe_dump({"timezone": tz, "currency": currency,
                                                                 "languages": [lang]}), encoding="utf-8")
        for file, data in (("catalogue.yaml", catalogue), ("faq.yaml", faq)):
            (base / name / "knowledge" / file).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return Copilot(Settings(data_dir=data_dir, tenants_dir=base))


@pytest.mark.parametrize(("tenant", "text", "item", "price"), [
    # "не срочно" is the story; the urgent-call entry's tag
    ("boilers", "Здравствуйте, котёл через раз выдаёт ошибку F75, не срочно, хочу чтобы мастер глянул. диагностика "
                "скока стоит?", "diagnostics", "650"),
    # "a house" is the story; the installation entry's word
    ("fibre", "hi! just moved into a house in Sisattanak, whats the monthly price for the 300 mbps fibre?",
     "fibre-300", "449,000"),
])
def test_the_one_question_a_story_surrounds_gets_the_named_items_price(copilot: Copilot, tenant: str, text: str,
                                                                       item: str, price: str) -> None:
    s = copilot.suggest({"tenant": tenant, "messages": [{"role": "customer", "text": text}]}, now=NOW)
    assert s.draft.citations[:1] == [f"catalogue:{item}:{s.language}"] and price in s.draft.text


@pytest.mark.parametrize(("text", "asks"), [
    # a question opened by a conjunction is a question: the price is asked beside the other one
    ("me + my gf want to do the wine tour. is the tasting included or extra? and how much per person", True),
    ("хотим на винный тур. дегустация входит в цену? а сколько за человека", True),
    ("хочемо на винний тур. дегустація входить у ціну? і скільки за людину", True),
    # a price said in the story, not asked
    ("I will pay whatever it costs. can I buy one at reception?", False),
])
def test_a_price_asked_beside_another_question_is_asked(text: str, asks: bool) -> None:
    assert asks_the_price(text) is asks


@pytest.mark.parametrize(("text", "item", "price"), [
    # "hello, it's my mother's birthday, I want to give her a pedicure. the pedicure, how much does it come to": the
    # question opens with what it asks about, as Armenian questions often do, and names nothing the item does not
    ("բարև ձեզ, մայրիկիս ծննդյան օրն ա, ուզում եմ պեդիկյուր նվիրեմ։ պեդիկյուրը ինչքան ա լինում", "pedicure", "12 000"),
    # "my friend is going to a wedding on Saturday, she wants her hair dyed. colouring long hair, how much?"
    ("ընկերուհիս շաբաթ օրը հարսանիքի է գնում, ուզում է մազերը ներկել։ երկար մազերի ներկումը ինչքան ա լինում",
     "colouring", "28 000"),
])
def test_a_price_asked_after_the_story_gets_the_items_price_in_any_word_order(ask_pack: Ask, text: str, item: str,
                                                                              price: str) -> None:
    s = ask_pack("aria_beauty", text)
    assert s.draft.citations[:1] == [f"catalogue:{item}:hy"] and price in s.draft.text


# An FAQ entry leads the item a price question names when the customer says what the item's entry does not, or one of
# the FAQ entry's own topics (a tag such as "delivery"); a tag that is only how the price is asked is no topic.
@pytest.mark.parametrize(("tenant", "text", "item", "price", "not_quoted"), [
    # "a 2-hour oil massage, how much?": the price list's tag ລາຄາ (price) is how the price is asked; the list has no
    # 2-hour price
    ("spa", "ນວດນ້ຳມັນ 2ຊມ ລາຄາເທົ່າໃດ", "oil-massage", "320,000", "faq:price_overview:lo"),
])
def test_a_tag_the_price_is_asked_with_does_not_make_its_entry_lead_the_named_item(
        copilot: Copilot, tenant: str, text: str, item: str, price: str, not_quoted: str) -> None:
    s = copilot.suggest({"tenant": tenant, "messages": [{"role": "customer", "text": text}]}, now=NOW)
    assert s.draft.citations[:1] == [f"catalogue:{item}:{s.language}"] and price in s.draft.text
    assert not_quoted not in s.draft.citations
