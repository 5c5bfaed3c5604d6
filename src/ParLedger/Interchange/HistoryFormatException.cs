namespace ParLedger.Interchange;

/// <summary>
/// Bad input in a history file: the message names the file, the line, the dossier (when known) and the problem,
/// as <c>file:line: dossier CODE: problem</c>.
/// </summary>
public sealed class HistoryFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="source">The file name.</param>
    /// <param name="lineNumber">The 1-based line number.</param>
    /// <param name="dossier">The dossier code, when the line names one.</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public HistoryFormatException(string source, int lineNumber, string? dossier, string problem, Exception? inner = null)
        : base(Describe(source, lineNumber, dossier, problem), inner)
    {
        File = source;
        LineNumber = lineNumber;
        Dossier = dossier;
        Problem = problem;
    }

    /// <summary>The error for a line whose event breaks a lifecycle rule in its dossier's history.</summary>
    /// <param name="source">The file name.</param>
    /// <param name="lineNumber">The line of the offending event.</param>
    /// <param name="violation">The broken rule.</param>
    /// <returns>The exception, naming file, line, dossier, event and rule.</returns>
    public static HistoryFormatException FromViolation(string source, int lineNumber, Lifecycle.LifecycleViolation violation)
    {
        ArgumentNullException.ThrowIfNull(violation);
        return new HistoryFormatException(source, lineNumber, violation.Dossier.Value, violation.Detail, new Lifecycle.LifecycleViolationException(violation));
    }

    /// <summary>The file name.</summary>
    public string File { get; }

    /// <summary>The 1-based line number.</summary>
    public int LineNumber { get; }

    /// <summary>The dossier code, when known.</summary>
    public string? Dossier { get; }

    /// <summary>What is wrong.</summary>
    public string Problem { get; }

    private static string Describe(string source, int line, string? dossier, string problem) =>
        dossier is null ? $"{source}:{line}: {problem}" : $"{source}:{line}: dossier {dossier}: {problem}";
}
