using System.CommandLine;
using Palisade.Infra.Cli;

var exitCode = PalisadeCli.Run(args, CommandContext.FromProcess);
Palisade.Infra.Process.ChildProcesses.AwaitSignalHandling();
return exitCode;
