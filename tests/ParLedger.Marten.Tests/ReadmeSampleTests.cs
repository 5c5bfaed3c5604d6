using NodaTime;
using ParLedger.Codes;
using ParLedger.Events;
using ParLedger.Marten.Tests.Infrastructure;
using ParLedger.Periods;
using ParLedger.Statistics;

namespace ParLedger.Marten.Tests;

/// <summary>The library sample of README.md, compiled and run as written there.</summary>
public class ReadmeSampleTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task The_README_library_sample_runs()
    {
        var connectionString = database.ConnectionString;
        await using (var setup = await DossierLedger.OpenAsync(new LedgerOptions(connectionString)))
        {
            var at = Instant.FromUtc(2022, 1, 5, 1, 30);
            await setup.RecordAsync(new DossierCode("000.00.36.H57-220105-0001"), 0,
                [new DossierReceived(at, new AgencyCode("000.00.36.H57"), new ProcedureCode("1.001234"), "Hộ tịch", AdministrativeLevel.District, ReceiptChannel.Online, at + Duration.FromDays(5))]);
        }

        // --- README.md: "Using the library" ---
        await using var ledger = await DossierLedger.OpenAsync(new LedgerOptions(connectionString));
        var dossier = await ledger.LoadAsync(new DossierCode("000.00.36.H57-220105-0001"));
        await ledger.RecordAsync(dossier!.Code, dossier.Version, [new DossierResolved(SystemClock.Instance.GetCurrentInstant())]);
        var report = await ledger.ReportAsync(ReportingPeriod.Parse("2022-H1").ToWindow(), ReportPolicy.Default, Breakdown.Agency);
        // --- end of sample ---

        report.Total.ReceivedOnline.Should().Be(1);
        report.Total.PendingTotal.Should().Be(1, "resolved today, after the window");
        report.Rows.Should().ContainSingle().Which.Key.Should().Be("000.00.36.H57");
    }
}
