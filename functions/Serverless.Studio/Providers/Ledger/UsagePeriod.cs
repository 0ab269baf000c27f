namespace Serverless.Studio.Providers.Ledger;

/// <summary>The periods <c>GET /api/v1/usage</c> sums over: the current UTC day or month.</summary>
public static class UsagePeriod
{
    public const string Day = "day";
    public const string Month = "month";

    public static readonly IReadOnlyList<string> All = [Day, Month];

    public static string DayOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static string MonthOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
}
