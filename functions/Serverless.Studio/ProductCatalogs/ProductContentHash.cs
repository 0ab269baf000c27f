using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Serverless.Studio.ProductCatalogs;

/// <summary>
/// The stable hash of what a product video is made from: every field a template can show and the pictures' bytes
/// (by their SHA-256), in a fixed order. Timestamps and storage paths are left out, so re-importing the same data or
/// re-fetching the same picture keeps the hash, and nothing is rendered again.
/// </summary>
public static class ProductContentHash
{
    public static string Compute(Product product)
    {
        var text = new StringBuilder();
        Field(text, product.Sku);
        Field(text, product.Name);
        Field(text, product.Category);
        // Normalized, so 12.5 and 12.50 (equal prices written differently) hash the same.
        Field(text, product.Price is { } price ? (price / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture) : "");
        Field(text, product.Currency);
        Field(text, product.SellingPoints.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var point in product.SellingPoints)
        {
            Field(text, point);
        }

        Field(text, product.PictureUrl ?? "");
        foreach (var (key, value) in product.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            Field(text, key);
            Field(text, value);
        }

        foreach (var picture in product.Pictures)
        {
            Field(text, picture.Sha256);
        }

        return OfText(text.ToString());
    }

    /// <summary>Lower-case hex SHA-256 of the UTF-8 text.</summary>
    public static string OfText(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    // Length-prefixed, so no two different field lists run together into the same text.
    private static void Field(StringBuilder text, string value) => text.Append(value.Length).Append(':').Append(value).Append('\n');
}
