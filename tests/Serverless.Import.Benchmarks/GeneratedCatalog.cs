using System.Globalization;
using System.Text;

namespace Serverless.Import.Benchmarks;

/// <summary>
/// A product CSV of any length made as it is read, so the benchmark's body is never whole in memory either: rows of
/// Chinese and English names, prices, selling points and picture URLs, like a shop's export.
/// </summary>
public sealed class GeneratedCatalog(int rows) : Stream
{
    private readonly byte[] _header = Encoding.UTF8.GetBytes("\uFEFFsku,name,category,price,currency,selling_points,picture_url\r\n");
    private byte[] _pending = [];
    private int _offset;
    private int _next = -1;

    public long BytesRead { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_offset == _pending.Length)
        {
            if (_next >= rows)
            {
                return 0;
            }

            _pending = _next < 0 ? _header : Encoding.UTF8.GetBytes(Row(_next));
            _offset = 0;
            _next++;
        }

        var n = Math.Min(count, _pending.Length - _offset);
        Array.Copy(_pending, _offset, buffer, offset, n);
        _offset += n;
        BytesRead += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private static string Row(int i) => string.Create(CultureInfo.InvariantCulture,
        $"SKU-{i:D6},\"{(i % 2 == 0 ? "龙井绿茶 礼盒装" : "Stainless travel mug, 500 ml")} #{i}\",{(i % 3 == 0 ? "茶叶" : "drinkware")},{(i % 10 == 0 ? "" : (i % 997 + 0.99m).ToString(CultureInfo.InvariantCulture))},{(i % 10 == 0 ? "" : "CNY")},\"明前采摘|清香回甘|Keeps hot 12 h\",https://cdn.example.com/products/{i:D6}/main.jpg\r\n");
}
