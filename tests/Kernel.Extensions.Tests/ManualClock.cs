namespace LearnLM.Kernel.Extensions.Tests;

/// <summary>A clock that moves only when told, so rate limits are tested without sleeping.</summary>
sealed class ManualClock : TimeProvider
{
    long _ticks;
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    public override long GetTimestamp() => Interlocked.Read(ref _ticks);
    public override DateTimeOffset GetUtcNow() => new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(GetTimestamp());
    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    public TimeSpan Now => TimeSpan.FromTicks(GetTimestamp());
}
