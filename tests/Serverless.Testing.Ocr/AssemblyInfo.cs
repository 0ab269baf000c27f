using System.Runtime.CompilerServices;

// The postprocessing and decoding steps are unit-tested directly, without the models.
[assembly: InternalsVisibleTo("Serverless.Testing.Ocr.Tests")]
