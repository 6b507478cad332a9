using System.Diagnostics;
using YtPipe.Core.Audio;
using YtPipe.Tests.Download;

namespace YtPipe.Tests.Audio;

public sealed class CommandLineQuotingTests
{
    public static TheoryData<string> Names => new()
    {
        "plain.wav",
        "quote\"d.wav",
        "back\\slash.wav",
        "trailing\\",
        "two\\\\\"quotes\"\"",
        "\\\"",
        "-dash.wav",
        "$HOME and `cmd` and 'single' and %PATH%",
        "sp  aces\tand tab",
        "héllo wörld ✓",
        "new\nline.wav",
        "/abs/path/with \"both\\\" kinds\\\\.wav",
    };

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("quote\"d", "quote\\\"d")]
    [InlineData("back\\slash", "back\\slash")]
    [InlineData("end\\", "end\\\\")]
    [InlineData("a\\\"b", "a\\\\\\\"b")]
    public void EscapeForQuotes_DoublesBackslashesOnlyBeforeAQuote(string argument, string expected)
    {
        Assert.Equal(expected, CommandLineQuoting.EscapeForQuotes(argument));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Quote_RoundTripsThroughTheRulesAsOneArgument(string argument)
    {
        var parsed = WindowsRules.Split("before " + CommandLineQuoting.Quote(argument) + " after");

        Assert.Equal(["before", argument, "after"], parsed);
    }

    [UnixFact]
    public void Quote_RoundTripsThroughDotNetsOwnArgumentParser()
    {
        foreach (var argument in Names)
        {
            // /bin/sh prints its first positional argument back byte for byte.
            var start = new ProcessStartInfo("/bin/sh", "-c \"printf %s \\\"$1\\\"\" sh " + CommandLineQuoting.Quote(argument))
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(start)!;
            var echoed = process.StandardOutput.ReadToEnd();
            process.WaitForExit();

            Assert.Equal(argument, echoed);
        }
    }

    /// <summary>The documented rules (CommandLineToArgvW, which .NET follows) written out, for a check on any OS.</summary>
    private static class WindowsRules
    {
        public static List<string> Split(string commandLine)
        {
            var result = new List<string>();
            var current = new System.Text.StringBuilder();
            var inQuotes = false;
            var inArgument = false;
            for (var i = 0; i < commandLine.Length; i++)
            {
                var c = commandLine[i];
                if (c == '\\')
                {
                    var count = 0;
                    while (i < commandLine.Length && commandLine[i] == '\\') { count++; i++; }
                    if (i < commandLine.Length && commandLine[i] == '"')
                    {
                        current.Append('\\', count / 2);
                        if (count % 2 == 1) current.Append('"');
                        else inQuotes = !inQuotes;
                    }
                    else
                    {
                        current.Append('\\', count);
                        i--;
                    }
                    inArgument = true;
                }
                else if (c == '"')
                {
                    inQuotes = !inQuotes;
                    inArgument = true;
                }
                else if (char.IsWhiteSpace(c) && !inQuotes)
                {
                    if (inArgument) result.Add(current.ToString());
                    current.Clear();
                    inArgument = false;
                }
                else
                {
                    current.Append(c);
                    inArgument = true;
                }
            }
            if (inArgument) result.Add(current.ToString());
            return result;
        }
    }
}
