using TodoDashboard.Features.Customers.Generation;

namespace TodoDashboard.Tests.Features.Customers.Generation;

/// <summary>How many rows a run commits at a time: small runs in steps their progress can show, large ones in full batches.</summary>
[Trait("Category", "Unit")]
public sealed class CustomerGenerationOptionsTests
{
    [Theory]
    [InlineData(5_000, 500)]
    [InlineData(100_000, 5_000)]
    [InlineData(3_000_000, 50_000)]
    [InlineData(2_000, 500)]
    [InlineData(10, 500)]
    public void A_run_commits_in_twenty_steps_within_the_batch_limits(int count, int rows) =>
        Assert.Equal(rows, new CustomerGenerationOptions().BatchSizeFor(count));

    [Fact]
    public void One_progress_step_keeps_every_batch_at_the_batch_size() =>
        Assert.Equal(5_000, new CustomerGenerationOptions { GenerationBatchSize = 5_000, GenerationProgressSteps = 1 }.BatchSizeFor(12_000));

    [Fact]
    public void A_batch_size_below_the_minimum_is_kept() =>
        Assert.Equal(200, new CustomerGenerationOptions { GenerationBatchSize = 200 }.BatchSizeFor(100_000));
}
