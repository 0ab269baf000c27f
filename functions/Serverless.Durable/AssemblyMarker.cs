namespace Serverless.Durable;

internal static class AssemblyMarker
{
}
