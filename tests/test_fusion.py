"""Tests for retrieval.fusion: reciprocal rank fusion and weighted score fusion, on hand-computed examples."""
from __future__ import annotations

import numpy as np
import pytest

from retrieval.fusion import RRF_K, minmax, rrf, rrf_scores, weighted


def test_rrf_sums_reciprocal_ranks_over_the_lists():
    # k=1: doc 10 is 1st in list A → 1/2; doc 20 is 2nd in A and 1st in B → 1/3 + 1/2;
    # doc 30 is 3rd in A → 1/4; doc 40 is 2nd in B → 1/3.
    scores = rrf([np.array([10, 20, 30]), np.array([20, 40])], k=1)
    assert scores == pytest.approx({10: 0.5, 20: 0.833333, 30: 0.25, 40: 0.333333}, abs=1e-6)
    assert max(scores, key=scores.get) == 20  # second on one list and first on the other beats first on one


def test_rrf_weights_scale_each_list():
    # weights 1 and 0.5, k=1: doc 20 → 1/3 + 0.5/2 = 0.583333; doc 40 → 0.5/3 = 0.166667
    scores = rrf([np.array([10, 20, 30]), np.array([20, 40])], k=1, weights=[1.0, 0.5])
    assert scores == pytest.approx({10: 0.5, 20: 0.583333, 30: 0.25, 40: 0.166667}, abs=1e-6)


def test_rrf_default_constant_is_60():
    assert RRF_K == 60
    assert rrf([np.array([7])]) == pytest.approx({7: 1 / 61})


def test_rrf_of_nothing_is_empty():
    assert rrf([]) == {}
    assert rrf([np.array([], dtype=int)]) == {}


def test_rrf_scores_hand_computed():
    # k=1, equal weights: score = 2 * (0.5/(1+ra) + 0.5/(1+rb))
    # (1,1) → 1.0; (2,1) → 2*(1/6 + 1/4) = 5/6; (3,3) → 2*(1/8 + 1/8) = 0.5
    got = rrf_scores(np.array([1, 2, 3]), np.array([1, 1, 3]), k=1, weight_b=0.5)
    assert got == pytest.approx([1.0, 0.833333, 0.5], abs=1e-6)


def test_rrf_scores_weight_favours_the_weighted_side():
    # k=1, weight_b=0.75: (3,1) → 2*(0.25/4 + 0.75/2) = 0.875; (1,3) → 2*(0.25/2 + 0.75/4) = 0.625
    got = rrf_scores(np.array([3, 1]), np.array([1, 3]), k=1, weight_b=0.75)
    assert got == pytest.approx([0.875, 0.625])


@pytest.mark.parametrize("k", [1, 60, 61])
@pytest.mark.parametrize("w", [0.0, 0.3, 1.0])
def test_rrf_scores_top_on_both_sides_is_one_and_worse_ranks_score_lower(k, w):
    ranks = np.arange(1, 20)
    got = rrf_scores(ranks, ranks, k=k, weight_b=w)
    assert got[0] == pytest.approx(1.0)
    assert np.all(np.diff(got) < 0)
    assert np.all((got > 0) & (got <= 1.0))


def test_minmax_maps_onto_zero_one():
    assert minmax(np.array([2.0, 4.0, 6.0])) == pytest.approx([0.0, 0.5, 1.0])
    assert minmax(np.array([-3.0, 1.0])) == pytest.approx([0.0, 1.0])


def test_minmax_of_constant_or_empty():
    assert minmax(np.array([5.0, 5.0, 5.0])).tolist() == [0.0, 0.0, 0.0]  # no spread: nothing stands out
    assert len(minmax(np.array([]))) == 0


def test_weighted_sums_normalised_scores():
    # minmax([1,2,3]) = [0, .5, 1]; minmax([30,10,20]) = [1, 0, .5]
    # 0.6*[0, .5, 1] + 0.4*[1, 0, .5] = [0.4, 0.3, 0.8]
    got = weighted([np.array([1, 2, 3]), np.array([30, 10, 20])], [0.6, 0.4])
    assert got == pytest.approx([0.4, 0.3, 0.8])


def test_weighted_is_blind_to_each_list_scale():
    a, b = np.array([1.0, 5.0, 3.0]), np.array([0.2, 0.1, 0.9])
    assert weighted([a * 1000, b], [0.5, 0.5]) == pytest.approx(weighted([a, b * 7 + 3], [0.5, 0.5]))
