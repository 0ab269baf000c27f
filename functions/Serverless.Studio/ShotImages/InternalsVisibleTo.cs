using System.Runtime.CompilerServices;

// Layout, looks and lettering are tested directly, beside the public renderer.
[assembly: InternalsVisibleTo("Serverless.Studio.Tests")]
