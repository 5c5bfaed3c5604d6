using ParLedger.Periods;

namespace ParLedger.Tests.Periods;

public class ReportingPeriodRangeTests
{
    [Theory]
    [InlineData("2022-M01..2022-M04", "2022-M01 2022-M02 2022-M03 2022-M04")]
    [InlineData("2021-M11..2022-M02", "2021-M11 2021-M12 2022-M01 2022-M02")]
    [InlineData("2021-Q3..2022-Q2", "2021-Q3 2021-Q4 2022-Q1 2022-Q2")]
    [InlineData("2020-H2..2022-H1", "2020-H2 2021-H1 2021-H2 2022-H1")]
    [InlineData("2021-9M..2023-9M", "2021-9M 2022-9M 2023-9M")]
    [InlineData("2019..2022", "2019 2020 2021 2022")]
    [InlineData("2022-M03..2022-M03", "2022-M03")]
    [InlineData("2199-M11..2199-M12", "2199-M11 2199-M12")]
    [InlineData("1901..1902", "1901 1902")]
    public void A_range_holds_both_ends_and_every_period_of_their_kind_between_them_in_order(string text, string expected)
    {
        var range = ReportingPeriodRange.Parse(text);

        var periods = expected.Split(' ');
        range.Periods.Select(p => p.ToString()).Should().Equal(periods);
        range.Count.Should().Be(periods.Length);
        range.First.ToString().Should().Be(periods[0]);
        range.Last.ToString().Should().Be(periods[^1]);
        range.ToString().Should().Be(text);
        ReportingPeriodRange.TryParse(text, out var tried).Should().BeTrue();
        tried.Should().Be(range);
    }

    [Fact]
    public void Twelve_months_across_a_year_boundary_have_windows_that_tile_the_dates_without_gap_or_overlap()
    {
        var windows = ReportingPeriodRange.Parse("2021-M07..2022-M06").Periods.Select(p => p.ToWindow()).ToList();

        windows.Should().HaveCount(12);
        windows[0].From.Should().Be(new NodaTime.LocalDate(2021, 6, 15));
        windows[^1].To.Should().Be(new NodaTime.LocalDate(2022, 6, 14));
        windows.Zip(windows.Skip(1)).Should().OnlyContain(pair => pair.First.To.PlusDays(1) == pair.Second.From);
    }

    [Fact]
    public void The_range_of_every_month_of_the_supported_years_counts_each_month_once()
    {
        var range = ReportingPeriodRange.Parse("1901-M01..2199-M12");

        range.Count.Should().Be((2199 - 1901 + 1) * 12);
        range.Periods.Should().HaveCount(range.Count).And.OnlyHaveUniqueItems();
    }

    [Theory]
    [InlineData("2022-M01..2022-Q4", "'2022-M01..2022-Q4': the ends of a range of periods must be of one kind: 2022-M01 is a month, 2022-Q4 a quarter.")]
    [InlineData("2022..2022-9M", "'2022..2022-9M': the ends of a range of periods must be of one kind: 2022 is a year, 2022-9M a nine-month period.")]
    [InlineData("2022-M06..2022-M01", "'2022-M06..2022-M01': the first period of a range (2022-M06) must not be after its last (2022-M01).")]
    [InlineData("2023-H1..2022-H2", "'2023-H1..2022-H2': the first period of a range (2023-H1) must not be after its last (2022-H2).")]
    [InlineData("2022-M13..2023-M01", "'2022-M13..2023-M01': '2022-M13' is not a reporting period: expected*")]
    [InlineData("2022-M01..2200-M01", "'2022-M01..2200-M01': '2200-M01' is not a reporting period: expected*years 1901–2199.")]
    [InlineData("2022-M01", "'2022-M01': not a range of reporting periods: expected FIRST..LAST*")]
    [InlineData("2022-M01...2022-M03", "'2022-M01...2022-M03': '.2022-M03' is not a reporting period*")]
    [InlineData("2022-M01..2022-M02..2022-M03", "'2022-M01..2022-M02..2022-M03': not a range of reporting periods*")]
    [InlineData("2022-M01 .. 2022-M03", "'2022-M01 .. 2022-M03': '2022-M01 ' is not a reporting period*")]
    [InlineData("..", "'..': '' is not a reporting period*")]
    [InlineData("", "'': not a range of reporting periods*")]
    public void A_malformed_range_is_refused_with_its_text_and_the_problem(string text, string message)
    {
        var act = () => ReportingPeriodRange.Parse(text);

        act.Should().Throw<FormatException>().WithMessage(message);
        ReportingPeriodRange.TryParse(text, out _).Should().BeFalse();
    }

    [Fact]
    public void The_constructor_refuses_mixed_kinds_and_reversed_ends()
    {
        var mixed = () => new ReportingPeriodRange(ReportingPeriod.HalfYear(2022, 1), ReportingPeriod.Quarter(2022, 4));
        var reversed = () => new ReportingPeriodRange(ReportingPeriod.WholeYear(2022), ReportingPeriod.WholeYear(2021));

        mixed.Should().Throw<ArgumentException>().WithMessage("*2022-H1 is a half year, 2022-Q4 a quarter*");
        reversed.Should().Throw<ArgumentException>().WithMessage("*(2022) must not be after its last (2021)*");
    }

    [Theory]
    [InlineData("2021-M12", "2022-M01")]
    [InlineData("2022-M01", "2022-M02")]
    [InlineData("2022-Q4", "2023-Q1")]
    [InlineData("2022-H1", "2022-H2")]
    [InlineData("2022-H2", "2023-H1")]
    [InlineData("2022-9M", "2023-9M")]
    [InlineData("2022", "2023")]
    public void A_periods_successor_is_the_next_of_its_kind(string period, string next)
    {
        ReportingPeriod.Parse(period).Next().Should().Be(ReportingPeriod.Parse(next));
    }

    [Fact]
    public void The_last_period_of_the_latest_year_has_no_successor()
    {
        var act = () => ReportingPeriod.Parse("2199-Q4").Next();

        act.Should().Throw<InvalidOperationException>().WithMessage("2199-Q4 has no successor*2199*");
    }
}
