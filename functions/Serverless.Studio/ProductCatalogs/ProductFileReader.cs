using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Serverless.Studio.ProductCatalogs;

/// <summary>
/// Reads a product file as it arrives, one row at a time: CSV (header <c>sku,name,category,price,currency,
/// selling_points,picture_url</c>, more columns become attributes; UTF-8 with or without BOM; RFC 4180 quoting) or
/// JSON (an array of objects with the same fields). Memory stays bounded by one row, whatever the file's size.
/// </summary>
public static class ProductFileReader
{
    public const string Csv = "csv";
    public const string Json = "json";

    private static readonly string[] Columns = ["sku", "name", "category", "price", "currency", "selling_points", "picture_url"];

    /// <summary>Extra columns or JSON attributes kept per product, and their bounds.</summary>
    public const int MaxAttributes = CsvTable.MaxExtraColumns;
    public const int MaxAttributeKeyLength = 64;
    public const int MaxAttributeValueLength = 500;

    public static IAsyncEnumerable<ProductRow> ReadAsync(string format, Stream body, int maxRowChars, CancellationToken cancellationToken) =>
        format == Json ? ReadJsonAsync(body, cancellationToken) : ReadCsvAsync(body, maxRowChars, cancellationToken);

    public static async IAsyncEnumerable<ProductRow> ReadCsvAsync(Stream body, int maxRowChars, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var record in CsvTable.ReadAsync(body, Columns, ["sku", "name"], maxRowChars, cancellationToken))
        {
            var c = record.Cells;
            yield return record.Unreadable is not null
                ? new ProductRow(record.Row, null, null, null, null, null, null, null, Unreadable: record.Unreadable)
                : new ProductRow(record.Row, c[0], c[1], c[2], c[3], c[4], c[5], c[6], record.Extra);
        }
    }

    public static async IAsyncEnumerable<ProductRow> ReadJsonAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Elements are handed out one at a time as the array streams in; System.Text.Json skips a UTF-8 BOM itself.
        await using var elements = JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(body, cancellationToken: cancellationToken).GetAsyncEnumerator(cancellationToken);
        var row = 0;
        while (true)
        {
            row++;
            var (more, unreadable) = await NextJsonElementAsync(elements, row);
            if (unreadable is not null)
            {
                yield return new ProductRow(row, null, null, null, null, null, null, null, Unreadable: unreadable);
                yield break;
            }

            if (!more)
            {
                yield break;
            }

            yield return FromJson(row, elements.Current);
        }
    }

    private static async Task<(bool More, string? Unreadable)> NextJsonElementAsync(IAsyncEnumerator<JsonElement> elements, int row)
    {
        try
        {
            return (await elements.MoveNextAsync(), null);
        }
        catch (JsonException) when (row == 1)
        {
            throw new ImportFileException("the JSON body must be an array of products");
        }
        catch (JsonException)
        {
            return (false, "malformed JSON; reading stopped here");
        }
    }

    private static ProductRow FromJson(int row, JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return new ProductRow(row, null, null, null, null, null, null, null, Unreadable: "not a JSON object");
        }

        string? Text(string name) => element.TryGetProperty(name, out var value) ? Scalar(value) : null;
        string? points = null;
        if (element.TryGetProperty("selling_points", out var sellingPoints))
        {
            points = sellingPoints.ValueKind == JsonValueKind.Array
                ? string.Join('|', sellingPoints.EnumerateArray().Select(Scalar).Where(p => p is not null))
                : Scalar(sellingPoints);
        }

        Dictionary<string, string>? attributes = null;
        if (element.TryGetProperty("attributes", out var attributeObject) && attributeObject.ValueKind == JsonValueKind.Object)
        {
            attributes = attributeObject.EnumerateObject().Take(MaxAttributes + 1)
                .Select(p => (p.Name, Value: Scalar(p.Value)))
                .Where(p => p.Value is { Length: > 0 })
                .ToDictionary(p => p.Name, p => p.Value!, StringComparer.Ordinal);
        }

        return new ProductRow(row, Text("sku"), Text("name"), Text("category"), Text("price"), Text("currency"), points, Text("picture_url"), attributes);
    }

    // Numbers keep their written form (a price of 12.50 stays "12.50"); an object or array where a value belongs keeps
    // its JSON text, so the checks refuse it rather than take it for a missing value.
    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!.Trim(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };
}
