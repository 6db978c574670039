using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
namespace TodoDashboard.Infrastructure.Runs;

/// <summary>
/// A run's events, the one feed behind every event stream (<c>/api/runs/{id}/events</c>, a job's): each one the run at
/// one version, its id that version, so a client that reconnects with Last-Event-ID continues where it left off with
/// nothing lost or repeated.
/// </summary>
public sealed class RunEventFeed(RunEngine engine, RunNotifier notifier)
{
    public const string Progress = "progress";

    public const string End = "end";

    /// <summary>
    /// The events after <paramref name="afterVersion"/> (or, without one, the run as it is now), then each change as it
    /// commits, until the event of its final state.
    /// </summary>
    public async IAsyncEnumerable<SseItem<RunResponse>> FollowAsync(Guid id, long? afterVersion, [EnumeratorCancellation] CancellationToken ct)
    {
        // One pending wake-up is enough: every wake-up reads all the events recorded since the last one sent.
        var changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
        // Subscribed before the first read, so a change committed in between still wakes the loop.
        using var subscription = notifier.SubscribeToRun(id, _ => changed.Writer.TryWrite(true));

        long last;
        if (afterVersion is { } after)
        {
            last = after;
        }
        else
        {
            if (await engine.GetAsync(id, ct) is not { } current)
            {
                yield break;
            }

            yield return Item(current);
            if (!current.IsActive)
            {
                yield break;
            }

            last = current.Version;
        }

        while (true)
        {
            var events = await engine.EventsAfterAsync(id, last, ct);
            foreach (var (version, payload) in events)
            {
                var run = RunResponse.From(RunEventPayload.Parse(payload));
                yield return Item(run);
                last = version;
                if (!run.IsActive)
                {
                    yield break;
                }
            }

            // Nothing new: the client may already hold the final event, or the run may be gone (retention).
            if (events.Count == 0 && (await engine.GetAsync(id, ct) is not { } now || HasNothingAfter(now, last)))
            {
                yield break;
            }

            await changed.Reader.ReadAsync(ct);
        }
    }

    /// <summary>Whether the run has ended at a version the client already has: there is nothing left to send.</summary>
    public static bool HasNothingAfter(RunResponse run, long version) => !run.IsActive && run.Version <= version;

    private static SseItem<RunResponse> Item(RunResponse run) =>
        new(run, run.IsActive ? Progress : End) { EventId = run.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    /// <summary>
    /// The run as the <c>runs_announce</c> trigger records it in <c>run_events</c>: its columns with camelCase keys,
    /// parameters and data as JSON objects, times with the session's offset.
    /// </summary>
    private sealed record RunEventPayload(
        Guid Id, string Kind, string? OwnerId, string OwnerName, RunState State, string? ActiveKey, long Done, long Total,
        string? Message, bool CancelRequested, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
        string? Error, JsonElement Parameters, JsonElement Data, int Attempt, double ElapsedMs, Guid? RetryOf, long Version)
    {
        public static Run Parse(string payload)
        {
            var e = JsonSerializer.Deserialize<RunEventPayload>(payload, RunJson.Options)!;
            return new Run
            {
                Id = e.Id,
                Kind = e.Kind,
                OwnerId = e.OwnerId,
                OwnerName = e.OwnerName,
                State = e.State,
                ActiveKey = e.ActiveKey,
                Done = e.Done,
                Total = e.Total,
                Message = e.Message,
                CancelRequested = e.CancelRequested,
                CreatedAt = e.CreatedAt.UtcDateTime,
                StartedAt = e.StartedAt?.UtcDateTime,
                FinishedAt = e.FinishedAt?.UtcDateTime,
                Error = e.Error,
                Parameters = e.Parameters.GetRawText(),
                Data = e.Data.GetRawText(),
                Attempt = e.Attempt,
                ElapsedMs = e.ElapsedMs,
                RetryOf = e.RetryOf,
                Version = e.Version,
            };
        }
    }
}
