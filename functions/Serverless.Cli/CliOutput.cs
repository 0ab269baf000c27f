namespace Serverless.Cli;

/// <summary>How the CLI reports failure: one line on stderr, a non-zero exit code, never a stack trace.</summary>
public static class CliOutput
{
    public static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return 1;
    }
}
