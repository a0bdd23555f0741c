using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Winnow.Models;

/// <summary>
/// A classifier split into a feature extractor and a final linear layer, so that every model
/// exposes its penultimate embedding h (Moderate, MoSo, Prune4ReL) and the closed-form
/// last-layer gradient (p − y) ⊗ h is available (GraNd, MoSo). forward(x) = Head(Embed(x)).
/// </summary>
public abstract class Classifier : nn.Module<Tensor, Tensor>
{
    protected Classifier(string name) : base(name) { }

    /// <summary>The final linear layer: embedding → logits.</summary>
    public abstract Linear Head { get; }

    /// <summary>Width of the penultimate embedding.</summary>
    public long EmbeddingSize => Head.in_features;

    public long ClassCount => Head.out_features;

    /// <summary>The penultimate embedding h, shape [B, EmbeddingSize].</summary>
    public abstract Tensor Embed(Tensor input);

    public override Tensor forward(Tensor input)
    {
        using var h = Embed(input);
        return Head.call(h);
    }
}
