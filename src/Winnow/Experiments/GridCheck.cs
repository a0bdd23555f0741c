using Winnow.Data;
using Winnow.Data.Noise;
using Winnow.Dynamic;
using Winnow.Models;
using Winnow.Runs;

namespace Winnow.Experiments;

/// <summary>
/// Checks what only the data can tell, before a grid claims its folder or does any work: every
/// dataset loads (an unknown name, a missing folder or file, a CSV label column that does not
/// exist), its train size fits, every noise label file matches it, every model can take its
/// samples, every reference file and teacher folder exists. Each error names the file and line
/// of the value at fault.
/// </summary>
public static class GridCheck
{
    public static void Check(GridSpec grid)
    {
        // What each dataset is, not its arrays: the check must not hold a dataset while the next one loads.
        var loaded = new Dictionary<DataSpec, (int Count, int[] Shape, int Classes, DatasetKind Kind)>();
        foreach (var block in grid.Blocks)
        foreach (var dataset in block.Datasets)
        {
            var spec = dataset.Data;
            var key = spec with { TrainSize = null };
            if (!loaded.TryGetValue(key, out var data))
            {
                // An image folder's caches are built here, once, and reused by every run.
                using var read = GridFile.Checked(dataset.Node, () => DatasetCatalog.Load(spec, block.Seeds[0]));
                loaded[key] = data = (read.Train.Count, read.Train.SampleShape, read.ClassCount, read.Kind);
            }
            if (spec.TrainSize > data.Count)
            {
                var node = (dataset.Node as GridMap)?["train_size"] ?? dataset.Node;
                throw node.Error($"train size {spec.TrainSize} is larger than the {data.Count} training samples of {spec.Dataset}");
            }
            foreach (var noise in block.Noises)
            {
                if (NoiseSpec.Parse(noise.Value) is { Kind: NoiseKind.File } file)
                    GridFile.Checked(noise.Node, () => LabelNoise.ReadFile(file, data.Count, data.Classes));
            }
            var model = block.Model?.Value ?? ModelCatalog.DefaultFor(data.Kind);
            GridFile.Checked(block.Model?.Node ?? dataset.Node, () => ModelCatalog.Check(model, data.Shape, data.Classes));
            if (block.Init is { } init)
            {
                var recipe = new ModelRecipe(model, data.Shape, data.Classes) { Init = init.Value, InitStrict = block.InitStrict };
                GridFile.Checked(init.Node, () => recipe.Build(0, out _).Dispose());
            }
            foreach (var arm in block.Arms) CheckFiles(arm);
        }
    }

    private static void CheckFiles(GridArm arm)
    {
        var map = arm.Node as GridMap;
        if (arm.Pruning is DynamicPruning { Alignment.Reference: { } reference } && !File.Exists(reference))
            throw (map?["reference"] ?? arm.Node).Error($"reference file not found: {reference}");
        if (arm.Learner.Distillation is { Teacher: { } teacher } && !Directory.Exists(teacher))
            throw (map?["teacher"] ?? arm.Node).Error($"teacher directory {teacher} does not exist");
    }
}
