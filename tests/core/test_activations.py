"""Every activation of the registry (app/core/activations.py): σ' is the derivative of σ, given a = σ(z) or not,
and both stay finite and quiet for any finite z. Then each activation's own known values."""

import math
import warnings

import numpy as np
import pytest

from app.core.activations import ACTIVATIONS

ELEMENTWISE = [name for name, a in ACTIVATIONS.items() if not a.output_only]
Z = np.array([-30.0, -5.0, -1.3, -0.4, -0.01, 0.02, 0.3, 1.1, 4.0, 25.0])  # never 0: the kinks are there
H = 1e-6


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_sigma_prime_is_the_central_difference_of_sigma(name):
    act = ACTIVATIONS[name]
    numeric = (act.fn(Z + H) - act.fn(Z - H)) / (2 * H)
    assert np.allclose(act.prime(Z, None), numeric, rtol=1e-7, atol=1e-9)


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_sigma_prime_given_a_is_sigma_prime_alone_bit_for_bit(name):
    act = ACTIVATIONS[name]
    z = np.linspace(-6, 6, 24).reshape(4, 6)  # 4 neurons × 6 examples
    assert np.array_equal(act.prime(z, act.fn(z)), act.prime(z, None))


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_any_finite_z_gives_finite_numbers_without_a_warning(name):
    act = ACTIVATIONS[name]
    z = np.array([[-1e300, -1e5, -745.0, -30.0, 0.0, 30.0, 745.0, 1e5, 1e300]]).T  # one neuron per row
    z = np.repeat(z, 2, axis=1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        a = act.fn(z)
        prime = act.prime(z, a)
    assert np.isfinite(a).all() and np.isfinite(prime).all()
    assert a.shape == prime.shape == z.shape


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_sigma_acts_on_each_entry_alone(name):
    """An element-wise σ of a column is the σ of each of its entries: no neuron sees another."""
    act = ACTIVATIONS[name]
    z = Z.reshape(5, 2)
    alone = np.array([[act.fn(np.array([[v]]))[0, 0] for v in row] for row in z])
    assert np.array_equal(act.fn(z), alone)


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_the_declared_smoothness_holds(name):
    """smooth=False marks a jump in σ' or σ'' at 0; a smooth σ' is continuous there to rounding."""
    act = ACTIVATIONS[name]
    left, right = act.prime(np.array([-1e-9]), None)[0], act.prime(np.array([1e-9]), None)[0]
    if act.smooth:
        assert abs(left - right) < 1e-6
        second = (act.prime(np.array([1e-4]), None) - act.prime(np.array([-1e-4]), None))[0] / 2e-4
        below = (act.prime(np.array([-1e-4]), None) - act.prime(np.array([-3e-4]), None))[0] / 2e-4
        assert abs(second - below) < 1e-2  # σ'' has no jump at 0


def test_softmax_columns_are_distributions_and_shift_invariant():
    act = ACTIVATIONS["softmax"]
    z = np.array([[1.0, -2.0, 700.0], [3.0, 0.5, 699.0], [0.0, 0.0, -1e300]])
    a = act.fn(z)
    assert np.allclose(a.sum(axis=0), 1.0) and (a >= 0).all()
    assert np.allclose(act.fn(z[:, :2] + 50.0), a[:, :2])


@pytest.mark.parametrize("name,z,a,prime", [
    ("sigmoid", 0.0, 0.5, 0.25),
    ("tanh", 0.0, 0.0, 1.0),
    ("relu", -2.0, 0.0, 0.0),
    ("relu", 3.0, 3.0, 1.0),
    ("leaky_relu", -2.0, -0.02, 0.01),
    ("linear", -7.5, -7.5, 1.0),
    ("softplus", 0.0, math.log(2.0), 0.5),
    ("elu", -1.0, math.exp(-1.0) - 1.0, math.exp(-1.0)),
    ("elu", 2.0, 2.0, 1.0),
    ("gelu", 0.0, 0.0, 0.5),
])
def test_known_values(name, z, a, prime):
    act = ACTIVATIONS[name]
    assert act.fn(np.array([[z]]))[0, 0] == pytest.approx(a, abs=1e-15)
    assert act.prime(np.array([[z]]), None)[0, 0] == pytest.approx(prime, abs=1e-15)


def test_gelu_is_the_tanh_approximation_of_z_times_the_normal_cdf():
    """Odd tanh: gelu(z) − gelu(−z) = z exactly in the formula; and within 1e-3 of the exact z Φ(z) (its published
    error is a few 1e-4), with PyTorch's approximate="tanh" value at 1."""
    z = np.linspace(-6, 6, 241)
    gelu = ACTIVATIONS["gelu"].fn
    assert np.allclose(gelu(z) - gelu(-z), z, atol=1e-14)
    exact = np.array([0.5 * v * (1 + math.erf(v / math.sqrt(2))) for v in z])
    assert np.abs(gelu(z) - exact).max() < 1e-3
    assert gelu(np.array([1.0]))[0] == pytest.approx(0.8411919906, abs=1e-9)
