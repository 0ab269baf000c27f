using Serverless.Worker;

var builder = Host.CreateApplicationBuilder(args);
// The Azure SDK logs every failed request as a warning, and create-if-missing answers 409 on each start.
builder.Logging.AddFilter("Azure.Core", LogLevel.Error);
builder.AddRenderWorker();
builder.Build().Run();
