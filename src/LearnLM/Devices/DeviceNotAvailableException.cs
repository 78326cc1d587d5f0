namespace LearnLM.Devices;

/// <summary>A device was asked for that this machine does not have; the message names the ones it does.</summary>
public sealed class DeviceNotAvailableException(string message) : Exception(message);
