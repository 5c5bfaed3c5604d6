using ParLedger.Statistics;

namespace ParLedger.Testing;

public static class ReportAssertions
{
    /// <summary>Asserts two reports are equal cell for cell, naming the first row and cell that differ.</summary>
    public static void ShouldHaveSameFiguresAs(this StatisticsReport actual, StatisticsReport expected, string because = "")
    {
        actual.Window.Should().Be(expected.Window, because);
        actual.Policy.Should().Be(expected.Policy, because);
        actual.AsOf.Should().Be(expected.AsOf, because);
        Describe(actual.Total).Should().Equal(Describe(expected.Total), $"totals must match {because}");
        actual.Rows.Select(r => (r.By, r.Key)).Should().Equal(expected.Rows.Select(r => (r.By, r.Key)), $"row keys must match {because}");
        for (var i = 0; i < expected.Rows.Length; i++)
        {
            Describe(actual.Rows[i].Cells).Should().Equal(Describe(expected.Rows[i].Cells), $"row {expected.Rows[i].Key} must match {because}");
        }
    }

    private static string[] Describe(StatisticsCells c) =>
        Enum.GetValues<StatisticsCell>().Select(cell => $"{Text.Of(cell)}={c[cell]}").ToArray();
}
