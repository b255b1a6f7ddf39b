namespace Palisade.Infra.Cli;

internal static class ExitCodes
{
    public const int Success = 0;
    public const int VerificationFailed = 1;
    public const int BadInput = 2;

    /// <summary>A bug in palisade (an exception nobody expected): EX_SOFTWARE from sysexits.h, never 1 or 2.</summary>
    public const int InternalError = 70;
}
