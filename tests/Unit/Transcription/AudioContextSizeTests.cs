using YtPipe.Core.Transcription;

namespace YtPipe.Tests.Transcription;

public sealed class AudioContextSizeTests
{
    [Theory]
    // 3 s + 1 s margin = 200 frames, rounded up to 256: what whisper-cli -ac 256 does for such clips.
    [InlineData(3.0, 256)]
    [InlineData(0.5, 128)]
    [InlineData(10.0, 576)]
    // 28 s + 1 s = 1450 frames rounds to 1472; 29 s and more fill the window.
    [InlineData(28.0, 1472)]
    [InlineData(29.0, AudioContextSize.Full)]
    [InlineData(95.0, AudioContextSize.Full)]
    public void Context_CoversTheClipWithAMargin(double seconds, int expected)
    {
        var context = AudioContextSize.For(TimeSpan.FromSeconds(seconds));

        Assert.Equal(expected, context);
        Assert.True(context >= seconds * AudioContextSize.FramesPerSecond || context == AudioContextSize.Full);
    }
}
