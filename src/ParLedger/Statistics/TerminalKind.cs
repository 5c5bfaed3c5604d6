namespace ParLedger.Statistics;

/// <summary>The terminal event that ended a dossier's processing.</summary>
public enum TerminalKind
{
    /// <summary><c>resolved</c>, approved or refused (<i>đã giải quyết</i>).</summary>
    Resolved,

    /// <summary><c>stopped</c> (<i>dừng giải quyết</i>); counted with the resolved dossiers.</summary>
    Stopped,

    /// <summary><c>withdrawn</c> (<i>rút hồ sơ</i>).</summary>
    Withdrawn,
}
