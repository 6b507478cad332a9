using System.Text.Json;
using System.Text.Json.Nodes;
using YtPipe.Core.Download;

namespace YtPipe.Tests.Download;

/// <summary>
/// A stand-in for yt-dlp: a Python script that speaks the protocol the engine uses (listing with
/// --dump-json, downloading with --load-info-json into -P, the ytpipe-* printed lines, ERROR lines
/// on stderr) and does what a scenario says: list these entries, land this file, fail like that,
/// hang, report a path outside its folder. Every call's arguments are logged.
/// </summary>
public sealed class FakeYtDlp : IDisposable
{
    private const string Script = """
        import json, os, subprocess, sys, time
        SCENARIO = sys.argv[0] + '.json'
        with open(SCENARIO, encoding='utf-8') as f:
            sc = json.load(f)
        args = sys.argv[1:]
        with open(sc['log'], 'a', encoding='utf-8') as f:
            f.write(json.dumps(args) + '\n')
        def value(name):
            return args[args.index(name) + 1] if name in args else None
        def out(line):
            sys.stdout.write(line + '\n'); sys.stdout.flush()
        def err(line):
            sys.stderr.write(line + '\n'); sys.stderr.flush()
        def hang(spec):
            child = subprocess.Popen(['sleep', '300'])
            if spec.get('pidfile'):
                with open(spec['pidfile'], 'w') as f:
                    f.write(f'{os.getpid()} {child.pid}')
            time.sleep(300)
        if '--version' in args:
            out(sc.get('version', '2099.01.01')); sys.exit(0)
        if '--dump-json' in args:
            source = args[-1]
            spec = sc['sources'].get(source)
            if spec is None:
                err(f'ERROR: Unsupported URL: {source}'); sys.exit(1)
            for e in spec.get('entries', []):
                out(json.dumps(e))
            for line in spec.get('stderr', []):
                err(line)
            if spec.get('hang'):
                hang(spec)
            sys.exit(spec.get('exit', 0))
        with open(value('--load-info-json'), encoding='utf-8') as f:
            entry = json.load(f)
        url = entry.get('url') if entry.get('_type') in ('url', 'url_transparent') else entry.get('webpage_url') or entry.get('url')
        url = url.split('#')[0]
        spec = sc['items'].get(url)
        if spec is None:
            err('ERROR: [generic] None: Unable to download webpage: HTTP Error 404: Not Found (caused by <HTTPError 404: \'Not Found\'>); please report this issue on  https://github.com/yt-dlp/yt-dlp/issues?q= , filling out the appropriate issue template. Confirm you are on the latest version using  yt-dlp -U')
            sys.exit(1)
        folder = value('-P')
        archive = value('--download-archive')
        key = spec.get('extractor_key', 'Generic').lower() + ' ' + spec.get('id', 'x')
        if archive and os.path.exists(archive) and key in open(archive, encoding='utf-8').read().split('\n'):
            sys.exit(0)
        for line in spec.get('stderr_before', []):
            err(line)
        for n in range(spec.get('files', 1)):
            stem = os.path.join(folder, f'{n + 1:05d}')
            item_id = spec.get('id', 'x') + (f'-{n}' if n else '')
            out('ytpipe-item ' + json.dumps({'id': item_id, 'title': spec.get('title'), 'webpage_url': url, 'extractor_key': spec.get('extractor_key', 'Generic')}))
            content = spec.get('content', 'audio of ' + item_id).encode('utf-8')
            if spec.get('hang'):
                with open(stem + '.' + spec.get('ext', 'opus') + '.part', 'wb') as f:
                    f.write(content[:1])
                child = subprocess.Popen(['sleep', '300'])
                with open(spec['pidfile'], 'w') as f:
                    f.write(f'{os.getpid()} {child.pid}')
            out('ytpipe-progress ' + json.dumps({'status': 'downloading', 'downloaded_bytes': 1, 'total_bytes': len(content), 'speed': 100.0, 'eta': 1}))
            if spec.get('hang'):
                time.sleep(300)
            if not spec.get('no_info'):
                info = {'id': item_id, 'title': spec.get('title'), 'uploader': spec.get('uploader'), 'extractor_key': spec.get('extractor_key', 'Generic'),
                        'webpage_url': url + '#__youtubedl_smuggle=%7B%7D', 'duration': spec.get('duration'), 'upload_date': spec.get('upload_date')}
                with open(stem + '.info.json', 'w', encoding='utf-8') as f:
                    json.dump(info, f)
            path = stem + '.' + spec.get('ext', 'opus')
            with open(path, 'wb') as f:
                f.write(content)
            out('ytpipe-progress ' + json.dumps({'status': 'finished', 'downloaded_bytes': len(content), 'total_bytes': len(content)}))
            out('ytpipe-landed ' + json.dumps(spec.get('landed_path', path)))
        for line in spec.get('stderr', []):
            err(line)
        sys.exit(spec.get('exit', 0))
        """;

    private readonly JsonObject sources = [];
    private readonly JsonObject items = [];

    public FakeYtDlp()
    {
        Folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ytpipe-tests", "fake-ytdlp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        Path = System.IO.Path.Combine(Folder, "yt-dlp");
        // -S: no site packages, half of Python's start-up time, which dominates these tests.
        File.WriteAllText(Path, "#!/usr/bin/env -S python3 -S\n" + Script.Replace("\r\n", "\n"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        LogPath = System.IO.Path.Combine(Folder, "calls.jsonl");
        Save();
    }

    /// <summary>The script, to run as yt-dlp.</summary>
    public string Path { get; }

    /// <summary>The fake's own folder.</summary>
    public string Folder { get; }

    /// <summary>One JSON array of arguments per call.</summary>
    public string LogPath { get; }

    /// <summary>A tool over the fake, as the engine sees it.</summary>
    public YtDlpTool Tool => new(Path, YtDlpVersion.Parse("2099.01.01"));

    /// <summary>A source that lists <paramref name="entries"/> and exits with <paramref name="exit"/>.</summary>
    public FakeYtDlp Source(string url, IEnumerable<JsonObject> entries, int exit = 0, string[]? stderr = null, bool hang = false)
    {
        var spec = new JsonObject { ["entries"] = new JsonArray(entries.Select(e => (JsonNode)e).ToArray()), ["exit"] = exit, ["hang"] = hang };
        if (stderr is not null)
        {
            spec["stderr"] = new JsonArray(stderr.Select(s => (JsonNode)JsonValue.Create(s)!).ToArray());
        }
        sources[url] = spec;
        Save();
        return this;
    }

    /// <summary>What downloading the item listed with <paramref name="url"/> does (see the script for the keys).</summary>
    public FakeYtDlp Item(string url, JsonObject spec)
    {
        items[url] = spec;
        Save();
        return this;
    }

    /// <summary>A podcast-feed entry, as yt-dlp's generic extractor lists it (unresolved, no id).</summary>
    public static JsonObject FeedEntry(string url, string? title = null) =>
        new() { ["_type"] = "url_transparent", ["url"] = url + "#__youtubedl_smuggle=%7B%22force_videoid%22%3A+%22x%22%7D", ["title"] = title };

    /// <summary>A YouTube playlist entry, as --flat-playlist lists it.</summary>
    public static JsonObject YouTubeEntry(string id, string? title = null) =>
        new() { ["_type"] = "url", ["ie_key"] = "Youtube", ["id"] = id, ["url"] = $"https://www.youtube.com/watch?v={id}", ["title"] = title };

    /// <summary>A fully extracted single video of the generic extractor (a plain media URL).</summary>
    public static JsonObject DirectEntry(string url, string id) =>
        new() { ["id"] = id, ["title"] = id, ["extractor_key"] = "Generic", ["webpage_url"] = url, ["url"] = url, ["direct"] = true };

    /// <summary>Every call's arguments so far.</summary>
    public IReadOnlyList<string[]> Calls() =>
        File.Exists(LogPath)
            ? File.ReadAllLines(LogPath).Select(l => JsonSerializer.Deserialize<string[]>(l)!).ToList()
            : [];

    private void Save()
    {
        var scenario = new JsonObject { ["log"] = LogPath, ["sources"] = sources.DeepClone(), ["items"] = items.DeepClone() };
        File.WriteAllText(Path + ".json", scenario.ToJsonString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
