using System.Globalization;

namespace Serverless.Studio.ProductCatalogs;

/// <summary>
/// The ISO 4217 currencies in use, as the platform's culture data (ICU) knows them from every region, so the list
/// follows the runtime's data instead of a copy of it kept here.
/// </summary>
public static class CurrencyCodes
{
    private static readonly Lazy<HashSet<string>> Known = new(() => CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c =>
        {
            try
            {
                return new RegionInfo(c.Name).ISOCurrencySymbol;
            }
            catch (ArgumentException)
            {
                // A culture with no region of its own has no currency to add.
                return null;
            }
        })
        .Where(code => code is { Length: 3 } && code.All(char.IsAsciiLetterUpper))
        .ToHashSet(StringComparer.Ordinal)!);

    public static bool IsKnown(string code) => Known.Value.Contains(code);
}
