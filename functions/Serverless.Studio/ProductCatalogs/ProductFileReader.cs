using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Sylvan.Data.Csv;

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
    public const int MaxAttributes = 20;
    public const int MaxAttributeKeyLength = 64;
    public const int MaxAttributeValueLength = 500;

    public static IAsyncEnumerable<ProductRow> ReadAsync(string format, Stream body, int maxRowChars, CancellationToken cancellationToken) =>
        format == Json ? ReadJsonAsync(body, cancellationToken) : ReadCsvAsync(body, maxRowChars, cancellationToken);

    public static async IAsyncEnumerable<ProductRow> ReadCsvAsync(Stream body, int maxRowChars, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The BOM, when there is one, is taken off here; without one the text is read as UTF-8 all the same.
        using var text = new StreamReader(body, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 16 * 1024, leaveOpen: true);
        await using var csv = await OpenCsvAsync(text, maxRowChars, cancellationToken);
        var ordinals = Columns.Select(c => Ordinal(csv, c)).ToArray();
        if (ordinals[0] < 0 || ordinals[1] < 0)
        {
            throw new ProductFileException("the CSV header must name at least the columns sku and name (header: " + string.Join(',', Columns) + ")");
        }

        var extra = Enumerable.Range(0, csv.FieldCount).Where(i => !ordinals.Contains(i) && csv.GetName(i).Length > 0).Take(MaxAttributes).ToArray();
        var row = 0;
        while (true)
        {
            row++;
            var (more, unreadable) = await NextCsvRowAsync(csv, cancellationToken);
            if (unreadable is not null)
            {
                // A broken quote or an over-long record leaves the reader nowhere to resume: the rest is not read.
                yield return new ProductRow(row, null, null, null, null, null, null, null, Unreadable: unreadable);
                yield break;
            }

            if (!more)
            {
                yield break;
            }

            string? Cell(int column) => column >= 0 && column < csv.RowFieldCount ? csv.GetString(column).Trim() : null;
            var attributes = extra.Length == 0 ? null : extra
                .Select(i => (Key: csv.GetName(i).Trim(), Value: Cell(i) ?? ""))
                .Where(a => a.Value.Length > 0)
                .ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
            yield return new ProductRow(row, Cell(ordinals[0]), Cell(ordinals[1]), Cell(ordinals[2]), Cell(ordinals[3]), Cell(ordinals[4]),
                Cell(ordinals[5]), Cell(ordinals[6]), attributes);
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

    private static async Task<CsvDataReader> OpenCsvAsync(TextReader text, int maxRowChars, CancellationToken cancellationToken)
    {
        try
        {
            return await CsvDataReader.CreateAsync(text, new CsvDataReaderOptions
            {
                HasHeaders = true,
                Delimiter = ',',
                HeaderComparer = StringComparer.OrdinalIgnoreCase,
                BufferSize = Math.Min(16 * 1024, maxRowChars),
                MaxBufferSize = maxRowChars,
            }, cancellationToken);
        }
        catch (Exception e) when (e is CsvMissingHeadersException or CsvFormatException or CsvRecordTooLargeException or AmbiguousColumnException)
        {
            throw new ProductFileException("the CSV header row is missing, malformed or names a column twice");
        }
    }

    private static int Ordinal(CsvDataReader csv, string column)
    {
        for (var i = 0; i < csv.FieldCount; i++)
        {
            if (string.Equals(csv.GetName(i).Trim(), column, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static async Task<(bool More, string? Unreadable)> NextCsvRowAsync(CsvDataReader csv, CancellationToken cancellationToken)
    {
        try
        {
            return (await csv.ReadAsync(cancellationToken), null);
        }
        catch (CsvRecordTooLargeException)
        {
            return (false, "the row is too long; reading stopped here");
        }
        catch (CsvFormatException)
        {
            return (false, "malformed CSV (an unclosed quote?); reading stopped here");
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
            throw new ProductFileException("the JSON body must be an array of products");
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
