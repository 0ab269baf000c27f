using System.Globalization;

namespace Serverless.Studio.VideoTemplates;

/// <summary>
/// Prices as the template's locale writes them (zh-CN <c>¥199.00</c>, en-US <c>$19.99</c>): the locale decides the
/// digits and grouping, the product's currency its symbol, since a zh-CN shop may sell in dollars.
/// </summary>
public static class PriceFormat
{
    private static readonly Dictionary<string, string> Symbols = new(StringComparer.OrdinalIgnoreCase)
    {
        ["CNY"] = "¥", ["RMB"] = "¥", ["JPY"] = "¥", ["USD"] = "$", ["EUR"] = "€", ["GBP"] = "£", ["HKD"] = "HK$", ["TWD"] = "NT$",
    };

    /// <summary>The currency a locale sells in when a product names none.</summary>
    public static string DefaultCurrency(CultureInfo culture) => culture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? "CNY" : "USD";

    public static string Format(decimal price, string? currency, CultureInfo culture)
    {
        var code = string.IsNullOrWhiteSpace(currency) ? DefaultCurrency(culture) : currency.Trim();
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencySymbol = Symbols.TryGetValue(code, out var symbol) ? symbol : code.ToUpperInvariant() + " ";
        // Whole prices in yen have no minor unit; everything else shows cents.
        format.CurrencyDecimalDigits = code.Equals("JPY", StringComparison.OrdinalIgnoreCase) ? 0 : 2;
        return price.ToString("C", format);
    }

    /// <summary>A plain number in the locale's digits and grouping (the price without its symbol).</summary>
    public static string Number(decimal value, CultureInfo culture) => value.ToString("#,0.##", culture);
}
