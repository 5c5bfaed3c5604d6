using System.Text.Json;
using System.Text.Json.Nodes;
using ParLedger.Marten.Tests.Infrastructure;
using ParLedger.Testing;

namespace ParLedger.Marten.Tests;

/// <summary><c>parledger audit</c> against a store on a real PostgreSQL: the same verdicts as in memory.</summary>
public class AuditStoreTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private static Task<(int Code, string Out, string Error)> Run(params string[] args) => Tool.RunAsync(args);

    [Fact]
    public async Task Audits_from_the_store_match_the_golden_reports_and_a_changed_cell_exits_1_naming_it()
    {
        var schema = DatabaseFixture.NewSchema();
        var imported = await Run("import", ConformanceCase.HistoryPath, "--connection", database.ConnectionString, "--schema", schema);
        imported.Code.Should().Be(0, imported.Error);
        string[] store = ["--connection", database.ConnectionString, "--schema", schema];

        // The window's report from the verdict sums, and as of an instant from the stored events.
        foreach (var name in new[] { "h1-2022.by-agency.json", "h1-2022.as-of-2022-05-28T12.by-agency.json" })
        {
            var golden = ConformanceCase.Named(name);
            string[] asOf = golden.Expected.AsOf is { } t ? ["--as-of", ParLedger.InstantText.Format(t)] : [];
            var result = await Run(["audit", "--published", Path.Combine(ConformanceCase.Directory, name), "--period", "2022-H1", .. asOf, .. store]);
            result.Code.Should().Be(0, name + result.Error + result.Out);
            result.Out.Should().Contain("Kết luận: KHỚP");
        }

        var json = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(ConformanceCase.Directory, "h1-2022.by-agency.json")))!;
        var online = (long)json["total"]!["received_online"]!;
        json["total"]!["received_online"] = online - 3;
        var changed = Path.Combine(Directory.CreateTempSubdirectory("parledger-audit-").FullName, "changed.json");
        await File.WriteAllTextAsync(changed, json.ToJsonString());

        var differ = await Run(["audit", "--published", changed, "--period", "2022-H1", "--format", "json", .. store]);

        differ.Code.Should().Be(1, differ.Error);
        var verdict = JsonDocument.Parse(differ.Out).RootElement;
        verdict.GetProperty("verdict").GetString().Should().Be("differ");
        var difference = verdict.GetProperty("differences").EnumerateArray().Should().ContainSingle().Subject;
        difference.GetProperty("key").ValueKind.Should().Be(JsonValueKind.Null);
        difference.GetProperty("cell").GetString().Should().Be("received_online");
        difference.GetProperty("published").GetInt64().Should().Be(online - 3);
        difference.GetProperty("rebuilt").GetInt64().Should().Be(online);
        difference.GetProperty("difference").GetInt64().Should().Be(-3);
    }

    [Fact]
    public async Task From_the_store_report_s_XLSX_matches_and_a_hand_typed_CSV_that_does_not_close_only_warns()
    {
        var schema = DatabaseFixture.NewSchema();
        var imported = await Run("import", ConformanceCase.HistoryPath, "--connection", database.ConnectionString, "--schema", schema);
        imported.Code.Should().Be(0, imported.Error);
        string[] store = ["--connection", database.ConnectionString, "--schema", schema];
        var folder = Directory.CreateTempSubdirectory("parledger-audit-").FullName;
        var xlsx = Path.Combine(folder, "published.xlsx");
        var written = await Run(["report", "--period", "2022-H1", "--by", "level", "--format", "xlsx", "--out", xlsx, .. store]);
        written.Code.Should().Be(0, written.Error);

        var fromXlsx = await Run(["audit", "--published", xlsx, "--period", "2022-H1", "--format", "json", .. store]);

        fromXlsx.Code.Should().Be(0, fromXlsx.Error + fromXlsx.Out);
        JsonDocument.Parse(fromXlsx.Out).RootElement.GetProperty("by").GetString().Should().Be("level");

        // The golden totals (h1-2022.by-agency.json) typed the Huế way: no carried-over, withdrawn or resolved total.
        var csv = Path.Combine(folder, "hand.csv");
        await File.WriteAllTextAsync(csv, """
            ,Số hồ sơ nhận giải quyết,,,Số hồ sơ đã giải quyết,,Số hồ sơ đang giải quyết,,
            Đơn vị,Tổng số,Trực tuyến,"Trực tiếp, dịch vụ bưu chính","Trước hạn, đúng hạn",Quá hạn,Tổng số,Trong hạn,Quá hạn
            Tổng cộng,191,54,122,42,69,65,14,51
            """);

        var fromCsv = await Run(["audit", "--published", csv, "--period", "2022-H1", "--format", "json", .. store]);

        fromCsv.Code.Should().Be(0, fromCsv.Error + fromCsv.Out);
        var verdict = JsonDocument.Parse(fromCsv.Out).RootElement;
        verdict.GetProperty("verdict").GetString().Should().Be("match");
        var warning = verdict.GetProperty("warnings").EnumerateArray().Should().ContainSingle().Subject;
        warning.GetProperty("check").GetString().Should().Be("identity");
        warning.GetProperty("stated").GetInt64().Should().Be(191);
        warning.GetProperty("computed").GetInt64().Should().Be(176, "42 + 69 resolved and 65 pending; the 15 withdrawn are not published");
    }
}
