namespace LearnLM.Devices;

/// <summary>One compute device as LearnLM reports it (chapter 1, "Setup and tensors").</summary>
/// <param name="Name">The TorchSharp device string: <c>cpu</c>, <c>cuda:0</c>, …</param>
/// <param name="Description">What a person would call it, e.g. "CPU, 2 threads".</param>
public sealed record DeviceInfo(string Name, string Description);
