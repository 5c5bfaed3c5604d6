using NodaTime;
using ParLedger.Calendar;

namespace ParLedger.Tests.Calendar;

/// <summary>
/// Issue 9: the official schedules shipped with the library. The expected dates are written from the Government's
/// yearly notices (the sources each file names), not read from the shipped data.
/// </summary>
public class ShippedSchedulesTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Default;

    [Fact]
    public void Issue9_official_schedules_ship_for_2019_and_2021_to_2026_and_not_for_2020()
    {
        Calendar.OfficialYears.Should().Equal(2019, 2021, 2022, 2023, 2024, 2025, 2026);
        Calendar.HasOfficialSchedule(2020).Should().BeFalse("no primary text for 2020 could be established");
        Calendar.HasOfficialSchedule(2027).Should().BeFalse();
        Calendar.DaysOff(2020).Should().OnlyContain(d => d.Source == DayOffSource.Computed);
        foreach (var year in new[] { 2019, 2021, 2022, 2023, 2024, 2025, 2026 })
        {
            Calendar.HasOfficialSchedule(year).Should().BeTrue();
            Calendar.DaysOff(year).Should().OnlyContain(d => d.Source == DayOffSource.Official, $"{year} is official");
        }
    }

    [Theory]
    [InlineData(2019, "6519/VPCP-KGVX")]
    [InlineData(2021, "9895/VPCP-KGVX")]
    [InlineData(2022, "245/VPCP-KGVX")]
    [InlineData(2023, "8056/VPCP-KGVX")]
    [InlineData(2024, "5015/TB-LĐTBXH")]
    [InlineData(2025, "6150/TB-LĐTBXH")]
    [InlineData(2026, "9441/TB-BNV")]
    public void Issue9_each_shipped_year_names_the_notice_it_rests_on(int year, string notice) =>
        Calendar.SourcesOf(year).Should().Contain(s => s.Contains(notice, StringComparison.Ordinal));

    [Theory]
    // 2019 (Công văn 6519/VPCP-KGVX; Labour Code 2012: one day for Quốc khánh): 29/4 swapped with Saturday 4/5, 31/12/2018 with Saturday 5/1.
    [InlineData("2019-01-05", true)]
    [InlineData("2019-02-04", false)]
    [InlineData("2019-02-08", false)]
    [InlineData("2019-04-15", false)]
    [InlineData("2019-04-29", false)]
    [InlineData("2019-05-04", true)]
    [InlineData("2019-09-02", false)]
    [InlineData("2019-09-03", true)]
    // 2021 (Công văn 9895/VPCP-KGVX): Tết 10–16/02, 1/5 (Saturday) compensated on Monday 3/5, Quốc khánh 2–3/9.
    [InlineData("2021-02-10", false)]
    [InlineData("2021-02-16", false)]
    [InlineData("2021-02-17", true)]
    [InlineData("2021-05-03", false)]
    [InlineData("2021-09-03", false)]
    [InlineData("2021-09-06", true)]
    // 2022 (Công văn 245/VPCP-KGVX): Tết 31/01–04/02, Quốc khánh 1/9 and 2/9 (the day before, not 3/9: no compensation on 5/9).
    [InlineData("2022-01-03", false)]
    [InlineData("2022-01-31", false)]
    [InlineData("2022-02-04", false)]
    [InlineData("2022-02-07", true)]
    [InlineData("2022-04-11", false)]
    [InlineData("2022-05-03", false)]
    [InlineData("2022-09-01", false)]
    [InlineData("2022-09-02", false)]
    [InlineData("2022-09-05", true)]
    // 2025 (Thông báo 6150/TB-LĐTBXH): Tết 27–31/01, 2/5 swapped with Saturday 26/4, Quốc khánh 1–2/9.
    [InlineData("2025-01-27", false)]
    [InlineData("2025-01-31", false)]
    [InlineData("2025-02-03", true)]
    [InlineData("2025-04-07", false)]
    [InlineData("2025-04-26", true)]
    [InlineData("2025-05-02", false)]
    [InlineData("2025-09-01", false)]
    [InlineData("2025-09-02", false)]
    [InlineData("2025-09-03", true)]
    // 2026 (Thông báo 9441/TB-BNV, Công văn 12729/VPCP-KGVX): 2/1 swapped with Saturday 10/1, Tết 16–20/02, Giỗ Tổ
    // 26/4 (Sunday) compensated on 27/4, 31/8 swapped with Saturday 22/8, Quốc khánh 1–2/9; 24/11 is not enacted.
    [InlineData("2026-01-02", false)]
    [InlineData("2026-01-10", true)]
    [InlineData("2026-02-16", false)]
    [InlineData("2026-02-20", false)]
    [InlineData("2026-02-23", true)]
    [InlineData("2026-04-27", false)]
    [InlineData("2026-08-22", true)]
    [InlineData("2026-08-31", false)]
    [InlineData("2026-09-01", false)]
    [InlineData("2026-09-03", true)]
    [InlineData("2026-11-24", true)]
    public void Issue9_the_shipped_schedules_give_the_official_working_days(string date, bool working) =>
        Calendar.IsWorkingDay(D(date)).Should().Be(working);

    [Fact]
    public void Issue9_the_shipped_schedules_list_the_official_days_off_of_2022_2025_and_2026()
    {
        Weekdays(2022, 9).Should().Equal(D("2022-09-01"), D("2022-09-02"));
        Weekdays(2025, 9).Should().Equal(D("2025-09-01"), D("2025-09-02"));
        Weekdays(2026, 2).Should().Equal(D("2026-02-16"), D("2026-02-17"), D("2026-02-18"), D("2026-02-19"), D("2026-02-20"));
        Calendar.WorkingSaturdays(2026).Should().Equal(D("2026-01-10"), D("2026-08-22"));
        Calendar.WorkingSaturdays(2025).Should().Equal(D("2025-04-26"));
        Calendar.WorkingSaturdays(2019).Should().Equal(D("2019-01-05"), D("2019-05-04"));
    }

    [Theory]
    // The notices give five Tết days, then the compensatory days after them (SPEC: the names are data too).
    [InlineData("2023-01-20", "Tết Nguyên đán (29 tháng Chạp)")]
    [InlineData("2023-01-24", "Tết Nguyên đán")]
    [InlineData("2023-01-25", "Tết Nguyên đán (nghỉ bù)")]
    [InlineData("2023-01-26", "Tết Nguyên đán (nghỉ bù)")]
    [InlineData("2024-02-08", "Tết Nguyên đán (29 tháng Chạp)")]
    [InlineData("2024-02-12", "Tết Nguyên đán")]
    [InlineData("2024-02-13", "Tết Nguyên đán (nghỉ bù)")]
    [InlineData("2024-02-14", "Tết Nguyên đán (nghỉ bù)")]
    public void Issue9_the_Tet_days_of_2023_and_2024_are_named_as_the_notices_name_them(string date, string name) =>
        Calendar.DaysOff(D(date).Year).Single(d => d.Date == D(date)).Name.Should().Be(name);

    [Fact]
    public void Issue9_the_years_a_span_crosses_without_an_official_schedule_are_those_that_rest_on_the_computed_fallback()
    {
        Calendar.YearsWithoutOfficialSchedule(D("2024-02-07"), D("2024-02-19")).Should().BeEmpty();
        Calendar.YearsWithoutOfficialSchedule(D("2019-12-30"), D("2021-01-04")).Should().Equal(2020);
        Calendar.YearsWithoutOfficialSchedule(D("2028-01-03"), D("2026-12-28")).Should().Equal(2027, 2028);
        Calendar.WithSchedules(WorkingCalendar.ParseSchedules("""{"year":2020,"days_off":[]}""", "mine.json"))
            .YearsWithoutOfficialSchedule(D("2019-12-30"), D("2021-01-04")).Should().BeEmpty();
    }

    private static IEnumerable<LocalDate> Weekdays(int year, int month) =>
        Calendar.DaysOff(year).Where(d => d.Date.Month == month && d.Date.DayOfWeek < IsoDayOfWeek.Saturday).Select(d => d.Date);

    private static LocalDate D(string text) => NodaTime.Text.LocalDatePattern.Iso.Parse(text).Value;
}
