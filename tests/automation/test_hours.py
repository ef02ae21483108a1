"""Business hours: a hand-off promises when a person is actually there."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from copilot.automation.tenant_policy import AutomationPolicy, Policies
from copilot.settings import Settings


@pytest.fixture(scope="module")
def policy() -> AutomationPolicy:
    return Policies(Settings()).get("default")  # knowledge/automation.yaml: Mon-Fri 09-18, Sat 10-14


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=UTC)  # 2026-12-01 is a Tuesday


def test_in_hours_a_person_replies_within_the_promised_minutes(policy: AutomationPolicy) -> None:
    assert policy.hours.person_by(at(1, 10, 2), within_minutes=30) == at(1, 10, 35)


def test_at_3_am_the_promise_is_the_morning_not_half_past_three(policy: AutomationPolicy) -> None:
    by = policy.hours.person_by(at(2, 3), within_minutes=30)
    assert by == at(2, 9)
    assert policy.holding_message(by, at(2, 3), "en").count("reply here today at 09:00.") == 1
    evening = at(1, 22)
    assert policy.describe_when(policy.hours.person_by(evening, within_minutes=30), evening, "en") == \
        "tomorrow at 09:00"
    assert policy.describe_when(policy.hours.person_by(evening, within_minutes=30), evening, "ru") == "завтра в 09:00"


def test_closing_time_and_weekends_and_holidays_move_the_promise(policy: AutomationPolicy) -> None:
    assert policy.hours.person_by(at(4, 17, 50), within_minutes=30) == at(5, 10)  # Friday late -> Saturday 10:00
    assert policy.hours.person_by(at(5, 15), within_minutes=30) == at(7, 9)  # Saturday after 14:00 -> Monday
    assert policy.hours.person_by(at(24, 20), within_minutes=30) == at(28, 9)  # 25th, 26th holidays, 27th Sunday
    assert policy.describe_when(at(28, 9), at(24, 20), "en") == "on Monday 2026-12-28 at 09:00"


def test_a_tenant_file_with_a_broken_schedule_is_a_clear_config_error(tmp_path) -> None:
    from copilot.errors import ConfigError

    (tmp_path / "shop").mkdir()
    (tmp_path / "shop" / "automation.yaml").write_text("business_hours: {timezone: Mars/Olympus, weekly: {mon: ['09:00-18:00']}}")
    with pytest.raises(ConfigError, match="Mars/Olympus"):
        Policies(Settings(tenants_dir=tmp_path)).get("shop")


def test_a_tenant_without_its_own_hours_keeps_the_default_week_in_its_time_zone(tmp_path) -> None:
    (tmp_path / "salon").mkdir()
    (tmp_path / "salon" / "tenant.yaml").write_text("business: Salon Lumi\ntimezone: Europe/Riga\n")
    policy = Policies(Settings(tenants_dir=tmp_path)).get("salon")
    assert policy.business_hours.timezone == "Europe/Riga"
    assert policy.hours.person_by(at(2, 5), within_minutes=30) == at(2, 7)  # 09:00 in Riga is 07:00 UTC


def test_a_day_closed_every_year_is_written_once(tmp_path) -> None:
    from copilot.errors import ConfigError

    (tmp_path / "spa").mkdir()
    (tmp_path / "spa" / "automation.yaml").write_text(
        "business_hours: {timezone: UTC, weekly: {mon: ['09:00-18:00'], tue: ['09:00-18:00'], wed: ['09:00-18:00'],"
        " thu: ['09:00-18:00'], fri: ['09:00-18:00']}, holidays: ['12-31', '2027-01-01']}")
    hours = Policies(Settings(tenants_dir=tmp_path)).get("spa").hours
    late = datetime(2026, 12, 30, 20, tzinfo=UTC)  # a Wednesday evening: Thursday 31st and Friday 1st are closed
    assert hours.person_by(late, within_minutes=30) == datetime(2027, 1, 4, 9, tzinfo=UTC)
    year_later = datetime(2027, 12, 30, 20, tzinfo=UTC)  # a Thursday: Friday the 31st is closed again
    assert hours.person_by(year_later, within_minutes=30) == datetime(2028, 1, 3, 9, tzinfo=UTC)
    (tmp_path / "spa" / "automation.yaml").write_text(
        "business_hours: {timezone: UTC, weekly: {mon: ['09:00-18:00']}, holidays: ['31-12']}")
    with pytest.raises(ConfigError, match="'31-12' is neither a date"):
        Policies(Settings(tenants_dir=tmp_path)).get("spa")


def test_a_team_there_around_the_clock_writes_the_whole_day() -> None:
    """docs/automation.md: "00:00-24:00" is the whole day; at 3 a.m. a person still replies within the minutes."""
    from copilot.automation.tenant_policy import HoursSpec

    hours = HoursSpec(timezone="Europe/Kyiv", weekly={d: ["00:00-24:00"] for d in
                                                      ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}).build()
    for day, hour in ((1, 1), (5, 23), (6, 3)):  # Tuesday 03:00 Kyiv, Saturday 01:00 Kyiv next day, Sunday 05:00
        assert hours.is_open(at(day, hour))
        assert hours.person_by(at(day, hour), within_minutes=15) == at(day, hour, 15)


def test_a_day_with_hours_of_its_own_comes_before_the_week_and_the_holidays(tmp_path) -> None:
    from copilot.errors import ConfigError

    (tmp_path / "camp").mkdir()
    (tmp_path / "camp" / "automation.yaml").write_text(
        "business_hours: {timezone: UTC, weekly: {mon: ['09:00-22:00'], tue: ['09:00-22:00'], wed: ['09:00-22:00'],"
        " thu: ['09:00-22:00'], fri: ['09:00-22:00']}, holidays: ['01-01'],"
        " special: {'12-31': ['09:00-15:00'], '2027-01-01': ['12:00-16:00'], '2026-12-06': ['10:00-12:00']}}")
    hours = Policies(Settings(tenants_dir=tmp_path)).get("camp").hours
    assert hours.person_by(datetime(2026, 12, 31, 14, 50, tzinfo=UTC), within_minutes=30) == \
        datetime(2027, 1, 1, 12, tzinfo=UTC)  # New Year's Eve closes at 15:00; New Year's Day opens at noon this once
    assert hours.person_by(at(5, 20), within_minutes=30) == at(6, 10)  # a Sunday open for two hours
    assert hours.person_by(datetime(2027, 12, 31, 16, tzinfo=UTC), within_minutes=30) == \
        datetime(2028, 1, 3, 9, tzinfo=UTC)  # every year until 15:00; 1 January 2028 closed again (a Saturday anyway)
    (tmp_path / "camp" / "automation.yaml").write_text(
        "business_hours: {timezone: UTC, weekly: {mon: ['09:00-18:00']}, special: {'12-31': ['15:00-09:00']}}")
    with pytest.raises(ConfigError, match="12-31: '15:00-09:00' ends before it starts"):
        Policies(Settings(tenants_dir=tmp_path)).get("camp")


def test_a_day_closed_by_a_rule_is_closed_every_month_it_names(tmp_path) -> None:
    """A pool's sanitary day, the last Monday of every month, is one line, not a list of dates to renew."""
    from copilot.errors import ConfigError

    (tmp_path / "pool").mkdir()
    (tmp_path / "pool" / "automation.yaml").write_text(
        "business_hours: {timezone: UTC, weekly: {mon: ['09:00-18:00'], tue: ['09:00-18:00']},"
        " holidays: ['RRULE:FREQ=MONTHLY;BYDAY=-1MO']}")
    hours = Policies(Settings(tenants_dir=tmp_path)).get("pool").hours
    assert hours.person_by(at(27, 20), within_minutes=30) == at(29, 9)  # Monday the 28th is December's last
    assert hours.person_by(at(20, 20), within_minutes=30) == at(21, 9)  # the 21st is not
    assert hours.person_by(datetime(2027, 3, 28, 20, tzinfo=UTC), within_minutes=30) == \
        datetime(2027, 3, 30, 9, tzinfo=UTC)  # nor is the rule only this year's: 29 March 2027 is closed
    (tmp_path / "pool" / "automation.yaml").write_text(
        "business_hours: {timezone: UTC, weekly: {mon: ['09:00-18:00']}, holidays: ['RRULE:FREQ=SOMETIMES']}")
    with pytest.raises(ConfigError, match="'RRULE:FREQ=SOMETIMES' is no recurrence rule"):
        Policies(Settings(tenants_dir=tmp_path)).get("pool")
