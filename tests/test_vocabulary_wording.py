"""tenant.yaml `vocabulary:` words every text that names what a customer has with the business: a vet
clinic's client is asked for the phone the appointment was made with, never for a "booking number" or
an "order"; a guesthouse's guest has a booking, not an order. In all five languages."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

import pytest
import yaml

from copilot import Copilot, Settings
from copilot.dialogue import read_ours
from copilot.fields import identified_by
from copilot.paths import KNOWLEDGE_DIR
from copilot.taxonomy import load_taxonomy
from copilot.templates import TemplateLibrary
from copilot.tenant_config import TenantConfig, Vocabulary

LANGUAGES = ["en", "ru", "uk", "hy", "lo"]
# Words of another kind of business, per vocabulary and language (stems; Lao has no spaces).
SHOP = {"en": r"\border|\bdeliver", "ru": r"заказ|доставк", "uk": r"замовлен|доставк", "hy": r"պատվեր|առաք",
        "lo": r"ຄຳສັ່ງຊື້|ຈັດສົ່ງ|ສິນຄ້າໃນສາງ"}  # ... "goods in the warehouse"
BOOKING = {"en": r"\bbook", "ru": r"брон", "uk": r"бронюван", "hy": r"ամրագր", "lo": r"ຈອງ"}
# a booking of a car, a tour or a room is no appointment one is signed up for (ru, uk "запис"; hy "ժամ կամրագրեմ")
APPOINTMENT = {"en": r"appointment", "ru": r"запис|запиш", "uk": r"запис|запиш", "hy": r"ժամ կամրագր", "lo": r"ນັດ"}
FOREIGN = {"order": {}, "booking": {lang: f"{SHOP[lang]}|{APPOINTMENT[lang]}" for lang in LANGUAGES},
           "appointment": {lang: f"{SHOP[lang]}|{BOOKING[lang]}" for lang in LANGUAGES}}
# ... and its own word, which its asks do use.
OWN = {"order": {"en": r"\border", "ru": r"заказ", "uk": r"замовлен", "hy": r"պատվեր", "lo": r"ຄຳສັ່ງຊື້"},
       "booking": BOOKING,
       "appointment": {"en": r"appointment", "ru": r"запис", "uk": r"запис", "hy": r"գրանց|այց", "lo": r"ນັດ"}}
# (intent, moment) of the any-intent and any-kind texts that name it (the vague opener, booking, moving or
# cancelling, "any news?"); every text written for one intent is checked too (`_asks`).
ASKS = [("greeting", "vague_opener"), ("booking", "ask_missing"), ("booking", "first_reply"), ("booking", "closing"),
        ("reschedule_cancel", "ask_missing"), ("reschedule_cancel", "closing"), ("order_status", "ask_missing"),
        ("order_status", "first_reply"), ("refund", "ask_missing"), ("refund", "handoff"),
        ("payment_issue", "handoff"), ("complaint", "handoff"), ("complaint", "angry"), ("follow_up", "reopen"),
        ("follow_up", "ask_missing")]
VALUES = {"order_id": "A-10234", "email": "anna@example.com", "phone": "+380671234567", "date": "5 December",
          "time": "17:00", "money": "1 200 UAH", "product": "", "size": "", "colour": "", "city": "", "quantity": "",
          "reason": "", "name": "Olena"}


def test_every_vocabulary_value_is_covered() -> None:
    assert set(get_args(Vocabulary)) == set(FOREIGN) == set(OWN)


def _asks(library: TemplateLibrary, lang: str) -> list[tuple[str, str]]:
    """ASKS and every (intent, moment) the library has a text of its own for (a return's questions too)."""
    return sorted({*ASKS, *((t.intent, t.moment) for t in library.languages[lang].templates if t.intent != "*")})


def _renderings(vocabulary: str, lang: str) -> list[tuple[str, str]]:
    """(where, text) of every text a tenant of this vocabulary sends for ASKS, with and without the fields."""
    library = TemplateLibrary.load(KNOWLEDGE_DIR / "templates", vocabulary=vocabulary)
    taxonomy = load_taxonomy(KNOWLEDGE_DIR / "taxonomy")
    identifier = TenantConfig(vocabulary=vocabulary).identifier  # type: ignore[arg-type]
    out = []
    for intent, moment in _asks(library, lang):
        spec = taxonomy.behaviour(intent)
        template = library.select(lang, intent, moment, spec.kind)
        assert template is not None
        required = identified_by(spec.required_fields, identifier)
        first = required[0].split("|")[0] if required else None
        phrase = library.field_phrase(lang, first) if first else None
        for given in (True, False):
            values = VALUES if given else {k: "" for k in VALUES}
            variables = {**values, "topic": library.topic(lang, intent), "ask": "" if given or not phrase else phrase.ask,
                         "answer": "", "reply_by": "15:30", "eta_minutes": 30, "options": [], "recommendation": "",
                         "business": "Druzhok", "confirmed": given,
                         "asks_number": identifier == "order_id"}
            out.append((f"{template.id} (fields given: {given})", library.render(template, variables)))
    ups = library.follow_ups(lang)
    for intent in ("booking", "reschedule_cancel", "order_status", "availability"):
        topic = library.topic(lang, intent)
        for kind in ("reminder", "close_offer"):
            out.append((f"follow-up {kind} about {intent}", library.render(getattr(ups, kind), {"name": "", "topic": topic})))
    out.append(("follow-up booking_reminder", library.render(ups.booking_reminder, {"name": "", "date": "5 December",
                                                                                    "time": "17:00", "topic": ""})))
    for field in ("order_id", identifier, "city"):
        out.append((f"field {field}", library.field_phrase(lang, field).ask))
    return out


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("vocabulary", get_args(Vocabulary))
def test_a_vocabulary_words_every_ask_about_what_customers_have(vocabulary: str, lang: str) -> None:
    texts = _renderings(vocabulary, lang)
    foreign = FOREIGN[vocabulary].get(lang)
    if foreign:
        leaks = [f"{where}: {text}" for where, text in texts if re.search(foreign, text, re.I)]
        assert not leaks, "\n".join(leaks)
    own = [where for where, text in texts if re.search(OWN[vocabulary][lang], text, re.I)]
    assert len(own) >= 10, own  # the texts do name it, in its own words


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_shop_moves_or_cancels_an_order_not_a_booking(lang: str) -> None:
    """A shop books workshop slots too, so only its texts about changing what the customer has are checked."""
    texts = [(where, text) for where, text in _renderings("order", lang) if "reschedule_cancel" in where]
    assert len(texts) >= 4, texts
    other = f"{BOOKING[lang]}|{OWN['appointment'][lang]}"
    assert not [t for t in texts if re.search(other, t[1], re.I)], texts
    assert all(re.search(OWN["order"][lang], text, re.I) for where, text in texts if "ask_missing" in where), texts


def test_the_identifier_of_an_appointment_is_the_phone_it_was_made_with() -> None:
    assert TenantConfig(vocabulary="appointment").identifier == "phone"
    assert TenantConfig(vocabulary="booking").identifier == "order_id"
    assert TenantConfig(vocabulary="appointment", identified_by="order_id").identifier == "order_id"
    assert identified_by(["order_id", "date"], "phone") == ["phone|order_id", "date"]
    assert identified_by(["order_id|phone|email"], "phone") == ["phone|order_id|email"]
    assert identified_by(["order_id|email", "reason"], "order_id") == ["order_id|email", "reason"]


# A clinic's client moves an appointment, then answers our one question with a phone number.
MOVE = {"en": ("I need to move my appointment to Friday", "it's 067 123 45 67"),
        "ru": ("можно перенести мою запись на пятницу?", "мой номер 067 123 45 67"),
        "uk": ("хочу перенести свій запис на пʼятницю", "мій номер 067 123 45 67"),
        "hy": ("ուզում եմ գրանցումս տեղափոխել ուրբաթ", "093 123456"),
        "lo": ("ຂໍເລື່ອນນັດໄປວັນສຸກໄດ້ບໍ່", "020 5555 1234")}


@pytest.fixture(scope="module")
def clinic(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Copilot:
    tenants = tmp_path_factory.mktemp("tenants")
    (tenants / "clinic" / "knowledge").mkdir(parents=True)
    (tenants / "clinic" / "tenant.yaml").write_text(yaml.safe_dump(
        {"business": "Druzhok", "languages": LANGUAGES, "vocabulary": "appointment", "taxonomy": "extend"}),
        encoding="utf-8")
    (tenants / "clinic" / "knowledge" / "faq.yaml").write_text(yaml.safe_dump({"business": "Druzhok", "entries": [{
        "id": "hours", "intent": "info",
        "questions": {"en": ["when are you open"], "ru": ["когда вы работаете"], "uk": ["коли ви працюєте"],
                      "hy": ["երբ եք աշխատում"], "lo": ["ເປີດຈັກໂມງ"]},
        "answers": {lang: "Mon-Fri 9:00-18:00." for lang in LANGUAGES}}]}, allow_unicode=True), encoding="utf-8")
    return Copilot(Settings(data_dir=data_dir, tenants_dir=tenants))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_clinic_asks_for_the_phone_of_the_appointment_and_takes_the_answer(clinic: Copilot, lang: str) -> None:
    request, answer = MOVE[lang]
    first = clinic.suggest({"tenant": "clinic", "customer": {"language": lang},
                            "messages": [{"role": "customer", "text": request}]})
    assert first.intent.id == "reschedule_cancel" and first.missing_fields[:1] == ["phone"]
    assert first.draft.moment == "ask_missing" and not re.search(FOREIGN["appointment"][lang], first.draft.text, re.I)
    assert clinic.resources.tenant("clinic").templates.field_phrase(lang, "phone").ask in first.draft.text
    second = clinic.suggest({"tenant": "clinic", "customer": {"language": lang}, "messages": [
        {"role": "customer", "text": request}, {"role": "bot", "text": first.draft.text},
        {"role": "customer", "text": answer}]})
    assert second.fields.get("phone") and "phone" not in second.missing_fields and "order_id" not in second.missing_fields
    assert not re.search(FOREIGN["appointment"][lang], second.draft.text, re.I)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("vocabulary", get_args(Vocabulary))
def test_our_question_for_what_finds_it_is_read_as_asking_for_that_field(vocabulary: str, lang: str) -> None:
    """So the customer's bare answer ("48213", "067 123 45 67") fills the field we asked for (H7)."""
    library = TemplateLibrary.load(KNOWLEDGE_DIR / "templates", vocabulary=vocabulary)
    for field in {"order_id", TenantConfig(vocabulary=vocabulary).identifier}:  # type: ignore[arg-type]
        assert read_ours(1, library.field_phrase(lang, field).ask).asked[:1] == (field,), field


# A studio that finds clients by phone (booking vocabulary, identified_by: phone) has no booking number to ask
# for in a refund hand-off; a guesthouse that finds guests by booking number asks for it.
REFUND = {"en": "I want my money back for the membership", "ru": "верните деньги за абонемент",
          "uk": "поверніть гроші за абонемент", "hy": "վերադարձրեք գումարը աբոնեմենտի համար",
          "lo": "ຂໍເງິນຄືນຄ່າບັດສະມາຊິກ"}
BOOKING_NUMBER = {"en": r"booking number", "ru": r"номер брони", "uk": r"номер бронювання", "hy": r"ամրագրման համար",
                  "lo": r"ເລກທີການຈອງ"}


@pytest.fixture(scope="module")
def studios(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Copilot:
    tenants = tmp_path_factory.mktemp("tenants")
    for name, extra in (("studio", {"identified_by": "phone"}), ("guesthouse", {})):
        (tenants / name / "knowledge").mkdir(parents=True)
        (tenants / name / "tenant.yaml").write_text(yaml.safe_dump(
            {"business": name, "languages": LANGUAGES, "vocabulary": "booking", "taxonomy": "extend", **extra}),
            encoding="utf-8")
        (tenants / name / "knowledge" / "faq.yaml").write_text(yaml.safe_dump({"entries": [{
            "id": "hours", "intent": "info", "questions": {lang: ["when are you open"] for lang in LANGUAGES},
            "answers": {lang: "Mon-Fri 9:00-18:00." for lang in LANGUAGES}}]}), encoding="utf-8")
    return Copilot(Settings(data_dir=data_dir, tenants_dir=tenants))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_refund_hand_off_asks_for_the_booking_number_only_where_customers_have_one(studios: Copilot,
                                                                                       lang: str) -> None:
    drafts = {}
    for tenant in ("studio", "guesthouse"):
        s = studios.suggest({"tenant": tenant, "customer": {"language": lang},
                             "messages": [{"role": "customer", "text": REFUND[lang]}]})
        assert s.decision.action == "escalate" and "E-refund" in s.decision.reasons, tenant
        drafts[tenant] = s.draft.text
    assert not re.search(BOOKING_NUMBER[lang], drafts["studio"], re.I), drafts["studio"]
    assert re.search(BOOKING_NUMBER[lang], drafts["guesthouse"], re.I), drafts["guesthouse"]


def test_a_tenants_top_level_text_replaces_the_default_vocabulary_wording(tmp_path: Path) -> None:
    """docs/knowledge.md, "Vocabularies": the default file, its vocabulary section, the tenant's file, the tenant's
    section, the later winning. A hostel overriding the opener at the top of its file gets its own text, not the
    default booking wording."""
    (tmp_path / "en.yaml").write_text("""\
language: en
templates:
  - id: en.any.vague_opener
    intent: "*"
    moment: vague_opener
    routes: [prices, book_stay, change_booking]
    text: "Hi! Is it about (1) prices, (2) a bed or room, or (3) a stay you booked?"
vocabularies:
  appointment:
    templates:
      - id: en.any.vague_opener.appointment
        intent: "*"
        moment: vague_opener
        text: "Hi! Is it about (1) prices or (2) a visit?"
""", encoding="utf-8")
    booking = TemplateLibrary.load(KNOWLEDGE_DIR / "templates", tmp_path, vocabulary="booking")
    assert booking.select("en", "greeting", "vague_opener").text.startswith("Hi! Is it about (1) prices, (2) a bed")
    appointment = TemplateLibrary.load(KNOWLEDGE_DIR / "templates", tmp_path, vocabulary="appointment")
    assert appointment.select("en", "greeting", "vague_opener").text == "Hi! Is it about (1) prices or (2) a visit?"
