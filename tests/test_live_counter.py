"""The day counter turns at midnight in Kyiv, whatever the server's or UTC's date."""

from datetime import UTC, date, datetime

import pytest

from tracker.live.models import Counter

START = date(2022, 2, 24)


def counter(**fields):
    return Counter(start_date=fields.pop("start_date", START), time_zone="Europe/Kyiv", **fields)


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def test_the_start_date_is_day_1():
    # 24 Feb 2022 00:30 in Kyiv is 23 Feb 22:30 UTC: already Day 1 in Kyiv.
    assert counter().day_on(utc(2022, 2, 23, 22, 30)) == 1
    assert counter().day_on(utc(2022, 2, 23, 21, 59)) is None  # before Day 1: no day at all


@pytest.mark.parametrize(
    ("moment", "day"),
    [
        # Winter (UTC+2): the turn comes at 22:00 UTC.
        (utc(2026, 1, 14, 21, 59), 1421),  # 23:59 Kyiv, 14 Jan
        (utc(2026, 1, 14, 22, 1), 1422),  # 00:01 Kyiv, 15 Jan, still 14 Jan in UTC
        # Summer (UTC+3): the turn comes at 21:00 UTC.
        (utc(2026, 4, 18, 20, 59), 1515),  # 23:59 Kyiv, 18 Apr
        (utc(2026, 4, 18, 21, 1), 1516),  # 00:01 Kyiv, 19 Apr
    ],
)
def test_the_day_turns_at_kyiv_midnight_not_utc_midnight(moment, day):
    assert counter().day_on(moment) == day


def test_the_seed_pages_day_1516_is_19_april_2026():
    assert counter().day_on(utc(2026, 4, 19, 9, 0)) == 1516


def test_daylight_saving_changes_neither_skip_nor_repeat_a_day():
    c = counter()
    # Kyiv moved clocks forward on 29 Mar 2026 and back on 25 Oct 2026.
    for before, after in [
        (utc(2026, 3, 28, 21, 59), utc(2026, 3, 28, 22, 1)),  # 23:59 / 00:01 on UTC+2
        (utc(2026, 3, 29, 20, 59), utc(2026, 3, 29, 21, 1)),  # first night on UTC+3
        (utc(2026, 10, 24, 20, 59), utc(2026, 10, 24, 21, 1)),  # last night on UTC+3
        (utc(2026, 10, 25, 21, 59), utc(2026, 10, 25, 22, 1)),  # first night on UTC+2
    ]:
        assert c.day_on(after) == c.day_on(before) + 1


def test_leap_days_count():
    c = counter()
    assert c.day_on(utc(2024, 2, 29, 12)) - c.day_on(utc(2024, 2, 28, 12)) == 1
    assert c.day_on(utc(2024, 3, 1, 12)) - c.day_on(utc(2024, 2, 28, 12)) == 2
    assert c.day_on(utc(2023, 2, 24, 12)) == 366  # 2022-23 has no 29 February
    assert c.day_on(utc(2025, 2, 24, 12)) == 366 + 365 + 366


def test_next_midnight_is_local_midnight():
    assert counter().next_midnight(utc(2026, 4, 18, 12)) == utc(2026, 4, 18, 21)
    assert counter().next_midnight(utc(2026, 1, 14, 12)) == utc(2026, 1, 14, 22)


def test_an_unknown_time_zone_is_refused_in_plain_words():
    from django.core.exceptions import ValidationError

    bad = Counter(start_date=START, time_zone="Europe/Kiev-ish")
    with pytest.raises(ValidationError) as error:
        bad.full_clean()
    assert "not a known time zone" in str(error.value)
