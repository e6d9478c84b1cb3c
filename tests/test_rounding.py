"""The rounding policy: exact decimal rounding by the chosen rule."""

from __future__ import annotations

from decimal import Decimal

import pytest

from derive.errors import SpecError
from derive.rounding import Precision, RoundingPolicy, plain, to_decimal


@pytest.mark.parametrize("value, precision, rule, expected", [
    (0.0125, Precision(decimals=3), "half-up", "0.013"),
    (0.0125, Precision(decimals=3), "half-even", "0.012"),
    (0.0129, Precision(decimals=3), "truncate", "0.012"),
    (-0.0125, Precision(decimals=3), "half-up", "-0.013"),
    (-0.0999, Precision(sig=2), "half-up", "-0.10"),
    (9.96, Precision(sig=2), "half-up", "10"),
    (0.000123456, Precision(sig=3), "half-up", "0.000123"),
    (2.5, Precision(decimals=0), "half-up", "3"),
    (2.5, Precision(decimals=0), "half-even", "2"),
    (0.35, Precision(decimals=1), "half-up", "0.4"),  # 0.35 is 0.34999… as a float
])
def test_rounding_table(value, precision, rule, expected):
    policy = RoundingPolicy(default=precision, rule=rule)
    assert str(policy.round(value, "activation")) == expected


def test_per_kind_precision_overrides_the_default():
    policy = RoundingPolicy(default=Precision(decimals=3),
                            kinds={"gradient": Precision(sig=2)})
    assert str(policy.round(-0.094622, "gradient")) == "-0.095"
    assert str(policy.round(-0.094622, "loss")) == "-0.095"
    assert str(policy.round(0.125318, "loss")) == "0.125"


@pytest.mark.parametrize("value, strip, expected", [
    (Decimal("0.5600"), True, "0.56"), (Decimal("0.5600"), False, "0.5600"),
    (Decimal("-0.000"), True, "0"), (Decimal("1E-7"), True, "0.0000001"),
    (Decimal("10"), True, "10"),
])
def test_plain_writing(value, strip, expected):
    assert plain(value, strip) == expected


def test_binary_noise_is_dropped_before_rounding():
    import mpmath

    from derive.rounding import PRECISION

    with mpmath.workdps(PRECISION):
        value = mpmath.mpf("0.5") * mpmath.mpf("0.7") + mpmath.mpf("0.3") * mpmath.mpf("0.4")
    assert to_decimal(value).normalize() == Decimal("0.47")


def test_derive_leaves_the_callers_mpmath_precision_alone():
    import mpmath

    from derive import api
    from derive.verify import verify

    before = mpmath.mp.dps
    api.solve(example="chain-1-1-1")
    verify("$z = 0.5 \\times 0.7 = 0.35$")
    assert mpmath.mp.dps == before == 15


@pytest.mark.parametrize("data, field", [
    ({"carry": "sometimes"}, "rounding.carry"),
    ({"rule": "banker"}, "rounding.rule"),
    ({"default": {"decimals": -1}}, "rounding.default.decimals"),
    ({"default": {"digits": 2}}, "rounding.default"),
    ({"kinds": {"gradients": {"sig": 2}}}, "rounding.kinds.gradients"),
    ({"strip_zeros": "yes"}, "rounding.strip_zeros"),
])
def test_bad_rounding_settings_name_the_field(data, field):
    with pytest.raises(SpecError) as error:
        RoundingPolicy.from_mapping(data)
    assert error.value.field == field


def test_huge_values_of_a_diverging_run_still_round():
    policy = RoundingPolicy(default=Precision(decimals=3))
    assert plain(policy.round(1.234567e35, "weight")) == "1234567" + "0" * 29
    sig = RoundingPolicy(default=Precision(sig=2))
    assert plain(sig.round(-9.87e40, "gradient")) == "-99" + "0" * 39
