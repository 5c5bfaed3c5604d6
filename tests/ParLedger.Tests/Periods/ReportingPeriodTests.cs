using NodaTime;
using ParLedger.Periods;

namespace ParLedger.Tests.Periods;

public class ReportingPeriodTests
{
    [Theory]
    [InlineData("2022-M01", "2021-12-15", "2022-01-14")]
    [InlineData("2022-M06", "2022-05-15", "2022-06-14")]
    [InlineData("2022-M12", "2022-11-15", "2022-12-14")]
    [InlineData("2022-Q1", "2021-12-15", "2022-03-14")]
    [InlineData("2022-Q2", "2022-03-15", "2022-06-14")]
    [InlineData("2022-Q3", "2022-06-15", "2022-09-14")]
    [InlineData("2022-Q4", "2022-09-15", "2022-12-14")]
    [InlineData("2022-H1", "2021-12-15", "2022-06-14")]
    [InlineData("2022-H2", "2022-06-15", "2022-12-14")]
    [InlineData("2022-9M", "2021-12-15", "2022-09-14")]
    [InlineData("2022", "2021-12-15", "2022-12-14")]
    [InlineData("2024-M03", "2024-02-15", "2024-03-14")]
    public void Every_period_form_parses_formats_back_and_maps_to_its_window(string text, string from, string to)
    {
        var period = ReportingPeriod.Parse(text);

        period.ToString().Should().Be(text);
        period.ToWindow().Should().Be(new ReportingWindow(LocalDate.FromDateTime(DateTime.Parse(from)), LocalDate.FromDateTime(DateTime.Parse(to))));
    }

    [Theory]
    [InlineData("2022-M13")]
    [InlineData("2022-M00")]
    [InlineData("2022-M6")]
    [InlineData("2022-Q5")]
    [InlineData("2022-H3")]
    [InlineData("2022-h1")]
    [InlineData("22-H1")]
    [InlineData("2022-10M")]
    [InlineData("")]
    public void Malformed_periods_are_refused_with_the_expected_forms(string text)
    {
        var act = () => ReportingPeriod.Parse(text);

        act.Should().Throw<FormatException>().WithMessage($"'{text}' is not a reporting period*2022-M06*2022-9M*");
    }

    [Fact]
    public void A_window_is_half_open_from_its_first_date_at_midnight_to_the_day_after_its_last_date()
    {
        var window = new ReportingWindow(new LocalDate(2022, 3, 1), new LocalDate(2022, 3, 1));

        window.Start.Should().Be(Instant.FromUtc(2022, 2, 28, 17, 0));
        window.End.Should().Be(Instant.FromUtc(2022, 3, 1, 17, 0));
        window.Contains(window.Start).Should().BeTrue();
        window.Contains(window.End - Duration.Epsilon).Should().BeTrue();
        window.Contains(window.End).Should().BeFalse();
    }

    [Fact]
    public void A_window_whose_first_date_is_after_its_last_is_refused()
    {
        var act = () => new ReportingWindow(new LocalDate(2022, 6, 15), new LocalDate(2022, 6, 14));

        act.Should().Throw<ArgumentException>().WithMessage("*2022-06-15*2022-06-14*");
    }
}
