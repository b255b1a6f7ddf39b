using Palisade.Examples;
using Palisade.Infra.Cli;

return PalisadeCli.Run(args, ExampleApps.Catalog);
