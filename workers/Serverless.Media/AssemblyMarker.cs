namespace Serverless.Media;

internal static class AssemblyMarker
{
}
