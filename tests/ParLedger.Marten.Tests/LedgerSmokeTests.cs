using NodaTime;
using ParLedger.Codes;
using ParLedger.Events;
using ParLedger.Lifecycle;
using ParLedger.Marten.Tests.Infrastructure;

namespace ParLedger.Marten.Tests;

public class LedgerSmokeTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private static readonly Instant Monday = Instant.FromUtc(2022, 1, 3, 1, 30);

    private static DossierReceived Receipt(Instant at) => new(
        at, new AgencyCode("000.00.36.H57"), new ProcedureCode("1.001234"), "Hộ tịch", AdministrativeLevel.District, ReceiptChannel.Online, at + Duration.FromDays(5));

    [Fact]
    public async Task A_dossier_stream_appended_through_Marten_reads_back_in_business_order()
    {
        await using var ledger = await DossierLedger.OpenAsync(new LedgerOptions(database.ConnectionString, DatabaseFixture.NewSchema()));
        var code = new DossierCode("H57-0001");
        await ledger.RecordAsync(code, 0, [Receipt(Monday), new SupplementRequested(Monday + Duration.FromHours(2), "thiếu giấy tờ")]);
        // recorded late, back-dated before the supplement request
        await ledger.RecordAsync(code, 2, [new DossierTransferred(Monday + Duration.FromHours(1), new AgencyCode("H57.07")) { Recorded = Monday + Duration.FromDays(1) }]);

        var dossier = await ledger.LoadAsync(code);

        dossier.Should().NotBeNull();
        dossier!.Version.Should().Be(3);
        dossier.History.Select(e => e.TypeName).Should().Equal("received", "transferred", "supplement_requested");
        dossier.History[1].Recorded.Should().Be(Monday + Duration.FromDays(1));
        ((SupplementRequested)dossier.History[2]).Reason.Should().Be("thiếu giấy tờ");
        dossier.HoldingAgency.Should().Be(new AgencyCode("H57.07"));
    }

    [Fact]
    public async Task Two_clerks_acting_on_one_dossier_at_once_get_one_success_and_one_clear_conflict()
    {
        await using var ledger = await DossierLedger.OpenAsync(new LedgerOptions(database.ConnectionString, DatabaseFixture.NewSchema()));
        var code = new DossierCode("H57-0002");
        await ledger.RecordAsync(code, 0, [Receipt(Monday)]);

        var clerkA = ledger.RecordAsync(code, 1, [new DossierResolved(Monday + Duration.FromDays(1))]);
        var clerkB = ledger.RecordAsync(code, 1, [new DossierWithdrawn(Monday + Duration.FromDays(1))]);
        var outcomes = await Task.WhenAll(Outcome(clerkA), Outcome(clerkB));

        outcomes.Count(o => o is null).Should().Be(1, "exactly one clerk wins");
        var conflict = outcomes.Single(o => o is not null);
        conflict.Should().BeOfType<DossierConcurrencyException>();
        conflict!.Message.Should().Contain("H57-0002").And.Contain("changed by someone else");
        (await ledger.LoadAsync(code))!.History.OfType<TerminalEvent>().Should().ContainSingle();
    }

    [Fact]
    public async Task An_append_that_breaks_a_lifecycle_rule_is_refused_and_stores_nothing()
    {
        await using var ledger = await DossierLedger.OpenAsync(new LedgerOptions(database.ConnectionString, DatabaseFixture.NewSchema()));
        var code = new DossierCode("H57-0003");
        await ledger.RecordAsync(code, 0, [Receipt(Monday)]);

        var act = () => ledger.RecordAsync(code, 1, [new SupplementReceived(Monday + Duration.FromHours(3))]);

        (await act.Should().ThrowAsync<LifecycleViolationException>())
            .Which.Message.Should().Contain("H57-0003").And.Contain("supplement_received").And.Contain("rule 4");
        (await ledger.LoadAsync(code))!.Version.Should().Be(1);
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
