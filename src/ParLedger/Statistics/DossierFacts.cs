using System.Collections.Immutable;
using NodaTime;
using ParLedger.Codes;
using ParLedger.Deadlines;
using ParLedger.Events;
using ParLedger.Periods;

namespace ParLedger.Statistics;

/// <summary>
/// What the window rules need to know about one dossier, folded once from its history in business order:
/// receipt, terminal instant and kind, timeliness under both precisions, and the deadline segments that decide
/// overdue-at-end for any window end (SPEC §3–§5). Every statistic is a function of these facts and a window,
/// so a report for any window needs no event replay. Immutable; two facts are equal when every property is
/// (segments and ratings compared element by element, in order).
/// </summary>
public sealed record DossierFacts
{
    /// <summary>The dossier's code.</summary>
    public required DossierCode Code { get; init; }

    /// <summary>The competent agency of <c>received</c> (the <c>agency</c> breakdown key).</summary>
    public required AgencyCode Agency { get; init; }

    /// <summary>The agency holding the dossier after its last transfer (for accountability).</summary>
    public required AgencyCode HoldingAgency { get; init; }

    /// <summary>The administrative level.</summary>
    public required AdministrativeLevel Level { get; init; }

    /// <summary>The field (<i>lĩnh vực</i>); empty when the dossier has none.</summary>
    public required string Field { get; init; }

    /// <summary>The procedure (TTHC code).</summary>
    public required ProcedureCode Procedure { get; init; }

    /// <summary>The receipt channel.</summary>
    public required ReceiptChannel Channel { get; init; }

    /// <summary>Whether fees are payable.</summary>
    public required bool FeeRequired { get; init; }

    /// <summary>The received instant <c>r</c>.</summary>
    public required Instant ReceivedAt { get; init; }

    /// <summary>The terminal event's kind, if the dossier has one.</summary>
    public TerminalKind? Terminal { get; init; }

    /// <summary>The terminal instant <c>f</c>, if any.</summary>
    public Instant? TerminalAt { get; init; }

    /// <summary>Timeliness under <c>day</c> of a resolved or stopped dossier (also computed for withdrawn ones).</summary>
    public Timeliness? TimelinessByDay { get; init; }

    /// <summary>Timeliness under <c>instant</c> of a resolved or stopped dossier (also computed for withdrawn ones).</summary>
    public Timeliness? TimelinessByInstant { get; init; }

    /// <summary>Whether the terminal <c>resolved</c> issued an electronic result.</summary>
    public bool ElectronicResult { get; init; }

    /// <summary>The deadline segments before the terminal event, in business order; the first starts at <see cref="ReceivedAt"/>.</summary>
    public required ImmutableArray<DueSegment> Segments { get; init; }

    /// <summary>The instant of the second <c>supplement_requested</c> event, if there are two or more.</summary>
    public Instant? SecondSupplementRequestAt { get; init; }

    /// <summary>The instant of the first <c>fee_paid</c> with <c>online: true</c>, if any.</summary>
    public Instant? FirstOnlineFeePaidAt { get; init; }

    /// <summary>The instant of the first <c>digitized</c> event, if any.</summary>
    public Instant? FirstDigitizedAt { get; init; }

    /// <summary>The instant of the first <c>digitized</c> event with <c>reused: true</c>, if any.</summary>
    public Instant? FirstReuseDigitizedAt { get; init; }

    /// <summary>The instant of the first <c>overdue</c> event, if any.</summary>
    public Instant? FirstOverdueNoticeAt { get; init; }

    /// <summary>The ratings, in business order.</summary>
    public ImmutableArray<Rating> Ratings { get; init; } = ImmutableArray<Rating>.Empty;

    /// <summary>The agencies that held the dossier, in business order: the competent agency from receipt, then each transfer's.</summary>
    public ImmutableArray<Holding> Holdings { get; init; } = ImmutableArray<Holding>.Empty;

    /// <summary>
    /// The agency responsible (<i>cơ quan chịu trách nhiệm</i>) named by the first <c>overdue</c> event: its
    /// <c>responsible</c>, or by default the agency holding the dossier at that event (SPEC §2); none without one.
    /// </summary>
    public AgencyCode? FirstOverdueResponsible { get; init; }

    /// <summary>The agency holding the dossier at an instant: the last holding begun at or before it (the receiving agency before receipt).</summary>
    /// <param name="at">The instant.</param>
    /// <returns>The agency.</returns>
    public AgencyCode HolderAt(Instant at)
    {
        var holder = Agency;
        foreach (var holding in Holdings)
        {
            if (holding.From <= at)
            {
                holder = holding.Agency;
            }
        }

        return holder;
    }

    /// <summary>Whether two facts have equal properties, the segments and ratings compared element by element in order.</summary>
    /// <param name="other">The other facts.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(DossierFacts? other) =>
        other is not null
        && Code == other.Code
        && Agency == other.Agency
        && HoldingAgency == other.HoldingAgency
        && Level == other.Level
        && string.Equals(Field, other.Field, StringComparison.Ordinal)
        && Procedure == other.Procedure
        && Channel == other.Channel
        && FeeRequired == other.FeeRequired
        && ReceivedAt == other.ReceivedAt
        && Terminal == other.Terminal
        && TerminalAt == other.TerminalAt
        && TimelinessByDay == other.TimelinessByDay
        && TimelinessByInstant == other.TimelinessByInstant
        && ElectronicResult == other.ElectronicResult
        && Segments.AsSpan().SequenceEqual(other.Segments.AsSpan())
        && SecondSupplementRequestAt == other.SecondSupplementRequestAt
        && FirstOnlineFeePaidAt == other.FirstOnlineFeePaidAt
        && FirstDigitizedAt == other.FirstDigitizedAt
        && FirstReuseDigitizedAt == other.FirstReuseDigitizedAt
        && FirstOverdueNoticeAt == other.FirstOverdueNoticeAt
        && Ratings.AsSpan().SequenceEqual(other.Ratings.AsSpan())
        && Holdings.AsSpan().SequenceEqual(other.Holdings.AsSpan())
        && FirstOverdueResponsible == other.FirstOverdueResponsible;

    /// <summary>A hash code over the same contents as <see cref="Equals(DossierFacts?)"/>.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Code);
        hash.Add(Agency);
        hash.Add(HoldingAgency);
        hash.Add(Level);
        hash.Add(Field, StringComparer.Ordinal);
        hash.Add(Procedure);
        hash.Add(Channel);
        hash.Add(FeeRequired);
        hash.Add(ReceivedAt);
        hash.Add(Terminal);
        hash.Add(TerminalAt);
        hash.Add(TimelinessByDay);
        hash.Add(TimelinessByInstant);
        hash.Add(ElectronicResult);
        foreach (var segment in Segments.AsSpan())
        {
            hash.Add(segment);
        }

        hash.Add(SecondSupplementRequestAt);
        hash.Add(FirstOnlineFeePaidAt);
        hash.Add(FirstDigitizedAt);
        hash.Add(FirstReuseDigitizedAt);
        hash.Add(FirstOverdueNoticeAt);
        hash.Add(FirstOverdueResponsible);
        foreach (var holding in Holdings.AsSpan())
        {
            hash.Add(holding);
        }

        foreach (var rating in Ratings.AsSpan())
        {
            hash.Add(rating);
        }

        return hash.ToHashCode();
    }

    /// <summary>The timeliness under a precision, if the dossier is finished.</summary>
    /// <param name="precision">The precision.</param>
    /// <returns>The timeliness, or <see langword="null"/> when the dossier has no terminal event.</returns>
    public Timeliness? TimelinessFor(TimelinessPrecision precision) =>
        precision == TimelinessPrecision.Day ? TimelinessByDay : TimelinessByInstant;

    /// <summary>
    /// Folds a dossier's history (in business order) into its facts. The history is read leniently, as an
    /// as-of view is (SPEC §4): a stop opened while one is open, and a closing with no matching open stop, are skipped;
    /// events before <c>received</c> are ignored. A fully validated history folds the same way.
    /// </summary>
    /// <param name="code">The dossier's code.</param>
    /// <param name="history">Its events in business order.</param>
    /// <returns>The facts, or <see langword="null"/> when the history has no <c>received</c> event.</returns>
    public static DossierFacts? FromHistory(DossierCode code, IEnumerable<DossierEvent> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var fold = new DossierFold();
        foreach (var e in history)
        {
            fold.Apply(e);
        }

        return fold.ToFacts(code);
    }

    /// <summary>
    /// Folds a dossier's history as known at a recording instant (SPEC §4): only the events with <c>recorded &lt;= asOf</c>,
    /// in business order; stop events that rule 4 would refuse in that filtered history are skipped by the fold itself.
    /// </summary>
    /// <param name="code">The dossier's code.</param>
    /// <param name="history">All its events in business order.</param>
    /// <param name="asOf">The recording instant, or <see langword="null"/> for all events.</param>
    /// <returns>The facts, or <see langword="null"/> when the dossier does not exist at <paramref name="asOf"/>.</returns>
    public static DossierFacts? FromHistory(DossierCode code, IEnumerable<DossierEvent> history, Instant? asOf) =>
        FromHistory(code, asOf is { } t ? history.Where(e => e.Recorded <= t) : history);
}
