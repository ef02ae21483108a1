"""The shipped reply templates (knowledge/templates/<lang>.yaml) obey the message-hygiene rulebook.

Every template is rendered with realistic values — with and without a name, with and without the
optional fields, with every topic and every field question — and each rendering is checked the way
the product checks a draft: no placeholder left (H6), at most one question (H3), short (H5).
Rules: ../shared/guide/RULEBOOK.md; format: docs/knowledge.md.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from jinja2 import StrictUndefined, meta
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
                  "confirmed"}
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


# ---------------------------------------------------------------------------- file structure


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_file_names_its_own_language(lang):
    assert load(lang)["language"] == lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_file_has_only_the_documented_keys(lang):
    assert set(load(lang)) <= {"language", "topics", "fields", "follow_ups", "templates", "vocabularies"}
    assert set(load(lang).get("vocabularies", {})) == set(VOCABULARIES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_covers_every_required_intent_and_moment(lang):
    have = {(intent_of(t), t["moment"]) for t in load(lang)["templates"]}
    assert not REQUIRED - have, f"missing in {lang}: {sorted(REQUIRED - have)}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_two_templates_share_an_intent_and_moment(lang):
    pairs = [(key_of(t), t["moment"]) for t in load(lang)["templates"]]
    assert len(pairs) == len(set(pairs))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_template_ids_read_language_intent_moment(lang):
    templates = [t for _, t in all_templates() if t["id"].startswith(f"{lang}.")]
    ids = [t["id"] for t in templates]
    assert len(ids) == len(set(ids))
    for t in templates:
        assert {"id", "intent", "moment", "text"} <= set(t) <= {"id", "intent", "kind", "moment", "text", "routes"}
        assert all(r in INTENTS for r in t.get("routes", [])), t["id"]  # a routed option names a real intent
        assert t["intent"] == "*" or t["intent"] in INTENTS
        assert t["moment"] in MOMENTS
        suffix = f".{vocabulary_of(t)}" if vocabulary_of(t) else ""
        assert t["id"] == f"{lang}.{'any' if intent_of(t) == '*' else intent_of(t)}.{t['moment']}{suffix}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_intent_has_a_topic_without_a_question_in_it(lang):
    topics = load(lang)["topics"]
    assert set(topics) == set(INTENTS)
    for intent, topic in topics.items():
        assert topic.strip() == topic and topic, intent
        assert question_count(topic, lang) == 0, intent


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_field_has_a_label_and_exactly_one_short_question(lang):
    fields = load(lang)["fields"]
    assert set(fields) == set(FIELDS)
    for field, phrase in fields.items():
        assert set(phrase) == {"label", "ask"}, field
        assert phrase["label"].strip(), field
        ask = phrase["ask"]
        assert question_count(ask, lang) == 1, f"{field}: {ask}"
        assert len(ask) <= 120, field
        if lang == "hy":
            assert "?" not in ask and ask.endswith("։"), field
        else:
            assert ask.endswith("?"), field


# ---------------------------------------------------------------------------- variables


@pytest.mark.parametrize(("lang", "t"), TEMPLATE_PARAMS)
def test_templates_use_only_documented_variables(lang, t):
    used = meta.find_undeclared_variables(ENV.parse(t["text"]))
    assert used <= VARIABLES, sorted(used - VARIABLES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_follow_up_texts_use_only_the_variables_the_timers_pass(lang):
    for key, text in load(lang).get("follow_ups", {}).items():
        used = meta.find_undeclared_variables(ENV.parse(text))
        assert used <= FOLLOW_UP_VARIABLES, (key, sorted(used - FOLLOW_UP_VARIABLES))


# ---------------------------------------------------------------------------- rendered drafts


@pytest.mark.parametrize(("lang", "t"), TEMPLATE_PARAMS)
def test_every_rendering_is_clean_short_and_asks_at_most_one_question(lang, t):
    limit = MAX_OPTIONS_CHARS if t["moment"] == "options" else MAX_CHARS
    for ctx, text in renderings(lang, t):
        where = f"{t['id']} name={bool(ctx['name'])} topic={ctx['topic']!r} ask={ctx['ask']!r}:\n{text}"
        assert not re.search(r"[{}\[\]]", text), where  # H6: no placeholder reaches a customer
        assert question_count(text, lang) <= 1, where  # H3
        assert len(text) <= limit, f"{len(text)} chars > {limit}: {where}"  # H5
        assert text == text.strip() and "  " not in text and "\n\n" not in text, where
        assert not re.search(r" \n|\n ", text), where
        assert not SPACE_BEFORE_PUNCTUATION.search(text), where
        if lang == "hy":
            assert "?" not in text, where
        if lang == "lo":
            assert len(LAO_QUESTION.findall(text)) <= text.count("?"), where  # a Lao question ends with "?"


@pytest.mark.parametrize(("lang", "t"), TEMPLATE_PARAMS)
def test_every_rendering_greets_by_name_when_it_is_known(lang, t):
    for ctx, text in renderings(lang, t):
        if ctx["name"]:
            assert ctx["name"] in text, t["id"]
            break


@pytest.mark.parametrize(("lang", "t"), TEMPLATE_PARAMS)
def test_templates_are_written_in_their_language_and_the_polite_register(lang, t):
    source = t["text"]
    assert SCRIPT[lang].search(source), t["id"]
    if lang in FOREIGN_LETTERS:
        assert not FOREIGN_LETTERS[lang].search(source), t["id"]
    if lang in INFORMAL:
        assert not INFORMAL[lang].search(source), t["id"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_topics_and_field_questions_use_the_polite_register(lang):
    spec = load(lang)
    texts = list(spec["topics"].values()) + [p["ask"] for p in spec["fields"].values()]
    for text in texts:
        if lang in FOREIGN_LETTERS:
            assert not FOREIGN_LETTERS[lang].search(text), text
        if lang in INFORMAL:
            assert not INFORMAL[lang].search(text), text


def _templates(moment: str, intent: str | None = None):
    return [pytest.param(lang, t, id=t["id"]) for lang, t in all_templates()
            if t["moment"] == moment and (intent is None or intent_of(t) == intent)]


@pytest.mark.parametrize(("lang", "t"), _templates("ask_missing"))
def test_ask_missing_asks_exactly_the_one_field_question_and_ends_with_it(lang, t):
    for ctx, text in renderings(lang, t):
        assert text.endswith(ctx["ask"]), t["id"]
        assert question_count(text, lang) == 1, text


@pytest.mark.parametrize(("lang", "t"), _templates("handoff"))
def test_handoffs_say_a_colleague_takes_over_and_when(lang, t):
    assert "eta_minutes" in meta.find_undeclared_variables(ENV.parse(t["text"]))
    for _, text in renderings(lang, t):
        assert "15" in text, t["id"]


@pytest.mark.parametrize(("lang", "t"), [p for p in _templates("first_reply") if intent_of(p.values[1]) != "*"])
def test_first_replies_with_everything_known_say_by_when(lang, t):
    for _, text in renderings(lang, t):
        assert "15:30 UTC" in text, t["id"]
        assert question_count(text, lang) == 0, text


@pytest.mark.parametrize(("lang", "t"), _templates("first_reply", "*"))
def test_the_generic_first_reply_asks_the_missing_field_or_says_by_when(lang, t):
    for ctx, text in renderings(lang, t):
        assert (ctx["ask"] in text) if ctx["ask"] else ("15:30 UTC" in text), text


@pytest.mark.parametrize(("lang", "t"), _templates("closing"))
def test_closings_carry_the_reference_data(lang, t):
    for ctx, text in renderings(lang, t):
        if ctx["order_id"]:
            assert "A-10234" in text, text
        if ctx["date"] and intent_of(t) != "*":
            assert "2026-11-25" in text and "17:00" in text, text
        assert question_count(text, lang) == 0, text


@pytest.mark.parametrize(("lang", "t"), _templates("options"))
def test_options_list_each_option_and_end_with_one_choice_question(lang, t):
    for ctx, text in renderings(lang, t):
        for o in ctx["options"]:
            assert f"{o['label']}) {o['title']}" in text and o["price"] in text and o["summary"] in text
        assert question_count(text, lang) == 1, text
        assert last_sentence_is_the_question(text, lang), text


@pytest.mark.parametrize(("lang", "t"), _templates("vague_opener"))
def test_vague_openers_route_with_three_numbered_options(lang, t):
    for _, text in renderings(lang, t):
        assert all(f"({n})" in text for n in (1, 2, 3)), text
        assert question_count(text, lang) == 1, text


@pytest.mark.parametrize(("lang", "t"), _templates("answer"))
def test_answers_quote_the_knowledge_verbatim(lang, t):
    for ctx, text in renderings(lang, t):
        assert ctx["answer"] in text


@pytest.mark.parametrize(("lang", "t"), _templates("angry") + _templates("reopen"))
def test_angry_and_reopen_replies_promise_an_update_by_a_concrete_time(lang, t):
    for ctx, text in renderings(lang, t):
        assert "15:30 UTC" in text, text
        if t["moment"] == "angry" and ctx["ask"]:
            assert ctx["ask"] in text, text


@pytest.mark.parametrize(("lang", "t"), _templates("follow_up") + _templates("feedback"))
def test_follow_up_and_feedback_ask_exactly_one_easy_question(lang, t):
    for _, text in renderings(lang, t):
        assert question_count(text, lang) == 1, text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_follow_up_timer_texts_render_cleanly_with_one_question_at_most(lang):
    spec = load(lang)
    for key, source in spec.get("follow_ups", {}).items():
        for name in (SAMPLES[lang]["name"], ""):
            for topic in spec["topics"].values():
                for date, time in (("2026-11-25", "17:00"), ("", "")):
                    text = compiled(source).render(name=name, topic=topic, date=date, time=time)
                    assert not re.search(r"[{}\[\]]", text), (key, text)
                    assert question_count(text, lang) <= 1, (key, text)
                    assert len(text) <= MAX_CHARS, (key, text)
                    assert "  " not in text and text == text.strip(), (key, text)


# ---------------------------------------------------------------------------- the product loads them


def test_the_product_template_library_loads_and_renders_every_language():
    templates = pytest.importorskip("copilot.templates")
    library = templates.TemplateLibrary.load(TEMPLATES_DIR)
    assert set(LANGUAGES) <= set(library.languages)
    for lang in LANGUAGES:
        kinds = {v: k for k, v in KIND_INTENT.items()}
        for intent, moment in REQUIRED:
            t = library.select(lang, intent, moment, kinds.get(intent))
            assert t is not None and (t.intent == intent or KIND_INTENT.get(t.kind) == intent), (lang, intent, moment)
            ctx = context(lang, name=True, fields=True, topic=library.topic(lang, "order_status"),
                          ask=library.field_phrase(lang, "order_id").ask)
            assert library.render(t, ctx) == compiled(t.text).render(**ctx)  # nothing left for _tidy to fix
