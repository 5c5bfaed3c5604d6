namespace ParLedger.Marten;

/// <summary>How far an import has got, reported as it runs.</summary>
/// <param name="Phase">What it is doing: <c>reading</c> the file, <c>checking</c> dossiers against the store, <c>writing</c>.</param>
/// <param name="Done">Lines read (reading) or dossiers checked (checking); 0 while writing.</param>
public readonly record struct ImportProgress(string Phase, long Done);
