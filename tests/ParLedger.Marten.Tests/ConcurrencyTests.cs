using JasperFx;
using JasperFx.Events;
using Marten.Exceptions;
using Npgsql;
using NodaTime;
using ParLedger.Codes;
using ParLedger.Events;
using ParLedger.Lifecycle;
using ParLedger.Marten.Tests.Infrastructure;

namespace ParLedger.Marten.Tests;

/// <summary>
/// Issue 9: clerks racing on one dossier. Every clerk here is held after <see cref="DossierLedger.RecordAsync"/>'s
/// version pre-check (all of them read the same version and pass it) and released together into the save, so the
/// only thing that can stop the losers is the database.
/// </summary>
public class ConcurrencyTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private static readonly Instant Monday = Instant.FromUtc(2022, 1, 3, 1, 30);

    private static DossierReceived Receipt(Instant at, string agency = "000.00.36.H57") => new(
        at, new AgencyCode(agency), new ProcedureCode("1.001234"), "Hộ tịch", AdministrativeLevel.District, ReceiptChannel.Online, at + Duration.FromDays(5));

    private static AgencyCode ClerkAgency(int clerk) => new($"H57.{clerk:D2}");

    /// <summary>Clerk <paramref name="clerk"/>'s decision: a transfer to an agency naming the clerk, and a fee payment.</summary>
    private static DossierEvent[] Decision(int clerk) =>
        [new DossierTransferred(Monday + Duration.FromHours(1), ClerkAgency(clerk)), new FeePaid(Monday + Duration.FromHours(2), clerk % 2 == 0)];

    [Theory]
    [InlineData(2)]
    [InlineData(16)]
    public async Task Issue9_clerks_past_the_version_check_at_once_get_one_success_and_the_database_refuses_every_other(int clerks)
    {
        await using var ledger = await DossierLedger.OpenAsync(new LedgerOptions(database.ConnectionString, DatabaseFixture.NewSchema()));
        var code = new DossierCode($"RACE-{clerks}");
        await ledger.RecordAsync(code, 0, [Receipt(Monday)]);
        ledger.BeforeSaveForTests = Gate(clerks);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, clerks).Select(clerk => Outcome(Task.Run(() => ledger.RecordAsync(code, 1, Decision(clerk))))));

        var winners = Enumerable.Range(0, clerks).Where(clerk => outcomes[clerk] is null).ToList();
        winners.Should().ContainSingle("exactly one clerk wins");
        outcomes.Where(o => o is not null).Should().HaveCount(clerks - 1).And.AllSatisfy(RefusedByTheDatabase);
        var stored = (await ledger.LoadAsync(code))!;
        stored.Version.Should().Be(3, "the winner's two events, once, and nothing of the others");
        stored.History.Skip(1).Should().Equal(Decision(winners[0]));
    }

    [Fact]
    public async Task Issue9_clerks_who_passed_the_version_check_together_and_save_one_after_another_are_refused_by_the_database()
    {
        await using var ledger = await DossierLedger.OpenAsync(new LedgerOptions(database.ConnectionString, DatabaseFixture.NewSchema()));
        var code = new DossierCode("LATE-1");
        await ledger.RecordAsync(code, 0, [Receipt(Monday)]);
        const int clerks = 3;
        var arrivals = new List<TaskCompletionSource>();
        var allArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ledger.BeforeSaveForTests = (_, cancellationToken) =>
        {
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (arrivals)
            {
                arrivals.Add(release);
                if (arrivals.Count == clerks)
                {
                    allArrived.SetResult();
                }
            }

            return release.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        };

        // Each clerk's arrival is tied to its task by the clerk's own gate: start them one at a time.
        var tasks = new List<Task<Exception?>>();
        for (var clerk = 0; clerk < clerks; clerk++)
        {
            var decision = Decision(clerk);
            tasks.Add(Outcome(Task.Run(() => ledger.RecordAsync(code, 1, decision))));
            await WaitUntil(() => { lock (arrivals) { return arrivals.Count == clerk + 1; } });
        }

        await allArrived.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var outcomes = new List<Exception?>();
        for (var clerk = 0; clerk < clerks; clerk++)
        {
            arrivals[clerk].SetResult();
            outcomes.Add(await tasks[clerk]);
        }

        outcomes[0].Should().BeNull("the first to save wins");
        outcomes.Skip(1).Should().AllSatisfy(RefusedByTheDatabase);
        var stored = (await ledger.LoadAsync(code))!;
        stored.Version.Should().Be(3);
        stored.History.Skip(1).Should().Equal(Decision(0));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(16)]
    public async Task Issue9_clerks_receiving_the_same_new_dossier_at_once_get_one_success_and_the_database_refuses_every_other(int clerks)
    {
        await using var ledger = await DossierLedger.OpenAsync(new LedgerOptions(database.ConnectionString, DatabaseFixture.NewSchema()));
        var code = new DossierCode($"NEW-{clerks}");
        ledger.BeforeSaveForTests = Gate(clerks);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, clerks).Select(clerk => Outcome(Task.Run(() => ledger.RecordAsync(code, 0, [Receipt(Monday, ClerkAgency(clerk).Value)])))));

        var winners = Enumerable.Range(0, clerks).Where(clerk => outcomes[clerk] is null).ToList();
        winners.Should().ContainSingle("exactly one clerk wins");
        outcomes.Where(o => o is not null).Should().HaveCount(clerks - 1).And.AllSatisfy(RefusedByTheDatabase);
        var stored = (await ledger.LoadAsync(code))!;
        stored.Version.Should().Be(1);
        ((DossierReceived)stored.History[0]).Agency.Should().Be(ClerkAgency(winners[0]));
    }

    /// <summary>The refusal came from the save (a store error behind it), not from the pre-check (which has none).</summary>
    private static void RefusedByTheDatabase(Exception? outcome)
    {
        var conflict = outcome.Should().BeOfType<DossierConcurrencyException>().Subject;
        conflict.Message.Should().Contain("changed by someone else");
        var inner = conflict.InnerException;
        inner.Should().NotBeNull("the database refused the append, not the version read beforehand");
        (inner is ConcurrencyException or EventStreamUnexpectedMaxEventIdException
                or global::Marten.Exceptions.ExistingStreamIdCollisionException or JasperFx.Events.ExistingStreamIdCollisionException
                || inner!.InnerException is PostgresException).Should().BeTrue($"the store's refusal is behind the conflict, not {inner}");
    }

    /// <summary>Holds each caller until <paramref name="count"/> of them have arrived, then releases them all at once.</summary>
    private static Func<DossierCode, CancellationToken, Task> Gate(int count)
    {
        var arrived = 0;
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return (_, cancellationToken) =>
        {
            if (Interlocked.Increment(ref arrived) == count)
            {
                open.SetResult();
            }

            return open.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        };
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "a clerk must reach the save");
            await Task.Delay(5);
        }
    }

    private static async Task<Exception?> Outcome(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}
