namespace LearnLM.Scratch;

/// <summary>
/// The outcome of comparing an analytic gradient with central finite differences (chapter 3).
/// An entry agrees when |analytic − numeric| ≤ tolerance · max(1, |numeric|).
/// </summary>
/// <param name="Passed">Every entry agreed.</param>
/// <param name="MaxAbsoluteError">The largest |analytic − numeric| over all entries.</param>
/// <param name="WorstEntry">Where the worst disagreement is, e.g. "hidden.weight[1, 2]: analytic 0.31, numeric 0.29".</param>
/// <param name="Entries">How many entries were checked.</param>
public sealed record GradientCheckResult(bool Passed, double MaxAbsoluteError, string WorstEntry, long Entries)
{
    public override string ToString() =>
        $"{(Passed ? "passed" : "FAILED")}: {Entries} entries, max |analytic − numeric| = {MaxAbsoluteError:G3}; worst {WorstEntry}";
}
