extern alias cli;

using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Azure.Storage.Sas;
using cli::Serverless.Cli.Api;

namespace Serverless.Studio.Tests.CliCommands;

/// <summary>
/// The CLI's block upload against Azurite through a write link like the app's (create, write and read of one blob):
/// a part cut off is sent again, and a second run after a failed one sends only the blocks storage does not hold.
/// </summary>
public sealed class ResumableUploadTests : IAsyncLifetime
{
    private const int BlockSize = 64 * 1024;
    private readonly BlobContainerClient _container = new BlobServiceClient("UseDevelopmentStorage=true").GetBlobContainerClient("cli-uploads");
    private readonly byte[] _file = new byte[(10 * BlockSize) + 1234];
    private BlobClient _blob = null!;
    private Uri _link = null!;

    public async Task InitializeAsync()
    {
        new Random(7).NextBytes(_file);
        await _container.CreateIfNotExistsAsync();
        _blob = _container.GetBlobClient($"{Guid.NewGuid():N}/source.mp4");
        _link = _blob.GenerateSasUri(BlobSasPermissions.Create | BlobSasPermissions.Write | BlobSasPermissions.Read, DateTimeOffset.UtcNow.AddMinutes(10));
    }

    public async Task DisposeAsync() => await _blob.DeleteIfExistsAsync();

    [Fact]
    public async Task A_part_cut_off_midway_is_sent_again_and_the_file_arrives_whole()
    {
        using var source = new FaultyStream(_file, failAt: (3 * BlockSize) + 100, times: 2);

        var report = await new ResumableUpload(new BlockBlobClient(_link), BlockSize).SendAsync(source, _file.Length);

        Assert.Equal((11, 0, 2, (long)_file.Length), (report.BlocksSent, report.BlocksSkipped, report.Retries, report.Bytes));
        Assert.Equal(_file, (await _blob.DownloadContentAsync()).Value.Content.ToArray());
    }

    [Fact]
    public async Task A_rerun_after_a_failed_upload_skips_the_blocks_already_staged()
    {
        // The line stays down at block 4 for longer than the tries of one run: the run fails with blocks 0-3 staged.
        using (var broken = new FaultyStream(_file, failAt: (4 * BlockSize) + 10, times: int.MaxValue))
        {
            await Assert.ThrowsAsync<IOException>(() => new ResumableUpload(new BlockBlobClient(_link), BlockSize).SendAsync(broken, _file.Length));
        }

        Assert.False(await _blob.ExistsAsync());
        using var source = new FaultyStream(_file, failAt: -1, times: 0);
        var report = await new ResumableUpload(new BlockBlobClient(_link), BlockSize).SendAsync(source, _file.Length);

        Assert.Equal((7, 4, 0), (report.BlocksSent, report.BlocksSkipped, report.Retries));
        Assert.Equal(_file, (await _blob.DownloadContentAsync()).Value.Content.ToArray());
    }

    /// <summary>A file whose read across one position fails a given number of times, as a dropped line fails a part.</summary>
    private sealed class FaultyStream(byte[] content, long failAt, int times) : MemoryStream(content, writable: false)
    {
        private int _failures;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (failAt >= Position && failAt < Position + buffer.Length && _failures < times)
            {
                _failures++;
                throw new IOException("the connection was reset");
            }

            return await base.ReadAsync(buffer, cancellationToken);
        }
    }
}
