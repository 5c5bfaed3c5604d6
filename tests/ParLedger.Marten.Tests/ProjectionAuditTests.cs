using Npgsql;
using ParLedger.Marten.Tests.Infrastructure;
using ParLedger.Testing;

namespace ParLedger.Marten.Tests;

/// <summary>The self-audit of the projections (issue 11): the projected tables against a full replay of the stored events.</summary>
public class ProjectionAuditTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task The_self_audit_finds_a_store_clean_and_then_names_a_corrupted_facts_row_and_a_corrupted_sum()
    {
        var schema = DatabaseFixture.NewSchema();
        await using var ledger = await DossierLedger.OpenAsync(new LedgerOptions(database.ConnectionString, schema));
        await ledger.ImportAsync(RandomHistories.Generate(5, 200));

        var clean = await ledger.AuditProjectionsAsync(windows: 10);
        clean.Clean.Should().BeTrue(string.Join("\n", clean.DifferingDossiers.Concat(clean.DifferingSums).Concat(clean.DifferingReports)));
        clean.Dossiers.Should().Be(200);
        var cleanTool = await Tool.RunAsync("audit", "--projections", "--windows", "5", "--connection", database.ConnectionString, "--schema", schema);
        cleanTool.Code.Should().Be(0, cleanTool.Out + cleanTool.Error);
        cleanTool.Out.Should().Contain("KHỚP");

        // One dossier's projected verdicts lose their first change; one aggregate row of the totals gains a count.
        await ExecuteAsync($"update {schema}.pl_dossier_facts set verdict_changes[1] = verdict_changes[1] + 1 where code = (select min(code) from {schema}.pl_dossier_facts)");
        await ExecuteAsync($"update {schema}.pl_verdict_sums set c3 = c3 + 1 where (breakdown, level, period) = (select breakdown, level, min(period) from {schema}.pl_verdict_sums where breakdown = 0 and level = 2 group by breakdown, level)");
        string first;
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"select min(code) from {schema}.pl_dossier_facts", connection);
            first = (string)(await command.ExecuteScalarAsync())!;
        }

        var corrupted = await ledger.AuditProjectionsAsync(windows: 10);

        corrupted.Clean.Should().BeFalse();
        corrupted.DifferingDossiers.Should().Equal(first);
        corrupted.DifferingSums.Should().ContainSingle().Which.Should().StartWith("0/2/");
        corrupted.DifferingReports.Should().NotBeEmpty("every window after the corrupted year reads the corrupted row");

        var tool = await Tool.RunAsync("audit", "--projections", "--windows", "5", "--format", "json", "--connection", database.ConnectionString, "--schema", schema);
        tool.Code.Should().Be(1, tool.Error);
        var json = System.Text.Json.JsonDocument.Parse(tool.Out).RootElement;
        json.GetProperty("verdict").GetString().Should().Be("differ");
        json.GetProperty("differing_dossiers").EnumerateArray().Select(e => e.GetString()).Should().Equal(first);
        json.GetProperty("differing_sums").GetArrayLength().Should().Be(1);
    }
}
