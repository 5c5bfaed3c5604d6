using ParLedger.Events;

namespace ParLedger.Lifecycle;

/// <summary>Business order (SPEC §2): by <c>at</c>, and for equal <c>at</c> in the order the events were appended.</summary>
public static class BusinessOrder
{
    /// <summary>Orders events given in append order (for one file: line order) into business order. Stable.</summary>
    /// <param name="eventsInAppendOrder">The events as appended.</param>
    /// <returns>The history.</returns>
    public static List<DossierEvent> Sort(IEnumerable<DossierEvent> eventsInAppendOrder)
    {
        ArgumentNullException.ThrowIfNull(eventsInAppendOrder);
        var list = eventsInAppendOrder.ToList();
        if (!IsSorted(list))
        {
            list = list.OrderBy(e => e.At).ToList(); // OrderBy is stable
        }

        return list;
    }

    /// <summary>The position at which an event appended now takes its place: after every event with <c>at</c> not later than its own.</summary>
    /// <param name="history">The history in business order.</param>
    /// <param name="e">The new event.</param>
    /// <returns>The insertion index.</returns>
    public static int InsertionIndex(IReadOnlyList<DossierEvent> history, DossierEvent e)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(e);
        var index = history.Count;
        while (index > 0 && history[index - 1].At > e.At)
        {
            index--;
        }

        return index;
    }

    private static bool IsSorted(List<DossierEvent> list)
    {
        for (var i = 1; i < list.Count; i++)
        {
            if (list[i].At < list[i - 1].At)
            {
                return false;
            }
        }

        return true;
    }
}
