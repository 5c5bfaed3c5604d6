using System.Text.Json.Serialization;
using NodaTime;

namespace ParLedger.Events;

/// <summary>
/// One fact in a dossier's history (SPEC §2). Every event has a business instant <see cref="At"/> and a
/// recording instant <see cref="Recorded"/> (when the source system learned it; defaults to <see cref="At"/>,
/// never earlier). A dossier's history is its events in business order: by <see cref="At"/>, then in the order
/// they were appended.
/// </summary>
public abstract record DossierEvent
{
    private readonly Instant? _recorded;

    /// <summary>Initialises the business instant.</summary>
    /// <param name="at">When the fact happened.</param>
    protected DossierEvent(Instant at) => At = at;

    /// <summary>The business instant: when the fact happened.</summary>
    public Instant At { get; init; }

    /// <summary>When the source system learned of the fact; defaults to <see cref="At"/>.</summary>
    /// <remarks>A recording instant equal to <see cref="At"/> is kept as the default, so equality does not depend on whether it was given.</remarks>
    public Instant Recorded
    {
        get => _recorded ?? At;
        init => _recorded = value == At ? null : value;
    }

    /// <summary>The SPEC §2 type name of the event (<c>received</c>, <c>transferred</c>, …).</summary>
    [JsonIgnore]
    public abstract string TypeName { get; }

    /// <summary>
    /// Whether this event is the same fact as <paramref name="other"/> for idempotent import (SPEC §6):
    /// same type, same <see cref="At"/> and fields, defaults filled in; <see cref="Recorded"/> is not compared.
    /// </summary>
    /// <param name="other">The event to compare with.</param>
    /// <returns><see langword="true"/> when both describe the same fact.</returns>
    public bool IsSameFactAs(DossierEvent other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return GetType() == other.GetType() && this with { Recorded = Instant.MinValue } == other with { Recorded = Instant.MinValue };
    }
}
