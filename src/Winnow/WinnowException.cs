namespace Winnow;

/// <summary>
/// A problem with the user's input (files, options, data) that the command line reports as a
/// single line and a non-zero exit code. Anything else that escapes is a bug in Winnow.
/// </summary>
public class WinnowException : Exception
{
    public WinnowException(string message) : base(message) { }
    public WinnowException(string message, Exception inner) : base(message, inner) { }
}
