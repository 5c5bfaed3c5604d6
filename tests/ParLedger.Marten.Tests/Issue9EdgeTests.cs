using Npgsql;
using ParLedger.Marten.Tests.Infrastructure;
using ParLedger.Testing;

namespace ParLedger.Marten.Tests;

/// <summary>
/// Issue 9, "trust at the edges": the built tool over a matrix of bad usage, bad files and absent stores. Every failure
/// is exit 2 (usage or input) or 3 (store) with one line naming the cause, never a stack trace; read commands never
/// create or alter anything; a failed write leaves no file behind.
/// </summary>
public class Issue9EdgeTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private static readonly string History = ConformanceCase.HistoryPath;

    private static Task<(int Code, string Out, string Error)> Run(params string[] args) => Tool.RunAsync(args);

    /// <summary>The tool's error is one line starting with <c>parledger:</c>, with no stack trace and no SQL.</summary>
    private static void ShouldBeOneLineError((int Code, string Out, string Error) result, int code, string fragment)
    {
        result.Code.Should().Be(code, result.Error);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Where(l => !l.StartsWith("import: ", StringComparison.Ordinal)).Should().ContainSingle(result.Error)
            .Which.Should().StartWith("parledger: ").And.Contain(fragment);
        result.Error.Should().NotContain("   at ").And.NotContainAny("CREATE ", "create table", "Exception:");
    }

    public static IEnumerable<object[]> UsageProbes()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-dir-{Guid.NewGuid():N}");
        var directory = Path.GetTempPath().TrimEnd('/');
        return
        [
            [new[] { "report", "--period", "2022-H1", "--events", History, "--out", Path.Combine(missing, "r.json") }, "no such directory"],
            [new[] { "report", "--period", "2022-H1", "--events", History, "--out", directory }, "is a directory"],
            [new[] { "report", "--period", "2022-H1", "--events", History, "--format", "xlsx", "--out", directory }, "is a directory"],
            [new[] { "report", "--from", "0001-01-01", "--to", "2022-01-01", "--events", History }, "--from '0001-01-01'"],
            [new[] { "report", "--from", "2022-01-01", "--to", "9999-12-31", "--events", History }, "--to '9999-12-31'"],
            [new[] { "report", "--period", "1900-H1", "--events", History }, "years 1901–2199"],
            [new[] { "report", "--period", "2022-H1", "--events", directory }, "is a directory, not a file"],
            [new[] { "report", "--period", "2022-H1", "--events", History, "--connection", "Host=127.0.0.1" }, "choose one"],
            [new[] { "indicators", "--period", "2022-H1", "--events", History, "--connection", "Host=127.0.0.1" }, "choose one"],
            [new[] { "import", directory, "--connection", "Host=127.0.0.1" }, "is a directory, not a file"],
            [new[] { "export", directory, "--connection", "Host=127.0.0.1" }, "is a directory"],
            [new[] { "export", Path.Combine(missing, "h.jsonl"), "--connection", "Host=127.0.0.1" }, "no such directory"],
            [new[] { "report", "--period", "2022-H1", "--connection", "no-equals-sign" }, "--connection: not a PostgreSQL connection string"],
            [new[] { "report", "--period", "2022-H1", "--schema", "Bad-Name", "--connection", "Host=127.0.0.1" }, "--schema"],
            [new[] { "report", "--bogus" }, "'--bogus'"],
            [new[] { "due", "--received", "2024-02-07T10:00:00+07:00", "--days", "99999999999" }, "as a whole number"],
            [new[] { "import", "/dev/stdin", "--connection", "Host=127.0.0.1" }, "not a regular file"],
            [new[] { "report", "--period", "2022-H1", "--events", "/dev/stdin" }, "not a regular file"],
            [new[] { "due", "--received", "9999-12-31T10:00:00+07:00", "--days", "3" }, "covers 1900–2199"],
            [new[] { "due", "--received", "2199-12-01T10:00:00+07:00", "--days", "2000" }, "after 2199"],
            [new[] { "due", "--received", "2024-02-07T10:00:00+07:00", "--days", "2000000000" }, "--days N (1 to 2500)"],
        ];
    }

    [Theory]
    [MemberData(nameof(UsageProbes))]
    public async Task Bad_usage_exits_2_with_one_line_naming_the_cause_and_no_stack_trace(string[] args, string fragment)
    {
        var result = await Run(args);

        result.Code.Should().Be(2, result.Error);
        result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle(result.Error)
            .Which.Should().StartWith("parledger: ").And.Contain(fragment).And.NotContain("System.");
        result.Error.Should().NotContain("   at ");
    }

    [Fact]
    public async Task An_unreachable_store_exits_3_with_the_connection_error_in_one_line()
    {
        var result = await Run("report", "--period", "2022-H1", "--connection", "Host=127.0.0.1;Port=1;Username=postgres;Timeout=3");

        ShouldBeOneLineError(result, 3, "Failed to connect");
    }

    [Fact]
    public async Task Read_commands_on_a_mistyped_schema_exit_2_naming_the_schemas_that_hold_a_store_and_create_nothing()
    {
        var real = DatabaseFixture.NewSchema();
        (await Run("import", History, "--connection", database.ConnectionString, "--schema", real)).Code.Should().Be(0);
        var typo = real + "x";
        var output = Path.Combine(Directory.CreateTempSubdirectory("parledger-typo-").FullName, "out.jsonl");

        foreach (var args in new[]
                 {
                     new[] { "report", "--period", "2022-H1" },
                     ["report", "--period", "2022-H1", "--as-of", "2022-06-15T00:00:00+07:00"],
                     ["indicators", "--period", "2022-H1"],
                     ["export", output],
                 })
        {
            var result = await Run([.. args, "--connection", database.ConnectionString, "--schema", typo]);

            ShouldBeOneLineError(result, 2, $"no ParLedger store in schema '{typo}'");
            result.Error.Should().Contain(real, "the message lists the schemas that do hold a store");
            result.Out.Should().BeEmpty("no all-zero report is printed");
        }

        File.Exists(output).Should().BeFalse();
        Directory.GetFiles(Path.GetDirectoryName(output)!).Should().BeEmpty("a failed export leaves no partial file");
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("select count(*) from pg_namespace where nspname = $1", connection) { Parameters = { new() { Value = typo } } };
        ((long)(await count.ExecuteScalarAsync())!).Should().Be(0, "a read command never creates a schema");
    }

    [Fact]
    public async Task An_export_that_fails_midway_exits_3_in_one_line_and_leaves_no_file_behind()
    {
        // The library takes codes the interchange format refuses (over 255 characters): the export fails on the second
        // dossier, after the first was written to the temporary file.
        var schema = DatabaseFixture.NewSchema();
        var at = NodaTime.Instant.FromUtc(2022, 3, 1, 1, 0);
        await using (var ledger = await DossierLedger.OpenAsync(new LedgerOptions(database.ConnectionString, schema)))
        {
            foreach (var (code, agency) in new[] { ("A-1", "A"), ("Z-1", new string('Z', 300)) })
            {
                await ledger.RecordAsync(new Codes.DossierCode(code), 0,
                [
                    new Events.DossierReceived(at, new Codes.AgencyCode(agency), new Codes.ProcedureCode("P"), null, Events.AdministrativeLevel.Commune, Events.ReceiptChannel.Online, at + NodaTime.Duration.FromDays(3)),
                ]);
            }
        }

        var directory = Directory.CreateTempSubdirectory("parledger-export-").FullName;
        var result = await Run("export", Path.Combine(directory, "history.jsonl"), "--connection", database.ConnectionString, "--schema", schema);

        ShouldBeOneLineError(result, 3, "the interchange format cannot write, so nothing was exported: dossier Z-1: field 'agency' is 300 characters long");
        Directory.GetFileSystemEntries(directory).Should().BeEmpty();
    }

    [Fact]
    public async Task Output_goes_through_a_symbolic_link_and_into_a_device_and_replaces_an_existing_file_whole()
    {
        var directory = Directory.CreateTempSubdirectory("parledger-out-").FullName;
        var target = Path.Combine(directory, "target.json");
        await File.WriteAllTextAsync(target, new string('x', 100_000));
        var link = Path.Combine(directory, "link.json");
        File.CreateSymbolicLink(link, target);
        string[] report = ["report", "--period", "2022-H1", "--format", "json", "--events", History];
        var expected = (await Run(report)).Out;

        (await Run([.. report, "--out", link])).Code.Should().Be(0);
        (await Run([.. report, "--out", "/dev/null"])).Code.Should().Be(0);

        new FileInfo(link).LinkTarget.Should().Be(target, "the link is kept");
        (await File.ReadAllTextAsync(target)).Should().Be(expected, "the link's target holds the report, wholly replaced");
        new FileInfo("/dev/null").Length.Should().Be(0, "/dev/null stays a device (a regular file there would hold the report)");
        Directory.GetFileSystemEntries(directory).Should().HaveCount(2, "no temporary file is left");
    }

    [Fact]
    public async Task A_report_from_a_store_that_holds_no_events_exits_2_instead_of_printing_zeros()
    {
        var schema = DatabaseFixture.NewSchema();
        await using (await DossierLedger.OpenAsync(new LedgerOptions(database.ConnectionString, schema)))
        {
            // Creates the schema and nothing else, as a failed first import does.
        }

        foreach (var command in new[] { "report", "indicators" })
        {
            var result = await Run(command, "--period", "2022-H1", "--connection", database.ConnectionString, "--schema", schema);

            ShouldBeOneLineError(result, 2, $"the store in schema '{schema}' holds no events yet");
            result.Out.Should().BeEmpty();
        }
    }

    [Fact]
    public async Task A_store_error_during_schema_creation_is_one_line_with_the_root_cause_and_no_DDL()
    {
        // A role that may connect but not create anything: Marten's DDL fails.
        var role = $"r_{Guid.NewGuid():N}"[..16];
        await using (var admin = new NpgsqlConnection(database.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"create role {role} login; revoke create on database {database.Name} from public; revoke create on schema public from public", admin);
            await create.ExecuteNonQueryAsync();
        }

        var connection = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = role, Pooling = false }.ConnectionString;
        var result = await Run("import", History, "--connection", connection, "--schema", DatabaseFixture.NewSchema());

        ShouldBeOneLineError(result, 3, "permission denied");
        var verbose = await Run("import", History, "--connection", connection, "--schema", DatabaseFixture.NewSchema(), "--verbose");
        verbose.Code.Should().Be(3);
        verbose.Error.Should().Contain("   at ", "--verbose adds the details");
    }

    [Fact]
    public async Task Two_first_imports_racing_into_a_fresh_schema_both_succeed_and_the_store_equals_the_union()
    {
        var schema = DatabaseFixture.NewSchema();
        var lines = await File.ReadAllLinesAsync(History);
        var directory = Directory.CreateTempSubdirectory("parledger-race-").FullName;
        var (first, second) = (Path.Combine(directory, "a.jsonl"), Path.Combine(directory, "b.jsonl"));

        // Split by dossier so each file is a valid history on its own; the halves overlap by a few dossiers.
        var byDossier = lines.Where(l => l.Length > 0).GroupBy(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("dossier").GetString()).ToList();
        await File.WriteAllLinesAsync(first, byDossier.Take((byDossier.Count / 2) + 10).SelectMany(g => g));
        await File.WriteAllLinesAsync(second, byDossier.Skip((byDossier.Count / 2) - 10).SelectMany(g => g));

        var results = await Task.WhenAll(
            Run("import", first, "--connection", database.ConnectionString, "--schema", schema),
            Run("import", second, "--connection", database.ConnectionString, "--schema", schema));

        results.Should().AllSatisfy(r => r.Code.Should().Be(0, r.Error));
        string[] report = ["report", "--period", "2022-H1", "--by", "agency", "--format", "json"];
        var fromStore = await Run([.. report, "--connection", database.ConnectionString, "--schema", schema]);
        var fromFile = await Run([.. report, "--events", History]);
        fromStore.Code.Should().Be(0, fromStore.Error);
        fromStore.Out.Should().Be(fromFile.Out);
    }

    public static IEnumerable<object[]> Cultures() => [["de_DE.UTF-8"], ["vi_VN.UTF-8"], ["en_US.UTF-8"]];

    [Theory]
    [MemberData(nameof(Cultures))]
    public async Task Output_for_people_is_the_same_under_every_culture(string locale)
    {
        var environment = new Dictionary<string, string?> { ["LANG"] = locale, ["LC_ALL"] = locale, ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = null };
        var invariant = new Dictionary<string, string?> { ["LANG"] = "C", ["LC_ALL"] = "C" };
        string[][] commands =
        [
            ["report", "--period", "2022-H1", "--by", "agency", "--events", History],
            ["report", "--period", "2022-H1", "--format", "csv", "--events", History],
            ["indicators", "--period", "2022-H1", "--events", History],
            ["indicators", "--period", "2022-H1", "--format", "json", "--events", History],
            ["calendar", "2024"],
        ];

        foreach (var command in commands)
        {
            var expected = await Tool.RunAsync(invariant, command);
            var actual = await Tool.RunAsync(environment, command);

            expected.Code.Should().Be(0, expected.Error);
            actual.Out.Should().Be(expected.Out, string.Join(' ', command));
        }

        var table = await Tool.RunAsync(environment, "report", "--period", "2022-H1", "--events", History);
        table.Out.Should().Contain("kỳ báo cáo từ 15/12/2021 đến 14/06/2022", "dates for Vietnamese readers are dd/MM/yyyy");
    }

    [Fact]
    public async Task Report_tables_write_counts_in_the_Vietnamese_convention_of_the_published_reports()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("parledger-vn-").FullName, "many.jsonl");
        await File.WriteAllLinesAsync(file, Enumerable.Range(1, 1234).Select(i =>
            $$"""{"dossier":"D-{{i}}","type":"received","at":"2022-03-01T08:00:00+07:00","agency":"A","procedure":"P","level":"commune","channel":"online","due":"2022-03-10T17:00:00+07:00"}"""));

        var table = await Run("report", "--period", "2022-H1", "--events", file);
        var indicators = await Run("indicators", "--period", "2022-H1", "--events", file);

        table.Code.Should().Be(0, table.Error);
        table.Out.Split('\n').Single(l => l.Contains("Tổng cộng", StringComparison.Ordinal)).Should().Contain(" 1.234 ").And.NotContain("1,234");
        indicators.Code.Should().Be(0, indicators.Error);
        indicators.Out.Should().Contain("100,00%").And.Contain("1.234");
    }

    [Fact]
    public async Task A_row_key_too_long_for_an_XLSX_cell_exits_2_suggesting_csv_or_json_and_writes_no_file()
    {
        // The interchange refuses such codes (255 characters at most), but the library takes any agency code.
        var schema = DatabaseFixture.NewSchema();
        var at = NodaTime.Instant.FromUtc(2022, 3, 1, 1, 0);
        await using (var ledger = await DossierLedger.OpenAsync(new LedgerOptions(database.ConnectionString, schema)))
        {
            await ledger.RecordAsync(new Codes.DossierCode("LONG-1"), 0,
            [
                new Events.DossierReceived(at, new Codes.AgencyCode(new string('A', 40_000)), new Codes.ProcedureCode("P"), null, Events.AdministrativeLevel.Commune, Events.ReceiptChannel.Online, at + NodaTime.Duration.FromDays(3)),
            ]);
        }

        var directory = Directory.CreateTempSubdirectory("parledger-xlsx-").FullName;
        var result = await Run("report", "--period", "2022-H1", "--by", "agency", "--format", "xlsx", "--out", Path.Combine(directory, "r.xlsx"),
            "--connection", database.ConnectionString, "--schema", schema);

        ShouldBeOneLineError(result, 2, "does not fit an XLSX cell (at most 32767): write csv or json instead");
        Directory.GetFileSystemEntries(directory).Should().BeEmpty();
        (await Run("report", "--period", "2022-H1", "--by", "agency", "--format", "csv", "--connection", database.ConnectionString, "--schema", schema)).Code.Should().Be(0);
    }

    [Fact]
    public async Task A_redirected_import_prints_one_progress_line_per_phase_with_its_unit()
    {
        var result = await Run("import", History, "--connection", database.ConnectionString, "--schema", DatabaseFixture.NewSchema());

        result.Code.Should().Be(0, result.Error);
        var progress = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        progress.Should().HaveCountLessThanOrEqualTo(4, result.Error);
        progress.Should().Contain(l => l.StartsWith("import: read 1,159 events", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_redirected_import_of_a_file_grouped_by_dossier_prints_each_phase_once()
    {
        // Grouped lines take the one-pass path, whose phases interleave chunk by chunk (5,000 dossiers, several chunks).
        var file = Path.Combine(Directory.CreateTempSubdirectory("parledger-grouped-").FullName, "grouped.jsonl");
        await File.WriteAllLinesAsync(file, Enumerable.Range(0, 25_000).Select(i =>
            $$"""{"dossier":"G-{{i / 5:D5}}","type":"{{(i % 5 == 0 ? "received" : "digitized")}}","at":"2022-03-01T08:{{i % 5:D2}}:00+07:00","agency":"A","procedure":"P","level":"commune","channel":"online","due":"2022-03-10T17:00:00+07:00"}"""));

        var result = await Run("import", file, "--connection", database.ConnectionString, "--schema", DatabaseFixture.NewSchema());

        result.Code.Should().Be(0, result.Error);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCountLessThanOrEqualTo(3, result.Error).And.OnlyHaveUniqueItems();
        lines.Should().Contain(l => l.StartsWith("import: read 25,000 events", StringComparison.Ordinal), result.Error);
    }

    [Fact]
    public async Task The_usage_text_names_the_tool_parledger()
    {
        var help = await Run("--help");

        help.Code.Should().Be(0);
        help.Out.Should().Contain("parledger [command] [options]");
    }
}
