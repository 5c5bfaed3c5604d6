namespace ParLedger.Deadlines;

/// <summary>How a finished dossier compares with its effective due (SPEC §3).</summary>
public enum Timeliness
{
    /// <summary><i>Trước hạn</i>: finished before the due.</summary>
    Early,

    /// <summary><i>Đúng hạn</i>: finished on the due.</summary>
    OnTime,

    /// <summary><i>Quá hạn</i>: finished after the due.</summary>
    Late,
}
