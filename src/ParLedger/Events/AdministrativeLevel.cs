namespace ParLedger.Events;

/// <summary>The administrative level that handles a dossier (<i>cấp</i>). There is no district level from 1/7/2025.</summary>
public enum AdministrativeLevel
{
    /// <summary><c>province</c>: provincial level (<i>cấp tỉnh</i>).</summary>
    Province,

    /// <summary><c>district</c>: district level (<i>cấp huyện</i>).</summary>
    District,

    /// <summary><c>commune</c>: commune level (<i>cấp xã</i>).</summary>
    Commune,
}
