namespace ParLedger.Periods;

/// <summary>The kinds of named reporting period (<i>thời gian chốt số liệu</i>, Nghị định 09/2019/NĐ-CP Điều 12).</summary>
public enum PeriodKind
{
    /// <summary>A month, text form <c>2022-M06</c>: the 15th of the previous month to the 14th.</summary>
    Month,

    /// <summary>A quarter, text form <c>2022-Q1</c>.</summary>
    Quarter,

    /// <summary>A half year, text form <c>2022-H1</c>: 15/12 of the previous year to 14/6, or 15/6 to 14/12.</summary>
    HalfYear,

    /// <summary>Nine months, text form <c>2022-9M</c>: 15/12 of the previous year to 14/9.</summary>
    NineMonths,

    /// <summary>A year, text form <c>2022</c>: 15/12 of the previous year to 14/12.</summary>
    Year,
}
