namespace ParLedger.Events;

/// <summary>The SPEC §2 type names of the dossier events, as used in the interchange format and in the event store.</summary>
public static class EventTypes
{
    /// <summary>Every event type, by name, with its CLR type.</summary>
    public static IReadOnlyDictionary<string, Type> ByName { get; } = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        ["received"] = typeof(DossierReceived),
        ["transferred"] = typeof(DossierTransferred),
        ["supplement_requested"] = typeof(SupplementRequested),
        ["supplement_received"] = typeof(SupplementReceived),
        ["paused"] = typeof(DossierPaused),
        ["resumed"] = typeof(DossierResumed),
        ["resolved"] = typeof(DossierResolved),
        ["stopped"] = typeof(DossierStopped),
        ["withdrawn"] = typeof(DossierWithdrawn),
        ["overdue"] = typeof(DossierOverdue),
        ["result_returned"] = typeof(ResultReturned),
        ["fee_paid"] = typeof(FeePaid),
        ["digitized"] = typeof(DossierDigitized),
        ["rated"] = typeof(DossierRated),
    };

    /// <summary>Every event type name, in SPEC §2 order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. ByName.Keys];
}
