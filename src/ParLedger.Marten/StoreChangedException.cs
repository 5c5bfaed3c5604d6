namespace ParLedger.Marten;

/// <summary>The store changed while an import was being written (another clerk or import appended); nothing was stored. Run the import again.</summary>
public sealed class StoreChangedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="inner">The store's error.</param>
    public StoreChangedException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
