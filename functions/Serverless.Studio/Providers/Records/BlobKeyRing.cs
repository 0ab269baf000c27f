using System.Xml.Linq;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Serverless.Studio.Providers.Records;

/// <summary>
/// The data protection key ring in a blob container, so every instance of the app shares it (a local folder would
/// give each instance keys the others cannot read). One blob per key, written once, as data protection expects.
/// </summary>
public sealed class BlobKeyRing(BlobServiceClient blobs) : IXmlRepository
{
    public const string Container = "dataprotection";

    private readonly Lazy<BlobContainerClient> _container = new(() =>
    {
        var container = blobs.GetBlobContainerClient(Container);
        container.CreateIfNotExists();
        return container;
    });

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        var container = _container.Value;
        return container.GetBlobs()
            .Select(item => XElement.Parse(container.GetBlobClient(item.Name).DownloadContent().Value.Content.ToString()))
            .ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        var name = $"{friendlyName}-{Guid.NewGuid():N}.xml";
        _container.Value.GetBlobClient(name).Upload(BinaryData.FromString(element.ToString(SaveOptions.DisableFormatting)), overwrite: false);
    }
}
