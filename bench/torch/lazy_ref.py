"""PyTorch CPU reference timing for `npm run bench -- lazy` (spec §3).

Times the E1 training step (MLP 20 -> w -> w -> 5, ReLU, softmax CE, plain SGD lr 0.05) on epochs of 2000 random
samples cut into 31 batches of 64 and one of 16, the same work the TypeScript engines do. One core: run with
OPENBLAS_NUM_THREADS=1 (bench/lazy.ts sets it) and torch.set_num_threads(1). Prints one JSON object on stdout.

Usage: /usr/bin/python3 bench/torch/lazy_ref.py <widths, e.g. 8,64,256,512> <seconds per width>
   or: /usr/bin/python3 bench/torch/lazy_ref.py --serve   (bench/lazy.ts: interleaves widths with the other engines)
Call Debian's /usr/bin/python3: python3-torch is installed for it, not for a pyenv python earlier on PATH.
"""
import json
import os
import statistics
import sys
import time

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
torch.manual_seed(0)

D, K, N, B, LR = 20, 5, 2000, 64, 0.05
MIN_STEPS = 200


def epoch_batches():
    x = torch.randn(N, D)
    y = torch.randint(0, K, (N,))
    return [(x[i:i + B], y[i:i + B]) for i in range(0, N, B)]  # 31 x 64 + 1 x 16


def time_width(width, budget_s):
    model = torch.nn.Sequential(
        torch.nn.Linear(D, width), torch.nn.ReLU(),
        torch.nn.Linear(width, width), torch.nn.ReLU(),
        torch.nn.Linear(width, K))
    opt = torch.optim.SGD(model.parameters(), lr=LR)
    batches = epoch_batches()

    def run_epoch():
        for xb, yb in batches:
            opt.zero_grad(set_to_none=True)
            loss = F.cross_entropy(model(xb), yb)
            loss.backward()
            opt.step()
        return loss.item()

    run_epoch()  # warm-up: allocator, autograd graph caches
    epoch_ms = []
    steps = 0
    start = time.perf_counter()
    while steps < MIN_STEPS or time.perf_counter() - start < budget_s:
        t0 = time.perf_counter()
        run_epoch()
        epoch_ms.append((time.perf_counter() - t0) * 1000)
        steps += len(batches)
    params = sum(p.numel() for p in model.parameters())
    return {
        "width": width,
        "params": params,
        "steps": steps,
        "msPerStep": statistics.median(epoch_ms) / len(batches),
        "msPerStepMean": sum(epoch_ms) / steps,
    }


def info():
    blas = "openblas" if "openblas" in os.path.realpath("/usr/lib/x86_64-linux-gnu/libblas.so.3") else "other"
    return {
        "torch": torch.__version__,
        "blas": blas,
        "torchThreads": torch.get_num_threads(),
        "openblasThreads": os.environ.get("OPENBLAS_NUM_THREADS"),
    }


def serve():
    """One JSON line of info, then one JSON result line per request line `<width> <seconds>` on stdin."""
    print(json.dumps(info()), flush=True)
    for line in sys.stdin:
        if not line.strip():
            continue
        width, budget_s = line.split()
        print(json.dumps(time_width(int(width), float(budget_s))), flush=True)


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--serve":
        serve()
        return
    widths = [int(w) for w in sys.argv[1].split(",")] if len(sys.argv) > 1 else [8, 64, 256, 512]
    budget_s = float(sys.argv[2]) if len(sys.argv) > 2 else 1.5
    print(json.dumps({**info(), "results": [time_width(w, budget_s) for w in widths]}))


if __name__ == "__main__":
    main()
