using System.CommandLine;
using LearnLM.Data.Download;
using Spectre.Console;

namespace LearnLM.Kernel.Cli;

/// <summary>
/// `learnlm data list | fetch NAME | verify NAME | path NAME`: the datasets of <c>datasets/manifests</c>, where they
/// are, and getting them with checksums. Parses and prints only; <see cref="DatasetStore"/> does the work.
/// </summary>
public static class DataCommand
{
    /// <param name="store">The store to use; tests pass one over a temporary cache. Default: manifests and locations from the environment.</param>
    public static Command Create(Func<DatasetStore>? store = null)
    {
        store ??= DatasetStore.Default;
        var command = new Command("data", "List, fetch, verify and locate the datasets the chapters use.");
        command.Subcommands.Add(List(store));
        command.Subcommands.Add(Fetch(store));
        command.Subcommands.Add(Verify(store));
        command.Subcommands.Add(PathOf(store));
        return command;
    }

    static Command List(Func<DatasetStore> store)
    {
        var command = new Command("list", "Show every known dataset, its licence, and where a copy is present.");
        command.SetAction(_ => Guarded(() =>
        {
            var data = store();
            var table = new Table().AddColumns("name", "licence", "present at");
            foreach (var status in data.List())
                table.AddRow(Markup.Escape(status.Manifest.Name), Markup.Escape(Shorten(status.Manifest.Licence)),
                    status.Present ? Markup.Escape(string.Join("\n", status.PresentAt)) : "[grey]not present[/]");
            Console().Write(table);
            Console().WriteLine($"cache: {data.Locations.Cache}");
            Console().WriteLine($"also searched: {string.Join(", ", data.Locations.ReadOnly)}");
            return 0;
        }));
        return command;
    }

    static Command Fetch(Func<DatasetStore> store)
    {
        var name = new Argument<string>("name") { Description = "The dataset, as `learnlm data list` names it." };
        var command = new Command("fetch", "Download a dataset into the cache, checking its checksums (does nothing when a copy is present).") { name };
        command.SetAction((parse, cancel) => GuardedAsync(async () =>
        {
            var data = store();
            string dataset = parse.GetValue(name)!;
            _ = data.Catalog[dataset];
            if (data.Find(dataset) is { } existing)
            {
                Console().WriteLine($"{dataset} is already present at {existing}");
                return 0;
            }
            string folder = "";
            await Console().Progress().StartAsync(async context =>
            {
                var tasks = new Dictionary<string, ProgressTask>();
                var progress = new SynchronousProgress<DownloadProgress>(report =>
                {
                    if (!tasks.TryGetValue(report.FileName, out var task))
                        tasks[report.FileName] = task = context.AddTask(Markup.Escape(report.FileName), maxValue: report.TotalBytes ?? 1);
                    // A server that does not send Content-Length gives no total: show activity, not a percentage.
                    task.IsIndeterminate = report.TotalBytes is null;
                    if (report.TotalBytes is { } total) task.MaxValue = total;
                    task.Value = report.TotalBytes is null ? 0 : report.BytesReceived;
                });
                folder = await data.FetchAsync(dataset, progress, cancel);
                foreach (var task in tasks.Values) task.Value = task.MaxValue;
            });
            Console().WriteLine($"{dataset} is at {folder}");
            return 0;
        }));
        return command;
    }

    static Command Verify(Func<DatasetStore> store)
    {
        var name = new Argument<string>("name") { Description = "The dataset to check." };
        var command = new Command("verify", "Check the size and SHA-256 of every file of a dataset's copy.") { name };
        command.SetAction(parse => Guarded(() =>
        {
            var report = store().Verify(parse.GetValue(name)!);
            var table = new Table().AddColumns("file", "result", "expected", "actual");
            foreach (var file in report.Files)
                table.AddRow(Markup.Escape(file.Path), file.Failed ? $"[red]{file.Status}[/]" : file.Status.ToString(),
                    Markup.Escape(file.Expected ?? "-"), Markup.Escape(file.Actual ?? "-"));
            Console().Write(table);
            if (report.Passed)
            {
                Console().WriteLine($"{report.Name} at {report.Folder}: verified.");
                return 0;
            }
            report.ThrowIfFailed();
            return 1;
        }));
        return command;
    }

    static Command PathOf(Func<DatasetStore> store)
    {
        var name = new Argument<string>("name") { Description = "The dataset to locate." };
        var command = new Command("path", "Print the folder holding a complete copy of a dataset (for scripts).") { name };
        command.SetAction(parse => Guarded(() =>
        {
            System.Console.Out.WriteLine(store().Path(parse.GetValue(name)!));
            return 0;
        }));
        return command;
    }

    // Written through System.Console so tests that redirect it see the output; wide enough that paths are not wrapped.
    static IAnsiConsole Console() => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(System.Console.Out),
        Ansi = System.Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect,
        Interactive = System.Console.IsOutputRedirected ? InteractionSupport.No : InteractionSupport.Detect,
    }).WithWidth(250);

    static IAnsiConsole WithWidth(this IAnsiConsole console, int width)
    {
        if (System.Console.IsOutputRedirected) console.Profile.Width = width;
        return console;
    }

    static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    static int Guarded(Func<int> action)
    {
        try { return action(); }
        catch (Exception e) when (e is IOException or KeyNotFoundException or HttpRequestException or UnauthorizedAccessException)
        {
            System.Console.Error.WriteLine(e.Message);
            return 1;
        }
    }

    static async Task<int> GuardedAsync(Func<Task<int>> action)
    {
        try { return await action(); }
        catch (Exception e) when (e is IOException or KeyNotFoundException or HttpRequestException or UnauthorizedAccessException)
        {
            System.Console.Error.WriteLine(e.Message);
            return 1;
        }
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
    sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
