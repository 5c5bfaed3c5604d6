namespace ParLedger.Statistics;

/// <summary>
/// A computed report broke the identity <c>received_total = resolved_total + withdrawn + pending_total</c>.
/// This is a bug in ParLedger, not a data problem: computed reports always satisfy it.
/// </summary>
public sealed class StatisticsIdentityException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What broke, naming the row.</param>
    public StatisticsIdentityException(string message) : base(message)
    {
    }
}
