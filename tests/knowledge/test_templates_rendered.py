"""The shipped reply templates obey the message-hygiene rulebook once rendered.

Every template is rendered with realistic values — with and without a name, with and without the
optional fields, with every topic and every field question — and each rendering is checked the way
the product checks a draft: no placeholder left (H6), at most one question (H3), short (H5).
Rules: ../shared/guide/RULEBOOK.md; format: docs/knowledge.md.
"""

from __future__ import annotations

import re

import pytest
from jinja2 import meta

from .template_samples import (
    ENV,
    FOREIGN_LETTERS,
    INFORMAL,
    LANGUAGES,
    LAO_QUESTION,
    MAX_CHARS,
    MAX_OPTIONS_CHARS,
    SAMPLES,
    SCRIPT,
    SPACE_BEFORE_PUNCTUATION,
    TEMPLATE_PARAMS,
    all_templates,
    compiled,
    intent_of,
    last_sentence_is_the_question,
    load,
    question_count,
    renderings,
)


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
