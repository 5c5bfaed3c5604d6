using NodaTime;

namespace ParLedger.Statistics;

/// <summary>A satisfaction rating given by the applicant (<c>rated</c>).</summary>
/// <param name="At">When it was given.</param>
/// <param name="Satisfied">Whether the applicant was satisfied.</param>
public readonly record struct Rating(Instant At, bool Satisfied);
