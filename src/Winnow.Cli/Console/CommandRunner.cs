using System.Runtime.InteropServices;
using Winnow.Settings;

namespace Winnow.Cli.Console;

/// <summary>
/// Runs a command's body and turns failures into one line on stderr and an exit code, never a
/// stack trace: 2 for bad input (<see cref="WinnowException"/>, unreadable or unwritable files),
/// 130 for Ctrl-C or SIGTERM (the run stops at the next batch; its output folder is only written
/// when the run is complete, so nothing half-written is left), 1 for anything unexpected.
/// WINNOW_DEBUG=1 prints the full exception too.
/// </summary>
public static class CommandRunner
{
    public const int UserError = 2;
    public const int InternalError = 1;
    public const int Interrupted = 130;

    public static int Run(Func<CancellationToken, int> body)
    {
        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCtrlC = (_, e) =>
        {
            e.Cancel = true; // let the run stop at the next batch instead of dying mid-write
            cancellation.Cancel();
        };
        System.Console.CancelKeyPress += onCtrlC;
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            cancellation.Cancel();
        });
        try
        {
            return body(cancellation.Token);
        }
        catch (SettingException e)
        {
            return Fail($"--{e.Setting.Name} {e.Problem}", e, UserError);
        }
        catch (WinnowException e)
        {
            return Fail(e.Message, e, UserError);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(e.Message, e, UserError);
        }
        catch (OperationCanceledException e) when (cancellation.IsCancellationRequested)
        {
            return Fail("interrupted: the run stopped before it finished and wrote nothing", e, Interrupted);
        }
        catch (Exception e)
        {
            return Fail($"unexpected {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}", e, InternalError);
        }
        finally
        {
            System.Console.CancelKeyPress -= onCtrlC;
        }
    }

    private static int Fail(string message, Exception e, int code)
    {
        System.Console.Error.WriteLine($"error: {message.ReplaceLineEndings(" ")}");
        if (Environment.GetEnvironmentVariable("WINNOW_DEBUG") == "1") System.Console.Error.WriteLine(e);
        return code;
    }
}
