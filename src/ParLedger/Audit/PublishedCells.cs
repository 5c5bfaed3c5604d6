using System.Collections.Immutable;
using ParLedger.Statistics;

namespace ParLedger.Audit;

/// <summary>
/// The cells one row of a published table states: each <see cref="PublishedCell"/> has a count, or none when the table
/// left it empty or had no such column (<i>không công bố</i>: not published, so not compared). Immutable, with value
/// equality; build with <see cref="Empty"/> and <see cref="With"/>, or <see cref="From"/> for a whole report row.
/// </summary>
public sealed class PublishedCells : IEquatable<PublishedCells>
{
    private static readonly string[] Names =
    [
        "carried_over", "received_online", "received_direct", "received_postal", "received_direct_postal", "received_total",
        "resolved_early", "resolved_on_time", "resolved_early_on_time", "resolved_late", "resolved_total", "withdrawn",
        "pending_within", "pending_overdue", "pending_total",
    ];

    private readonly ImmutableArray<long?> values;

    private PublishedCells(ImmutableArray<long?> values) => this.values = values;

    /// <summary>Every published cell, in declaration (report JSON) order.</summary>
    public static IReadOnlyList<PublishedCell> All { get; } = Enum.GetValues<PublishedCell>();

    /// <summary>
    /// The columns of the template (<i>Biểu số 06</i>) and its <i>Rút hồ sơ</i> extension: a row that leaves one of them
    /// out has it listed as not published. The SPEC §7 split of direct and postal and the combined early-and-on-time
    /// figure are compared when given and never listed as missing.
    /// </summary>
    public static IReadOnlyList<PublishedCell> TemplateColumns { get; } =
        [.. All.Where(c => c is not (PublishedCell.ReceivedDirect or PublishedCell.ReceivedPostal or PublishedCell.ResolvedEarlyOnTime))];

    /// <summary>A row that states nothing.</summary>
    public static PublishedCells Empty { get; } = new([.. new long?[Names.Length]]);

    /// <summary>The count stated for a cell, or <see langword="null"/> when it was not published.</summary>
    /// <param name="cell">The cell.</param>
    public long? this[PublishedCell cell] => values[Index(cell)];

    /// <summary>The cells this row states, in declaration order.</summary>
    public IEnumerable<PublishedCell> Stated => All.Where(c => values[(int)c] is not null);

    /// <summary>Whether the row states no cell at all.</summary>
    public bool IsEmpty => values.All(v => v is null);

    /// <summary>Every cell of a computed row, as the report JSON states them (all but the combined early-and-on-time figure).</summary>
    /// <param name="cells">The computed cells.</param>
    /// <returns>The published form.</returns>
    public static PublishedCells From(StatisticsCells cells)
    {
        var result = Empty;
        foreach (var cell in All.Where(c => c != PublishedCell.ResolvedEarlyOnTime))
        {
            result = result.With(cell, ValueIn(cell, cells));
        }

        return result;
    }

    /// <summary>A copy stating <paramref name="count"/> for <paramref name="cell"/> (or, with <see langword="null"/>, not publishing it).</summary>
    /// <param name="cell">The cell.</param>
    /// <param name="count">The count, 0 to <see cref="ReportJson.MaxCount"/>, or <see langword="null"/>.</param>
    /// <returns>The new row.</returns>
    public PublishedCells With(PublishedCell cell, long? count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count ?? 0, nameof(count));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count ?? 0, ReportJson.MaxCount, nameof(count));
        return new(values.SetItem(Index(cell), count));
    }

    /// <summary>The value of a published cell in a computed row, e.g. <c>resolved_early_on_time</c> = early + on time.</summary>
    /// <param name="cell">The cell.</param>
    /// <param name="cells">The computed row.</param>
    /// <returns>Its count.</returns>
    public static long ValueIn(PublishedCell cell, StatisticsCells cells) => cell switch
    {
        PublishedCell.CarriedOver => cells.CarriedOver,
        PublishedCell.ReceivedOnline => cells.ReceivedOnline,
        PublishedCell.ReceivedDirect => cells.ReceivedDirect,
        PublishedCell.ReceivedPostal => cells.ReceivedPostal,
        PublishedCell.ReceivedDirectPostal => cells.ReceivedDirectPostal,
        PublishedCell.ReceivedTotal => cells.ReceivedTotal,
        PublishedCell.ResolvedEarly => cells.ResolvedEarly,
        PublishedCell.ResolvedOnTime => cells.ResolvedOnTime,
        PublishedCell.ResolvedEarlyOnTime => cells.ResolvedEarly + cells.ResolvedOnTime,
        PublishedCell.ResolvedLate => cells.ResolvedLate,
        PublishedCell.ResolvedTotal => cells.ResolvedTotal,
        PublishedCell.Withdrawn => cells.Withdrawn,
        PublishedCell.PendingWithin => cells.PendingWithin,
        PublishedCell.PendingOverdue => cells.PendingOverdue,
        PublishedCell.PendingTotal => cells.PendingTotal,
        _ => throw new ArgumentOutOfRangeException(nameof(cell), cell, "Unknown published cell."),
    };

    /// <summary>The JSON name of a published cell (SPEC §7), e.g. <c>resolved_late</c>; <c>resolved_early_on_time</c> for the combined figure.</summary>
    /// <param name="cell">The cell.</param>
    /// <returns>Its name.</returns>
    public static string NameOf(PublishedCell cell) => Names[Index(cell)];

    /// <summary>Parses a JSON name of <see cref="NameOf"/> (ordinal).</summary>
    /// <param name="name">The name.</param>
    /// <param name="cell">The cell.</param>
    /// <returns>Whether the name is one.</returns>
    public static bool TryParseName(string? name, out PublishedCell cell)
    {
        var index = Array.IndexOf(Names, name);
        cell = (PublishedCell)Math.Max(index, 0);
        return index >= 0;
    }

    /// <inheritdoc/>
    public bool Equals(PublishedCells? other) => other is not null && values.AsSpan().SequenceEqual(other.values.AsSpan());

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as PublishedCells);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var value in values)
        {
            hash.Add(value);
        }

        return hash.ToHashCode();
    }

    /// <summary>The stated cells as <c>name=count</c>, for messages and test output.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Join(", ", Stated.Select(c => $"{NameOf(c)}={values[(int)c]}"));

    private static int Index(PublishedCell cell) =>
        (uint)cell < (uint)Names.Length ? (int)cell : throw new ArgumentOutOfRangeException(nameof(cell), cell, "Unknown published cell.");
}
