using System.Text;

namespace YtPipe.Core.Audio;

/// <summary>
/// Quotes one argument for a command-line string that .NET splits into arguments
/// (<c>ProcessStartInfo.Arguments</c>, which FFMpegCore builds): .NET applies the Windows rules on
/// every OS. Inside double quotes, a backslash is literal unless it precedes a double quote;
/// 2n backslashes before a quote are n backslashes and a closing quote, 2n+1 are n backslashes and
/// a literal quote. Every other character (spaces, <c>$</c>, newlines, a leading dash) needs only
/// the surrounding quotes.
/// </summary>
internal static class CommandLineQuoting
{
    /// <summary>
    /// The text to put between two double quotes so that the quoted argument is read back as
    /// <paramref name="argument"/> exactly: for APIs that add the quotes themselves, as
    /// FFMpegCore's <c>-i "{path}"</c> does.
    /// </summary>
    public static string EscapeForQuotes(string argument)
    {
        var result = new StringBuilder(argument.Length + 8);
        var backslashes = 0;
        foreach (var c in argument)
        {
            if (c == '\\')
            {
                backslashes++;
                continue;
            }
            if (c == '"')
            {
                // The backslashes before a quote are doubled, and one more escapes the quote itself.
                result.Append('\\', backslashes * 2 + 1).Append('"');
            }
            else
            {
                result.Append('\\', backslashes).Append(c);
            }
            backslashes = 0;
        }
        // Trailing backslashes precede the closing quote the caller adds: double them too.
        result.Append('\\', backslashes * 2);
        return result.ToString();
    }

    /// <summary><paramref name="argument"/> in double quotes, escaped: one argument whatever it holds.</summary>
    public static string Quote(string argument) => "\"" + EscapeForQuotes(argument) + "\"";
}
