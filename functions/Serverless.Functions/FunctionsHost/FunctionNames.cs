namespace Serverless.Functions.FunctionsHost;

/// <summary>Names of the non-HTTP functions; each is a folder under <c>Functions/</c> and a <c>POST /{name}</c> handler.</summary>
public static class FunctionNames
{
    public const string IncomingScript = "IncomingScript";
    public const string CatalogRefresh = "CatalogRefresh";
    public const string DurableWorkItems = "DurableWorkItems";

    /// <summary>One function per control queue: the host scales on each queue's depth separately.</summary>
    public static readonly string[] DurableControl = ["DurableControl00", "DurableControl01", "DurableControl02", "DurableControl03"];
}
