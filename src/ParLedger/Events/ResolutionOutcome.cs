namespace ParLedger.Events;

/// <summary>The outcome of a resolved dossier.</summary>
public enum ResolutionOutcome
{
    /// <summary><c>approved</c>: the request was granted.</summary>
    Approved,

    /// <summary><c>refused</c>: the request was refused (<i>từ chối</i>); still counted as resolved.</summary>
    Refused,
}
