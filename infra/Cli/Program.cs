using System.CommandLine;
using Palisade.Infra.Cli;

return PalisadeCli.Run(args, CommandContext.FromProcess);
