"""`copilot eval calibrate`: a tenant's labelled conversations → reliability and the threshold table;
and the measures it prints (ECE, threshold per target precision) on data with known answers."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from copilot.calibration import ece, threshold_table
from copilot.labelled import load_labelled
from copilot.cli import app
from copilot.errors import ConfigError

LABELLED = """
- text: "what are your opening hours?"
  entry: hours
- text: "до скольки вы работаете в субботу?"
  entry: hours
- text: "where is my order?"
  intent: order_status
- text: "who won the football match yesterday?"
  entry: null
- conversation:
    messages:
      - {role: customer, text: "I want my money back, I'll call my lawyer"}
  handoff: true
"""


def test_calibrate_prints_the_threshold_table_for_the_tenants_conversations(tmp_path: Path, settings) -> None:
    path = tmp_path / "labelled.yaml"
    path.write_text(LABELLED, encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "calibrate", str(path)], env={"COPILOT_DATA_DIR": str(settings.data_dir)})
    assert result.exit_code == 0, result.output
    out = result.output
    assert "5 labelled conversations" in out
    assert "ECE" in out and "threshold table" in out
    for target in ("0.90", "0.95", "0.98"):
        assert any(line.strip().startswith(target) for line in out.splitlines()), out


def test_fitting_needs_right_and_wrong_drafts_unless_a_base_model_covers_the_segment(offline_copilot) -> None:
    from copilot.calibration import collect, fit
    from copilot.labelled import LabelledCase
    from copilot.send_confidence import load_model
    from copilot.paths import KNOWLEDGE_DIR

    cases = [LabelledCase(text=t, entry="hours") for t in ("what are your opening hours?", "are you open on sunday?")]
    rows = collect(offline_copilot, cases)
    with pytest.raises(ConfigError, match="both right and wrong"):
        fit(rows)
    base = load_model(KNOWLEDGE_DIR / "send_confidence.json")
    model = fit(rows, base=base)
    assert model.segments == base.segments  # nothing to learn from: the shipped model stays


def test_a_labelled_row_with_both_text_and_conversation_is_an_error_naming_the_row(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text('- text: "hi"\n  entry: null\n- text: "x"\n  conversation: {messages: [{role: customer, text: "x"}]}\n',
                    encoding="utf-8")
    with pytest.raises(ConfigError, match="row 2"):
        load_labelled(path)


def test_ece_is_zero_when_each_bin_is_right_as_often_as_predicted() -> None:
    p = np.array([0.25] * 4 + [0.75] * 4)
    y = np.array([1, 0, 0, 0, 1, 1, 1, 0], dtype=float)
    assert ece(p, y) == pytest.approx(0.0)
    assert ece(np.full(4, 0.9), np.zeros(4)) == pytest.approx(0.9)


def test_the_threshold_is_the_lowest_that_reaches_the_target_precision() -> None:
    p = np.array([0.95, 0.9, 0.8, 0.7, 0.6])
    y = np.array([1, 1, 1, 0, 1], dtype=float)
    eligible = np.array([True, True, True, True, False])
    rows = {r.target: r for r in threshold_table(p, y, eligible, targets=(0.75, 1.0))}
    assert rows[0.75].threshold == 0.7 and rows[0.75].auto_sent == 4 and rows[0.75].precision == 0.75
    assert rows[1.0].threshold == 0.8 and rows[1.0].auto_sent == 3


def test_asking_for_the_order_number_is_right_only_where_the_label_says_asking_is(offline_copilot) -> None:
    from copilot.calibration import collect
    from copilot.labelled import LabelledCase

    text = "where is my order?"  # the draft asks for the order number (H7), quoting nothing
    asked, quote_only = collect(offline_copilot, [
        LabelledCase(text=text, entry="order_tracking", ask=["order_id", "phone"]),
        LabelledCase(text=text, entry="order_tracking")])
    assert asked.suggestion.draft.moment == "ask_missing" and not asked.suggestion.draft.citations
    assert asked.right is True
    assert quote_only.right is False
    wrong_field = collect(offline_copilot, [LabelledCase(text=text, entry="order_tracking", ask=["date"])])[0]
    assert wrong_field.right is False  # it asks for the order number, not the date


def test_a_pack_question_is_right_when_the_draft_holds_its_facts(offline_copilot) -> None:
    from copilot.calibration import collect
    from copilot.labelled import LabelledCase

    right, wrong = collect(offline_copilot, [LabelledCase(text="are you open on sunday?", facts=["11:00–17:00"]),
                                             LabelledCase(text="are you open on sunday?", facts=["09:00"])])
    assert right.right is True and wrong.right is False


def test_a_quote_of_an_entry_the_label_also_accepts_is_right(offline_copilot) -> None:
    from copilot.calibration import collect
    from copilot.labelled import LabelledCase

    text = "what do you charge for a full service"  # the catalogue item states the price the FAQ lists
    also, faq_only = collect(offline_copilot, [
        LabelledCase(text=text, entry="repair_prices", also=["catalogue:service-full"]),
        LabelledCase(text=text, entry="repair_prices")])
    assert also.suggestion.draft.citations == ["catalogue:service-full:en"] and "79" in also.suggestion.draft.text
    assert also.right is True and faq_only.right is False


def test_another_business_question_is_answered_by_an_entry_whose_id_or_tag_names_the_topic(offline_copilot) -> None:
    from copilot.calibration import collect
    from copilot.labelled import LabelledCase

    # the demo shop's `addresses` entry is tagged "address"; a fitness studio's group-size answer sits in
    # its `booking_rules`, tagged "group size"
    text = "where is your shop"
    address, parking = collect(offline_copilot, [LabelledCase(text=text, topics=["address"]),
                                                 LabelledCase(text=text, topics=["parking"])])
    assert address.suggestion.draft.citations == ["faq:addresses:en"]
    assert address.right is True and parking.right is False


def test_the_business_packs_are_labelled_and_each_business_is_its_own_cross_fitting_fold() -> None:
    from copilot.labelled import pack_cases

    cases = pack_cases()
    groups = {c.group for c in cases}
    assert len(groups) == 7 and None not in groups
    kinds = {c.source.rsplit(":", 1)[1] for c in cases}
    assert kinds == {"answerable", "unanswerable", "transactional", "escalation", "other_business"}
    assert all(c.facts for c in cases if c.source.endswith(":answerable"))
    # another business's question is asked of this one: its conversation names this tenant
    other = [c for c in cases if c.source.endswith(":other_business")]
    assert other and all(c.topics and c.conversation.tenant == c.group for c in other)
    assert all(c.handoff for c in cases if c.source.endswith(":escalation"))
    assert all(c.entry is None and c.intent is None for c in cases if c.source.endswith(":unanswerable"))
