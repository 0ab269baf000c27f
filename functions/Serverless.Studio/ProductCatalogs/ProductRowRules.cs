using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;
using Serverless.Studio.Webhooks;

namespace Serverless.Studio.ProductCatalogs;

/// <summary>A product row that passed the checks, in the form it is stored.</summary>
public sealed record ProductData(
    string Sku, string Name, string Category, decimal? Price, string Currency, IReadOnlyList<string> SellingPoints, string? PictureUrl,
    IReadOnlyDictionary<string, string> Attributes);

/// <summary>
/// The checks a product row must pass to be imported (or a product to be saved through the API), each failure a
/// reason its owner can act on. A picture URL is checked for its form and, where its host is an IP address, that the
/// address is public (the outbound guard's rule); a host name is resolved only when the picture is fetched, on the
/// address actually dialled, so one unreachable picture never holds up or fails an import.
/// </summary>
public sealed class ProductRowRules(IOptions<ProductCatalogOptions> options, OutboundAddressGuard guard)
{
    private const decimal MaxPrice = 1_000_000_000m;
    private const int MaxPriceDecimals = 4;

    public (ProductData? Data, string? Reason) Check(ProductRow row)
    {
        var limits = options.Value;
        if (row.Unreadable is not null)
        {
            return (null, row.Unreadable);
        }

        if (string.IsNullOrWhiteSpace(row.Sku))
        {
            return (null, "sku is missing");
        }

        // A SKU sits in the API's routes, which take only what could be an id: printable ASCII without / \ ? # or space.
        if (row.Sku.Length > limits.MaxSkuLength || !Storage.CosmosPointReads.IsPossibleId(row.Sku))
        {
            return (null, $"sku must be 1 to {limits.MaxSkuLength} printable ASCII characters other than space / \\ ? #");
        }

        if (string.IsNullOrWhiteSpace(row.Name))
        {
            return (null, "name is missing");
        }

        if (Characters(row.Name) > limits.MaxNameLength)
        {
            return (null, $"name is longer than {limits.MaxNameLength} characters");
        }

        if (row.Name.Any(char.IsControl))
        {
            return (null, "name holds control characters");
        }

        var category = row.Category ?? "";
        if (Characters(category) > limits.MaxCategoryLength)
        {
            return (null, $"category is longer than {limits.MaxCategoryLength} characters");
        }

        decimal? price = null;
        if (!string.IsNullOrEmpty(row.Price))
        {
            if (!decimal.TryParse(row.Price, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed)
                || parsed >= MaxPrice || parsed.Scale > MaxPriceDecimals)
            {
                return (null, $"price must be a number from 0 to {MaxPrice:0} with at most {MaxPriceDecimals} decimals and a '.' point (got '{Echo(row.Price)}')");
            }

            price = parsed;
        }

        var currency = (row.Currency ?? "").ToUpperInvariant();
        if (currency.Length > 0 && !CurrencyCodes.IsKnown(currency))
        {
            return (null, $"unknown currency '{Echo(row.Currency!)}' (an ISO 4217 code such as CNY, USD, EUR)");
        }

        if (price is not null && currency.Length == 0)
        {
            return (null, "currency is missing for the price");
        }

        var points = (row.SellingPoints ?? "").Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (points.Length > limits.MaxSellingPoints)
        {
            return (null, $"at most {limits.MaxSellingPoints} selling points");
        }

        if (points.Any(p => Characters(p) > limits.MaxSellingPointLength))
        {
            return (null, $"a selling point is longer than {limits.MaxSellingPointLength} characters");
        }

        var pictureUrl = string.IsNullOrEmpty(row.PictureUrl) ? null : row.PictureUrl;
        if (pictureUrl is not null && CheckFetchUrl(pictureUrl) is { } urlReason)
        {
            return (null, $"picture_url {urlReason}");
        }

        var attributes = row.Attributes ?? new Dictionary<string, string>();
        if (attributes.Count > ProductFileReader.MaxAttributes
            || attributes.Any(a => a.Key.Length > ProductFileReader.MaxAttributeKeyLength || a.Value.Length > ProductFileReader.MaxAttributeValueLength))
        {
            return (null, $"at most {ProductFileReader.MaxAttributes} attributes, names of at most {ProductFileReader.MaxAttributeKeyLength} characters and values of at most {ProductFileReader.MaxAttributeValueLength}");
        }

        return (new ProductData(row.Sku, row.Name, category, price, currency, points, pictureUrl, attributes), null);
    }

    /// <summary>Why a URL (a picture, a feed) may not be fetched, judged without resolving its host; null when it may be tried.</summary>
    public string? CheckFetchUrl(string url)
    {
        if (url.Length > options.Value.MaxPictureUrlLength)
        {
            return $"is longer than {options.Value.MaxPictureUrlLength} characters";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            return "must be an absolute https URL";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "must not carry credentials";
        }

        if (IPAddress.TryParse(uri.DnsSafeHost, out var address) && guard.Check(address) is not null)
        {
            return $"points at {OutboundAddressGuard.NotPublic}";
        }

        // "localhost" needs no DNS to be known for the loopback it always is.
        if (uri.DnsSafeHost.Equals("localhost", StringComparison.OrdinalIgnoreCase) || uri.DnsSafeHost.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return guard.Check(IPAddress.Loopback) is null ? null : $"points at {OutboundAddressGuard.NotPublic}";
        }

        return null;
    }

    // Unicode scalar values: a Chinese character or an emoji counts one, as a reader counts them.
    private static int Characters(string text) => text.EnumerateRunes().Count();

    // Echoed values are the caller's own input, cut so a refusal stays short.
    private static string Echo(string value) => value.Length <= 32 ? value : value[..32] + "…";
}
