using System.Text;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Serverless.Cli.Api;

/// <summary>What an upload did: blocks sent now, blocks found already staged by an earlier run, and bytes in all.</summary>
public sealed record UploadReport(int BlocksSent, int BlocksSkipped, int Retries, long Bytes);

/// <summary>
/// Sends a file to a block-blob write link in blocks with deterministic ids, then commits the list. A block that fails
/// (a dropped connection, a read error) is sent again; on a rerun against the same link, the blocks storage already holds
/// uncommitted with the right size are skipped, so a 2 GB upload cut off at block 200 resumes at block 200.
/// </summary>
public sealed class ResumableUpload(BlockBlobClient blob, long blockSize)
{
    public const int TriesPerBlock = 4;

    public async Task<UploadReport> SendAsync(Stream source, long length, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var blocks = (int)((length + blockSize - 1) / blockSize);
        var staged = await StagedAsync(cancellationToken);
        var (sent, skipped, retries, done) = (0, 0, 0, 0L);
        var buffer = new byte[blockSize];
        var ids = new List<string>(blocks);
        for (var index = 0; index < blocks; index++)
        {
            var offset = index * blockSize;
            var size = (int)Math.Min(blockSize, length - offset);
            var id = BlockId(index);
            ids.Add(id);
            if (staged.TryGetValue(id, out var stagedSize) && stagedSize == size)
            {
                skipped++;
            }
            else
            {
                retries += await StageAsync(source, buffer, offset, size, id, cancellationToken);
                sent++;
            }

            done += size;
            progress?.Report(done);
        }

        await blob.CommitBlockListAsync(ids, cancellationToken: cancellationToken);
        return new UploadReport(sent, skipped, retries, length);
    }

    /// <summary>The same id for the same block on every run (fixed length, as storage requires of one blob's ids).</summary>
    public static string BlockId(int index) => Convert.ToBase64String(Encoding.ASCII.GetBytes($"block-{index:D7}"));

    /// <returns>How many tries failed before the block was staged.</returns>
    private async Task<int> StageAsync(Stream source, byte[] buffer, long offset, int size, string id, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                source.Position = offset;
                await source.ReadExactlyAsync(buffer.AsMemory(0, size), cancellationToken);
                await blob.StageBlockAsync(id, new MemoryStream(buffer, 0, size, writable: false), cancellationToken: cancellationToken);
                return attempt - 1;
            }
            catch (Exception e) when (e is IOException or RequestFailedException && attempt < TriesPerBlock)
            {
                Console.Error.WriteLine($"block at {offset} failed ({e.Message.Split('\n')[0]}); sending it again");
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), cancellationToken);
            }
        }
    }

    private async Task<Dictionary<string, long>> StagedAsync(CancellationToken cancellationToken)
    {
        try
        {
            var list = await blob.GetBlockListAsync(BlockListTypes.Uncommitted, cancellationToken: cancellationToken);
            return list.Value.UncommittedBlocks.ToDictionary(b => b.Name, b => b.SizeLong, StringComparer.Ordinal);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Nothing staged yet: the blob does not exist until a block is.
            return [];
        }
    }
}
