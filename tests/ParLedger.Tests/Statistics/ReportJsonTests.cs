using ParLedger.Statistics;

namespace ParLedger.Tests.Statistics;

/// <summary>Issue 9, point 5: <see cref="ReportJson.Parse"/> refuses what is not a SPEC §7 report, naming the JSON path.</summary>
public class ReportJsonTests
{
    private const string Cells = "\"carried_over\":1,\"received_online\":2,\"received_direct\":3,\"received_postal\":4,\"received_direct_postal\":7,\"received_total\":10,"
        + "\"resolved_early\":1,\"resolved_on_time\":1,\"resolved_late\":1,\"resolved_total\":3,\"withdrawn\":2,\"pending_within\":3,\"pending_overdue\":2,\"pending_total\":5";

    private const string Valid = "{\"window\":{\"from\":\"2021-12-15\",\"to\":\"2022-06-14\"},\"as_of\":null,"
        + "\"policy\":{\"withdrawn\":\"separate\",\"precision\":\"day\"},"
        + "\"total\":{" + Cells + "},"
        + "\"rows\":[{\"by\":\"agency\",\"key\":\"000.00.36.H57\"," + Cells + "},{\"by\":\"agency\",\"key\":\"\"," + Cells + "}]}";

    /// <summary>(text replaced in the valid report, its replacement, the expected message).</summary>
    public static TheoryData<string, string, string> BadReports() => new()
    {
        { "\"withdrawn\":\"separate\"", "\"withdrawn\":\"separat\"", "report JSON: policy.withdrawn: 'separat' is not a withdrawn policy (expected separate or resolved-on-time)." },
        { "\"withdrawn\":\"separate\"", "\"withdrawn\":\"Separate\"", "report JSON: policy.withdrawn: 'Separate' is not a withdrawn policy (expected separate or resolved-on-time)." },
        { "\"withdrawn\":\"separate\"", "\"withdrawn\":1", "report JSON: policy.withdrawn: must be a string, not a number." },
        { "\"withdrawn\":\"separate\",", "", "report JSON: policy.withdrawn: missing." },
        { "\"precision\":\"day\"", "\"precision\":\"days\"", "report JSON: policy.precision: 'days' is not a timeliness precision (expected day or instant)." },
        { "\"precision\":\"day\"", "\"precision\":null", "report JSON: policy.precision: must be a string, not null." },
        { "\"policy\":{\"withdrawn\":\"separate\",\"precision\":\"day\"},", "", "report JSON: policy: missing." },
        { "\"policy\":{\"withdrawn\":\"separate\",\"precision\":\"day\"}", "\"policy\":\"default\"", "report JSON: policy: must be an object, not a string." },
        { "\"from\":\"2021-12-15\"", "\"from\":\"15/12/2021\"", "report JSON: window.from: '15/12/2021' is not a date yyyy-MM-dd." },
        { "\"to\":\"2022-06-14\"", "\"to\":\"2021-06-14\"", "report JSON: window: from '2021-12-15' is after to '2021-06-14'." },
        { "\"to\":\"2022-06-14\"", "\"to\":20220614", "report JSON: window.to: must be a string, not a number." },
        { "\"from\":\"2021-12-15\"", "\"from\":\"0001-01-01\"", "report JSON: window: '0001-01-01'..'2022-06-14' is outside the dates a reporting window accepts (1900-01-01..2199-12-31)." },
        { "\"to\":\"2022-06-14\"", "\"to\":\"9999-12-31\"", "report JSON: window: '2021-12-15'..'9999-12-31' is outside the dates a reporting window accepts (1900-01-01..2199-12-31)." },
        { "{\"carried_over\":1,", "{\"carried_over\":9223372036854775807,", "report JSON: total.carried_over: 9223372036854775807 is more than any report counts (at most 1,000,000,000,000)." },
        { "\"as_of\":null", "\"as_of\":\"2022-06-15\"", "report JSON: as_of: '2022-06-15' is not an ISO-8601 instant with an offset (e.g. 2022-06-14T16:45:00+07:00)." },
        { "\"as_of\":null", "\"as_of\":false", "report JSON: as_of: must be a string, not a boolean." },
        { "{\"carried_over\":1,", "{\"carried_over\":-1,", "report JSON: total.carried_over: -1 is negative; a count is 0 or more." },
        { "{\"carried_over\":1,", "{\"carried_over\":1.5,", "report JSON: total.carried_over: 1.5 is not an integer count." },
        { "{\"carried_over\":1,", "{\"carried_over\":\"1\",", "report JSON: total.carried_over: must be a number, not a string." },
        { "{\"carried_over\":1,", "{", "report JSON: total.carried_over: missing." },
        { "\"received_total\":10,\"resolved_early\":1,\"resolved_on_time\":1,\"resolved_late\":1,\"resolved_total\":3,\"withdrawn\":2,\"pending_within\":3,\"pending_overdue\":2,\"pending_total\":5}", "\"received_total\":11,\"resolved_early\":1,\"resolved_on_time\":1,\"resolved_late\":1,\"resolved_total\":3,\"withdrawn\":2,\"pending_within\":3,\"pending_overdue\":2,\"pending_total\":5}", "report JSON: total.received_total: 11 is not the sum of its parts, 10." },
        { "\"by\":\"agency\",\"key\":\"000", "\"by\":\"agencies\",\"key\":\"000", "report JSON: rows[0].by: 'agencies' is not a breakdown (expected agency or level or field or procedure or channel)." },
        { "\"by\":\"agency\",\"key\":\"000", "\"key\":\"000", "report JSON: rows[0].by: missing." },
        { "\"key\":\"\",", "\"key\":null,", "report JSON: rows[1].key: must be a string, not null." },
        { "\"key\":\"\",", "\"key\":\"000.00.36.H57\",", "report JSON: rows[1]: a second row for agency '000.00.36.H57'." },
        { "\"key\":\"\",\"carried_over\":1,", "\"key\":\"\",\"carried_over\":-4,", "report JSON: rows[1].carried_over: -4 is negative; a count is 0 or more." },
        { "\"rows\":[", "\"rows\":{\"x\":[", "report JSON: $: malformed JSON (*" },
        { "\"as_of\":null,", "\"as_of\":null,\"as_of\":\"2022-06-15T00:00:00+07:00\",", "report JSON: $: malformed JSON (*as_of*" },
        { "\"total\":{", "\"total\":[{", "report JSON: $: malformed JSON (*" },
    };

    [Theory]
    [MemberData(nameof(BadReports))]
    public void A_report_that_is_not_SPEC_7_is_a_format_error_naming_the_JSON_path(string find, string replace, string message)
    {
        Valid.Should().Contain(find);
        var json = ReplaceFirst(Valid, find, replace);

        var act = () => ReportJson.Parse(json);

        act.Should().ThrowExactly<FormatException>().WithMessage(message).Which.Message.Should().NotContainAny("\n", "\r");
    }

    [Fact]
    public void A_valid_report_reads_back_with_its_policies_rows_and_cells()
    {
        var report = ReportJson.Parse(ReplaceFirst(Valid, "\"withdrawn\":\"separate\",\"precision\":\"day\"", "\"withdrawn\":\"resolved-on-time\",\"precision\":\"instant\""));

        report.Policy.Should().Be(new ReportPolicy(WithdrawnPolicy.ResolvedOnTime, ParLedger.Deadlines.TimelinessPrecision.Instant));
        report.Rows.Select(r => (r.By, r.Key)).Should().Equal((Breakdown.Agency, "000.00.36.H57"), (Breakdown.Agency, ""));
        report.Total.Should().Be(new StatisticsCells(1, 2, 3, 4, 1, 1, 1, 2, 3, 2));
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        var i = text.IndexOf(find, StringComparison.Ordinal);
        return string.Concat(text.AsSpan(0, i), replace, text.AsSpan(i + find.Length));
    }
}
