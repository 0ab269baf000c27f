using Serverless.Functions;

var builder = WebApplication.CreateBuilder(args);
builder.AddApplicationServices();

var app = builder.Build();
app.MapStudioApi();
app.Run();

/// <summary>Entry point, visible to the end-to-end tests.</summary>
public partial class Program;
