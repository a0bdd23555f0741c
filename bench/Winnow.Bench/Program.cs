using Winnow.Bench;

// Benchmarks live apart from the tests: they measure speed and memory on real data.
// Usage: dotnet run -c Release --project bench/Winnow.Bench -- <trainer-overhead|memory> [options]
return args.FirstOrDefault() switch
{
    "trainer-overhead" => TrainerOverhead.Run(args[1..]),
    "memory" => MemoryGrowth.Run(args[1..]),
    "coreset-methods" => CoresetMethodsBench.Run(args[1..]),
    "prune4rel-scale" => Prune4RelScale.Run(args[1..]),
    "prune4rel-imagenet" => Prune4RelImageNetScale.Run(args[1..]),
    "dynamic-pruning" => DynamicPruningBench.Run(args[1..]),
    "distillation" => DistillationBench.Run(args[1..]),
    "relabel" => RelabelBench.Run(args[1..]),
    "learner-cost" => LearnerCostBench.Run(args[1..]),
    "label-issues" => LabelIssuesBench.Run(args[1..]),
    "image-cache" => ImageCacheBench.Run(args[1..]),
    "moso-cost" => MosoCostBench.Run(args[1..]),
    "peer-side" => PeerSide.Run(args[1..]),
    "ops" => OpsBench.Run(args[1..]),
    "phases" => EpochPhases.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Winnow.Bench trainer-overhead [--pairs N] [--train-size N] [--model M] | memory [--epochs N] [--train-size N]\n" +
        "       | coreset-methods [--train-size N] [--score-epochs N] [--epochs N] [--methods a,b] | prune4rel-scale [--samples N] [--compare-samples N]\n" +
        "       | prune4rel-imagenet [--sizes 60000,250000,1281167] [--variants random,clustered] [--dimension 512] [--classes 1000] [--cap K] [--dense-up-to N]\n" +
        "       | dynamic-pruning [--train-size N] [--epochs N] [--das-window N] [--prune-ratio R] [--noises a,b] [--pruners a,b]\n" +
        "       | distillation [--train-size N] [--epochs N] [--noise SPEC] [--fractions a,b] [--methods a,b] [--alphas a,b|auto]\n" +
        "       | relabel [--train-size N] [--epochs N] [--score-epochs N] [--noise SPEC] [--fractions a,b] [--learner sop] [--selections random,prune4rel,prune4rel-marginal]\n" +
        "       | learner-cost [--train-size N] [--rounds N] | label-issues [--train-size N] [--epochs N] [--folds K] [--noises a,b]\n" +
        "       | image-cache [--images N] [--pairs N] | moso-cost [--train-size N] [--models a,b] [--methods moso,moso-fast]\n" +
        "       | peer-side [--train-size N] [--epochs N] [--noise SPEC] [--model M] [--seed S] [--labels-out labels.npy]\n" +
        "       | ops [--batch-size N] [--threads N] | phases [--train-size N] [--epochs N] [--model M]");
    return 2;
}
