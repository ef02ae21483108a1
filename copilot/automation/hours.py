"""Business hours per tenant (time zone, weekly schedule, holidays): when a person is there.

A hand-off promises the next moment someone actually is ("tomorrow at 09:00"), not 30 minutes
at 3 a.m.; follow-ups wait out the quiet hours.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_HORIZON_DAYS = 370  # a schedule with no open day within a year is a configuration error (validated)


@dataclass(frozen=True)
class BusinessHours:
    timezone: str = "UTC"
    weekly: dict[int, list[tuple[time, time]]] = field(default_factory=dict)  # weekday 0=Mon -> intervals
    holidays: frozenset[date] = frozenset()
    yearly: frozenset[tuple[int, int]] = frozenset()  # (month, day) closed every year: 14-16 April for Pi Mai
    # Days with hours of their own (a date, or (month, day) every year): 31 December until 15:00; they come before
    # the week and the holidays.
    special: dict[date | tuple[int, int], list[tuple[time, time]]] = field(default_factory=dict)
    # Closed days by a rule (iCalendar RRULE): a pool's sanitary day, "RRULE:FREQ=MONTHLY;BYDAY=-1MO".
    rules: tuple[str, ...] = ()

    def closed_on(self, day: date) -> bool:
        return day in self.holidays or (day.month, day.day) in self.yearly \
            or any(day in rule_days(rule, day.year) for rule in self.rules)

    def _own_hours(self, day: date) -> list[tuple[time, time]] | None:
        return self.special.get(day, self.special.get((day.month, day.day)))

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def _intervals(self, day: date) -> list[tuple[datetime, datetime]]:
        own = self._own_hours(day)
        if own is None and self.closed_on(day):
            return []
        out = []
        for start, end in own if own is not None else self.weekly.get(day.weekday(), []):
            a = datetime.combine(day, start, self.tz)
            b = datetime.combine(day + timedelta(days=1), time(0), self.tz) if end == time(0) else \
                datetime.combine(day, end, self.tz)
            out.append((a, b))
        return out

    def open_interval(self, at: datetime) -> tuple[datetime, datetime] | None:
        """The open interval containing `at`, if any."""
        local = at.astimezone(self.tz)
        for a, b in self._intervals(local.date()):
            if a <= local < b:
                return a, b
        return None

    def is_open(self, at: datetime) -> bool:
        return self.open_interval(at) is not None

    def next_open(self, at: datetime) -> datetime:
        """`at` itself when open, else the start of the next open interval (UTC)."""
        if self.is_open(at):
            return at.astimezone(UTC)
        local = at.astimezone(self.tz)
        for d in range(_HORIZON_DAYS):
            for a, _ in self._intervals(local.date() + timedelta(days=d)):
                if a > local:
                    return a.astimezone(UTC)
        raise ValueError("business hours never open")

    def person_by(self, at: datetime, *, within_minutes: int) -> datetime:
        """When a person will have replied to a hand-off made at `at`: within the promised minutes
        while open (rounded up to 5 minutes), else when the team is next there."""
        interval = self.open_interval(at)
        if interval is not None:
            by = at.astimezone(self.tz) + timedelta(minutes=within_minutes)
            if by.second or by.microsecond:  # round up to the next whole 5 minutes, never down
                by = by.replace(second=0, microsecond=0) + timedelta(minutes=1)
            by += timedelta(minutes=(5 - by.minute % 5) % 5)
            if by <= interval[1]:
                return by.astimezone(UTC)
            # Closing before the promise could be kept: the team's next opening after this interval.
            return self.next_open(interval[1])
        return self.next_open(at)


@dataclass(frozen=True)
class QuietHours:
    """A daily window (business time zone) in which no follow-up is sent; may cross midnight."""

    start: time | None = None
    end: time | None = None
    timezone: str = "UTC"

    def release(self, at: datetime) -> datetime:
        """`at` when outside the window, else the end of the window (UTC)."""
        if self.start is None or self.end is None or self.start == self.end:
            return at
        tz = ZoneInfo(self.timezone)
        local = at.astimezone(tz)
        t = local.time()
        crosses = self.start > self.end
        inside = (t >= self.start or t < self.end) if crosses else (self.start <= t < self.end)
        if not inside:
            return at
        end_day = local.date() + timedelta(days=1) if crosses and t >= self.start else local.date()
        return datetime.combine(end_day, self.end, tz).astimezone(UTC)


def parse_clock(value: str) -> time:
    hh, mm = value.strip().split(":")
    h, m = int(hh), int(mm)
    if h == 24 and m == 0:
        return time(0)
    return time(h, m)


@lru_cache(maxsize=256)
def rule_days(rule: str, year: int) -> frozenset[date]:
    """The days of `year` a recurrence rule names ("RRULE:FREQ=MONTHLY;BYDAY=-1MO": every last Monday). Counted from
    1 January of that year unless the rule gives its DTSTART (needed for "every other week"). ValueError if it is none."""
    start = datetime(year, 1, 1)
    rule_set = rrulestr(rule.strip(), dtstart=start, forceset=True, ignoretz=True)
    return frozenset(d.date() for d in rule_set.between(start, datetime(year, 12, 31, 23, 59), inc=True))
