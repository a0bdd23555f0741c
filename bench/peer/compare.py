#!/usr/bin/python3
"""Winnow against PyTorch on the same loop, in alternating pairs (W P, P W, W P, …).

Each side runs as its own process: Winnow's `Winnow.Bench peer-side` (the library's runner, as
`winnow train`) and `pytorch_peer.py` (the same model, subset, labels — read from the labels.npy
Winnow wrote —, normalisation, optimiser, schedule, batch size and threads). Prints each pair's
training seconds (evaluation excluded), inference samples/s, test accuracy and the Winnow/PyTorch
ratios, then the medians. Build the bench first: dotnet build -c Release bench/Winnow.Bench.

  /usr/bin/python3 bench/peer/compare.py --pairs 3 --runs small-cnn:none,small-cnn:symmetric:0.4
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BENCH = os.path.join(ROOT, "bench", "Winnow.Bench", "bin", "Release", "net10.0", "linux-x64", "Winnow.Bench.dll")


def run_json(command, env):
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    lines = [l for l in done.stdout.splitlines() if l.startswith("{")]
    if done.returncode != 0 or not lines:
        sys.exit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.strip()[-800:]}")
    return json.loads(lines[-1])


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--runs", default="small-cnn:none,small-cnn:symmetric:0.4", help="model:noise, comma-separated")
    p.add_argument("--train-size", type=int, default=20000)
    p.add_argument("--epochs", type=int, default=12)
    p.add_argument("--pairs", type=int, default=3)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--winnow-layout", default="channels-last", choices=["channels-last", "nchw"],
                   help="Winnow's small CNN's activations (its default: channels-last)")
    p.add_argument("--pytorch-layout", default="nchw", choices=["channels-last", "nchw"],
                   help="PyTorch's small CNN's activations (its default: nchw, as a PyTorch script is usually written)")
    p.add_argument("--winnow-args", default="", help="extra peer-side options, e.g. '--threads 2'")
    a = p.parse_args()
    if not os.path.exists(BENCH):
        sys.exit(f"{BENCH} is missing: dotnet build -c Release bench/Winnow.Bench")

    env = dict(os.environ, OMP_NUM_THREADS=str(a.threads))
    # PyTorch at its best here: Debian's OpenBLAS (pthread build) would start its own threads
    # beside PyTorch's OpenMP ones inside every GEMM; one BLAS thread under PyTorch's 2 trained the
    # small CNN 1.4× faster (19.1 s against 27.2 s, 10,000 samples, 6 epochs).
    torch_env = dict(env, OPENBLAS_NUM_THREADS="1")
    scratch = tempfile.mkdtemp(prefix="winnow-peer-")
    print(f"Fashion-MNIST {a.train_size} samples, {a.epochs} epochs, batch 128, {a.threads} threads, {a.pairs} pairs per run; "
          f"small CNN activations: Winnow {a.winnow_layout}, PyTorch {a.pytorch_layout}")
    print("| run | pair | Winnow train s | PyTorch train s | ratio | Winnow / PyTorch inference samples/s | ratio | accuracy W / P |")
    print("|---|---|---|---|---|---|---|---|")
    for spec in a.runs.split(","):
        model, noise = spec.split(":", 1)
        labels = os.path.join(scratch, f"{model}-{noise.replace(':', '-')}-labels.npy")
        winnow = ["dotnet", BENCH, "peer-side", "--model", model, "--noise", noise, "--train-size", str(a.train_size),
                  "--epochs", str(a.epochs), "--seed", str(a.seed), "--labels-out", labels,
                  "--channels-last", str(a.winnow_layout == "channels-last").lower()] + a.winnow_args.split()
        pytorch = ["/usr/bin/python3", os.path.join(HERE, "pytorch_peer.py"), "--labels", labels, "--model", model,
                   "--epochs", str(a.epochs), "--threads", str(a.threads), "--seed", str(a.seed)] + \
                  (["--channels-last"] if a.pytorch_layout == "channels-last" else [])
        train_ratios, inference_ratios, blas = [], [], ""
        for pair in range(a.pairs):
            # Winnow first in the first pair: it writes the labels the PyTorch side reads.
            if pair % 2 == 0:
                w = run_json(winnow, env)
                t = run_json(pytorch, torch_env)
            else:
                t = run_json(pytorch, torch_env)
                w = run_json(winnow, env)
            blas = t["blas"]
            train_ratios.append(w["train_seconds"] / t["train_seconds"])
            inference_ratios.append(t["inference_samples_per_second"] / w["inference_samples_per_second"])
            print(f"| {spec} | {pair + 1} | {w['train_seconds']:.1f} | {t['train_seconds']:.1f} | {train_ratios[-1]:.2f} | "
                  f"{w['inference_samples_per_second']:,.0f} / {t['inference_samples_per_second']:,.0f} | {inference_ratios[-1]:.2f} | "
                  f"{w['test_accuracy']:.4f} / {t['test_accuracy']:.4f} |", flush=True)
        print(f"| {spec} | median | | | **{statistics.median(train_ratios):.2f}** | | **{statistics.median(inference_ratios):.2f}** | |", flush=True)
    print(f"ratios are Winnow time / PyTorch time (below 1: Winnow faster); PyTorch {t['torch']}, BLAS {blas} (OPENBLAS_NUM_THREADS=1); "
          f"threads Winnow {w['threads']}/{w['interop_threads']}, PyTorch {t['threads']}/{t['interop_threads']} (intra/inter-op)")


if __name__ == "__main__":
    main()
