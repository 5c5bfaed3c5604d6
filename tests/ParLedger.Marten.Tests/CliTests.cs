using ParLedger.Cli;
using ParLedger.Marten.Tests.Infrastructure;
using ParLedger.Testing;

namespace ParLedger.Marten.Tests;

public class CliTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private static async Task<(int Code, string Out, string Error)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await ParLedgerCommand.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Import_then_report_from_the_store_agrees_with_report_from_the_file_and_reimport_adds_nothing()
    {
        var first = await Run("import", ConformanceCase.HistoryPath, "--connection", database.ConnectionString);
        first.Code.Should().Be(0, first.Error);
        first.Out.Should().Contain("added 1,159 events");

        var again = await Run("import", ConformanceCase.HistoryPath, "--connection", database.ConnectionString);
        again.Out.Should().Contain("added 0 events").And.Contain("skipped 1,159");

        foreach (var golden in ConformanceCase.All())
        {
            string[] window = ["--from", golden.Expected.Window.From.ToString("yyyy-MM-dd", null), "--to", golden.Expected.Window.To.ToString("yyyy-MM-dd", null)];
            string[] options =
            [
                .. window, "--format", "json", "--withdrawn", golden.Expected.Policy.WithdrawnText, "--precision", golden.Expected.Policy.PrecisionText,
                .. golden.By is { } by ? new[] { "--by", ParLedger.Text.Of(by) } : [],
                .. golden.Expected.AsOf is { } asOf ? new[] { "--as-of", ParLedger.InstantText.Format(asOf) } : [],
            ];
            var fromStore = await Run(["report", .. options, "--connection", database.ConnectionString]);
            var fromFile = await Run(["report", .. options, "--events", ConformanceCase.HistoryPath]);

            fromStore.Code.Should().Be(0, fromStore.Error);
            fromStore.Out.Should().Be(fromFile.Out, golden.Name);
            ParLedger.Statistics.ReportJson.Parse(fromStore.Out).ShouldHaveSameFiguresAs(golden.Expected, golden.Name);
        }
    }

    [Fact]
    public async Task A_file_with_a_lifecycle_violation_exits_2_naming_file_line_and_dossier_and_stores_nothing()
    {
        var file = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(file,
        [
            """{"dossier":"OK-1","type":"received","at":"2022-01-05T08:30:00+07:00","agency":"A","procedure":"P","level":"commune","channel":"online","due":"2022-01-10T17:00:00+07:00"}""",
            """{"dossier":"BAD-1","type":"received","at":"2022-01-05T08:30:00+07:00","agency":"A","procedure":"P","level":"commune","channel":"online","due":"2022-01-10T17:00:00+07:00"}""",
            """{"dossier":"BAD-1","type":"resumed","at":"2022-01-06T08:30:00+07:00"}""",
        ]);
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString).ConnectionString;

        string[] reportArgs = ["report", "--from", "2022-01-01", "--to", "2022-01-31", "--format", "json", "--connection", connection];
        var before = await Run(reportArgs);

        var result = await Run("import", file, "--connection", connection);

        result.Code.Should().Be(2);
        result.Error.Should().Contain($"{file}:3: dossier BAD-1").And.Contain("rule 4");
        var after = await Run(reportArgs);
        after.Code.Should().Be(0, after.Error);
        after.Out.Should().Be(before.Out, "nothing of the failed import is stored, not even the valid dossier OK-1");
    }

    [Fact]
    public async Task A_report_without_a_store_exits_2_with_a_clear_message()
    {
        Environment.GetEnvironmentVariable("PARLEDGER_CONNECTION").Should().BeNull();

        var result = await Run("report", "--period", "2022-H1");

        result.Code.Should().Be(2);
        result.Error.Should().Contain("--connection").And.Contain("--events");
    }
}
