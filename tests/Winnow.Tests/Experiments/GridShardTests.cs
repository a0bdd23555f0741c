using Winnow.Experiments;

namespace Winnow.Tests.Experiments;

public class GridShardTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault();

    [Fact]
    public void AShardIsKOfNOneBasedAndNamesItsFilesBesideThePlainOnes()
    {
        var shard = GridShard.Parse("2/3");
        Assert.Equal(new GridShard(2, 3), shard);
        Assert.Equal("results.shard-2-of-3.jsonl", shard.FileName("results.jsonl"));
        Assert.Equal(".shard-2-of-3.lock", shard.FileName(".lock"));
        Assert.Equal("results.jsonl", GridShard.Whole.FileName("results.jsonl"));
    }

    [Theory]
    [InlineData("3", "a shard is K/N, e.g. 2/3 (got '3')")]
    [InlineData("a/3", "a shard is K/N, e.g. 2/3 (got 'a/3')")]
    [InlineData("-1/3", "a shard is K/N, e.g. 2/3 (got '-1/3')")]
    [InlineData("0/3", "shard 0 of 3 does not exist: K runs from 1 to N (from '0/3')")]
    [InlineData("4/3", "shard 4 of 3 does not exist: K runs from 1 to N (from '4/3')")]
    [InlineData("1/0", "there is at least 1 shard (got 0 from '1/0')")]
    public void ABadShardIsRefusedInOneLine(string text, string message) =>
        Assert.Equal(message, Assert.Throws<WinnowException>(() => GridShard.Parse(text)).Message);

    [Fact]
    public void SlurmArraysGiveTheShardWhateverTheirFirstIdAndStep()
    {
        // sbatch --array=1-3: task 2 is shard 2 of 3.
        Assert.Equal(new GridShard(2, 3), GridShard.FromEnvironment(Env(("SLURM_ARRAY_TASK_ID", "2"), ("SLURM_ARRAY_TASK_MIN", "1"), ("SLURM_ARRAY_TASK_MAX", "3"))));
        // --array=0-2: task 0 is shard 1; the count may come from SLURM_ARRAY_TASK_COUNT.
        Assert.Equal(new GridShard(1, 3), GridShard.FromEnvironment(Env(("SLURM_ARRAY_TASK_ID", "0"), ("SLURM_ARRAY_TASK_MIN", "0"), ("SLURM_ARRAY_TASK_COUNT", "3"))));
        // --array=10-20:5 (10, 15, 20): task 20 is shard 3 of 3.
        Assert.Equal(new GridShard(3, 3), GridShard.FromEnvironment(Env(("SLURM_ARRAY_TASK_ID", "20"), ("SLURM_ARRAY_TASK_MIN", "10"), ("SLURM_ARRAY_TASK_MAX", "20"), ("SLURM_ARRAY_TASK_STEP", "5"))));
        Assert.Equal("SLURM_ARRAY_TASK_ID is set but neither SLURM_ARRAY_TASK_COUNT nor SLURM_ARRAY_TASK_MAX: the number of shards is unknown (give --shard K/N)",
            Assert.Throws<WinnowException>(() => GridShard.FromEnvironment(Env(("SLURM_ARRAY_TASK_ID", "2")))).Message);
        Assert.Equal("SLURM_ARRAY_TASK_ID is not a whole number (got 'x')",
            Assert.Throws<WinnowException>(() => GridShard.FromEnvironment(Env(("SLURM_ARRAY_TASK_ID", "x")))).Message);
    }

    [Fact]
    public void AKubernetesIndexedJobGivesAZeroBasedIndexAndTheCountIsGiven()
    {
        Assert.Equal(new GridShard(1, 4), GridShard.FromEnvironment(Env(("JOB_COMPLETION_INDEX", "0")), count: 4));
        Assert.Equal("JOB_COMPLETION_INDEX is set (a Kubernetes Indexed Job): give the job's completions as --shard-count N",
            Assert.Throws<WinnowException>(() => GridShard.FromEnvironment(Env(("JOB_COMPLETION_INDEX", "0")))).Message);
        Assert.Equal("shard 5 of 4 does not exist: K runs from 1 to N (from JOB_COMPLETION_INDEX 4)",
            Assert.Throws<WinnowException>(() => GridShard.FromEnvironment(Env(("JOB_COMPLETION_INDEX", "4")), count: 4)).Message);
        Assert.Null(GridShard.FromEnvironment(Env()));
        Assert.Equal("--shard-count needs a job array's index (SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX); outside one, give --shard K/N",
            Assert.Throws<WinnowException>(() => GridShard.FromEnvironment(Env(), count: 3)).Message);
    }
}
