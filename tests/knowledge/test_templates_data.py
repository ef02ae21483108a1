"""The shipped reply templates (knowledge/templates/<lang>.yaml): file structure and variables.

Each file covers every required intent and moment, ids and keys are the documented ones, topics and
field questions are well formed, templates use only the variables the drafting stage passes, and the
product's own TemplateLibrary loads and renders them. Renderings: test_templates_rendered.py.
Rules: ../shared/guide/RULEBOOK.md; format: docs/knowledge.md.
"""

from __future__ import annotations

import pytest
from jinja2 import meta

from .template_samples import (
    ENV,
    FIELDS,
    FOLLOW_UP_VARIABLES,
    INTENTS,
    KIND_INTENT,
    LANGUAGES,
    MOMENTS,
    REQUIRED,
    TEMPLATE_PARAMS,
    TEMPLATES_DIR,
    VARIABLES,
    VOCABULARIES,
    all_templates,
    compiled,
    context,
    intent_of,
    key_of,
    load,
    question_count,
    vocabulary_of,
)


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
