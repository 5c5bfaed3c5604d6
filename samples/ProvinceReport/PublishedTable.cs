using ParLedger.Periods;

namespace ProvinceReport;

/// <summary>
/// A published statistics table to reproduce: Đồng Tháp, first half of 2022 (report "Công tác cải cách hành chính
/// 6 tháng đầu năm 2022", data 15/12/2021–14/6/2022; seed document 003 in shared/seeds).
/// </summary>
public sealed record PublishedTable(
    string Province,
    ReportingWindow Window,
    long CarriedOver,
    long ReceivedOnline,
    long ReceivedDirectPostal,
    long ResolvedEarly,
    long ResolvedOnTime,
    long ResolvedLate,
    long PendingWithin,
    long PendingOverdue)
{
    public static PublishedTable DongThap2022H1 { get; } = new(
        "Đồng Tháp",
        ReportingPeriod.Parse("2022-H1").ToWindow(),
        CarriedOver: 14_070,
        ReceivedOnline: 60_705,
        ReceivedDirectPostal: 260_670,
        ResolvedEarly: 265_055,
        ResolvedOnTime: 34_539,
        ResolvedLate: 6_139,
        PendingWithin: 27_781,
        PendingOverdue: 1_931);
}
