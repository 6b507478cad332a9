using System.Collections.Concurrent;
using System.Threading.Channels;
using YtPipe.Core.Batch;

namespace YtPipe.Tests.Batch;

/// <summary>The host side of a batch: reads every event as it comes, so a test can wait for one file's result.</summary>
public sealed class BatchEventCollector
{
    private readonly ConcurrentQueue<BatchEvent> events = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<FileResult>> results = new();

    public BatchEventCollector(ChannelReader<BatchEvent> reader) => Drained = Task.Run(() => ReadAllAsync(reader));

    /// <summary>Completes when the batch has closed its event channel.</summary>
    public Task Drained { get; }

    public IReadOnlyList<BatchEvent> All => events.ToList();

    /// <summary>Every file result so far, in the order they came.</summary>
    public IReadOnlyList<FileResult> Results => events.OfType<FileCompletedEvent>().Select(e => e.Result).ToList();

    /// <summary>The first result for <paramref name="path"/>, when it comes.</summary>
    public Task<FileResult> ResultFor(string path) => Slot(path).Task;

    private async Task ReadAllAsync(ChannelReader<BatchEvent> reader)
    {
        await foreach (var e in reader.ReadAllAsync())
        {
            events.Enqueue(e);
            if (e is FileCompletedEvent completed)
            {
                Slot(completed.Result.InputPath).TrySetResult(completed.Result);
            }
        }
    }

    private TaskCompletionSource<FileResult> Slot(string path) =>
        results.GetOrAdd(path, _ => new TaskCompletionSource<FileResult>(TaskCreationOptions.RunContinuationsAsynchronously));
}
