using System.Collections.Immutable;
using NodaTime;
using ParLedger.Audit;
using ParLedger.Periods;
using ParLedger.Statistics;

namespace ParLedger.Tests.Audit;

public class ReportComparisonTests
{
    private static readonly ReportingWindow H1 = new(new LocalDate(2022, 1, 1), new LocalDate(2022, 6, 30));

    // carried, online, direct, postal, early, on time, late, withdrawn, within, overdue
    private static readonly StatisticsCells A = new(1, 2, 3, 1, 2, 1, 1, 1, 1, 1); // received 7 = resolved 4 + withdrawn 1 + pending 2
    private static readonly StatisticsCells B = new(0, 1, 0, 0, 0, 0, 0, 0, 1, 0); // received 1 = pending 1

    private static StatisticsReport ByAgency => new(
        H1, null, ReportPolicy.Default, A + B, [new ReportRow(Breakdown.Agency, "A", A), new ReportRow(Breakdown.Agency, "B", B)]);

    private static StatisticsReport TotalsOnly(StatisticsCells total) => new(H1, null, ReportPolicy.Default, total, []);

    private static PublishedCells Cells(params (PublishedCell Cell, long Count)[] stated) =>
        stated.Aggregate(PublishedCells.Empty, (cells, s) => cells.With(s.Cell, s.Count));

    /// <summary>The Huế table of seed 000 (15/12/2022–10/06/2023): no carried-over column, early and on time as one figure, no withdrawn column.</summary>
    private static PublishedCells Hue => Cells(
        (PublishedCell.ReceivedTotal, 186_974), (PublishedCell.ReceivedOnline, 68_705), (PublishedCell.ReceivedDirectPostal, 118_269),
        (PublishedCell.ResolvedTotal, 170_789), (PublishedCell.ResolvedEarlyOnTime, 164_737), (PublishedCell.ResolvedLate, 6_052),
        (PublishedCell.PendingTotal, 10_074), (PublishedCell.PendingWithin, 8_715), (PublishedCell.PendingOverdue, 1_359));

    [Fact]
    public void A_published_table_equal_to_the_rebuilt_report_matches_with_nothing_to_report()
    {
        var comparison = ReportComparison.Compare(PublishedReport.From(ByAgency), ByAgency);

        comparison.Matches.Should().BeTrue();
        comparison.Differences.Should().BeEmpty();
        comparison.NotPublished.Should().BeEmpty();
        comparison.RowsOnlyPublished.Should().BeEmpty();
        comparison.RowsOnlyRebuilt.Should().BeEmpty();
        comparison.Warnings.Should().BeEmpty();
    }

    [Fact]
    public void A_changed_cell_is_a_difference_naming_its_row_cell_published_and_rebuilt_counts()
    {
        var published = PublishedReport.From(ByAgency);
        var changed = published with
        {
            Rows = published.Rows.SetItem(0, published.Rows[0] with { Cells = published.Rows[0].Cells.With(PublishedCell.ResolvedLate, 3) }),
        };

        var comparison = ReportComparison.Compare(changed, ByAgency);

        comparison.Matches.Should().BeFalse();
        comparison.Differences.Should().Equal(new CellDifference("A", PublishedCell.ResolvedLate, 3, 1));
        comparison.Differences[0].Difference.Should().Be(2);

        // Row A now states late 3 under a total of 4 = 2 + 1 + 3 - 2: the table no longer closes either.
        comparison.Warnings.Should().Equal(
            new PublishedWarning(PublishedCheck.SumOfParts, "A", PublishedCell.ResolvedTotal, 4, 6),
            new PublishedWarning(PublishedCheck.SumOfRows, null, PublishedCell.ResolvedLate, 1, 3));
    }

    [Fact]
    public void A_non_closing_published_table_that_the_history_reproduces_warns_and_still_matches()
    {
        // The history closes the table with 6,111 withdrawn dossiers the Huế table has no column for.
        var rebuilt = TotalsOnly(new StatisticsCells(0, 68_705, 118_000, 269, 150_000, 14_737, 6_052, 6_111, 8_715, 1_359));

        var comparison = ReportComparison.Compare(new PublishedReport(null, Hue, []), rebuilt);

        comparison.Matches.Should().BeTrue();
        comparison.Differences.Should().BeEmpty();
        comparison.Warnings.Should().Equal(new PublishedWarning(PublishedCheck.Identity, null, PublishedCell.ReceivedTotal, 186_974, 180_863));
        comparison.NotPublished.Should().Equal(
            new CellPosition(null, PublishedCell.CarriedOver),
            new CellPosition(null, PublishedCell.ResolvedEarly),
            new CellPosition(null, PublishedCell.ResolvedOnTime),
            new CellPosition(null, PublishedCell.Withdrawn));
    }

    [Fact]
    public void A_combined_early_and_on_time_figure_is_compared_with_the_sum_of_the_two()
    {
        var rebuilt = TotalsOnly(new StatisticsCells(0, 68_705, 118_000, 269, 150_000, 14_000, 6_052, 6_111, 8_715, 1_359));

        var comparison = ReportComparison.Compare(new PublishedReport(null, Hue, []), rebuilt);

        comparison.Differences.Should().Equal(
            new CellDifference(null, PublishedCell.ResolvedEarlyOnTime, 164_737, 164_000),
            new CellDifference(null, PublishedCell.ResolvedTotal, 170_789, 170_052));
    }

    [Fact]
    public void A_stated_total_that_is_not_the_sum_of_its_stated_parts_and_a_totals_row_that_is_not_the_sum_of_the_rows_warn()
    {
        var published = new PublishedReport(
            Breakdown.Agency,
            Cells((PublishedCell.ReceivedOnline, 3), (PublishedCell.PendingWithin, 2), (PublishedCell.PendingOverdue, 1), (PublishedCell.PendingTotal, 3)),
            [
                new PublishedRow("A", Cells((PublishedCell.ReceivedOnline, 2), (PublishedCell.PendingWithin, 1), (PublishedCell.PendingOverdue, 1), (PublishedCell.PendingTotal, 3))),
                new PublishedRow("B", Cells((PublishedCell.ReceivedOnline, 2), (PublishedCell.PendingWithin, 1))),
            ]);

        var comparison = ReportComparison.Compare(published, ByAgency);

        comparison.Warnings.Should().Equal(
            new PublishedWarning(PublishedCheck.SumOfParts, "A", PublishedCell.PendingTotal, 3, 2),
            new PublishedWarning(PublishedCheck.SumOfRows, null, PublishedCell.ReceivedOnline, 3, 4));
        comparison.Differences.Should().Equal(
            new CellDifference("A", PublishedCell.PendingTotal, 3, 2),
            new CellDifference("B", PublishedCell.ReceivedOnline, 2, 1));
    }

    [Fact]
    public void A_published_row_without_rebuilt_dossiers_is_compared_with_zeros_and_a_rebuilt_row_left_out_is_listed_not_compared()
    {
        var published = new PublishedReport(
            Breakdown.Agency,
            PublishedCells.Empty,
            [
                new PublishedRow("A", PublishedCells.From(A)),
                new PublishedRow("C", Cells((PublishedCell.ReceivedOnline, 2), (PublishedCell.CarriedOver, 0))),
            ]);

        var comparison = ReportComparison.Compare(published, ByAgency);

        comparison.Differences.Should().Equal(new CellDifference("C", PublishedCell.ReceivedOnline, 2, 0));
        comparison.RowsOnlyPublished.Should().Equal("C");
        comparison.RowsOnlyRebuilt.Should().Equal("B");
        comparison.NotPublished.Where(p => p.Key == "C").Select(p => p.Cell).Should().Equal(
            PublishedCell.ReceivedDirectPostal, PublishedCell.ReceivedTotal, PublishedCell.ResolvedEarly, PublishedCell.ResolvedOnTime,
            PublishedCell.ResolvedLate, PublishedCell.ResolvedTotal, PublishedCell.Withdrawn, PublishedCell.PendingWithin,
            PublishedCell.PendingOverdue, PublishedCell.PendingTotal);
        comparison.NotPublished.Count(p => p.Key is null).Should().Be(12, "the table has no totals row: all twelve template columns are left out");
    }

    [Fact]
    public void Published_rows_of_another_breakdown_than_the_rebuilt_ones_are_refused()
    {
        var published = PublishedReport.From(ByAgency) with { By = Breakdown.Field };

        var compare = () => ReportComparison.Compare(published, ByAgency);

        compare.Should().Throw<ArgumentException>().WithMessage("*by field*by agency*");
    }

    [Fact]
    public void Comparisons_and_published_reports_built_twice_are_equal_with_equal_hash_codes()
    {
        var first = ReportComparison.Compare(new PublishedReport(Breakdown.Agency, Hue, [new PublishedRow("C", Hue)]), ByAgency);
        var second = ReportComparison.Compare(new PublishedReport(Breakdown.Agency, Hue, [new PublishedRow("C", Hue)]), ByAgency);

        second.Should().Be(first);
        second.GetHashCode().Should().Be(first.GetHashCode());
        PublishedReport.From(ByAgency).Should().Be(PublishedReport.From(ByAgency));
        PublishedReport.From(ByAgency).GetHashCode().Should().Be(PublishedReport.From(ByAgency).GetHashCode());
        Hue.With(PublishedCell.CarriedOver, 0).Should().NotBe(Hue);
        Hue.With(PublishedCell.CarriedOver, 0).With(PublishedCell.CarriedOver, null).Should().Be(Hue);
    }

    [Fact]
    public void A_published_count_must_be_zero_or_more()
    {
        var negative = () => PublishedCells.Empty.With(PublishedCell.Withdrawn, -1);

        negative.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void The_combined_early_and_on_time_cell_has_its_own_JSON_name()
    {
        PublishedCells.NameOf(PublishedCell.ResolvedEarlyOnTime).Should().Be("resolved_early_on_time");
        PublishedCells.TryParseName("pending_total", out var cell).Should().BeTrue();
        cell.Should().Be(PublishedCell.PendingTotal);
        PublishedCells.TryParseName("pending", out _).Should().BeFalse();
    }
}
