using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ParLedger.Calendar;
using Spectre.Console;

namespace ParLedger.Cli.Formats;

/// <summary>The <c>calendar</c> command's formats (SPEC §8).</summary>
internal static class CalendarFormats
{
    public static string Json(WorkingCalendar calendar, int year)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteNumber("year", year);
            w.WriteStartArray("days_off");
            foreach (var day in calendar.DaysOff(year))
            {
                w.WriteStartObject();
                w.WriteString("date", day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                w.WriteString("name", day.Name);
                w.WriteString("source", day.Source == DayOffSource.Official ? "official" : "computed");
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("working_saturdays");
            foreach (var saturday in calendar.WorkingSaturdays(year))
            {
                w.WriteStringValue(saturday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }

            w.WriteEndArray();
            w.WriteStartArray("sources");
            foreach (var source in calendar.SourcesOf(year))
            {
                w.WriteStringValue(source);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string Table(WorkingCalendar calendar, int year)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"Lịch làm việc năm {year}");
        table.AddColumn("Ngày");
        table.AddColumn("Thứ");
        table.AddColumn("Tên");
        table.AddColumn("Nguồn");
        foreach (var day in calendar.DaysOff(year))
        {
            table.AddRow(Display.Date(day.Date), Weekday(day.Date.DayOfWeek), Markup.Escape(day.Name), day.Source == DayOffSource.Official ? "official" : "computed");
        }

        foreach (var saturday in calendar.WorkingSaturdays(year))
        {
            table.AddRow(Display.Date(saturday), Weekday(saturday.DayOfWeek), "Làm việc (làm bù)", "official");
        }

        var sources = calendar.SourcesOf(year);
        table.Caption(sources.Count == 0 ? "Computed from the Labour Code 2019 (Art. 111–112) and the lunar calendar: no official schedule for this year." : "Sources: " + Markup.Escape(string.Join("; ", sources)));
        return ReportTable.Render(table);
    }

    /// <summary>
    /// The note for stderr when a result rests on the computed fallback, e.g.
    /// <c>parledger: note: 2020 has no official schedule; its days off are computed (Labour Code Art. 112).</c>;
    /// <see langword="null"/> when every year is official.
    /// </summary>
    public static string? ComputedNote(IReadOnlyList<int> years) => years.Count switch
    {
        0 => null,
        1 => $"parledger: note: {years[0]} has no official schedule; its days off are computed (Labour Code Art. 112).",
        _ => $"parledger: note: {string.Join(", ", years)} have no official schedule; their days off are computed (Labour Code Art. 112).",
    };

    private static string Weekday(NodaTime.IsoDayOfWeek day) => day switch
    {
        NodaTime.IsoDayOfWeek.Monday => "Thứ Hai",
        NodaTime.IsoDayOfWeek.Tuesday => "Thứ Ba",
        NodaTime.IsoDayOfWeek.Wednesday => "Thứ Tư",
        NodaTime.IsoDayOfWeek.Thursday => "Thứ Năm",
        NodaTime.IsoDayOfWeek.Friday => "Thứ Sáu",
        NodaTime.IsoDayOfWeek.Saturday => "Thứ Bảy",
        _ => "Chủ nhật",
    };
}
