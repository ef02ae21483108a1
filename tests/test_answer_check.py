"""The answer check: how much of the customer's question the quoted knowledge entry holds."""

from __future__ import annotations

import pytest

from copilot import Copilot
from copilot.answer_check import answer_evidence, stems


def _check(copilot: Copilot, text: str, language: str, entry: str) -> dict[str, float]:
    tenant = copilot.resources.tenant(None)
    hit = copilot.resources.store.get(f"faq:{entry}:{language}", tenant=tenant.id)
    assert hit is not None
    return answer_evidence(text, hit, {}, tenant.taxonomy, copilot.resources.store.words(tenant.id))


@pytest.mark.parametrize(("language", "question", "right", "neighbour"), [
    ("en", "are you open on sundays?", "hours", "addresses"),
    ("ru", "в воскресенье работаете?", "hours", "addresses"),
    ("uk", "яка у вас адреса в Києві?", "addresses", "hours"),
    ("hy", "կիրակի օրը աշխատու՞մ եք", "hours", "addresses"),
    ("lo", "ວັນອາທິດເປີດບໍ່", "hours", "addresses"),
])
def test_the_entry_that_answers_covers_more_of_the_question_than_a_neighbour(
        offline_copilot: Copilot, language: str, question: str, right: str, neighbour: str) -> None:
    good = _check(offline_copilot, question, language, right)
    other = _check(offline_copilot, question, language, neighbour)
    assert good["cover_all"] > other["cover_all"]
    assert good["cover_gap"] > 0 > other["cover_gap"]


def test_an_object_the_knowledge_never_names_leaves_the_question_less_covered(offline_copilot: Copilot) -> None:
    own = _check(offline_copilot, "is your shop open on sunday?", "en", "hours")
    pharmacy = _check(offline_copilot, "is the pharmacy next to your shop open on sunday?", "en", "hours")
    assert pharmacy["cover_all"] < own["cover_all"]


def test_lao_is_compared_word_by_word_and_digits_are_no_words() -> None:
    assert len(stems("ວັນອາທິດເປີດບໍ່")) >= 2  # segmented, not one unspaced run
    assert stems("order 48213 please") == stems("order please")


def test_nothing_quoted_gives_zero_evidence(offline_copilot: Copilot) -> None:
    tenant = offline_copilot.resources.tenant(None)
    words = offline_copilot.resources.store.words(tenant.id)
    assert words is not None
    assert set(answer_evidence("hello", None, {}, tenant.taxonomy, words).values()) == {0.0}
