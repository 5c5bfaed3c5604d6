using static ParLedger.Tests.BoundaryHistories;

namespace ParLedger.Tests.Statistics;

/// <summary>
/// SPEC §5 at the window's end: an event is "in time" when <c>at &lt; end</c>. Each case has one event in time and one
/// exactly at (or after) June's end (2022-07-01T00:00+07:00), so that the first and the last of them, or an event on the
/// boundary, give different rates. Expected (numerator, denominator) derived by hand from SPEC §5.
/// </summary>
public class ServiceIndexBoundaryTests
{
    private const string InJune = "2022-06-02T09:00:00+07:00";
    private const string DueLate = "2022-07-20T17:00:00+07:00";
    private const string AtEnd = "2022-07-01T00:00:00+07:00";
    private const string LastSecond = "2022-06-30T23:59:59+07:00";

    [Fact]
    public void An_online_payment_in_time_counts_even_when_a_later_one_comes_after_the_end()
    {
        var rates = Rates(June, ByDay,
            Received("D", InJune, DueLate, feeRequired: true),
            Event("D", "fee_paid", "2022-06-05T10:00:00+07:00", "\"online\":true"),
            Event("D", "fee_paid", "2022-07-05T10:00:00+07:00", "\"online\":true"));

        rates["3.6"].Should().Be((1, 1));
    }

    [Fact]
    public void An_online_payment_exactly_at_the_end_is_not_in_time_and_an_offline_one_in_time_does_not_count()
    {
        var rates = Rates(June, ByDay,
            Received("D", InJune, DueLate, feeRequired: true),
            Event("D", "fee_paid", "2022-06-05T10:00:00+07:00", "\"online\":false"),
            Event("D", "fee_paid", AtEnd, "\"online\":true"));

        rates["3.6"].Should().Be((0, 1));
    }

    [Fact]
    public void An_online_payment_a_second_before_the_end_is_in_time()
    {
        var rates = Rates(June, ByDay,
            Received("D", InJune, DueLate, feeRequired: true),
            Event("D", "fee_paid", LastSecond, "\"online\":true"));

        rates["3.6"].Should().Be((1, 1));
    }

    [Fact]
    public void A_digitisation_in_time_counts_for_4_2_even_when_a_later_one_comes_after_the_end()
    {
        var rates = Rates(June, ByDay,
            Received("D", InJune, DueLate),
            Event("D", "digitized", "2022-06-03T10:00:00+07:00"),
            Event("D", "resolved", "2022-06-10T10:00:00+07:00", "\"electronic_result\":true"),
            Event("D", "digitized", "2022-07-03T10:00:00+07:00"));

        rates["4.1"].Should().Be((1, 1));
        rates["4.2"].Should().Be((1, 1));
        rates["4.3"].Should().Be((0, 1), "no digitisation reused data");
    }

    [Fact]
    public void A_digitisation_exactly_at_the_end_is_not_in_time_for_4_2_nor_a_reuse_for_4_3()
    {
        var rates = Rates(June, ByDay,
            Received("D", InJune, DueLate),
            Event("D", "resolved", "2022-06-10T10:00:00+07:00", "\"electronic_result\":true"),
            Event("D", "digitized", AtEnd, "\"reused\":true"));

        rates["4.2"].Should().Be((0, 1));
        rates["4.3"].Should().Be((0, 1));
    }

    [Fact]
    public void A_reuse_in_time_counts_for_4_3_even_when_a_later_one_comes_after_the_end()
    {
        var rates = Rates(June, ByDay,
            Received("D", InJune, DueLate),
            Event("D", "digitized", "2022-06-03T10:00:00+07:00", "\"reused\":true"),
            Event("D", "digitized", "2022-07-03T10:00:00+07:00", "\"reused\":true"));

        rates["4.3"].Should().Be((1, 1));
    }

    [Fact]
    public void A_digitisation_without_reuse_in_time_does_not_make_a_later_reuse_in_time()
    {
        var rates = Rates(June, ByDay,
            Received("D", InJune, DueLate),
            Event("D", "digitized", "2022-06-03T10:00:00+07:00", "\"reused\":false"),
            Event("D", "digitized", AtEnd, "\"reused\":true"));

        rates["4.3"].Should().Be((0, 1));
    }

    [Fact]
    public void A_reuse_a_second_before_the_end_is_in_time()
    {
        var rates = Rates(June, ByDay,
            Received("D", InJune, DueLate),
            Event("D", "digitized", LastSecond, "\"reused\":true"));

        rates["4.3"].Should().Be((1, 1));
    }

    [Fact]
    public void Satisfaction_reads_the_last_rating_in_time_not_the_first()
    {
        string Resolved(string dossier) => Event(dossier, "resolved", "2022-06-10T10:00:00+07:00");

        // U: unsatisfied then satisfied, both in time: the last says satisfied, so U counts.
        // S: satisfied then unsatisfied, both in time: the last says unsatisfied, so S does not count.
        // T: satisfied in time, unsatisfied exactly at the end (not in time): T counts.
        // F: unsatisfied in time, satisfied after the end: the last rating in time says unsatisfied, so F does not count.
        var rates = Rates(June, ByDay,
            Received("U", InJune, DueLate), Resolved("U"),
            Event("U", "rated", "2022-06-11T10:00:00+07:00", "\"satisfied\":false"),
            Event("U", "rated", "2022-06-12T10:00:00+07:00", "\"satisfied\":true"),
            Received("S", InJune, DueLate), Resolved("S"),
            Event("S", "rated", "2022-06-11T10:00:00+07:00", "\"satisfied\":true"),
            Event("S", "rated", "2022-06-12T10:00:00+07:00", "\"satisfied\":false"),
            Received("T", InJune, DueLate), Resolved("T"),
            Event("T", "rated", "2022-06-11T10:00:00+07:00", "\"satisfied\":true"),
            Event("T", "rated", AtEnd, "\"satisfied\":false"),
            Received("F", InJune, DueLate), Resolved("F"),
            Event("F", "rated", "2022-06-11T10:00:00+07:00", "\"satisfied\":false"),
            Event("F", "rated", "2022-07-02T10:00:00+07:00", "\"satisfied\":true"));

        rates["5.4"].Should().Be((2, 4));
    }

    [Fact]
    public void A_second_supplement_request_exactly_at_the_end_is_not_in_time_for_2_1()
    {
        var rates = Rates(June, ByDay,
            Received("D", InJune, DueLate),
            Event("D", "supplement_requested", "2022-06-03T09:00:00+07:00"),
            Event("D", "supplement_received", "2022-06-04T09:00:00+07:00"),
            Event("D", "supplement_requested", AtEnd));

        // Pending at the end: ED = 20/7 17:00 + 1 day, within; one request in time: counts for 2.1.
        rates["2.1"].Should().Be((1, 1));
    }

    [Fact]
    public void A_second_supplement_request_a_second_before_the_end_excludes_the_dossier_from_2_1()
    {
        var rates = Rates(June, ByDay,
            Received("D", InJune, DueLate),
            Event("D", "supplement_requested", "2022-06-03T09:00:00+07:00"),
            Event("D", "supplement_received", "2022-06-04T09:00:00+07:00"),
            Event("D", "supplement_requested", LastSecond));

        rates["2.1"].Should().Be((0, 1));
    }

    [Fact]
    public void It_is_the_second_supplement_request_that_must_be_in_time_not_the_third()
    {
        var rates = Rates(June, ByDay,
            Received("D", InJune, DueLate),
            Event("D", "supplement_requested", "2022-06-03T09:00:00+07:00"),
            Event("D", "supplement_received", "2022-06-04T09:00:00+07:00"),
            Event("D", "supplement_requested", "2022-06-05T09:00:00+07:00"),
            Event("D", "supplement_received", "2022-06-06T09:00:00+07:00"),
            Event("D", "supplement_requested", "2022-07-05T09:00:00+07:00"));

        rates["2.1"].Should().Be((0, 1));
    }

    [Fact]
    public void Two_pauses_are_not_two_supplement_requests()
    {
        var rates = Rates(June, ByDay,
            Received("D", InJune, DueLate),
            Event("D", "paused", "2022-06-03T09:00:00+07:00"),
            Event("D", "resumed", "2022-06-04T09:00:00+07:00"),
            Event("D", "paused", "2022-06-05T09:00:00+07:00"),
            Event("D", "resumed", "2022-06-06T09:00:00+07:00"),
            Event("D", "supplement_requested", "2022-06-07T09:00:00+07:00"),
            Event("D", "supplement_received", "2022-06-08T09:00:00+07:00"));

        rates["2.1"].Should().Be((1, 1));
    }
}
