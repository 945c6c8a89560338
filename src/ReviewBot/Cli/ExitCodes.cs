namespace ReviewBot.Cli;

/// <summary>The exit codes every verb uses.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int FailOnMet = 1;
    public const int BadInput = 2;
}
