"""PyTorch CPU reference timing for `npm run bench -- lazy` (spec §3).

Times the E1 training step (MLP 20 -> w -> w -> 5, ReLU, softmax CE, plain SGD lr 0.05) on epochs of 2000 random
samples cut into 31 batches of 64 and one of 16, the same work the TypeScript engines do, timed inside python after
a warm-up epoch. One core: run with OPENBLAS_NUM_THREADS=1 (bench/lazy.ts sets it) and torch.set_num_threads(1).

Usage: /usr/bin/python3 bench/torch/lazy_ref.py [widths, e.g. 8,64,256,512] [seconds per width]
         one JSON object: per width, the median and fastest epoch over >= 200 timed steps
   or: /usr/bin/python3 bench/torch/lazy_ref.py --serve
         JSON lines: info, then one reply per stdin line `prepare <width>` or `epochs <count>` (bench/lazy.ts takes
         turns with the other engines epoch by epoch, so load from other processes hits every engine alike)
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


def epoch_timer(width):
    """Builds the model and data at `width`, runs one warm-up epoch, returns a function timing one epoch (ms)."""
    model = torch.nn.Sequential(
        torch.nn.Linear(D, width), torch.nn.ReLU(),
        torch.nn.Linear(width, width), torch.nn.ReLU(),
        torch.nn.Linear(width, K))
    opt = torch.optim.SGD(model.parameters(), lr=LR)
    x = torch.randn(N, D)
    y = torch.randint(0, K, (N,))
    batches = [(x[i:i + B], y[i:i + B]) for i in range(0, N, B)]  # 31 x 64 + 1 x 16

    def run_epoch():
        t0 = time.perf_counter()
        for xb, yb in batches:
            opt.zero_grad(set_to_none=True)
            loss = F.cross_entropy(model(xb), yb)
            loss.backward()
            opt.step()
        loss.item()
        return (time.perf_counter() - t0) * 1000

    run_epoch()  # warm-up: allocator, autograd caches
    return run_epoch, len(batches), sum(p.numel() for p in model.parameters())


def time_width(width, budget_s):
    run_epoch, steps_per_epoch, params = epoch_timer(width)
    epoch_ms = []
    start = time.perf_counter()
    while len(epoch_ms) * steps_per_epoch < MIN_STEPS or time.perf_counter() - start < budget_s:
        epoch_ms.append(run_epoch())
    return {
        "width": width,
        "params": params,
        "steps": len(epoch_ms) * steps_per_epoch,
        "msPerStep": statistics.median(epoch_ms) / steps_per_epoch,
        "msPerStepBest": min(epoch_ms) / steps_per_epoch,
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
    print(json.dumps(info()), flush=True)
    run_epoch = None
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == "prepare":
            run_epoch, _, _ = epoch_timer(int(words[1]))
            print(json.dumps({"epochMs": []}), flush=True)
        elif words[0] == "epochs" and run_epoch is not None:
            print(json.dumps({"epochMs": [run_epoch() for _ in range(int(words[1]))]}), flush=True)
        else:
            print(json.dumps({"error": f"bad request {line.strip()!r}"}), flush=True)


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--serve":
        serve()
        return
    widths = [int(w) for w in sys.argv[1].split(",")] if len(sys.argv) > 1 else [8, 64, 256, 512]
    budget_s = float(sys.argv[2]) if len(sys.argv) > 2 else 1.5
    print(json.dumps({**info(), "results": [time_width(w, budget_s) for w in widths]}))


if __name__ == "__main__":
    main()
