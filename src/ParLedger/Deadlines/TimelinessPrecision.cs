namespace ParLedger.Deadlines;

/// <summary>The policy <c>precision</c> of SPEC §3: how finely a finish is compared with its due.</summary>
public enum TimelinessPrecision
{
    /// <summary>
    /// <c>day</c> (default): compare local dates. Early iff <c>date(f) &lt; date(ED)</c>, on time iff equal, late iff after.
    /// A pending dossier is overdue iff <c>date(ED)</c> is before the window's last date.
    /// </summary>
    Day,

    /// <summary>
    /// <c>instant</c>: late iff <c>f &gt; ED</c>; otherwise early iff <c>date(f) &lt; date(ED)</c>, else on time.
    /// A pending dossier is overdue iff <c>ED</c> is before the window's end instant.
    /// </summary>
    Instant,
}
