using System.Text.Json;
using System.Text.Json.Serialization;
using TodoDashboard.Infrastructure.LiveUpdates;

namespace TodoDashboard.Features.Jobs;

/// <summary>
/// A change to a job as the database trigger on the jobs table announced it,
/// or <see cref="Resync"/> when notifications may have been missed and the state must be read again.
/// </summary>
public sealed record JobUpdate(string? OwnerId, JobResponse? Job)
{
    public static readonly JobUpdate Resync = new(null, null);
}

/// <summary>
/// Live job changes for components, the SSE stream and the workers. Every insert or update of a jobs row
/// is announced by a trigger in the same transaction, so a notification never runs ahead of committed data.
/// </summary>
public sealed class JobNotifier(PostgresNotificationHub hub)
{
    public const string Channel = "job_events";

    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Every change to one job, plus resyncs.</summary>
    public IDisposable SubscribeToJob(Guid jobId, Action<JobUpdate> handler) =>
        hub.Subscribe(Channel, payload =>
        {
            var update = Parse(payload);
            if (update.Job is null || update.Job.Id == jobId)
            {
                handler(update);
            }
        });

    /// <summary>Every change to any of one user's jobs, plus resyncs.</summary>
    public IDisposable SubscribeToOwner(string ownerId, Action<JobUpdate> handler) =>
        hub.Subscribe(Channel, payload =>
        {
            var update = Parse(payload);
            if (update.Job is null || update.OwnerId == ownerId)
            {
                handler(update);
            }
        });

    private static JobUpdate Parse(string? payload)
    {
        if (payload is null)
        {
            return JobUpdate.Resync;
        }

        var row = JsonSerializer.Deserialize<JobRow>(payload, PayloadJson)!;
        return new JobUpdate(row.OwnerId, JobResponse.From(new Job
        {
            Id = row.Id,
            OwnerId = row.OwnerId,
            Total = row.Total,
            Done = row.Done,
            Status = row.Status,
            CancelRequested = row.CancelRequested,
            CreatedAt = row.CreatedAt.UtcDateTime,
            StartedAt = row.StartedAt?.UtcDateTime,
            FinishedAt = row.FinishedAt?.UtcDateTime,
            Error = row.Error,
        }));
    }

    // The shape of row_to_json(jobs) sent by the trigger that the AddJobs migration creates.
    private sealed record JobRow(
        Guid Id, string OwnerId, int Total, int Done, JobStatus Status, bool CancelRequested,
        DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Error);
}
