"""derive verify never fails on text, however malformed, and is fast on long documents."""

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from derive.verify import report, verify

MATHS = st.sampled_from(["$", "$$", "=", "\\frac", "{", "}", "(", ")", "^", "_", "0.5", "-",
                         "\\sigma", "σ", "×", "\\\\", "&", "\n", " ", "e^{", "\\text{", "∂",
                         "w_1", "₁", "²", "½", "\\begin{align*}", "\\end{align*}", "≈", "/",
                         "sigmoid(", "1e5", "9" * 30, "0.0", "\\left(", "'", "ŷ", ",", "*"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(), st.lists(MATHS, max_size=40).map("".join)))
def test_any_text_gives_a_report(text):
    verification = verify(text)
    data = report.json_data(verification)
    summary = data["summary"]
    assert summary["claims"] == sum(1 for f in data["findings"] if not f["operand"])
    # every number is accounted for, exactly once
    assert summary["numbers"] == summary["checked"] + summary["given"] + summary["skipped"]
    skipped = sum(1 for f in data["findings"] if f["status"] == "unchecked")
    assert skipped == summary["skipped"]
    report.text(verification, "fuzz")
    report.annotate(verification, ".html")


def test_extreme_numbers_do_not_raise():
    text = ("$$x = e^{99999999} = 1$$\n$$y = 10^{100000} = 2$$\n$$z = \\frac{1}{0} = 3$$\n"
            "$$q = \\ln(0) = 1$$\n$$r = (-1)^{0.5} = 1$$\n" + "((((" * 400 + "1 = 1\n"
            "$$b = 10^{30} = 1" + "0" * 30 + "$$\n$$c = b = 1" + "0" * 30 + ".5$$\n"
            "$$d = 1 - 0.5 = 0." + "1" * 40 + "$$\n")
    findings = verify(text).findings
    assert {f.status for f in findings} <= {"error", "unchecked", "ok", "rounding"}
    assert findings[0].status == "unchecked"


def test_three_hundred_pages_in_seconds():
    page = ("z = 0.5 × 0.7 + 0.3 × 0.4 = 0.47\nh = σ(z) = 0.615\n"
            "Some prose about the weighted sum, with numbers like 0.5 and 3 = three.\n") * 25
    text = page * 300
    start = time.perf_counter()
    findings = verify(text).findings
    assert time.perf_counter() - start < 20
    assert len(findings) >= 300 * 25 * 2
