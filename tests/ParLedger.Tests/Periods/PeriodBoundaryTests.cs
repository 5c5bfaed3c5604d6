using NodaTime;
using ParLedger.Periods;

namespace ParLedger.Tests.Periods;

/// <summary>
/// The limits of named periods and windows (SPEC §1): years 1901–2199, month 1–12, quarter 1–4, half 1–2, and window dates
/// 1900-01-01 .. 2199-12-31, each accepted exactly at the limit and refused one step beyond it.
/// </summary>
public class PeriodBoundaryTests
{
    [Theory]
    [InlineData("1901", "1900-12-15", "1901-12-14")]
    [InlineData("2199", "2198-12-15", "2199-12-14")]
    [InlineData("1901-M01", "1900-12-15", "1901-01-14")]
    [InlineData("2199-M12", "2199-11-15", "2199-12-14")]
    public void The_first_and_last_years_parse(string text, string from, string to)
    {
        ReportingPeriod.TryParse(text, out var period).Should().BeTrue();
        period.ToString().Should().Be(text);
        period.ToWindow().Should().Be(new ReportingWindow(LocalDate.FromDateTime(DateTime.Parse(from)), LocalDate.FromDateTime(DateTime.Parse(to))));
    }

    [Theory]
    [InlineData("1900")]
    [InlineData("2200")]
    [InlineData("1900-Q4")]
    [InlineData("2200-M01")]
    [InlineData(null)]
    public void A_year_beyond_the_limits_or_no_text_does_not_parse(string? text)
    {
        ReportingPeriod.TryParse(text, out var period).Should().BeFalse();
        period.Should().Be(default(ReportingPeriod));
    }

    [Fact]
    public void Parsing_no_text_is_an_argument_error_not_a_format_error() =>
        FluentActions.Invoking(() => ReportingPeriod.Parse(null!)).Should().Throw<ArgumentNullException>().WithParameterName("text");

    [Fact]
    public void The_factories_accept_exactly_the_numbers_of_their_kind()
    {
        ReportingPeriod.Month(2022, 1).ToString().Should().Be("2022-M01");
        ReportingPeriod.Month(2022, 12).ToString().Should().Be("2022-M12");
        ReportingPeriod.Quarter(2022, 4).ToString().Should().Be("2022-Q4");
        ReportingPeriod.HalfYear(2022, 2).ToString().Should().Be("2022-H2");
        ReportingPeriod.NineMonths(1901).ToString().Should().Be("1901-9M");
        ReportingPeriod.WholeYear(2199).ToString().Should().Be("2199");

        FluentActions.Invoking(() => ReportingPeriod.Month(2022, 0)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => ReportingPeriod.Month(2022, 13)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => ReportingPeriod.Quarter(2022, 5)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => ReportingPeriod.HalfYear(2022, 0)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => ReportingPeriod.HalfYear(2022, 3)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => ReportingPeriod.WholeYear(1900)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => ReportingPeriod.WholeYear(2200)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => ReportingPeriod.NineMonths(2200)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Theory]
    [InlineData("2022-M11", "2022-M12")]
    [InlineData("2022-M12", "2023-M01")]
    [InlineData("2022-Q3", "2022-Q4")]
    [InlineData("2022-Q4", "2023-Q1")]
    [InlineData("2022-H1", "2022-H2")]
    [InlineData("2022-H2", "2023-H1")]
    [InlineData("2022-9M", "2023-9M")]
    [InlineData("2022", "2023")]
    [InlineData("2198", "2199")]
    [InlineData("2199-M11", "2199-M12")]
    public void The_next_period_follows_in_its_kind(string period, string next) =>
        ReportingPeriod.Parse(period).Next().ToString().Should().Be(next);

    [Theory]
    [InlineData("2199")]
    [InlineData("2199-M12")]
    [InlineData("2199-9M")]
    public void The_last_period_of_the_last_year_has_no_successor(string period) =>
        FluentActions.Invoking(() => ReportingPeriod.Parse(period).Next()).Should().Throw<InvalidOperationException>().WithMessage($"{period} has no successor*2199*");

    [Fact]
    public void A_window_accepts_exactly_the_dates_from_1900_01_01_to_2199_12_31()
    {
        var earliest = new LocalDate(1900, 1, 1);
        var latest = new LocalDate(2199, 12, 31);

        new ReportingWindow(earliest, latest).ToString().Should().Be("1900-01-01..2199-12-31");
        new ReportingWindow(earliest, earliest).To.Should().Be(earliest);
        new ReportingWindow(latest, latest).From.Should().Be(latest);

        FluentActions.Invoking(() => new ReportingWindow(earliest.PlusDays(-1), latest)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("from");
        FluentActions.Invoking(() => new ReportingWindow(latest.PlusDays(1), latest.PlusDays(1))).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("from");
        FluentActions.Invoking(() => new ReportingWindow(earliest, latest.PlusDays(1))).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("to");
        FluentActions.Invoking(() => new ReportingWindow(earliest, earliest.PlusDays(-1))).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("to");
    }

    [Fact]
    public void A_window_contains_its_start_and_not_its_end_nor_the_instant_before_its_start()
    {
        var window = new ReportingWindow(new LocalDate(2022, 6, 1), new LocalDate(2022, 6, 30));

        window.Start.Should().Be(Instant.FromUtc(2022, 5, 31, 17, 0));
        window.End.Should().Be(Instant.FromUtc(2022, 6, 30, 17, 0));
        window.Contains(window.Start).Should().BeTrue();
        window.Contains(window.Start - Duration.Epsilon).Should().BeFalse();
        window.Contains(window.End - Duration.Epsilon).Should().BeTrue();
        window.Contains(window.End).Should().BeFalse();
    }
}
