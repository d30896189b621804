"""The refusal trade-off curve, on hand-made outcomes."""
from eval.tradeoff import Outcome, curve, render


def test_curve_counts_refusals_and_false_refusals_at_each_threshold():
    outcomes = [
        Outcome(answerable=True, refused_anyway=False, confidence=0.9, hit=True),
        Outcome(answerable=True, refused_anyway=False, confidence=0.3, hit=True),
        Outcome(answerable=True, refused_anyway=True, confidence=0.8, hit=False),
        Outcome(answerable=False, refused_anyway=False, confidence=0.2, hit=False),
        Outcome(answerable=False, refused_anyway=True, confidence=0.9, hit=False),
    ]
    low, mid, high = curve(outcomes, thresholds=[0.0, 0.5, 0.95])
    assert (low.refusal_rate_unanswerable, low.false_refusal_rate, low.answer_hit) == (0.5, 0.3333, 0.6667)
    assert (mid.refusal_rate_unanswerable, mid.false_refusal_rate, mid.answer_hit) == (1.0, 0.6667, 0.3333)
    assert (high.refusal_rate_unanswerable, high.false_refusal_rate, high.answer_hit) == (1.0, 1.0, 0.0)


def test_render_marks_the_current_threshold():
    table = render(curve([Outcome(True, False, 0.5, True)], thresholds=[0.2, 0.4]), current=0.4)
    assert "| 0.40 ← |" in table and "| 0.20 |" in table
