"""members.eligibility: the admission age rule (pure, no database)."""

import datetime

import pytest

from members.eligibility import admission_age_error

D = datetime.date


@pytest.mark.parametrize(
    ("birth", "admitted_on", "allowed"),
    [
        (D(2006, 3, 26), D(2022, 3, 26), True),  # 16 on the day
        (D(2006, 3, 27), D(2022, 3, 26), False),  # one day short of 16
        (D(1991, 3, 27), D(2022, 3, 26), True),  # 30, turning 31 tomorrow
        (D(1991, 3, 26), D(2022, 3, 26), False),  # 31 on the day
        (D(2008, 2, 29), D(2024, 2, 28), False),  # born on 29 February: 16 only on 1 March
        (D(2008, 2, 29), D(2024, 2, 29), True),
    ],
)
def test_admission_needs_16_to_30_on_the_admission_date(birth, admitted_on, allowed):
    assert (admission_age_error(birth, admitted_on) is None) is allowed
