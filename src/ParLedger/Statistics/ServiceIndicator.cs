namespace ParLedger.Statistics;

/// <summary>The indicators of the national public-service index (Quyết định 766/QĐ-TTg) ParLedger computes (SPEC §5).</summary>
public enum ServiceIndicator
{
    /// <summary>2.1: dossiers handled on time (early or on time resolved, pending within), except those asked for supplements twice or more.</summary>
    OnTime,

    /// <summary>3.3: new dossiers submitted online (threshold 50%).</summary>
    OnlineSubmission,

    /// <summary>3.6: new fee-bearing dossiers paid online.</summary>
    OnlinePayment,

    /// <summary>4.1: resolved dossiers with an electronic result.</summary>
    ElectronicResult,

    /// <summary>4.2: resolved dossiers with an electronic result that were digitised (threshold 80%).</summary>
    Digitisation,

    /// <summary>4.3: new dossiers reusing digitised data (threshold 80%).</summary>
    Reuse,

    /// <summary>5.4: handled dossiers not late, not overdue and not rated unsatisfied (threshold 90%).</summary>
    Satisfaction,
}
