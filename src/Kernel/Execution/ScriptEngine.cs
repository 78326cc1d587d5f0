using System.Collections.Immutable;
using LearnLM.Kernel.Extensions.Formatting;
using LearnLM.Kernel.Extensions.Hosts;
using LearnLM.Kernel.Extensions.Magics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;

namespace LearnLM.Kernel.Execution;

/// <summary>
/// The C# execution engine behind the Jupyter kernel, <c>learnlm run</c>, the grader and <c>learnlm repl</c>
/// (chapter 1). Each cell is the next Roslyn script submission, so variables, methods and types persist;
/// <c>#!</c> magics, <c>#r</c> (dll and <c>nuget:</c>) and <c>#load</c> work in every host; console output streams
/// to the cell's host; a cell's last expression comes back formatted; and a running cell can be interrupted.
/// </summary>
public sealed class ScriptEngine : IExecutionEngine
{
    static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Parse, SourceCodeKind.Script);

    /// <summary>An interrupt slot never set: warm-up code is rewritten like a cell but must not see the first cell's interrupt.</summary>
    static readonly int WarmUpSession = CellInterrupts.Allocate();

    /// <summary>
    /// Engines warm up one at a time. Two first compilations binding the shared references at once sometimes leave
    /// TorchSharp's types bound to a different IDisposable than the session's (CS1674 on
    /// <c>using var scope = NewDisposeScope();</c> for the rest of the session); seen when test classes start engines
    /// in parallel, never with one engine or with engines started one after another.
    /// </summary>
    static readonly SemaphoreSlim OneWarmUpAtATime = new(1, 1);

    readonly MagicRegistry _magics;
    readonly ExecutionThread _thread = new("learnlm-cells");
    readonly ScriptGlobals _globals = new();
    readonly SemaphoreSlim _oneCellAtATime = new(1, 1);
    readonly int _session = CellInterrupts.Allocate();
    readonly Task _ready;
    readonly ScriptWorkspace _workspace;
    /// <summary>The first submission's options: the references every cell can use, the resolvers, debug info.</summary>
    readonly ScriptOptions _sessionOptions;
    /// <summary>
    /// Options for every submission after the first: no references of their own. Roslyn gives a submission the
    /// references of the one before it, so repeating all 200-odd here only makes each cell bind them again and keep
    /// its own copy of the binding alive in the chain (about half a megabyte a cell, and the GC work that follows).
    /// </summary>
    readonly ScriptOptions _continuationOptions;
    /// <summary>Packages restored for a cell that has not yet become part of the session (it failed or is running).</summary>
    readonly List<MetadataReference> _pendingReferences = [];
    ScriptState<object>? _state;
    CancellationTokenSource? _cellCancellation;
    int _executionCount;
    bool _disposed;

    /// <param name="magics">The <c>#!</c> magics cells may use; <see cref="MagicRegistry.CreateDefault"/> when null.</param>
    /// <param name="workingDirectory">Where relative <c>#r</c> and <c>#load</c> paths start; the current directory when null.</param>
    public ScriptEngine(MagicRegistry? magics = null, string? workingDirectory = null)
    {
        _magics = magics ?? MagicRegistry.CreateDefault();
        string baseDirectory = Path.GetFullPath(workingDirectory ?? Directory.GetCurrentDirectory());
        _sessionOptions = ScriptOptions.Default
            .WithReferences(ScriptReferences.All)
            .WithImports([])
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithEmitDebugInformation(true)
            .WithFileEncoding(System.Text.Encoding.UTF8)
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(baseDirectory))
            .WithSourceResolver(new SourceFileResolver(ImmutableArray<string>.Empty, baseDirectory));
        _continuationOptions = _sessionOptions.WithReferences(Array.Empty<MetadataReference>());
        _workspace = new ScriptWorkspace(ParseOptions);
        _ready = Task.Run(WarmUpAsync);
    }

    /// <summary>An engine with the default magics, rooted at the current directory (for hosts that want a factory).</summary>
    public static ScriptEngine Create(MagicRegistry? magics = null, string? workingDirectory = null) => new(magics, workingDirectory);

    public int ExecutionCount => Volatile.Read(ref _executionCount);

    /// <summary>Completes when the compiler is warm and the default imports are in place; cells wait for it anyway.</summary>
    public Task Ready => _ready;

    /// <summary>Runs the prelude (imports) as the first submission, then compiles and runs a throwaway cell so the first real one is quick.</summary>
    async Task WarmUpAsync()
    {
        await OneWarmUpAtATime.WaitAsync();
        try
        {
            _state = await CSharpScript.RunAsync<object>(ScriptReferences.Prelude, _sessionOptions, _globals, typeof(ScriptGlobals));
            var warm = _state.Script.ContinueWith(InterruptRewriter.Rewrite("int Warm(int n) { for (int i = 0; i < n; i++) { } return n; } Warm(1) + 1", WarmUpSession, ParseOptions), _continuationOptions);
            await warm.RunFromAsync(_state);
        }
        finally { OneWarmUpAtATime.Release(); }
        _workspace.Start(ScriptReferences.Prelude);
    }

    public async Task<ExecutionOutcome> ExecuteAsync(string code, IDisplayHost output, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _oneCellAtATime.WaitAsync(cancellationToken);
        try
        {
            int count = Interlocked.Increment(ref _executionCount);
            using var cell = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            CellInterrupts.Clear(_session);
            // Published before the warm-up wait, so an interrupt that arrives while the engine warms up is not lost.
            Volatile.Write(ref _cellCancellation, cell);
            try
            {
                await _ready;
                if (cell.IsCancellationRequested) return new ExecutionOutcome(ExecutionStatus.Error, count, Error: CellErrors.Interrupted());
                _globals.Cancellation = cell.Token;
                return await _thread.RunAsync(() => RunCellAsync(code, output, count, cell.Token));
            }
            finally
            {
                Volatile.Write(ref _cellCancellation, null);
                CellInterrupts.Clear(_session);
            }
        }
        finally { _oneCellAtATime.Release(); }
    }

    /// <summary>Runs on the execution thread; the display and console captures flow into everything the cell starts.</summary>
    async Task<ExecutionOutcome> RunCellAsync(string cell, IDisplayHost host, int count, CancellationToken cancellationToken)
    {
        using var display = DisplayContext.Use(host);
        using var console = ConsoleRouter.Capture(host);
        MimeBundle? result = null;
        try
        {
            await CellMagics.RunAsync(cell, _magics, host, async code => result = await RunCodeAsync(code, cancellationToken) ?? result, cancellationToken);
            return new ExecutionOutcome(ExecutionStatus.Ok, count, result);
        }
        catch (Exception) when (CellInterrupts.IsRequested(_session))
        {
            return new ExecutionOutcome(ExecutionStatus.Error, count, Error: CellErrors.Interrupted());
        }
        catch (MagicUsageException e)
        {
            return new ExecutionOutcome(ExecutionStatus.Error, count, Error: new ExecutionError("MagicUsageError", e.Message, [e.Message]));
        }
        catch (CellCompilationException e)
        {
            return new ExecutionOutcome(ExecutionStatus.Error, count, Error: e.Error);
        }
        catch (NuGetRestoreException e)
        {
            return new ExecutionOutcome(ExecutionStatus.Error, count, Error: new ExecutionError("NuGetRestoreError", e.Message, [e.Message]));
        }
        catch (Exception e)
        {
            return new ExecutionOutcome(ExecutionStatus.Error, count, Error: CellErrors.Exception(e));
        }
    }

    /// <summary>Compiles and runs C# as the next submission; returns its formatted result, or null when it has none.</summary>
    async Task<MimeBundle?> RunCodeAsync(string code, CancellationToken cancellationToken)
    {
        var (packages, source) = NuGetReference.Extract(code);
        if (packages.Count > 0)
        {
            var assemblies = await NuGetRestorer.RestoreAsync(packages, cancellationToken);
            var references = assemblies.Select(a => (MetadataReference)MetadataReference.CreateFromFile(a)).ToList();
            _pendingReferences.AddRange(references);
            _workspace.Add("", references);
        }
        var previous = _state!;
        string rewritten = InterruptRewriter.Rewrite(source, _session, ParseOptions);
        var options = _pendingReferences.Count == 0 ? _continuationOptions : _continuationOptions.WithReferences(_pendingReferences);
        var script = previous.Script.ContinueWith(rewritten, options);
        var diagnostics = script.Compile(cancellationToken);
        if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            // Report against the code as written (the rewrite moves columns on lines with loops).
            if (!ReferenceEquals(rewritten, source)) diagnostics = previous.Script.ContinueWith(source, options).Compile(cancellationToken);
            throw new CellCompilationException(CellErrors.Compilation(diagnostics));
        }
        // A submission that throws leaves _state as it was: the session continues from the last good cell.
        var state = await script.RunFromAsync(previous, catchException: null, cancellationToken);
        _state = state;
        _pendingReferences.Clear();   // the session's chain carries them from here on
        _workspace.Add(source, script.GetCompilation().DirectiveReferences);
        return ResultOf(script, state.ReturnValue);
    }

    /// <summary>A trailing expression without a semicolon is the cell's result, unless it is void.</summary>
    static MimeBundle? ResultOf(Script script, object? value)
    {
        if (value is not null) return Formatter.Format(value);
        var compilation = script.GetCompilation();
        var tree = compilation.SyntaxTrees.Last();
        if (tree.GetRoot() is not CompilationUnitSyntax unit
            || unit.Members.LastOrDefault() is not GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } statement })
            return null;
        var type = compilation.GetSemanticModel(tree).GetTypeInfo(statement.Expression).Type;
        return type is null || type.SpecialType == SpecialType.System_Void ? null : Formatter.Format(null);
    }

    /// <summary>Stops the running cell at its next interrupt check, cancels its token, and wakes it from a sleep or wait.</summary>
    public void Interrupt()
    {
        var cell = Volatile.Read(ref _cellCancellation);
        if (cell is null) return;
        CellInterrupts.Request(_session);
        try { cell.Cancel(); }
        catch (ObjectDisposedException) { }
        catch (AggregateException) { }   // a user callback registered on the token threw; the cell sees the interrupt anyway
        _ = Task.Delay(100).ContinueWith(_ =>
        {
            if (ReferenceEquals(Volatile.Read(ref _cellCancellation), cell)) _thread.WakeIfBlocked();
        }, TaskScheduler.Default);
    }

    public CompletenessResult IsComplete(string code) => CompletenessCheck.Of(code, ParseOptions);

    public async Task<CompletionResult> CompleteAsync(string code, int cursorPosition, CancellationToken cancellationToken = default)
    {
        await _ready;
        return await _workspace.CompleteAsync(code, cursorPosition, cancellationToken);
    }

    public async Task<InspectionResult> InspectAsync(string code, int cursorPosition, int detailLevel, CancellationToken cancellationToken = default)
    {
        await _ready;
        return await _workspace.InspectAsync(code, cursorPosition, detailLevel, cancellationToken);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Interrupt();
        _thread.Dispose();
        CellInterrupts.Release(_session);
    }

    sealed class CellCompilationException(ExecutionError error) : Exception(error.Value)
    {
        public ExecutionError Error { get; } = error;
    }
}
