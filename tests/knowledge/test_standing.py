"""A message whose best FAQ entry does not stand out from the tenant's other entries is not answered
with it (knowledge/standing.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from copilot import Copilot, Settings
from copilot.knowledge.relevance import STANDING_MIN, is_clear_answer
from copilot.knowledge.standing import MIN_ENTRIES, standing

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


def _entries(sims: list[float]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """One document per entry, each at the given cosine to the message e_0 (unit vectors)."""
    rows = np.array([[s, np.sqrt(1 - s * s)] for s in sims], dtype=np.float32)
    return [f"faq:e{i}:lo" for i in range(len(sims))], rows, np.arange(len(sims))


def test_one_entry_far_above_the_rest_stands_out_and_a_crowd_at_the_top_does_not() -> None:
    message = np.array([1.0, 0.0], dtype=np.float32)
    clear = standing(message, *_entries([0.95, 0.90, 0.91, 0.89, 0.90, 0.91, 0.90, 0.89, 0.90]))
    crowd = standing(message, *_entries([0.955, 0.954, 0.953, 0.952, 0.93, 0.93, 0.93, 0.93, 0.93]))  # a few at the top
    assert clear is not None and clear > STANDING_MIN
    assert crowd is not None and crowd < STANDING_MIN


def test_too_few_entries_give_no_standing() -> None:
    sims = [0.95] + [0.90] * (MIN_ENTRIES - 2)
    assert standing(np.array([1.0, 0.0], dtype=np.float32), *_entries(sims)) is None


@pytest.fixture(scope="module")
def copilot(data_dir: Path) -> Copilot:
    return Copilot(Settings(data_dir=data_dir, tenants_dir=ROOT / "evals" / "datasets" / "tenants"))


def _ask(copilot: Copilot, text: str):
    return copilot.suggest({"tenant": "mekong_breeze", "messages": [{"role": "customer", "text": text}]}, now=NOW)


def test_a_lao_question_the_guesthouse_cannot_answer_is_not_answered_with_a_neighbour(copilot: Copilot) -> None:
    s = _ask(copilot, "ມີສະລອຍນ້ຳບໍ່")  # do you have a swimming pool?
    top = s.knowledge[0]
    assert top.standing is not None and top.standing < STANDING_MIN
    # The standing alone keeps it out, whatever the coverage check says of the words it lacks.
    assert not is_clear_answer(top.model_copy(update={"unmatched": []}), "lo")
    assert s.draft.citations == []  # a reply is promised, or a person takes it over


def test_a_lao_question_its_knowledge_answers_still_gets_the_fact(copilot: Copilot) -> None:
    s = _ask(copilot, "ລາຄາຫ້ອງລວມອາຫານເຊົ້າແລ້ວບໍ່")  # is breakfast included in the room rate?
    assert s.draft.citations == ["faq:breakfast:lo"] and "7:00" in s.draft.text
    assert s.knowledge[0].standing is not None and s.knowledge[0].standing >= STANDING_MIN
