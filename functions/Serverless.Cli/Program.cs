using System.CommandLine;
using System.Text;
using Serverless.Cli.Commands;

// Scripts and their JSON are mostly Chinese: never let a C/POSIX locale turn them into '?'.
Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

var root = new RootCommand("serverless: turn a script into a storyboarded, voiced video.");
root.Subcommands.Add(ParseCommand.Create());
root.Subcommands.Add(SubmitCommand.Create());
root.Subcommands.Add(CancelCommand.Create());
root.Subcommands.Add(DurableCommand.Create());
root.Subcommands.Add(ClipCommand.Create());
return await root.Parse(args).InvokeAsync();
