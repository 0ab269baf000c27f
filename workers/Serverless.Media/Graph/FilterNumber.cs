using System.Globalization;

namespace Serverless.Media.Graph;

/// <summary>Numbers for filter strings: invariant culture, so a worker in a comma-decimal locale builds the same graph.</summary>
internal static class FilterNumber
{
    public static string Format(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    public static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}
