using ParLedger.Testing;

namespace ParLedger.Tests.Statistics;

/// <summary>
/// A test that compares the project's copy with ../shared/conformance. It runs whenever ../shared is beside the
/// clone, and always in CI (<c>CI=true</c>), where the workplace lays shared/ beside the clone: there its absence
/// fails the test. Elsewhere (a clone on its own) it is reported as skipped, with the reason.
/// </summary>
public sealed class SharedConformanceFactAttribute : FactAttribute
{
    public SharedConformanceFactAttribute()
    {
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!ci && ConformanceCase.SharedDirectory() is null)
        {
            Skip = "../shared/conformance is not beside this clone: only the project's copy in tests/conformance is tested";
        }
    }
}
