using ParLedger.Verdicts;

namespace ParLedger.Tests.Verdicts;

/// <summary>The public contracts of the verdict sums and deltas: argument checks, default sums and value equality.</summary>
public class VerdictContractTests
{
    [Fact]
    public void The_verdicts_of_no_facts_are_refused()
    {
        FluentActions.Invoking(() => DossierVerdicts.Of(null!)).Should().Throw<ArgumentNullException>().WithParameterName("facts");
    }

    [Fact]
    public void Sums_need_exactly_one_count_per_cell()
    {
        FluentActions.Invoking(() => new VerdictSums(new long[VerdictSums.CellCount + 1])).Should().Throw<ArgumentException>().WithParameterName("counts");
        FluentActions.Invoking(() => new VerdictSums([])).Should().Throw<ArgumentException>().WithParameterName("counts");
        FluentActions.Invoking(() => new VerdictSums(new long[VerdictSums.CellCount])).Should().NotThrow();
    }

    [Fact]
    public void Default_sums_read_zero_in_every_cell_and_equal_sums_of_zeros()
    {
        var zeros = new VerdictSums(new long[VerdictSums.CellCount]);

        foreach (var cell in Enum.GetValues<VerdictCell>())
        {
            default(VerdictSums)[cell].Should().Be(0);
        }

        default(VerdictSums).Should().Be(zeros);
        default(VerdictSums).GetHashCode().Should().Be(zeros.GetHashCode());
    }

    [Fact]
    public void Sums_are_equal_when_every_count_is_and_differ_when_any_one_does()
    {
        var counts = Enumerable.Range(1, VerdictSums.CellCount).Select(i => (long)i).ToArray();
        var a = new VerdictSums(counts);
        var b = new VerdictSums([.. counts]);

        (a == b).Should().BeTrue();
        a.GetHashCode().Should().Be(b.GetHashCode());
        for (var i = 0; i < VerdictSums.CellCount; i++)
        {
            var other = (long[])counts.Clone();
            other[i]++;
            (a == new VerdictSums(other)).Should().BeFalse($"cell {(VerdictCell)i} differs");
            a[(VerdictCell)i].Should().Be(i + 1);
        }

        (a == default).Should().BeFalse();
        a.GetHashCode().Should().NotBe(default(VerdictSums).GetHashCode(), "the hash covers the counts");
    }
}
