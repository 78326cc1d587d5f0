namespace LearnLM.Grading;

/// <summary>
/// A failed exercise check (<see cref="Check"/>). Its message is what the student reads in the grade report,
/// so it says what was expected and what was found. Chapter 1 (setup) shows how exercises are checked.
/// </summary>
public sealed class CheckFailedException(string message) : Exception(message);
