using ParLedger.Codes;

namespace ParLedger.Marten;

/// <summary>
/// Another clerk changed the dossier since it was read: the append was refused and nothing was stored.
/// Reload the dossier and decide again.
/// </summary>
public sealed class DossierConcurrencyException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="dossier">The dossier.</param>
    /// <param name="expectedVersion">The version the append was based on.</param>
    /// <param name="inner">The store's error.</param>
    public DossierConcurrencyException(DossierCode dossier, long expectedVersion, Exception? inner = null)
        : base($"Dossier {dossier} was changed by someone else since version {expectedVersion} was read; nothing was stored. Reload it and try again.", inner)
    {
        Dossier = dossier;
        ExpectedVersion = expectedVersion;
    }

    /// <summary>The dossier.</summary>
    public DossierCode Dossier { get; }

    /// <summary>The version the refused append was based on.</summary>
    public long ExpectedVersion { get; }
}
