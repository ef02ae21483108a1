"""`copilot chat`: a person plays the customer on the embedded default, with a clock they move."""

from __future__ import annotations

from typer.testing import CliRunner

from copilot.cli import app


def test_chat_shows_replies_hand_offs_and_follow_ups_on_a_moved_clock(shop_copilot) -> None:
    lines = ["Hi, where is my order?", "/wait 4h", "/state", "I want my money back", "/quit"]
    env = {"COPILOT_DATA_DIR": str(shop_copilot.settings.data_dir),
           "COPILOT_TENANTS_DIR": str(shop_copilot.settings.tenants_dir)}
    result = CliRunner().invoke(app, ["chat", "--tenant", "shop", "--start", "2026-12-01T10:00"],
                                input="\n".join(lines) + "\n", env=env)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "bot (reply): Thanks. I'll check where your order is." in out
    assert "T-no-reply-4h pending, due Tue 14:00" in out
    assert "[Tue 14:00] bot (follow_up)" in out  # the reminder fired when the clock moved
    assert "bot (handoff)" in out and "handed off: E-refund" in out


def test_chat_rejects_a_bad_start_time(settings) -> None:
    result = CliRunner().invoke(app, ["chat", "--start", "yesterday"], env={"COPILOT_DATA_DIR": str(settings.data_dir)})
    assert result.exit_code == 2 and "--start" in result.output
