namespace LearnLM.Kernel.Tests.Cli;

/// <summary>
/// Tests that replace <c>Console.Out</c> (ConsoleCapture) run alone: the script engine routes every cell's
/// console output through the process's one console, so a capture running beside an engine test would swallow
/// that test's output.
/// </summary>
[CollectionDefinition("Console", DisableParallelization = true)]
public sealed class ConsoleCollection;
