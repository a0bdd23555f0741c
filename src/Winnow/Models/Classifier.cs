using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Winnow.Models;

/// <summary>
/// What Winnow trains, scores and detects with: a network split into a feature extractor and a
/// final linear layer, so that every model exposes its penultimate embedding h (Moderate, MoSo,
/// Prune4ReL) and the closed-form last-layer gradient (p − y) ⊗ h (GraNd, MoSo).
/// forward(x) = Head(Embed(x)). Winnow's models derive from it; a model of your own either derives
/// from it too, or is adapted: <see cref="Compose"/> (a feature extractor and a head) or
/// <see cref="Wrap"/> (a whole network whose last layer is a named linear layer, as torchvision's).
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

    /// <summary>
    /// The module whose state_dict keys published weights use (<c>--init</c> loads into it): the
    /// classifier itself, or the network an adapter wraps.
    /// </summary>
    public virtual nn.Module Weights => this;

    /// <summary>
    /// A classifier from a feature extractor <paramref name="body"/> (inputs → [B, D], or any shape
    /// that flattens to D per sample) and a linear <paramref name="head"/> (D → classes). Its
    /// state_dict keys are "body.…" and "head.…".
    /// </summary>
    public static Classifier Compose(string name, nn.Module<Tensor, Tensor> body, Linear head) => new ComposedClassifier(name, body, head);

    /// <summary>
    /// A classifier from a whole <paramref name="network"/> (inputs → logits) whose last step is the
    /// linear submodule named <paramref name="head"/>, called through <c>call</c>: the embedding is
    /// what that layer receives. Its weights keep the network's own keys (see <see cref="Weights"/>).
    /// </summary>
    public static Classifier Wrap(string name, nn.Module<Tensor, Tensor> network, string head = "fc") => new WrappedClassifier(name, network, head);
}
