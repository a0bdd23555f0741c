using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Winnow.Models;

/// <summary>
/// A whole network as a <see cref="Classifier"/> (<see cref="Classifier.Wrap"/>): logits are the
/// network's own output; the embedding is the input of its final linear layer, caught by a
/// forward pre-hook while the network runs.
/// </summary>
internal sealed class WrappedClassifier : Classifier
{
    private readonly nn.Module<Tensor, Tensor> _network;
    private readonly Linear _head;

    public WrappedClassifier(string name, nn.Module<Tensor, Tensor> network, string head) : base(name)
    {
        ArgumentNullException.ThrowIfNull(network);
        var found = network.named_modules().FirstOrDefault(m => m.name == head).module;
        _head = found as Linear ?? throw new WinnowException(found is null
            ? $"the network of '{name}' has no submodule named '{head}' (its children: {string.Join(", ", network.named_children().Select(c => c.name))})"
            : $"the submodule '{head}' of '{name}' is a {found.GetType().Name}, not a linear layer");
        _network = network;
        // The head is inside the network: registering the network alone keeps each parameter once.
        register_module("network", network);
    }

    public override Linear Head => _head;

    public override nn.Module Weights => _network;

    public override Tensor forward(Tensor input) => _network.call(input);

    public override Tensor Embed(Tensor input)
    {
        Tensor? embedding = null;
        // Kept out of every dispose scope while the network runs (its forward may open its own),
        // then handed to the caller's like any result.
        var hook = _head.register_forward_pre_hook((_, x) =>
        {
            embedding = x.alias().DetachFromDisposeScope();
            return x;
        });
        try
        {
            using var scope = NewDisposeScope();
            _network.call(input);
            if (embedding is null)
                throw new WinnowException($"the network of '{GetName()}' did not call its head layer through call(): its embedding cannot be read");
            scope.Attach(embedding);
            return embedding.MoveToOuterDisposeScope();
        }
        finally
        {
            hook.remove();
        }
    }
}
