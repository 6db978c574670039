namespace TodoDashboard.Tests.Features.MultiDatabase;

public class InsertDataCommandTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    [Fact]
    public async Task The_original_demos_one_command_inserts_the_default_dataset_prints_every_row_and_the_summary_and_exits()
    {
        var (exitCode, output) = await AppProcess.RunCommandAsync(_database.ConnectionString, "insert-data");

        Assert.Equal(0, exitCode);
        Assert.Contains("Users     9 inserted, 1 rejected, 0 errors", output, StringComparison.Ordinal);
        Assert.Contains("Products  9 inserted, 1 rejected, 0 errors", output, StringComparison.Ordinal);
        Assert.Contains("Orders    7 inserted, 3 rejected, 0 errors", output, StringComparison.Ordinal);
        Assert.Contains("Orders    row  10  rejected: User row 10 was rejected", output, StringComparison.Ordinal);
        Assert.Matches(@"Total time: \d+\.\d{4} s", output);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _database.DisposeAsync();
}
