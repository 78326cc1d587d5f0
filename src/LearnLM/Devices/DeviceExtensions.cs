using TorchSharp;
using static TorchSharp.torch;

namespace LearnLM.Devices;

/// <summary>
/// Moving models and batches to a device (chapter 1; chapter 13): <c>model.ToDevice()</c>, <c>batch.ToDevice()</c>.
/// With no device given they go to <see cref="DeviceManager.Default"/>. Tensors already there are returned as they are.
/// </summary>
public static class DeviceExtensions
{
    /// <summary>Moves the module's parameters and buffers in place and returns it.</summary>
    public static T ToDevice<T>(this T module, Device? device = null) where T : nn.Module
    {
        ArgumentNullException.ThrowIfNull(module);
        var target = device ?? DeviceManager.Default;
        bool there = module.parameters().All(p => p.IsOn(target)) && module.buffers().All(b => b.IsOn(target));
        if (!there) module.to(target);
        return module;
    }

    /// <summary>The batch on <paramref name="device"/>: the same tensors when already there, copies otherwise.</summary>
    public static (Tensor Input, Tensor Target) ToDevice(this (Tensor Input, Tensor Target) batch, Device? device = null)
    {
        var target = device ?? DeviceManager.Default;
        return (batch.Input.ToDevice(target), batch.Target.ToDevice(target));
    }

    /// <summary>The tensor on <paramref name="device"/>: itself when already there, a copy otherwise.</summary>
    public static Tensor ToDevice(this Tensor tensor, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var target = device ?? DeviceManager.Default;
        return tensor.IsOn(target) ? tensor : tensor.to(target);
    }

    /// <summary>Whether the tensor lives on <paramref name="device"/> (the CPU has one device whatever its index says).</summary>
    public static bool IsOn(this Tensor tensor, Device device) =>
        tensor.device_type == device.type && (device.type == DeviceType.CPU || tensor.device_index == Math.Max(0, device.index));
}
