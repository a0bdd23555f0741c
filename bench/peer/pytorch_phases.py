#!/usr/bin/python3
"""The PyTorch twin of `Winnow.Bench phases`: a bare training epoch timed phase by phase (gather,
forward, loss, zero_grad + backward, step), milliseconds per step, on random inputs of
Fashion-MNIST's shape (the phases' cost does not depend on the pixels)."""
import argparse
import time

import torch
import torch.nn.functional as F

from pytorch_peer import Mlp, SmallCnn, forward


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--train-size", type=int, default=10000)
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--model", default="mlp", choices=["mlp", "small-cnn"])
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    x_all, y_all = torch.randn(a.train_size, 1, 28, 28), torch.randint(0, 10, (a.train_size,))
    model = Mlp(10) if a.model == "mlp" else SmallCnn(10)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, weight_decay=5e-4, nesterov=True)
    names = ["gather", "forward", "loss", "backward", "step"]
    seconds, steps = [0.0] * len(names), 0
    model.train()
    start_all = time.perf_counter()
    for epoch in range(a.epochs):
        order = torch.randperm(a.train_size)
        for s in range(0, a.train_size, 128):
            t = time.perf_counter()
            marks = []
            index = order[s:s + 128]
            x, y = x_all.index_select(0, index), y_all.index_select(0, index)
            marks.append(time.perf_counter())
            logits = forward(model, x)
            marks.append(time.perf_counter())
            loss = F.cross_entropy(logits, y)
            marks.append(time.perf_counter())
            optimizer.zero_grad()
            loss.backward()
            marks.append(time.perf_counter())
            optimizer.step()
            marks.append(time.perf_counter())
            for k, m in enumerate(marks):
                seconds[k] += m - (marks[k - 1] if k else t)
            steps += 1
    total = time.perf_counter() - start_all
    print(f"PyTorch {torch.__version__} {a.model}, {a.train_size} samples × {a.epochs} epochs, {steps} steps, threads {torch.get_num_threads()}: {1000 * total / steps:.3f} ms per step")
    for name, sec in zip(names, seconds):
        print(f"| {name} | {1000 * sec / steps:.3f} |")


if __name__ == "__main__":
    main()
