"""Drafts as the customer reads them: dates in the reply's language, times in the business's timezone
named by its city, a booking's summary one item a line, whatever the customer's name."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from copilot import Copilot, Settings

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)  # 14:00 in Yerevan (UTC+4)

# "I'd like to book for 5 December at 15:00", as customers write it; the expected date and the
# reply-by city are written out by hand (CLDR's month names and the zone's city in each language).
BOOKINGS = [
    ("en", "Anna", "I'd like to book an appointment on 5 December at 15:00", "5 December", "(Yerevan)"),
    ("ru", "Анна", "Хочу записаться на 5 декабря в 15:00", "5 декабря", "(Ереван)"),
    ("uk", "Ганна", "Хочу записатися на 5 грудня о 15:00", "5 грудня", "(Єреван)"),
    ("hy", "Աննա", "Ուզում եմ գրանցվել դեկտեմբերի 5-ին, ժամը 15:00-ին", "դեկտեմբերի 5", "(Երևան)"),
    ("lo", "ສົມໃຈ", "ຂ້ອຍຢາກຈອງວັນທີ 5 ທັນວາ ເວລາ 15:00 ໂມງ", "5 ທັນວາ", "(ເຍເຣວານ)"),
]


@pytest.fixture(scope="module")
def copilot(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Copilot:
    root = tmp_path_factory.mktemp("tenants") / "clinic"
    (root / "knowledge").mkdir(parents=True)
    (root / "tenant.yaml").write_text(yaml.safe_dump({"timezone": "Asia/Yerevan", "vocabulary": "appointment"}),
                                      encoding="utf-8")
    faq = {"business": "Smile Clinic", "entries": [
        {"id": "hours", "intent": "info", "questions": {"en": ["when are you open", "opening hours"]},
         "answers": {"en": "We are open 9:00–19:00, Monday to Saturday."}}]}
    (root / "knowledge" / "faq.yaml").write_text(yaml.safe_dump(faq, allow_unicode=True), encoding="utf-8")
    week = {day: ["09:00-19:00"] for day in ("mon", "tue", "wed", "thu", "fri", "sat")}
    (root / "automation.yaml").write_text(yaml.safe_dump({"business_hours": {"timezone": "Asia/Yerevan",
                                                                             "weekly": week}}), encoding="utf-8")
    return Copilot(Settings(data_dir=data_dir, tenants_dir=root.parent))


@pytest.mark.parametrize(("language", "name", "text", "date", "city"), BOOKINGS)
def test_a_booking_reads_its_date_in_the_customers_language_and_the_time_in_the_business_zone(
        copilot: Copilot, language: str, name: str, text: str, date: str, city: str) -> None:
    s = copilot.suggest({"tenant": "clinic", "customer": {"name": f"<b>{name}</b>"},
                         "messages": [{"role": "customer", "text": text}]}, now=NOW)
    assert (s.language, s.intent.id, s.draft.moment) == (language, "booking", "closing")
    assert s.fields["date"] == "2026-12-05"  # ISO in the Suggestion, for machines
    draft = s.draft.text
    assert date in draft and "2026-12-05" not in draft
    assert city in draft and "UTC" not in draft  # the reply-by time in Yerevan, named in the reply's language
    if language != "lo":  # the Lao closing is one sentence; the others list the slot line by line
        lines = draft.splitlines()
        assert name in lines[0] and date not in lines[0]  # the greeting line ends before the date line
        assert any(line.endswith(date) for line in lines[1:])
    assert name in draft and "<b>" not in draft  # the profile's markup is cleaned off the name
    assert "confirmed" not in draft.lower() and s.hygiene.passed  # nobody checked the slot: a request


def _on_saturday_night(copilot: Copilot, text: str):
    """The clinic asked on Saturday 21:00 in Yerevan; it is closed on Sunday and opens Monday 09:00."""
    return copilot.suggest({"tenant": "clinic", "messages": [{"role": "customer", "text": text}]},
                           now=datetime(2026, 12, 5, 17, 0, tzinfo=UTC))


@pytest.mark.parametrize(("language", "text", "by"), [
    ("en", "I'd like to book an appointment on 10 December at 15:00", "by 09:00 (Yerevan), 7 December"),
    ("ru", "Хочу записаться на 10 декабря в 15:00", "до 09:00 (Ереван), 7 декабря"),
])
def test_a_promise_made_after_hours_names_the_next_opening_and_its_date(
        copilot: Copilot, language: str, text: str, by: str) -> None:
    """Saturday 21:00 in Yerevan, closed on Sunday (automation.yaml): "I'll confirm by 21:30" would be a promise
    nobody is there to keep (H11); the next opening is Monday 09:00."""
    s = _on_saturday_night(copilot, text)
    assert s.draft.moment == "closing"
    assert by in s.draft.text and "21:30" not in s.draft.text
    assert s.hygiene.passed


@pytest.mark.parametrize(("language", "text", "word", "when"), [
    ("en", "I want my money back, the dentist broke my tooth", "by", "09:00 (Yerevan), 7 December"),
    ("uk", "Хочу повернути гроші, ваш лікар зламав мені зуб", "до", "09:00 (Єреван), 7 грудня"),
    ("hy", "Ուզում եմ գումարս հետ ստանալ, բժիշկը ատամս կոտրեց", "մինչև", "09:00 (Երևան), դեկտեմբերի 7"),
    ("lo", "ຂ້ອຍຢາກໄດ້ເງິນຄືນ ໝໍຫັກແຂ້ວຂ້ອຍ", "ກ່ອນ", "09:00 (ເຍເຣວານ), 7 ທັນວາ"),
])
def test_a_hand_off_after_hours_promises_the_next_opening_not_minutes(
        copilot: Copilot, language: str, text: str, word: str, when: str) -> None:
    """"A colleague will reply within 30 minutes" on Saturday night would be a promise nobody keeps."""
    s = _on_saturday_night(copilot, text)
    assert (s.language, s.decision.action) == (language, "escalate")
    assert f"{word} {when}" in s.draft.text and "30" not in s.draft.text
    assert s.decision.promise is not None and s.decision.promise.by == when
