"""The vocabulary evidence of send_confidence follows the tenant's knowledge files as a running server
does: words a new FAQ entry brings are no longer novel once the changed files are picked up."""

from __future__ import annotations

import time
from pathlib import Path

from copilot import Copilot, Settings
from copilot.vocabulary import novelty

FAQ = """entries:
  - id: hours
    questions: {en: [when are you open]}
    answers: {en: 'We are open every day from 9 to 18.'}
"""
PETS = """  - id: pets
    questions: {en: [can I bring my dog to the grooming salon]}
    answers: {en: 'Dogs are welcome at the grooming salon.'}
"""


def test_words_of_a_new_entry_are_not_novel_once_the_changed_files_are_picked_up(data_dir: Path,
                                                                                    tmp_path: Path) -> None:
    faq = tmp_path / "tenants" / "t" / "knowledge" / "faq.yaml"
    faq.parent.mkdir(parents=True)
    faq.write_text(FAQ, encoding="utf-8")
    resources = Copilot(Settings(data_dir=data_dir, tenants_dir=tmp_path / "tenants")).resources
    ask = "is the grooming salon ok with dogs"
    before = novelty(ask, resources.tenant("t"))

    faq.write_text(FAQ + PETS, encoding="utf-8")
    time.sleep(1.1)  # a served tenant's files are looked at once a second
    after = novelty(ask, resources.tenant("t"))
    assert before >= 0.5 and after == 0.0
