using System.Diagnostics;
using TorchSharp;
using Winnow.Models;
using static TorchSharp.torch;

namespace Winnow.Bench;

/// <summary>
/// The small CNN's operators one at a time — each layer's forward and backward at the training
/// batch's shapes, and one whole SGD step — with libtorch's oneDNN convolutions on and off; the
/// same list, names and shapes as bench/peer/pytorch_ops.py, so a slow kernel shows beside its
/// PyTorch twin; the whole steps in both activation layouts (<see cref="ConvolutionLayout"/>). Milliseconds per call: the fastest of 7 rounds of 20 calls (the least disturbed on a shared machine).
/// </summary>
public static class OpsBench
{
    public static int Run(string[] args)
    {
        var batch = BenchArgs.Int(args, "--batch-size", 128);
        var threads = BenchArgs.Int(args, "--threads", 2);
        CpuBackend.Threads = threads;
        // As in training: freed blocks stay in the heap, so an op's time is its kernel's, not page faults'
        // (run pytorch_ops.py with GLIBC_TUNABLES=glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=1073741824 for the same).
        Winnow.Training.NativeHeap.KeepFreedMemory();
        Console.WriteLine($"TorchSharp libtorch, threads {CpuBackend.Threads}/{CpuBackend.InteropThreads}, batch {batch}, oneDNN switch {(CpuBackend.OneDnnSwitchAvailable ? "available" : "not available")}");
        Console.WriteLine("| op | convolutions | ms per call |");
        Console.WriteLine("|---|---|---|");
        foreach (var oneDnn in new[] { true, false })
        {
            CpuBackend.OneDnn = oneDnn;
            foreach (var (name, op) in Ops(batch))
                Console.WriteLine($"| {name} | {(oneDnn ? "oneDNN" : "native")} | {Time(op):F3} |");
        }
        CpuBackend.OneDnn = true;
        return 0;
    }

    private static IEnumerable<(string Name, Action Op)> Ops(int batch)
    {
        random.manual_seed(0);
        var small = randn(128, 10);
        yield return ("100 adds of [128, 10] (the cost of one call)", () => { for (var i = 0; i < 100; i++) small.add(small); });
        var mlpLayer = nn.Linear(784, 256);
        var xm = randn(batch, 784);
        var gm = randn(batch, 256);
        yield return ("linear 784→256 (mlp), forward + backward", () => { mlpLayer.zero_grad(); mlpLayer.call(xm).backward([gm]); });
        var conv1 = nn.Conv2d(1, 32, 3, padding: 1);
        var x1 = randn(batch, 1, 28, 28);
        var g1 = randn(batch, 32, 28, 28);
        yield return ("conv 1→32 3×3 on 28×28, forward", () => { using var _ = no_grad(); conv1.call(x1); });
        yield return ("conv 1→32 3×3 on 28×28, forward with grad", () => conv1.call(x1));
        yield return ("conv 1→32 3×3 on 28×28, forward + backward", () => { conv1.zero_grad(); conv1.call(x1).backward([g1]); });

        var a = randn(batch, 32, 28, 28).requires_grad_();
        var ga = randn(batch, 32, 14, 14);
        yield return ("relu + max-pool 2 on 32×28×28, forward + backward", () => { a.grad?.zero_(); nn.functional.max_pool2d(nn.functional.relu(a), 2).backward([ga]); });
        yield return ("relu + max-pool 2 on 32×28×28, forward", () => { using var _ = no_grad(); nn.functional.max_pool2d(nn.functional.relu(a), 2); });

        var conv2 = nn.Conv2d(32, 64, 3, padding: 1);
        var x2 = randn(batch, 32, 14, 14).requires_grad_();
        var g2 = randn(batch, 64, 14, 14);
        yield return ("conv 32→64 3×3 on 14×14, forward", () => { using var _ = no_grad(); conv2.call(x2); });
        yield return ("conv 32→64 3×3 on 14×14, forward with grad", () => conv2.call(x2));
        yield return ("conv 32→64 3×3 on 14×14, forward + backward", () => { conv2.zero_grad(); x2.grad?.zero_(); conv2.call(x2).backward([g2]); });
        var b = randn(batch, 64, 14, 14);
        yield return ("relu + max-pool 2 on 64×14×14, forward", () => { using var _ = no_grad(); nn.functional.max_pool2d(nn.functional.relu(b), 2); });

        var fc = nn.Linear(3136, 128);
        var x3 = randn(batch, 3136).requires_grad_();
        var g3 = randn(batch, 128);
        yield return ("linear 3136→128, forward + backward", () => { fc.zero_grad(); x3.grad?.zero_(); fc.call(x3).backward([g3]); });

        var resnetConv = nn.Conv2d(64, 64, 3, padding: 1, bias: false);
        var x4 = randn(batch, 64, 28, 28).requires_grad_();
        var g4 = randn(batch, 64, 28, 28);
        yield return ("conv 64→64 3×3 on 28×28 (resnet18), forward + backward", () => { resnetConv.zero_grad(); x4.grad?.zero_(); resnetConv.call(x4).backward([g4]); });
        var bn = nn.BatchNorm2d(64);
        yield return ("batch-norm + relu on 64×28×28 (resnet18, training), forward + backward", () => { bn.zero_grad(); x4.grad?.zero_(); nn.functional.relu(bn.call(x4)).backward([g4]); });

        var pooledLast = ConvolutionLayout.ToChannelsLast(a.detach()).requires_grad_();
        var gradLast = ConvolutionLayout.ToChannelsLast(ga);
        yield return ("max-pool 2 + relu on 32×28×28 channels-last, forward + backward", () => { pooledLast.grad?.zero_(); nn.functional.relu(nn.functional.max_pool2d(pooledLast, 2)).backward([gradLast]); });
        yield return ("max-pool 2 on 32×28×28 channels-last, forward", () => { using var _ = no_grad(); nn.functional.max_pool2d(pooledLast, 2); });

        var labels = randint(0, 10, [batch], dtype: ScalarType.Int64);
        var logits = new float[batch * 10];
        var probabilities = new float[batch * 10];
        foreach (var channelsLast in new[] { false, true })
        {
            var layout = channelsLast ? "channels-last" : "nchw";
            // The layout is read at each forward: set it inside the timed call, as a run sets it once.
            foreach (var name in new[] { "small-cnn", "resnet18" })
            {
                // ResNet-18 is NCHW in both layouts (ConvolutionLayout), and takes seconds per step on native kernels: once.
                if (name == "resnet18" && (channelsLast || CpuBackend.OneDnn == false)) continue;
                random.manual_seed(0);
                var model = ModelCatalog.Create(name, [1, 28, 28], 10);
                var optimizer = optim.SGD(model.parameters(), 0.05, 0.9, weight_decay: 5e-4, nesterov: true);
                var input = name == "resnet18" ? x1[..32] : x1; // ResNet-18: a batch of 32, so that a round stays short
                var targets = labels[..(int)input.shape[0]];
                yield return ($"{name} SGD step (forward, CE, backward, step), {layout}", () =>
                {
                    ConvolutionLayout.ChannelsLast = channelsLast;
                    optimizer.zero_grad();
                    nn.functional.cross_entropy(model.call(input), targets).backward();
                    optimizer.step();
                });
                yield return ($"{name} inference batch (eval, no grad: logits, softmax, host copies), {layout}", () =>
                {
                    ConvolutionLayout.ChannelsLast = channelsLast;
                    model.eval();
                    using (no_grad())
                    {
                        var z = model.call(x1); // the whole batch of 128, ResNet-18 too
                        z.data<float>().CopyTo(logits, 0);
                        nn.functional.softmax(z, 1).data<float>().CopyTo(probabilities, 0);
                    }
                    model.train();
                });
            }
        }
        ConvolutionLayout.ChannelsLast = true;
    }

    private static double Time(Action op)
    {
        for (var i = 0; i < 3; i++) Once(op);
        var perCall = new List<double>();
        for (var round = 0; round < 7; round++)
        {
            const int calls = 20;
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < calls; i++) Once(op);
            perCall.Add(watch.Elapsed.TotalMilliseconds / calls);
        }
        return perCall.Min(); // the least disturbed round: the machine is shared
    }

    private static void Once(Action op)
    {
        using var scope = NewDisposeScope();
        op();
    }
}
