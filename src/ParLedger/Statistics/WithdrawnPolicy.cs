namespace ParLedger.Statistics;

/// <summary>The policy <c>withdrawn</c> of SPEC §4: where withdrawn dossiers are counted.</summary>
public enum WithdrawnPolicy
{
    /// <summary><c>separate</c> (default): in the extension column <c>withdrawn</c> (<i>Rút hồ sơ</i>).</summary>
    Separate,

    /// <summary><c>resolved-on-time</c>: counted as resolved on time, as some one-stop systems do; <c>withdrawn</c> is then 0.</summary>
    ResolvedOnTime,
}
