"""When a word of a name is the word a customer writes (copilot.name_match.word_matches)."""

from __future__ import annotations

import pytest

from copilot.name_match import word_matches


@pytest.mark.parametrize(("name", "said", "same"), [
    ("київ", "києві", True), ("львів", "львові", True),  # the Ukrainian і/е/о alternation
    ("парз", "парк", False), ("парз", "парку", False),  # a newcomer's lake hike named by "park"
])
def test_a_four_letter_stem_takes_another_vowel_but_not_another_consonant(name: str, said: str, same: bool) -> None:
    assert word_matches(name, said) is same


@pytest.mark.parametrize(("name", "said", "same"), [
    ("shots", "shot", True), ("bikes", "bike", True), ("glasses", "glass", True),  # an alias written in the plural
    ("news", "new", False), ("pcs", "pc", False),  # too short to be a plural's singular
])
def test_a_name_written_in_the_plural_is_said_in_the_singular(name: str, said: str, same: bool) -> None:
    assert word_matches(name, said) is same
