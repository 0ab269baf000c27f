namespace Serverless.Contracts;

internal static class AssemblyMarker
{
}
