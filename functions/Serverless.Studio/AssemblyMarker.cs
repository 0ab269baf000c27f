namespace Serverless.Studio;

internal static class AssemblyMarker
{
}
