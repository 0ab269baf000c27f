using System.Runtime.CompilerServices;
using System.Text;
using Sylvan.Data.Csv;

namespace Serverless.Studio.ProductCatalogs;

/// <summary>One CSV data row: the 1-based row (header not counted), the named columns' cells, the other columns' non-empty cells.</summary>
public sealed record CsvRecord(int Row, IReadOnlyList<string?> Cells, IReadOnlyDictionary<string, string>? Extra, string? Unreadable = null);

/// <summary>
/// Reads a CSV file as it arrives with Sylvan.Data.Csv: UTF-8 with or without BOM, RFC 4180 quoting, a header row
/// whose column names are matched without regard to case, and one record at most <c>maxRowChars</c> long, so memory
/// stays bounded by one row whatever the file's size. A broken quote or an over-long record ends the reading with an
/// unreadable record: past it there is nowhere to resume.
/// </summary>
public static class CsvTable
{
    /// <summary>Columns beyond the named ones that are kept (as a product's attributes).</summary>
    public const int MaxExtraColumns = 20;

    public static async IAsyncEnumerable<CsvRecord> ReadAsync(
        Stream body, IReadOnlyList<string> columns, IReadOnlyList<string> required, int maxRowChars, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var text = new StreamReader(body, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 16 * 1024, leaveOpen: true);
        await using var csv = await OpenAsync(text, maxRowChars, cancellationToken);
        var ordinals = columns.Select(c => Ordinal(csv, c)).ToArray();
        if (required.Any(r => ordinals[columns.ToList().IndexOf(r)] < 0))
        {
            throw new ImportFileException($"the CSV header must name the columns {string.Join(", ", required)} (header: {string.Join(',', columns)})");
        }

        var extra = Enumerable.Range(0, csv.FieldCount).Where(i => !ordinals.Contains(i) && csv.GetName(i).Trim().Length > 0).Take(MaxExtraColumns).ToArray();
        var row = 0;
        while (true)
        {
            row++;
            var (more, unreadable) = await NextAsync(csv, cancellationToken);
            if (unreadable is not null)
            {
                yield return new CsvRecord(row, [], null, unreadable);
                yield break;
            }

            if (!more)
            {
                yield break;
            }

            string? Cell(int column) => column >= 0 && column < csv.RowFieldCount ? csv.GetString(column).Trim() : null;
            var others = extra.Length == 0 ? null : extra
                .Select(i => (Key: csv.GetName(i).Trim(), Value: Cell(i) ?? ""))
                .Where(a => a.Value.Length > 0)
                .ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
            yield return new CsvRecord(row, ordinals.Select(Cell).ToArray(), others);
        }
    }

    private static async Task<CsvDataReader> OpenAsync(TextReader text, int maxRowChars, CancellationToken cancellationToken)
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
            throw new ImportFileException("the CSV header row is missing, malformed or names a column twice");
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

    private static async Task<(bool More, string? Unreadable)> NextAsync(CsvDataReader csv, CancellationToken cancellationToken)
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
}
