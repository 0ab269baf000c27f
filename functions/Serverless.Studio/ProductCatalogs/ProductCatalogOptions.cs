using System.ComponentModel.DataAnnotations;

namespace Serverless.Studio.ProductCatalogs;

/// <summary>Bounds on what a user may put in a catalog (section <c>ProductCatalogs</c>).</summary>
public sealed class ProductCatalogOptions
{
    public const string Section = "ProductCatalogs";

    /// <summary>Data rows one import (or one refresh of a source) reads; the rest are not read.</summary>
    [Range(1, 1_000_000)]
    public int MaxImportRows { get; set; } = 50_000;

    /// <summary>Largest source file (an uploaded file or a feed) the refresh reads, in bytes.</summary>
    [Range(1024, 1L << 30)]
    public long MaxSourceBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Longest record (one CSV row or one JSON product) in characters, so one huge field cannot fill memory.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxRowChars { get; set; } = 64 * 1024;

    [Range(1, 255)]
    public int MaxSkuLength { get; set; } = 64;

    /// <summary>Longest product name in characters (Unicode scalar values, so a Chinese character or an emoji counts one).</summary>
    [Range(1, 10_000)]
    public int MaxNameLength { get; set; } = 200;

    [Range(1, 10_000)]
    public int MaxCategoryLength { get; set; } = 100;

    [Range(0, 100)]
    public int MaxSellingPoints { get; set; } = 10;

    [Range(1, 10_000)]
    public int MaxSellingPointLength { get; set; } = 200;

    [Range(16, 8192)]
    public int MaxPictureUrlLength { get; set; } = 2048;

    /// <summary>Largest product picture, uploaded or fetched, in bytes.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public long MaxPictureBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>How long one picture fetch may take.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan PictureFetchTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Product writes (and picture fetches) in flight at once for one import.</summary>
    [Range(1, 64)]
    public int Concurrency { get; set; } = 8;

    [Range(1, 10_000)]
    public int MaxCatalogsPerUser { get; set; } = 100;

    /// <summary>Ad result rows one import reads.</summary>
    [Range(1, 1_000_000)]
    public int MaxAdResultRows { get; set; } = 50_000;
}
