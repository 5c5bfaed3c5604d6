namespace ParLedger.Calendar;

/// <summary>Where a day off comes from.</summary>
public enum DayOffSource
{
    /// <summary>An official yearly schedule (announcement of the Ministry of Labour or the Government Office), loaded as data.</summary>
    Official,

    /// <summary>Computed from the Labour Code 2019 (Art. 111–112) and the lunar calendar, for years without an official schedule.</summary>
    Computed,
}
