"""The model's share of COPILOT_TIMEOUT_S: what is left once the offline stages are counted, keeping
room for the checks after a dropped answer (the slowest recent ones, at most a quarter)."""

from __future__ import annotations

from copilot.deadline import RECENT, FinishReserve


def test_without_a_measured_finish_the_model_gets_the_whole_timeout() -> None:
    assert FinishReserve().model_deadline(100.0, 3.0) == 103.0


def test_the_slowest_recent_finish_is_kept_from_the_model_at_most_a_quarter_of_the_timeout() -> None:
    reserve = FinishReserve()
    for seconds in (0.01, 0.2, 0.05):
        reserve.observe(seconds)
    assert reserve.model_deadline(100.0, 3.0) == 103.0 - 0.2
    reserve.observe(5.0)  # a stall: the model still gets three quarters
    assert reserve.model_deadline(100.0, 3.0) == 103.0 - 0.75


def test_a_slow_finish_is_forgotten_once_enough_quick_ones_follow() -> None:
    reserve = FinishReserve()
    reserve.observe(0.5)
    for _ in range(RECENT):
        reserve.observe(0.01)
    assert reserve.seconds(3.0) == 0.01
