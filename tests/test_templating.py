"""What the public templates' environment adds to Django's filters."""

from datetime import UTC, datetime

import pytest
from django.template import defaultfilters
from django.utils.timezone import template_localtime

from tracker.templating import isotime


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 1, 15, 23, 30, tzinfo=UTC),  # winter in Kyiv: +0200, the next day
        datetime(2026, 7, 1, 8, 5, 9, 123456, tzinfo=UTC),  # summer: +0300, no microseconds
    ],
)
def test_isotime_writes_what_djangos_date_filter_wrote(moment):
    expected = defaultfilters.date(template_localtime(moment), "Y-m-d\\TH:i:sO")
    assert isotime(moment) == expected
    assert expected[-5:] in {"+0200", "+0300"}  # in the site's time zone, not UTC


def test_isotime_of_nothing_is_empty():
    assert isotime(None) == ""
