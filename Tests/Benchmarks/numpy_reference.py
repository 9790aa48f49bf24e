#!/usr/bin/env python3
"""The benchmarks' wide net (2-16-16-1, tanh hidden layers, sigmoid output, binary cross-entropy,
mean over the batch, 1,000 points) trained with numpy, the way one writes it with matrices.

Prints the time of one epoch, full batch and batch 32, as the benchmark "train: wide 2-16-16-1 tanh"
does: 30 samples of 10 epochs each, from fresh weights (the two batch sizes taken in turn), and
their fastest (p0) and median (p50). Run it right after the benchmarks, to compare figures of
the same conditions. `--scenario` prints the same net
as an nnview scenario instead, so `nnview train` can be checked against this script's loss.

The data and the starting weights come from the formulas in
Benchmarks/NNViewBenchmarks/WideNet.swift (exact arithmetic, so every language gets the same bits).
"""
import json
import math
import statistics
import sys
import time

import numpy as np

SIZES = [2, 16, 16, 1]
SAMPLES = 1000
LEARNING_RATE = 0.1
EPOCHS_PER_SAMPLE = 10
TIMED_SAMPLES = 30


def data():
    xs, ys = [], []
    for s in range(SAMPLES):
        x1 = (37 * s % 1000) / 500 - 1
        x2 = (s * s % 997) / 498.5 - 1
        xs.append([x1, x2])
        ys.append([1.0 if x1 * x1 + x2 * x2 < 0.5 else 0.0])
    return xs, ys


def initial_weights():
    layers = []
    for l in range(len(SIZES) - 1):
        previous, units = SIZES[l], SIZES[l + 1]
        layers.append([[((i * units + j) * 37 + l * 11) % 19 - 9 for j in range(units)] for i in range(previous)])
        layers[-1] = [[v / 9 / math.sqrt(previous) for v in row] for row in layers[-1]]
    return layers


def scenario():
    xs, ys = data()
    weights = initial_weights()
    layers = [{"units": SIZES[0]}]
    for l, w in enumerate(weights):
        activation = "sigmoid" if l == len(weights) - 1 else "tanh"
        layers.append({"units": SIZES[l + 1], "activation": activation, "weights": w, "biases": [0.0] * SIZES[l + 1]})
    return {"name": "wide 2-16-16-1 tanh", "layers": layers, "loss": "binary_cross_entropy",
            "learning_rate": LEARNING_RATE, "epochs": 10, "batch_size": SAMPLES,
            "data": [{"x": x, "y": y} for x, y in zip(xs, ys)]}


class Net:
    def __init__(self):
        self.w = [np.array(w) for w in initial_weights()]
        self.b = [np.zeros(n) for n in SIZES[1:]]

    def train_epoch(self, x_all, y_all, batch):
        """One epoch of plain gradient descent; returns the mean of the samples' losses."""
        total = 0.0
        (w1, w2, w3), (b1, b2, b3) = self.w, self.b
        for start in range(0, len(x_all), batch):
            x, y = x_all[start:start + batch], y_all[start:start + batch]
            h1 = np.tanh(x @ w1 + b1)
            h2 = np.tanh(h1 @ w2 + b2)
            t = h2 @ w3 + b3
            out = 1 / (1 + np.exp(-t))
            total += np.sum(np.maximum(t, 0) + np.log1p(np.exp(-np.abs(t))) - y * t)
            d3 = (out - y) / len(x)
            d2 = (d3 @ w3.T) * (1 - h2 * h2)
            d1 = (d2 @ w2.T) * (1 - h1 * h1)
            w3 -= LEARNING_RATE * (h2.T @ d3)
            b3 -= LEARNING_RATE * d3.sum(axis=0)
            w2 -= LEARNING_RATE * (h1.T @ d2)
            b2 -= LEARNING_RATE * d2.sum(axis=0)
            w1 -= LEARNING_RATE * (x.T @ d1)
            b1 -= LEARNING_RATE * d1.sum(axis=0)
        return total / len(x_all)


def main():
    if "--scenario" in sys.argv:
        print(json.dumps(scenario()))
        return
    xs, ys = data()
    x_all, y_all = np.array(xs), np.array(ys)
    check = Net()
    losses = [check.train_epoch(x_all, y_all, SAMPLES) for _ in range(10)]
    print(f"loss of epoch 10, full batch: {losses[-1]:.12g} (`nnview train --format json` on the --scenario output prints the same)")
    times = {SAMPLES: [], 32: []}
    for _ in range(TIMED_SAMPLES):
        for batch, seconds in times.items():
            net = Net()
            began = time.perf_counter()
            for _ in range(EPOCHS_PER_SAMPLE):
                net.train_epoch(x_all, y_all, batch)
            seconds.append((time.perf_counter() - began) / EPOCHS_PER_SAMPLE)
    for batch, seconds in times.items():
        label = "full batch" if batch == SAMPLES else f"batch {batch}"
        print(f"numpy {np.__version__}, wide 2-16-16-1 tanh, {label}, µs per epoch:"
              f" p0 {min(seconds) * 1e6:.0f}, p50 {statistics.median(seconds) * 1e6:.0f}"
              f" ({TIMED_SAMPLES} samples of {EPOCHS_PER_SAMPLE} epochs)")


if __name__ == "__main__":
    main()
