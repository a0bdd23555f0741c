using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Winnow.Models;

/// <summary>
/// A two-hidden-layer perceptron (D → 256 → 128) for tabular data; it flattens whatever it is
/// given, so it also serves as a baseline on images.
/// </summary>
public sealed class Mlp : Classifier
{
    private readonly Linear fc1;
    private readonly Linear fc2;
    private readonly Linear head;

    public Mlp(long inputSize, int classCount) : base(nameof(Mlp))
    {
        if (inputSize < 1) throw new ArgumentOutOfRangeException(nameof(inputSize));
        if (classCount < 1) throw new ArgumentOutOfRangeException(nameof(classCount));

        fc1 = nn.Linear(inputSize, 256);
        fc2 = nn.Linear(256, 128);
        head = nn.Linear(128, classCount);
        RegisterComponents();
    }

    public override Linear Head => head;

    public override Tensor Embed(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = nn.functional.relu(fc1.call(input.flatten(1)));
        x = nn.functional.relu(fc2.call(x));
        return x.MoveToOuterDisposeScope();
    }
}
