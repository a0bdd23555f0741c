using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Winnow.Models;

/// <summary>A feature extractor and a linear head as one <see cref="Classifier"/> (<see cref="Classifier.Compose"/>).</summary>
internal sealed class ComposedClassifier : Classifier
{
    private readonly nn.Module<Tensor, Tensor> body;
    private readonly Linear head;

    public ComposedClassifier(string name, nn.Module<Tensor, Tensor> body, Linear head) : base(name)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(head);
        this.body = body;
        this.head = head;
        RegisterComponents();
    }

    public override Linear Head => head;

    public override Tensor Embed(Tensor input)
    {
        using var scope = NewDisposeScope();
        var h = body.call(input);
        if (h.dim() != 2) h = h.flatten(1);
        if (h.shape[1] != head.in_features)
            throw new WinnowException($"the feature extractor of '{GetName()}' gives {h.shape[1]} features per sample but its head takes {head.in_features}");
        return h.MoveToOuterDisposeScope();
    }
}
