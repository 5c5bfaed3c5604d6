using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ParLedger.Codes;
using ParLedger.Events;

namespace ParLedger.Interchange;

/// <summary>
/// Writes the event interchange format (SPEC §6): one JSON object per line, snake_case fields, instants with the
/// +07:00 offset, defaults written out, <c>recorded</c> only when it differs from <c>at</c>. An event the reader would
/// refuse (a code or text over <see cref="JsonlHistoryReader"/>'s limits, a code with a control character) is not
/// written: export then import must give back every event.
/// </summary>
public static class JsonlHistoryWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Formats one event as a line (without the line break).</summary>
    /// <param name="dossier">The dossier's code.</param>
    /// <param name="e">The event.</param>
    /// <returns>The JSON line.</returns>
    /// <exception cref="ArgumentException">A code or text of the event is one the interchange format does not accept.</exception>
    public static string FormatLine(DossierCode dossier, DossierEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        using var buffer = new MemoryStream(256);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("dossier", Code(dossier, "dossier", dossier.Value));
            w.WriteString("type", e.TypeName);
            w.WriteString("at", InstantText.Format(e.At));
            if (e.Recorded != e.At)
            {
                w.WriteString("recorded", InstantText.Format(e.Recorded));
            }

            WriteFields(w, dossier, e);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Writes events as lines.</summary>
    /// <param name="writer">The output.</param>
    /// <param name="events">The events with their dossiers.</param>
    /// <returns>The number of lines written.</returns>
    /// <exception cref="ArgumentException">A code or text of an event is one the interchange format does not accept.</exception>
    public static long Write(TextWriter writer, IEnumerable<(DossierCode Dossier, DossierEvent Event)> events)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(events);
        long count = 0;
        foreach (var (dossier, e) in events)
        {
            writer.Write(FormatLine(dossier, e));
            writer.Write('\n');
            count++;
        }

        return count;
    }

    private static void WriteFields(Utf8JsonWriter w, DossierCode dossier, DossierEvent e)
    {
        switch (e)
        {
            case DossierReceived r:
                w.WriteString("agency", Code(dossier, "agency", r.Agency.Value));
                w.WriteString("procedure", Code(dossier, "procedure", r.Procedure.Value));
                if (r.Field is not null)
                {
                    w.WriteString("field", FreeText(dossier, "field", r.Field));
                }

                w.WriteString("level", Text.Of(r.Level));
                w.WriteString("channel", Text.Of(r.Channel));
                w.WriteString("due", InstantText.Format(r.Due));
                w.WriteBoolean("fee_required", r.FeeRequired);
                break;
            case DossierTransferred t:
                w.WriteString("to", Code(dossier, "to", t.To.Value));
                if (t.From is { } from)
                {
                    w.WriteString("from", Code(dossier, "from", from.Value));
                }

                break;
            case ClockStopOpened o:
                WriteOptional(w, dossier, "reason", o.Reason);
                break;
            case ClockStopClosed c:
                if (c.Due is { } due)
                {
                    w.WriteString("due", InstantText.Format(due));
                }

                break;
            case DossierResolved r:
                w.WriteString("outcome", Text.Of(r.Outcome));
                w.WriteBoolean("electronic_result", r.ElectronicResult);
                break;
            case DossierStopped s:
                WriteOptional(w, dossier, "reason", s.Reason);
                break;
            case DossierWithdrawn wd:
                WriteOptional(w, dossier, "reason", wd.Reason);
                break;
            case DossierOverdue o:
                if (o.RescheduledDue is { } rescheduled)
                {
                    w.WriteString("rescheduled_due", InstantText.Format(rescheduled));
                }

                if (o.Responsible is { } responsible)
                {
                    w.WriteString("responsible", Code(dossier, "responsible", responsible.Value));
                }

                break;
            case FeePaid f:
                w.WriteBoolean("online", f.Online);
                break;
            case DossierDigitized d:
                w.WriteBoolean("reused", d.Reused);
                break;
            case DossierRated rated:
                w.WriteBoolean("satisfied", rated.Satisfied);
                break;
        }
    }

    private static void WriteOptional(Utf8JsonWriter w, DossierCode dossier, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, FreeText(dossier, name, value));
        }
    }

    private static string Code(DossierCode dossier, string name, string value) =>
        HistoryLineParser.CodeProblem(value) is { } problem
            ? throw Unwritable(dossier, name, problem)
            : Limited(dossier, name, value, JsonlHistoryReader.MaxCodeLength);

    private static string FreeText(DossierCode dossier, string name, string value) => Limited(dossier, name, value, JsonlHistoryReader.MaxTextLength);

    private static string Limited(DossierCode dossier, string name, string value, int limit) =>
        value.Length <= limit
            ? value
            : throw Unwritable(dossier, name, string.Create(CultureInfo.InvariantCulture, $"is {value.Length:N0} characters long; the format accepts at most {limit:N0}"));

    private static ArgumentException Unwritable(DossierCode dossier, string name, string problem) =>
        new($"dossier {dossier.Value}: field '{name}' {problem}: the interchange format cannot carry it.");
}
