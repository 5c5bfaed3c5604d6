namespace ParLedger.Statistics;

/// <summary>The breakdowns (<c>--by</c>) a report can have rows for (SPEC §4).</summary>
public enum Breakdown
{
    /// <summary><c>agency</c>: the competent agency of <c>received</c>.</summary>
    Agency,

    /// <summary><c>level</c>: <c>province</c>, <c>district</c>, <c>commune</c>.</summary>
    Level,

    /// <summary><c>field</c>: the <i>lĩnh vực</i>; a dossier without one falls under the key <c>""</c>.</summary>
    Field,

    /// <summary><c>procedure</c>: the TTHC code.</summary>
    Procedure,

    /// <summary><c>channel</c>: <c>online</c>, <c>direct</c>, <c>postal</c>.</summary>
    Channel,
}
