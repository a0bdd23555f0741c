#!/usr/bin/python3
"""The PyTorch side of Winnow's peer benchmark: the same loop as `winnow train`, in PyTorch.

It reads the training subset and its labels from a Winnow run's labels.npy ([n, 3] int32: source
row in the Fashion-MNIST training file, training label, clean label), so both sides train on the
same images with the same (possibly noisy) labels; normalises with the subset's own mean and
population standard deviation of pixels/255, as Winnow does; trains Winnow's model (small-cnn,
mlp, or resnet18 in its CIFAR form) with SGD (momentum, Nesterov, weight decay), a per-epoch
cosine, shuffled mini-batches and mean cross-entropy; then times an inference pass (eval, no_grad:
logits, softmax and embeddings of every training sample). Training seconds exclude evaluation.
Prints one JSON line. A benchmark, not a test: Winnow's tests never need Python.
"""
import argparse
import gzip
import json
import math
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


class SmallCnn(nn.Module):
    def __init__(self, classes):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, padding=1)
        self.conv2 = nn.Conv2d(32, 64, 3, padding=1)
        self.pool = nn.MaxPool2d(2)
        self.fc = nn.Linear(64 * 7 * 7, 128)
        self.head = nn.Linear(128, classes)

    def embed(self, x):
        # As Winnow's small-cnn: pool, then ReLU (the same values and gradients as ReLU, then pool),
        # the first convolution's output in the chosen memory format.
        x = F.relu(self.pool(self.conv1(x).contiguous(memory_format=LAYOUT[0])))
        x = F.relu(self.pool(self.conv2(x)))
        return F.relu(self.fc(x.flatten(1)))


class Mlp(nn.Module):
    def __init__(self, classes):
        super().__init__()
        self.fc1 = nn.Linear(28 * 28, 256)
        self.fc2 = nn.Linear(256, 128)
        self.head = nn.Linear(128, classes)

    def embed(self, x):
        return F.relu(self.fc2(F.relu(self.fc1(x.flatten(1)))))


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, stride=1, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.shortcut = nn.Sequential()
        if stride != 1 or cin != cout:
            self.shortcut = nn.Sequential(nn.Conv2d(cin, cout, 1, stride=stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return F.relu(y + self.shortcut(x))


class ResNet18(nn.Module):
    """The CIFAR form: 3×3 stride-1 stem, no max-pool, as Winnow's resnet18."""

    def __init__(self, channels, classes):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, 64, 3, stride=1, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        stages, cin = [], 64
        for cout, stride in [(64, 1), (128, 2), (256, 2), (512, 2)]:
            stages.append(nn.Sequential(BasicBlock(cin, cout, stride), BasicBlock(cout, cout, 1)))
            cin = cout
        self.stages = nn.Sequential(*stages)
        self.head = nn.Linear(512, classes)

    def embed(self, x):
        x = self.stages(F.relu(self.bn1(self.conv1(x))))
        return F.adaptive_avg_pool2d(x, 1).flatten(1)


# The small CNN's activations' memory format: torch.contiguous_format (NCHW, PyTorch's default) or
# torch.channels_last (Winnow's default); set from --channels-last. The ResNet stays NCHW, as Winnow's.
LAYOUT = [torch.contiguous_format]


def loaded_blas():
    """The BLAS library this process mapped (Debian's libblas.so.3 is an alternative: reference or OpenBLAS)."""
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line}
    return ", ".join(sorted(paths)) or "none mapped"


def forward(model, x):
    return model.head(model.embed(x))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--labels", required=True, help="labels.npy of the Winnow run to mirror")
    p.add_argument("--data-dir", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--model", default="small-cnn", choices=["small-cnn", "mlp", "resnet18"])
    p.add_argument("--epochs", type=int, default=12)
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--lr", type=float, default=0.05)
    p.add_argument("--momentum", type=float, default=0.9)
    p.add_argument("--weight-decay", type=float, default=5e-4)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--channels-last", action="store_true", help="the small CNN's activations channels-last, as Winnow's default")
    a = p.parse_args()
    if a.channels_last:
        LAYOUT[0] = torch.channels_last

    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(a.threads)
    torch.manual_seed(a.seed)
    rows = np.load(a.labels)
    images = read_idx(f"{a.data_dir}/train-images-idx3-ubyte.gz")[rows[:, 0]]
    test_images = read_idx(f"{a.data_dir}/t10k-images-idx3-ubyte.gz")
    test_labels = read_idx(f"{a.data_dir}/t10k-labels-idx1-ubyte.gz")
    scaled = images.astype(np.float64) / 255.0
    mean, std = scaled.mean(), scaled.std()  # population std, as Winnow's Normalisation
    x = torch.from_numpy(((images.astype(np.float32) / 255.0 - mean) / std).astype(np.float32)).unsqueeze(1).contiguous()
    y = torch.from_numpy(rows[:, 1].astype(np.int64))
    x_test = torch.from_numpy(((test_images.astype(np.float32) / 255.0 - mean) / std).astype(np.float32)).unsqueeze(1).contiguous()
    y_test = torch.from_numpy(test_labels.astype(np.int64))

    model = {"small-cnn": lambda: SmallCnn(10), "mlp": lambda: Mlp(10), "resnet18": lambda: ResNet18(1, 10)}[a.model]()
    optimizer = torch.optim.SGD(model.parameters(), lr=a.lr, momentum=a.momentum, weight_decay=a.weight_decay, nesterov=True)
    n = len(y)
    generator = torch.Generator().manual_seed(a.seed)
    train_seconds, epoch_seconds = 0.0, []
    for epoch in range(a.epochs):
        for group in optimizer.param_groups:
            group["lr"] = 0.5 * a.lr * (1 + math.cos(math.pi * epoch / a.epochs))
        model.train()
        start = time.perf_counter()
        order = torch.randperm(n, generator=generator)
        for s in range(0, n, a.batch_size):
            index = order[s:s + a.batch_size]
            loss = F.cross_entropy(forward(model, x.index_select(0, index)), y.index_select(0, index))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        epoch_seconds.append(time.perf_counter() - start)
        train_seconds += epoch_seconds[-1]

    model.eval()
    with torch.no_grad():
        correct = sum(int((forward(model, x_test[s:s + 128]).argmax(1) == y_test[s:s + 128]).sum()) for s in range(0, len(y_test), 128))
        start = time.perf_counter()
        for s in range(0, n, 128):
            h = model.embed(x[s:s + 128])
            z = model.head(h)
            _ = (z.numpy().copy(), F.softmax(z, 1).numpy().copy(), h.numpy().copy())
        inference_seconds = time.perf_counter() - start

    print(json.dumps({
        "side": "pytorch", "torch": torch.__version__, "blas": loaded_blas(), "model": a.model, "train_size": n, "epochs": a.epochs,
        "threads": torch.get_num_threads(), "interop_threads": torch.get_num_interop_threads(),
        "layout": "channels-last" if a.channels_last else "nchw", "train_seconds": round(train_seconds, 3), "epoch_seconds": [round(s, 3) for s in epoch_seconds],
        "test_accuracy": correct / len(y_test), "inference_samples_per_second": round(n / inference_seconds, 1),
    }))


if __name__ == "__main__":
    main()
