namespace ParLedger.Lifecycle;

/// <summary>The lifecycle rules of SPEC §2, numbered as there. The list is exhaustive.</summary>
public enum LifecycleRule
{
    /// <summary>Rule 1: the first event of the history is <c>received</c>, and there is exactly one.</summary>
    ReceivedFirstAndOnce = 1,

    /// <summary>Rule 2: <c>recorded</c> is not earlier than <c>at</c>; a <c>due</c> is not earlier than its event's <c>at</c>.</summary>
    InstantsNotBeforeAt = 2,

    /// <summary>Rule 3: at most one terminal event; after it only <c>result_returned</c>, <c>fee_paid</c>, <c>digitized</c>, <c>rated</c>.</summary>
    SingleTerminal = 3,

    /// <summary>Rule 4: stops of the clock open one at a time and close with their own kind.</summary>
    ClockStops = 4,

    /// <summary>Rule 5: <c>overdue</c> only before the terminal event.</summary>
    OverdueBeforeTerminal = 5,

    /// <summary>Rule 6: <c>result_returned</c> only after <c>resolved</c>, at most once; <c>rated</c> only after the terminal event.</summary>
    AfterTerminalOnly = 6,
}
