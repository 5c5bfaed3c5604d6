using System.Collections.Immutable;
using NodaTime;
using ParLedger.Codes;
using ParLedger.Deadlines;
using ParLedger.Events;
using ParLedger.Interchange;
using ParLedger.Replay;
using ParLedger.Statistics;
using ParLedger.Testing;

namespace ParLedger.Tests.Statistics;

/// <summary>Issue 9: reports and facts hold immutable arrays, yet compare by their contents.</summary>
public class ValueEqualityTests
{
    private static string GoldenWithRows => File.ReadAllText(Path.Combine(ConformanceCase.Directory, "h1-2022.by-agency.json"));

    [Fact]
    public void Issue9_two_reports_read_from_the_same_JSON_with_rows_are_equal_with_equal_hash_codes()
    {
        var a = ReportJson.Parse(GoldenWithRows);
        var b = ReportJson.Parse(GoldenWithRows);

        a.Rows.Should().NotBeEmpty("the case must have rows to compare");
        (a == b).Should().BeTrue();
        a.Equals((object)b).Should().BeTrue();
        a.GetHashCode().Should().Be(b.GetHashCode());
    }

    [Fact]
    public void Issue9_reports_differing_in_one_cell_of_one_row_are_unequal()
    {
        var a = ReportJson.Parse(GoldenWithRows);
        var last = a.Rows[^1];
        var b = a with { Rows = a.Rows.SetItem(a.Rows.Length - 1, last with { Cells = last.Cells with { PendingOverdue = last.Cells.PendingOverdue + 1 } }) };

        (a == b).Should().BeFalse();
        (a != b).Should().BeTrue();
        (a == (a with { Rows = a.Rows.RemoveAt(0) })).Should().BeFalse("a missing row makes a different report");
        (a == (a with { Rows = [.. a.Rows.Reverse()] })).Should().BeFalse("rows are compared in order");
    }

    [Fact]
    public void Issue9_facts_folded_twice_from_the_same_history_are_equal_with_equal_hash_codes()
    {
        var first = HistoryReplay.Fold(JsonlHistoryReader.ReadFile(ConformanceCase.HistoryPath));
        var second = HistoryReplay.Fold(JsonlHistoryReader.ReadFile(ConformanceCase.HistoryPath));

        first.Should().Contain(f => f.Segments.Length > 1 && f.Ratings.Length > 0, "the history has dossiers with stops and ratings");
        first.Should().HaveSameCount(second);
        for (var i = 0; i < first.Count; i++)
        {
            (first[i] == second[i]).Should().BeTrue(first[i].Code.Value);
            first[i].GetHashCode().Should().Be(second[i].GetHashCode(), first[i].Code.Value);
        }
    }

    [Fact]
    public void Issue9_facts_differing_in_any_one_property_are_unequal()
    {
        var at = Instant.FromUtc(2022, 3, 1, 2, 0);
        var facts = new DossierFacts
        {
            Code = new DossierCode("EQ-1"),
            Agency = new AgencyCode("H57.07"),
            HoldingAgency = new AgencyCode("H57.07"),
            Level = AdministrativeLevel.Commune,
            Field = "Hộ tịch",
            Procedure = new ProcedureCode("1.001234"),
            Channel = ReceiptChannel.Online,
            FeeRequired = false,
            ReceivedAt = at,
            Segments = [new DueSegment(at, false, at + Duration.FromDays(3), false, false), new DueSegment(at + Duration.FromDays(1), true, at + Duration.FromDays(3), false, false)],
            Ratings = [new Rating(at + Duration.FromDays(2), true)],
        };
        var later = at + Duration.FromDays(2);
        var changes = new Dictionary<string, Func<DossierFacts, DossierFacts>>
        {
            [nameof(DossierFacts.Code)] = f => f with { Code = new DossierCode("EQ-2") },
            [nameof(DossierFacts.Agency)] = f => f with { Agency = new AgencyCode("H57.08") },
            [nameof(DossierFacts.HoldingAgency)] = f => f with { HoldingAgency = new AgencyCode("H57.08") },
            [nameof(DossierFacts.Level)] = f => f with { Level = AdministrativeLevel.Province },
            [nameof(DossierFacts.Field)] = f => f with { Field = "Đất đai" },
            [nameof(DossierFacts.Procedure)] = f => f with { Procedure = new ProcedureCode("1.001235") },
            [nameof(DossierFacts.Channel)] = f => f with { Channel = ReceiptChannel.Postal },
            [nameof(DossierFacts.FeeRequired)] = f => f with { FeeRequired = true },
            [nameof(DossierFacts.ReceivedAt)] = f => f with { ReceivedAt = later },
            [nameof(DossierFacts.Terminal)] = f => f with { Terminal = TerminalKind.Withdrawn },
            [nameof(DossierFacts.TerminalAt)] = f => f with { TerminalAt = later },
            [nameof(DossierFacts.TimelinessByDay)] = f => f with { TimelinessByDay = Timeliness.Late },
            [nameof(DossierFacts.TimelinessByInstant)] = f => f with { TimelinessByInstant = Timeliness.Late },
            [nameof(DossierFacts.ElectronicResult)] = f => f with { ElectronicResult = true },
            [nameof(DossierFacts.Segments)] = f => f with { Segments = f.Segments.SetItem(1, f.Segments[1] with { OverdueAtStopByDay = true }) },
            [nameof(DossierFacts.SecondSupplementRequestAt)] = f => f with { SecondSupplementRequestAt = later },
            [nameof(DossierFacts.FirstOnlineFeePaidAt)] = f => f with { FirstOnlineFeePaidAt = later },
            [nameof(DossierFacts.FirstDigitizedAt)] = f => f with { FirstDigitizedAt = later },
            [nameof(DossierFacts.FirstReuseDigitizedAt)] = f => f with { FirstReuseDigitizedAt = later },
            [nameof(DossierFacts.FirstOverdueNoticeAt)] = f => f with { FirstOverdueNoticeAt = later },
            [nameof(DossierFacts.Ratings)] = f => f with { Ratings = [new Rating(later, false)] },
            [nameof(DossierFacts.Holdings)] = f => f with { Holdings = f.Holdings.Add(new Holding(later, new AgencyCode("H57.09"))) },
            [nameof(DossierFacts.FirstOverdueResponsible)] = f => f with { FirstOverdueResponsible = new AgencyCode("H57.09") },
        };

        changes.Keys.Should().BeEquivalentTo(typeof(DossierFacts).GetProperties().Where(p => p.GetIndexParameters().Length == 0).Select(p => p.Name),
            "every property must take part in equality (add new ones here)");
        var copy = facts with { Segments = [.. facts.Segments], Ratings = [.. facts.Ratings], Holdings = [.. facts.Holdings] };
        (copy == facts).Should().BeTrue("a copy with new arrays of the same elements is equal");
        copy.GetHashCode().Should().Be(facts.GetHashCode());
        foreach (var (name, change) in changes)
        {
            (change(facts) == facts).Should().BeFalse($"facts differing in {name} must be unequal");
        }
    }
}
