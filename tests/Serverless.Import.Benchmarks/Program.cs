using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Serverless.Import.Benchmarks;
using Serverless.Studio.ProductCatalogs;
using Serverless.Studio.Webhooks;
using Serverless.Testing;

// A product import's in-memory side at its limit: 50,000 CSV rows read (Sylvan.Data.Csv) and checked (ProductRowRules,
// duplicate SKUs) as the body streams in, the writes left out (they go to Cosmos a bounded batch at a time). Reports
// throughput and the live managed heap's peak against the body's size, at 5,000 and at 50,000 rows. The reader holds one row; what
// grows with the length is the set of SKUs seen (duplicate detection), some 70 bytes a row, bounded by the row limit.
// Usage (infra/local/dev.sh bench import): dotnet run -c Release --project tests/Serverless.Import.Benchmarks -- [--output FILE]
var output = Option("--output") ?? SourceTree.File("artifacts", "bench", "import.json");
var rules = new ProductRowRules(Options.Create(new ProductCatalogOptions()), new OutboundAddressGuard(Options.Create(new WebhookOptions())));

await RunAsync(1_000); // warm-up: JIT and the currency table
var small = await RunAsync(5_000);
var large = await RunAsync(50_000);
await BenchmarkReport.WriteAsync(new JsonObject
{
    ["benchmark"] = "import",
    ["what"] = "product CSV read and checked as it streams (no storage writes)",
    ["rows_5000"] = small,
    ["rows_50000"] = large,
    ["live_heap_growth_ratio_50000_vs_5000"] = Math.Round((double)large["live_heap_peak_bytes"]!.GetValue<long>() / small["live_heap_peak_bytes"]!.GetValue<long>(), 2),
    ["note"] = "the live heap is the set of SKUs seen (duplicate detection, bounded by the 50,000-row limit), not the body: the reader holds one row",
    ["machine"] = $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}",
}, output);

async Task<JsonObject> RunAsync(int rows)
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    var baseline = GC.GetTotalMemory(forceFullCollection: true);
    var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    var body = new GeneratedCatalog(rows);
    var seen = new HashSet<string>(StringComparer.Ordinal);
    long peak = 0;
    int accepted = 0, refused = 0;
    var clock = Stopwatch.StartNew();
    await foreach (var row in ProductFileReader.ReadCsvAsync(body, new ProductCatalogOptions().MaxRowChars, CancellationToken.None))
    {
        var (data, _) = rules.Check(row);
        if (data is not null && seen.Add(data.Sku))
        {
            accepted++;
        }
        else
        {
            refused++;
        }

        // Live bytes (after a full collection), every 2,500 rows: what the import holds, not garbage awaiting collection.
        if (row.Row % 2_500 == 0)
        {
            peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
        }
    }

    var seconds = clock.Elapsed.TotalSeconds;
    return new JsonObject
    {
        ["rows"] = rows,
        ["accepted"] = accepted,
        ["refused"] = refused,
        ["body_bytes"] = body.BytesRead,
        ["seconds"] = Math.Round(seconds, 3),
        ["rows_per_second"] = Math.Round(rows / seconds),
        ["allocated_bytes"] = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore,
        ["live_heap_peak_bytes"] = peak,
        ["live_heap_peak_vs_body"] = Math.Round((double)peak / body.BytesRead, 3),
    };
}

string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
