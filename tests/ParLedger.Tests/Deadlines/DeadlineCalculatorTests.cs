using NodaTime;
using ParLedger.Calendar;
using ParLedger.Deadlines;

namespace ParLedger.Tests.Deadlines;

public class DeadlineCalculatorTests
{
    private static readonly DeadlineCalculator Calculator = new();

    private static Instant Local(int year, int month, int day, int hour, int minute = 0) =>
        VietnamTime.ToInstant(new LocalDateTime(year, month, day, hour, minute));

    [Fact]
    public void Working_days_skip_Tet_and_weekends_and_end_at_the_close_of_office_hours() =>
        // Received Wednesday 7/2/2024; 8–14/2 is the Tết break; 15, 16, 19 are the three working days.
        Calculator.DueAfterWorkingDays(Local(2024, 2, 7, 10), 3).Should().Be(Local(2024, 2, 19, 17));

    [Fact]
    public void A_receipt_after_the_procedure_cut_off_counts_from_the_next_working_day()
    {
        var friday1600 = Local(2024, 3, 1, 16);

        Calculator.DueAfterWorkingDays(friday1600, 2).Should().Be(Local(2024, 3, 5, 17));
        Calculator.DueAfterWorkingDays(friday1600, 2, new LocalTime(15, 0)).Should().Be(Local(2024, 3, 6, 17));
        Calculator.DueAfterWorkingDays(Local(2024, 3, 1, 15), 2, new LocalTime(15, 0)).Should().Be(Local(2024, 3, 5, 17), "15:00 itself is not after the cut-off");
    }

    [Fact]
    public void A_swapped_Saturday_is_a_working_day() =>
        // Received Friday 3/5/2024: Saturday 4/5 is worked (swapped with Monday 29/4).
        Calculator.DueAfterWorkingDays(Local(2024, 5, 3, 9), 1).Should().Be(Local(2024, 5, 4, 17));

    [Fact]
    public void Working_hours_are_counted_within_office_hours()
    {
        // Friday 16:00: one hour on Friday, four on Monday morning, three on Monday afternoon.
        Calculator.DueAfterWorkingHours(Local(2024, 3, 1, 16), 8).Should().Be(Local(2024, 3, 4, 16, 30));
        // Received during the lunch break: counting starts at 13:30.
        Calculator.DueAfterWorkingHours(Local(2024, 3, 4, 12), 2).Should().Be(Local(2024, 3, 4, 15, 30));
        // Exactly the morning: due at 11:30.
        Calculator.DueAfterWorkingHours(Local(2024, 3, 4, 7, 30), 4).Should().Be(Local(2024, 3, 4, 11, 30));
    }

    [Fact]
    public void Office_hours_are_configurable_and_validated()
    {
        var calculator = new DeadlineCalculator(officeHours: new OfficeHours([(new LocalTime(8, 0), new LocalTime(12, 0)), (new LocalTime(13, 0), new LocalTime(17, 30))]));

        calculator.DueAfterWorkingDays(Local(2024, 3, 4, 9), 1).Should().Be(Local(2024, 3, 5, 17, 30));
        var act = () => new OfficeHours([(new LocalTime(13, 0), new LocalTime(12, 0))]);
        act.Should().Throw<ArgumentException>().WithMessage("*period 1 (13:00–12:00)*");
    }
    [Fact]
    public void A_calculator_counts_on_the_working_calendar_it_is_given()
    {
        // A calendar whose only schedule gives Tuesday 5/3/2024 off: one working day from Monday 4/3 ends on Wednesday 6/3.
        var calendar = new WorkingCalendar(WorkingCalendar.ParseSchedules(
            """{"year":2024,"sources":["test"],"days_off":[{"date":"2024-03-05","name":"Test"}],"working_saturdays":[]}""", "test.json"));
        var calculator = new DeadlineCalculator(calendar);

        calculator.Calendar.Should().BeSameAs(calendar);
        calculator.DueAfterWorkingDays(Local(2024, 3, 4, 9), 1).Should().Be(Local(2024, 3, 6, 17));
        Calculator.DueAfterWorkingDays(Local(2024, 3, 4, 9), 1).Should().Be(Local(2024, 3, 5, 17), "the default calendar works on 5/3/2024");
    }

    [Fact]
    public void A_processing_time_of_zero_days_or_hours_is_refused()
    {
        FluentActions.Invoking(() => Calculator.DueAfterWorkingDays(Local(2024, 3, 4, 9), 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("days");
        FluentActions.Invoking(() => Calculator.DueAfterWorkingHours(Local(2024, 3, 4, 9), 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("hours");
        FluentActions.Invoking(() => Calculator.DueAfterWorkingDays(Local(2024, 3, 4, 9), -1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("days");
    }
}
