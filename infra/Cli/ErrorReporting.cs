using Palisade.Components.Diagnostics;
using Palisade.Components.Graph;

namespace Palisade.Infra.Cli;

/// <summary>Runs a verb and turns bad input into one clear line on stderr and exit code 2.</summary>
public static class ErrorReporting
{
    public static int Guard(CommandContext context, Func<int> verb)
    {
        try
        {
            return verb();
        }
        catch (InputError e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (GraphException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
    }
}
