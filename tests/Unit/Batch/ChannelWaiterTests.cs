using System.Threading.Channels;
using YtPipe.Core.Batch;

namespace YtPipe.Tests.Batch;

public sealed class ChannelWaiterTests
{
    [Fact]
    public void EndedChannel_IsNotWaitedOnAgain()
    {
        // The download pump waits on two channels until the downloads end; when the transcription
        // channel ended first, every wait re-armed its finished WaitToReadAsync and spun.
        var ended = Channel.CreateUnbounded<int>();
        ended.Writer.Complete();
        var open = Channel.CreateUnbounded<int>();
        var endedWaits = 0;
        var waiter = new ChannelWaiter(() => { endedWaits++; return ended.Reader.WaitToReadAsync(); }, () => open.Reader.WaitToReadAsync());

        open.Writer.TryWrite(1);
        for (var i = 0; i < 5; i++)
        {
            waiter.Wait(TimeSpan.FromSeconds(30));
        }

        Assert.Equal(1, endedWaits);
        Assert.Equal(1, waiter.EndedCount);
    }

    [Fact]
    public void Wait_ReturnsWhenAChannelGetsAnEvent()
    {
        var channel = Channel.CreateUnbounded<int>();
        var waiter = new ChannelWaiter(() => channel.Reader.WaitToReadAsync());
        var returned = new ManualResetEventSlim();
        var thread = new Thread(() => { waiter.Wait(TimeSpan.FromMinutes(5)); returned.Set(); });
        thread.Start();

        channel.Writer.TryWrite(7);

        Assert.True(returned.Wait(TimeSpan.FromMinutes(1)));
        Assert.Equal(0, waiter.EndedCount);
    }
}
