using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using LearnLM.Kernel.Extensions.Hosts;
using LearnLM.Kernel.Extensions.Magics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Completion;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Host.Mef;
using Microsoft.CodeAnalysis.Text;

namespace LearnLM.Kernel.Execution;

/// <summary>
/// Completion and inspection for cells (chapter 1): a Roslyn workspace holding one script document made of the
/// session's successful submissions followed by the code being typed, so completions see earlier cells' variables.
/// </summary>
sealed class ScriptWorkspace(CSharpParseOptions parseOptions)
{
    static readonly SymbolDisplayFormat SignatureFormat = SymbolDisplayFormat.MinimallyQualifiedFormat
        .AddMemberOptions(SymbolDisplayMemberOptions.IncludeContainingType)
        .AddParameterOptions(SymbolDisplayParameterOptions.IncludeDefaultValue);

    readonly object _lock = new();
    readonly StringBuilder _history = new();
    readonly List<MetadataReference> _extraReferences = [];
    AdhocWorkspace? _workspace;
    DocumentId? _documentId;

    public void Start(string prelude) { lock (_lock) _history.Append(prelude); }

    /// <summary>Appends a submission that ran; directives are blanked and a trailing expression gets its semicolon.</summary>
    public void Add(string submission, IEnumerable<MetadataReference> newReferences)
    {
        string code = BlankDirectives(submission);
        var unit = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(code, parseOptions).GetRoot();
        bool needsSemicolon = unit.Members.LastOrDefault() is GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } };
        lock (_lock)
        {
            _history.Append(code).Append(needsSemicolon ? ";\n" : "\n");
            var added = newReferences.ToList();
            if (added.Count == 0) return;
            _extraReferences.AddRange(added);
            if (_workspace is not null)
            {
                var project = _workspace.CurrentSolution.Projects.Single();
                _workspace.TryApplyChanges(project.AddMetadataReferences(added).Solution);
            }
        }
    }

    public async Task<CompletionResult> CompleteAsync(string code, int cursor, CancellationToken cancellationToken)
    {
        var (document, offset) = DocumentFor(code);
        var service = CompletionService.GetService(document);
        if (service is null) return new CompletionResult([], cursor, cursor);
        var list = await service.GetCompletionsAsync(document, offset + cursor, cancellationToken: cancellationToken);
        var span = list.Span;
        string typed = code[Math.Max(0, span.Start - offset)..cursor];
        var matches = list.ItemsList
            .Where(i => i.DisplayText.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .OrderBy(i => i.DisplayText.StartsWith(typed, StringComparison.Ordinal) ? 0 : 1).ThenBy(i => i.SortText, StringComparer.Ordinal)
            .Select(i => i.DisplayText).Distinct().ToList();
        return new CompletionResult(matches, span.Start - offset, span.End - offset);
    }

    public async Task<InspectionResult> InspectAsync(string code, int cursor, int detailLevel, CancellationToken cancellationToken)
    {
        var (document, offset) = DocumentFor(code);
        var model = await document.GetSemanticModelAsync(cancellationToken);
        var root = await document.GetSyntaxRootAsync(cancellationToken);
        if (model is null || root is null) return new InspectionResult(false, null);
        // Jupyter's cursor sits after the word as often as inside it.
        foreach (int position in new[] { offset + cursor, offset + cursor - 1 })
        {
            if (position < offset || position >= root.FullSpan.End) continue;
            var token = root.FindToken(position);
            if (!token.IsKind(SyntaxKind.IdentifierToken) || token.Parent is null) continue;
            var info = model.GetSymbolInfo(token.Parent, cancellationToken);
            var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault() ?? model.GetDeclaredSymbol(token.Parent, cancellationToken);
            if (symbol is null) continue;
            return new InspectionResult(true, MimeBundle.Text(Describe(symbol, detailLevel)));
        }
        return new InspectionResult(false, null);
    }

    /// <summary>The signature, then the XML doc's summary (and, at detail level 1, its parameters and returns).</summary>
    static string Describe(ISymbol symbol, int detailLevel)
    {
        string signature = Regex.Replace(symbol.ToDisplayString(SignatureFormat), @"Submission#\d+\.", "");
        var text = new StringBuilder(signature);
        string? xml = symbol.GetDocumentationCommentXml(expandIncludes: true);
        if (string.IsNullOrWhiteSpace(xml)) return text.ToString();
        XElement doc;
        try { doc = XElement.Parse(xml); }
        catch (System.Xml.XmlException) { return text.ToString(); }
        if (doc.Element("summary") is { } summary) text.Append("\n\n").Append(Plain(summary));
        if (detailLevel > 0)
        {
            foreach (var param in doc.Elements("param")) text.Append($"\n  {param.Attribute("name")?.Value}: {Plain(param)}");
            if (doc.Element("returns") is { } returns) text.Append("\nReturns: ").Append(Plain(returns));
        }
        return text.ToString();
    }

    /// <summary>Doc XML as text: <c>&lt;see cref="T:X.Y"/&gt;</c> becomes "Y", whitespace collapses.</summary>
    static string Plain(XElement element)
    {
        var parts = element.Nodes().Select(n => n switch
        {
            XText t => t.Value,
            XElement e when e.Attribute("cref") is { } cref => cref.Value[(cref.Value.LastIndexOf('.') + 1)..],
            XElement e when e.Attribute("name") is { } name => name.Value,
            XElement e => Plain(e),
            _ => "",
        });
        return Regex.Replace(string.Concat(parts), @"\s+", " ").Trim();
    }

    (Document Document, int Offset) DocumentFor(string code)
    {
        lock (_lock)
        {
            _workspace ??= CreateWorkspace();
            string prefix = _history.ToString();
            var text = SourceText.From(prefix + BlankDirectives(code));
            var document = _workspace.CurrentSolution.WithDocumentText(_documentId!, text).GetDocument(_documentId!)!;
            return (document, prefix.Length);
        }
    }

    AdhocWorkspace CreateWorkspace()
    {
        var workspace = new AdhocWorkspace(MefHostServices.Create(MefHostServices.DefaultAssemblies));
        var projectId = ProjectId.CreateNewId();
        var project = ProjectInfo.Create(projectId, VersionStamp.Create(), "cells", "cells", LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary),
            parseOptions: parseOptions, metadataReferences: [.. DocumentedReferences.All, .. _extraReferences],
            isSubmission: true, hostObjectType: typeof(ScriptGlobals));
        workspace.AddProject(project);
        _documentId = DocumentId.CreateNewId(projectId);
        workspace.AddDocument(DocumentInfo.Create(_documentId, "cells.csx", sourceCodeKind: SourceCodeKind.Script,
            loader: TextLoader.From(TextAndVersion.Create(SourceText.From(""), VersionStamp.Create()))));
        return workspace;
    }

    /// <summary>Magic lines and <c>#r</c>/<c>#load</c> directives become spaces of the same length, so offsets stay put.</summary>
    static string BlankDirectives(string code)
    {
        var lines = code.Split('\n');
        bool leading = true;
        for (int i = 0; i < lines.Length; i++)
        {
            string trimmed = lines[i].TrimStart();
            bool magic = leading && CellMagics.IsMagicLine(lines[i]);
            bool directive = trimmed.StartsWith("#r ", StringComparison.Ordinal) || trimmed.StartsWith("#load ", StringComparison.Ordinal);
            if (magic || directive) lines[i] = new string(' ', lines[i].Length);
            else if (trimmed.Length > 0) leading = false;
        }
        return string.Join('\n', lines);
    }

    /// <summary>The script references with their XML docs (beside the assembly, or in the .NET reference pack) for inspection.</summary>
    static class DocumentedReferences
    {
        static readonly Lazy<ImmutableArray<MetadataReference>> _all = new(() =>
        {
            string? refPack = ReferencePackFolder();
            return [.. ScriptReferences.All.OfType<PortableExecutableReference>().Select(r =>
            {
                string path = r.FilePath!;
                string xml = Path.ChangeExtension(path, ".xml");
                if (!File.Exists(xml) && refPack is not null) xml = Path.Combine(refPack, Path.GetFileNameWithoutExtension(path) + ".xml");
                return File.Exists(xml)
                    ? MetadataReference.CreateFromFile(path, documentation: XmlDocumentationProvider.CreateFromFile(xml))
                    : (MetadataReference)r;
            })];
        });

        public static ImmutableArray<MetadataReference> All => _all.Value;

        /// <summary>dotnet/shared/Microsoft.NETCore.App/10.0.x → dotnet/packs/Microsoft.NETCore.App.Ref/10.0.y/ref/net10.0.</summary>
        static string? ReferencePackFolder()
        {
            string runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            string packs = Path.GetFullPath(Path.Combine(runtime, "..", "..", "..", "packs", "Microsoft.NETCore.App.Ref"));
            if (!Directory.Exists(packs)) return null;
            return Directory.EnumerateDirectories(packs)
                .Select(v => Path.Combine(v, "ref", $"net{Environment.Version.Major}.0"))
                .Where(Directory.Exists).OrderDescending(StringComparer.Ordinal).FirstOrDefault();
        }
    }
}
