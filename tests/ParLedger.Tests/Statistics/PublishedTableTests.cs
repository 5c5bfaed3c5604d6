using ParLedger.Replay;
using ParLedger.Statistics;
using ProvinceReport;

namespace ParLedger.Tests.Statistics;

public class PublishedTableTests
{
    [Fact]
    public void The_replay_path_reproduces_Dong_Thap_2022_H1_cell_for_cell_from_a_synthetic_history()
    {
        var published = PublishedTable.DongThap2022H1;
        var facts = HistoryReplay.Fold(SyntheticHistory.Generate(published));

        var total = PeriodStatistics.Compute(facts, published.Window, ReportPolicy.Default).Total;

        // The published figures of seed document 003 (Đồng Tháp, 15/12/2021–14/6/2022).
        total.CarriedOver.Should().Be(14_070);
        total.ReceivedOnline.Should().Be(60_705);
        total.ReceivedDirectPostal.Should().Be(260_670);
        total.ReceivedTotal.Should().Be(335_445);
        total.ResolvedEarly.Should().Be(265_055);
        total.ResolvedOnTime.Should().Be(34_539);
        total.ResolvedLate.Should().Be(6_139);
        total.ResolvedTotal.Should().Be(305_733);
        total.Withdrawn.Should().Be(0);
        total.PendingWithin.Should().Be(27_781);
        total.PendingOverdue.Should().Be(1_931);
        total.PendingTotal.Should().Be(29_712);
    }
}
