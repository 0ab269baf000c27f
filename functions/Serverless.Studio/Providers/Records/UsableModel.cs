namespace Serverless.Studio.Providers.Records;

/// <summary>Who stands behind a usable model, in the order calls try them.</summary>
public enum ModelOwner
{
    User,
    Operator,
    Offline,
}

/// <summary>A model a user's calls of one capability may go to; <see cref="ProviderId"/> is null for the operator's and offline ones.</summary>
public sealed record UsableModel(string Model, string Provider, string Kind, ModelOwner Owner, string? ProviderId, int? Priority);
