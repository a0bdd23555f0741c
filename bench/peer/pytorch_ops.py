#!/usr/bin/python3
"""The PyTorch twin of `Winnow.Bench ops`: the small CNN's operators one at a time at the training
batch's shapes, with oneDNN convolutions on and off (torch.backends.mkldnn), milliseconds per call,
the fastest of 7 rounds of 20 calls after 3 warm-up calls. Same op names as the Winnow side; the
whole steps in both memory formats. Run it from bench/peer (it imports the peer's models)."""
import argparse
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

import pytorch_peer  # the same models as the peer benchmark; run from bench/peer


def ops(batch):
    torch.manual_seed(0)
    small = torch.randn(128, 10)

    def adds():
        for _ in range(100):
            small.add(small)
    yield "100 adds of [128, 10] (the cost of one call)", adds

    mlp_layer = nn.Linear(784, 256)
    xm, gm = torch.randn(batch, 784), torch.randn(batch, 256)

    def mlp_both():
        mlp_layer.zero_grad()
        mlp_layer(xm).backward(gm)
    yield "linear 784→256 (mlp), forward + backward", mlp_both

    conv1 = nn.Conv2d(1, 32, 3, padding=1)
    x1, g1 = torch.randn(batch, 1, 28, 28), torch.randn(batch, 32, 28, 28)

    def conv1_forward():
        with torch.no_grad():
            conv1(x1)
    yield "conv 1→32 3×3 on 28×28, forward", conv1_forward

    def conv1_both():
        conv1.zero_grad()
        conv1(x1).backward(g1)
    yield "conv 1→32 3×3 on 28×28, forward with grad", lambda: conv1(x1)
    yield "conv 1→32 3×3 on 28×28, forward + backward", conv1_both

    a, ga = torch.randn(batch, 32, 28, 28).requires_grad_(), torch.randn(batch, 32, 14, 14)

    def pool_both():
        a.grad = None
        F.max_pool2d(F.relu(a), 2).backward(ga)
    yield "relu + max-pool 2 on 32×28×28, forward + backward", pool_both

    def pool_forward():
        with torch.no_grad():
            F.max_pool2d(F.relu(a), 2)
    yield "relu + max-pool 2 on 32×28×28, forward", pool_forward

    conv2 = nn.Conv2d(32, 64, 3, padding=1)
    x2, g2 = torch.randn(batch, 32, 14, 14).requires_grad_(), torch.randn(batch, 64, 14, 14)

    def conv2_forward():
        with torch.no_grad():
            conv2(x2)
    yield "conv 32→64 3×3 on 14×14, forward", conv2_forward

    def conv2_both():
        conv2.zero_grad()
        x2.grad = None
        conv2(x2).backward(g2)
    yield "conv 32→64 3×3 on 14×14, forward with grad", lambda: conv2(x2)
    yield "conv 32→64 3×3 on 14×14, forward + backward", conv2_both

    b = torch.randn(batch, 64, 14, 14)

    def pool2_forward():
        with torch.no_grad():
            F.max_pool2d(F.relu(b), 2)
    yield "relu + max-pool 2 on 64×14×14, forward", pool2_forward

    fc = nn.Linear(3136, 128)
    x3, g3 = torch.randn(batch, 3136).requires_grad_(), torch.randn(batch, 128)

    def fc_both():
        fc.zero_grad()
        x3.grad = None
        fc(x3).backward(g3)
    yield "linear 3136→128, forward + backward", fc_both

    resnet_conv = nn.Conv2d(64, 64, 3, padding=1, bias=False)
    x4, g4 = torch.randn(batch, 64, 28, 28).requires_grad_(), torch.randn(batch, 64, 28, 28)

    def resnet_both():
        resnet_conv.zero_grad()
        x4.grad = None
        resnet_conv(x4).backward(g4)
    yield "conv 64→64 3×3 on 28×28 (resnet18), forward + backward", resnet_both

    bn = nn.BatchNorm2d(64)

    def bn_both():
        bn.zero_grad()
        x4.grad = None
        F.relu(bn(x4)).backward(g4)
    yield "batch-norm + relu on 64×28×28 (resnet18, training), forward + backward", bn_both

    pooled_last = a.detach().contiguous(memory_format=torch.channels_last).requires_grad_()
    grad_last = ga.contiguous(memory_format=torch.channels_last)

    def pool_last_both():
        pooled_last.grad = None
        F.relu(F.max_pool2d(pooled_last, 2)).backward(grad_last)
    yield "max-pool 2 + relu on 32×28×28 channels-last, forward + backward", pool_last_both

    def pool_last_forward():
        with torch.no_grad():
            F.max_pool2d(pooled_last, 2)
    yield "max-pool 2 on 32×28×28 channels-last, forward", pool_last_forward

    labels = torch.randint(0, 10, (batch,))
    for layout_name, layout in (("nchw", torch.contiguous_format), ("channels-last", torch.channels_last)):
        for name in ("small-cnn", "resnet18"):
            if name == "resnet18" and (layout_name != "nchw" or not torch.backends.mkldnn.enabled):
                continue  # NCHW only, as Winnow's; seconds per step on native kernels: left out
            torch.manual_seed(0)
            model = pytorch_peer.SmallCnn(10) if name == "small-cnn" else pytorch_peer.ResNet18(1, 10)
            optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, weight_decay=5e-4, nesterov=True)
            inputs = x1[:32] if name == "resnet18" else x1  # ResNet-18: a batch of 32, as the Winnow side

            def step(model=model, optimizer=optimizer, inputs=inputs, layout=layout):
                pytorch_peer.LAYOUT[0] = layout
                optimizer.zero_grad()
                F.cross_entropy(pytorch_peer.forward(model, inputs), labels[:len(inputs)]).backward()
                optimizer.step()
            yield f"{name} SGD step (forward, CE, backward, step), {layout_name}", step

            def inference(model=model, layout=layout):
                pytorch_peer.LAYOUT[0] = layout
                model.eval()
                with torch.no_grad():
                    z = pytorch_peer.forward(model, x1)  # the whole batch of 128, ResNet-18 too
                    _ = (z.numpy().copy(), F.softmax(z, 1).numpy().copy())
                model.train()
            yield f"{name} inference batch (eval, no grad: logits, softmax, host copies), {layout_name}", inference


def timed(op):
    for _ in range(3):
        op()
    rounds = []
    for _ in range(7):
        start = time.perf_counter()
        for _ in range(20):
            op()
        rounds.append((time.perf_counter() - start) * 1000 / 20)
    return min(rounds)  # the least disturbed round: the machine is shared


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    print(f"PyTorch {torch.__version__}, threads {torch.get_num_threads()}/{torch.get_num_interop_threads()}, batch {a.batch_size}, "
          f"oneDNN {'available' if torch.backends.mkldnn.is_available() else 'not built'}")
    print("| op | convolutions | ms per call |")
    print("|---|---|---|")
    for enabled in (True, False):
        with torch.backends.mkldnn.flags(enabled=enabled):
            for name, op in ops(a.batch_size):
                print(f"| {name} | {'oneDNN' if enabled else 'native'} | {timed(op):.3f} |", flush=True)


if __name__ == "__main__":
    main()
