"""The shipped reply templates (knowledge/templates/<lang>.yaml) as the template tests read them: the
documented intents, moments, fields and variables, realistic sample values, and every rendering of a
template (with and without a name, the optional fields, each topic and field question).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES_DIR = ROOT / "knowledge" / "templates"

LANGUAGES = ["en", "ru", "uk", "hy", "lo"]
INTENTS = [
    "greeting", "info", "pricing", "availability", "booking", "reschedule_cancel", "order_status",
    "return_exchange", "refund", "complaint", "technical_support", "estimate", "payment_issue", "legal",
    "human_request", "feedback", "follow_up", "internal_request", "other",
]
MOMENTS = [
    "first_reply", "vague_opener", "ask_missing", "answer", "options", "closing", "reopen", "handoff",
    "follow_up", "angry", "feedback",
]
FIELDS = [
    "order_id", "email", "phone", "date", "time", "money", "name", "product", "size", "colour", "city",
    "quantity", "reason",
]
ASK_MISSING_INTENTS = [
    "pricing", "availability", "booking", "reschedule_cancel", "order_status", "return_exchange", "refund",
    "complaint", "technical_support", "estimate", "payment_issue", "follow_up", "internal_request",
]
HANDOFF_INTENTS = ["refund", "payment_issue", "legal", "human_request", "complaint"]
# Templates for any intent of a kind (`kind: book`) are named after the default intent of that kind.
KIND_INTENT = {"book": "booking", "cancel": "reschedule_cancel"}
VOCABULARIES = ["appointment", "booking"]
FIRST_REPLY_INTENTS = ["info", "other", "technical_support", "estimate", "internal_request", "order_status", "booking"]
CLOSING_INTENTS = ["booking", "reschedule_cancel"]

REQUIRED = (
    {("*", m) for m in MOMENTS}
    | {(i, "ask_missing") for i in ASK_MISSING_INTENTS}
    | {(i, "handoff") for i in HANDOFF_INTENTS}
    | {(i, "first_reply") for i in FIRST_REPLY_INTENTS}
    | {(i, "closing") for i in CLOSING_INTENTS}
)

# What the drafting stage passes (docs/knowledge.md, "Variables a template may use").
CORE_VARIABLES = {"name", "topic", "ask", "answer", "reply_by", "eta_minutes", "options", "recommendation", "business",
                  "confirmed", "asks_number"}
VARIABLES = CORE_VARIABLES | set(FIELDS)
FOLLOW_UP_VARIABLES = {"name", "topic", "date", "time"}

MAX_CHARS = 300
MAX_OPTIONS_CHARS = 600

# The same environment as copilot/templates.py renders with.
ENV = SandboxedEnvironment(undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, autoescape=False)

# Lao marks a question with a particle; "ບໍ" inside ບໍລິການ / ບໍລິສັດ is not one.
LAO_QUESTION = re.compile(r"ບໍ(?!ລິ)|ໃດ|ຫຍັງ")
SPACE_BEFORE_PUNCTUATION = re.compile(r" [,.!?:;։՝]")
INFORMAL = {
    "ru": re.compile(r"(?<!\w)(ты|тебя|тебе|тобой|твой|твоя|твоё|твои|твою|твоего|твоей)(?!\w)", re.I),
    "uk": re.compile(r"(?<!\w)(ти|тебе|тобі|тобою|твій|твоя|твоє|твої|твою|твого|твоєї)(?!\w)", re.I),
    "hy": re.compile(r"(?<!\w)(դու|քեզ|քո|քեզնից|ձեզ|ձեր|դուք)(?!\w)"),  # polite forms are capitalised
}
FOREIGN_LETTERS = {"ru": re.compile(r"[іїєґІЇЄҐ]"), "uk": re.compile(r"[ыэъёЫЭЪЁ]")}
SCRIPT = {
    "ru": re.compile(r"[а-яА-Я]"),
    "uk": re.compile(r"[а-яА-ЯіїєІЇЄ]"),
    "hy": re.compile(r"[\u0531-\u0587]"),
    "lo": re.compile(r"[\u0e80-\u0eff]"),
    "en": re.compile(r"[A-Za-z]"),
}

# Realistic values, formatted the way copilot/drafting.py formats them.
SAMPLES: dict[str, dict[str, Any]] = {
    "en": {"name": "Anna", "product": "City 3 bike", "colour": "black", "city": "Yerevan",
           "answer": "We are open Mon–Sat 10:00–19:00.",
           "options": [("City 3 bike", "3-speed city bike with rack and lights"),
                       ("Trail 5 bike", "hardtail mountain bike with hydraulic brakes")]},
    "ru": {"name": "Анна", "product": "велосипед City 3", "colour": "чёрный", "city": "Ереван",
           "answer": "Мы работаем пн–сб с 10:00 до 19:00.",
           "options": [("Велосипед City 3", "городской, 3 скорости, багажник и фары"),
                       ("Велосипед Trail 5", "горный хардтейл с гидравлическими тормозами")]},
    "uk": {"name": "Оксана", "product": "велосипед City 3", "colour": "чорний", "city": "Єреван",
           "answer": "Ми працюємо пн–сб з 10:00 до 19:00.",
           "options": [("Велосипед City 3", "міський, 3 швидкості, багажник і фари"),
                       ("Велосипед Trail 5", "гірський хардтейл із гідравлічними гальмами")]},
    "hy": {"name": "Աննա", "product": "City 3 հեծանիվ", "colour": "սև", "city": "Երևան",
           "answer": "Աշխատում ենք երկուշաբթիից շաբաթ, 10:00–19:00։",
           "options": [("City 3 հեծանիվ", "քաղաքային, 3 արագություն, բեռնախցիկ և լույսեր"),
                       ("Trail 5 հեծանիվ", "լեռնային, հիդրավլիկ արգելակներով")]},
    "lo": {"name": "ແສງດາວ", "product": "ລົດຖີບ City 3", "colour": "ສີດຳ", "city": "ວຽງຈັນ",
           "answer": "ພວກເຮົາເປີດວັນຈັນ–ວັນເສົາ 10:00–19:00",
           "options": [("ລົດຖີບ City 3", "ລົດຖີບໃນເມືອງ 3 ເກຍ ມີຕະແກງ ແລະ ໄຟ"),
                       ("ລົດຖີບ Trail 5", "ລົດຖີບພູເຂົາ ເບຣກໄຮໂດຼລິກ")]},
}
COMMON_FIELDS = {"order_id": "A-10234", "email": "anna@example.com", "phone": "+37491234567",
                 "date": "2026-11-25", "time": "17:00", "money": "120 EUR", "size": "M", "quantity": "20",
                 "reason": "defect"}


@cache
def load(lang: str) -> dict[str, Any]:
    return yaml.safe_load((TEMPLATES_DIR / f"{lang}.yaml").read_text(encoding="utf-8"))


def intent_of(t: dict[str, Any]) -> str:
    return KIND_INTENT[t["kind"]] if t.get("kind") else t["intent"]


def key_of(t: dict[str, Any]) -> str:
    return f"@{t['kind']}" if t.get("kind") else t["intent"]


def vocabulary_of(t: dict[str, Any]) -> str | None:
    last = t["id"].rsplit(".", 1)[-1]
    return last if last in VOCABULARIES else None


@cache
def spec_for(lang: str, vocabulary: str | None) -> dict[str, Any]:
    """The language file with one vocabulary section applied, as the library applies it."""
    base = load(lang)
    if vocabulary is None:
        return base
    over = base["vocabularies"][vocabulary]
    return {**base, "topics": {**base["topics"], **over.get("topics", {})},
            "fields": {**base["fields"], **over.get("fields", {})}}


@cache
def compiled(source: str):
    return ENV.from_string(source)


def all_templates() -> list[tuple[str, dict[str, Any]]]:
    """Every template, the vocabulary sections' included: each is checked like a base one."""
    return [(lang, t) for lang in LANGUAGES
            for t in [*load(lang)["templates"],
                      *(t for v in VOCABULARIES for t in load(lang).get("vocabularies", {}).get(v, {}).get("templates", []))]]


def context(lang: str, *, name: bool, fields: bool, topic: str, ask: str) -> dict[str, Any]:
    s = SAMPLES[lang]
    values = {**COMMON_FIELDS, "product": s["product"], "colour": s["colour"], "city": s["city"],
              "name": s["name"] if name else ""}
    if not fields:  # the pipeline passes every field, empty when it was not extracted
        values = {f: "" for f in FIELDS} | {"name": values["name"]}
    return {
        **values,
        "topic": topic,
        "ask": ask,
        "answer": s["answer"],
        "reply_by": "15:30 UTC",
        "eta_minutes": 15,
        "options": [{"label": label, "title": title, "price": price, "summary": summary}
                    for label, price, (title, summary) in zip("AB", ("540 EUR", "890 EUR"), s["options"])],
        "recommendation": "A" if fields else "",
        "business": "Velo Nord",
        "confirmed": fields,  # with a booking system (confirmed) and without one (requested)
        "asks_number": not fields,  # a business that finds customers by number (order_id) and one that does not
    }


def renderings(lang: str, t: dict[str, Any]):
    spec = spec_for(lang, vocabulary_of(t))
    asks = [f["ask"] for f in spec["fields"].values()]
    topics = list(spec["topics"].values()) if intent_of(t) == "*" else [spec["topics"][intent_of(t)]]
    ask_choices = asks if t["moment"] == "ask_missing" else ["", *asks]
    # every topic, every field question, and the longest of both together (the length worst case)
    pairs = [(topic, ask_choices[-1]) for topic in topics] + [(topics[0], ask) for ask in ask_choices]
    pairs.append((max(topics, key=len), max(ask_choices, key=len)))
    template = compiled(t["text"])
    for name in (True, False):
        for fields in (True, False):
            for topic, ask in pairs:
                ctx = context(lang, name=name, fields=fields, topic=topic, ask=ask)
                yield ctx, template.render(**ctx)


def question_count(text: str, lang: str) -> int:
    if lang == "hy":
        return text.count("՞") + text.count("?")
    if lang == "lo":
        return max(text.count("?"), len(LAO_QUESTION.findall(text)))
    return text.count("?")


def last_sentence_is_the_question(text: str, lang: str) -> bool:
    last = re.split(r"(?<=[.!։])\s+|\n", text.strip())[-1]
    return "՞" in last if lang == "hy" else last.endswith("?")


TEMPLATE_PARAMS = [pytest.param(lang, t, id=t["id"]) for lang, t in all_templates()]
