using Winnow;

namespace Winnow.Cli.Console;

/// <summary>
/// Runs a command's body and turns failures into one line on stderr and an exit code, never a
/// stack trace: 2 for bad input (<see cref="WinnowException"/>, unreadable or unwritable files),
/// 130 for Ctrl+C, 1 for anything unexpected. WINNOW_DEBUG=1 prints the full exception too.
/// </summary>
public static class CommandRunner
{
    public const int UserError = 2;
    public const int InternalError = 1;

    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (WinnowException e)
        {
            return Fail(e.Message, e, UserError);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(e.Message, e, UserError);
        }
        catch (OperationCanceledException e)
        {
            return Fail("cancelled", e, 130);
        }
        catch (Exception e)
        {
            return Fail($"unexpected {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}", e, InternalError);
        }
    }

    private static int Fail(string message, Exception e, int code)
    {
        System.Console.Error.WriteLine($"error: {message.ReplaceLineEndings(" ")}");
        if (Environment.GetEnvironmentVariable("WINNOW_DEBUG") == "1") System.Console.Error.WriteLine(e);
        return code;
    }
}
