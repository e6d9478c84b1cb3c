"""Scale: the engine is linear in the parameters, and its limits say why.

A 32-32-32-8 network (2,376 parameters; its hidden weights each sum over up to
8 · 32 · 32 paths) is solved within a generous bound and agrees with the numpy
oracle; paths are counted for every gradient but listed only for those written
out; a network over the engine's limit, or too large for slides, is one line.
"""

from __future__ import annotations

import json
import random
import time

import numpy as np
import oracle

from derive import api, chain, graph, limits, spec

#: Seconds a 32-32-32-8 derivation may take (about half a second on a laptop).
BOUND = 30


def network(layers, seed=1):
    rng = random.Random(seed)

    def numbers(count, low=-1.0, high=1.0):
        return [round(rng.uniform(low, high), 2) for _ in range(count)]

    return {
        "network": {"layers": layers, "activation": "sigmoid", "bias": True,
                    "weights": [[numbers(m) for _ in range(n)]
                                for m, n in zip(layers, layers[1:], strict=False)],
                    "biases": [numbers(n) for n in layers[1:]]},
        "loss": "mse", "learning_rate": 0.1,
        "data": {"x": numbers(layers[0], 0, 1), "y": numbers(layers[-1], 0.1, 0.9)},
    }


def test_a_32_32_32_8_derivation_is_fast_and_agrees_with_the_oracle():
    problem = network([32, 32, 32, 8])
    start = time.perf_counter()
    result = api.solve(problem)
    data = json.loads(result.render("json"))
    assert time.perf_counter() - start < BOUND
    net = problem["network"]
    record, weights, _, loss_after = oracle.train(
        net["weights"], net["biases"], ["sigmoid"] * 3, "mse", [problem["data"]["x"]],
        [problem["data"]["y"]], 0.1, 1, True, [0.1] * 3)
    for l, layer in enumerate(data["layers"]):
        assert np.allclose(layer["dW"], record[0]["dW"][l], rtol=1e-12, atol=1e-15)
        assert np.allclose(layer["db"], record[0]["db"][l], rtol=1e-12, atol=1e-15)
        assert np.allclose(layer["W_new"], weights[l], rtol=1e-12, atol=1e-15)
    assert np.isclose(data["loss_after"], loss_after, rtol=1e-12)


def test_paths_are_counted_for_all_and_listed_only_for_gradients_written_out():
    g = graph.build(spec.from_mapping(network([12, 12, 12, 12, 12, 12, 2])))
    rules = chain.chain_rules(g)
    assert rules[("W", 1, 1, 1)].count == 2 * 12 ** 4  # outputs × hidden neurons of 4 layers
    assert rules[("W", 1, 1, 1)].paths == () and not rules[("W", 1, 1, 1)].written
    output = rules[("W", 6, 1, 1)]
    assert output.written and output.count == len(output.paths) == 1


def test_paths_come_in_the_order_of_a_walk_down_from_the_loss():
    g = graph.build(api.load_spec(example="mazur-2-2-2"))
    rule = chain.chain_rules(g)[("W", 1, 1, 1)]
    assert [[(e.node, e.input) for e in path][:2] for path in rule.paths] == [
        [(("C",), ("a", 2, 1)), (("a", 2, 1), ("z", 2, 1))],
        [(("C",), ("a", 2, 2)), (("a", 2, 2), ("z", 2, 2))],
    ]


def test_a_network_over_the_engines_limit_is_one_line(cli, tmp_path):
    path = tmp_path / "huge.json"
    problem = network([2, 2])
    problem["network"]["layers"] = [200, 200]  # checked before its 40,200 weights are read
    path.write_text(json.dumps(problem))
    result = cli("solve", str(path), "--format", "json", "-o", "-")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "network.layers" in result.stderr and f"{limits.MAX_PARAMETERS:,}" in result.stderr


def test_slides_of_a_large_network_say_why_and_what_to_use(cli, tmp_path):
    path = tmp_path / "wide.json"
    path.write_text(json.dumps(network([16, 16, 1])))
    slides = cli("solve", str(path), "--format", "slides", "-o", str(tmp_path / "out"))
    assert slides.returncode == 2 and slides.stderr.count("\n") == 1
    assert "network.layers" in slides.stderr and "not be readable" in slides.stderr
    assert "--format json or markdown" in slides.stderr
    answers = cli("solve", str(path), "--format", "json", "-o", "-")
    assert answers.returncode == 0 and json.loads(answers.stdout)["gradients"]
