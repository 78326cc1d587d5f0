using LearnLM.Devices;
using LearnLM.Kernel.Extensions.Hosts;

namespace LearnLM.Kernel.Extensions.Magics;

/// <summary><c>#!device</c>: sets the default device LearnLM's models and trainer use (chapter 1).</summary>
public sealed class DeviceMagic : IMagic
{
    public string Name => "device";
    public string Summary => "Set the default device: cpu, cuda, cuda:N or auto (CUDA when present, else the CPU).";
    public string Help => """
        #!device cpu|cuda|cuda:N|auto

        Sets LearnLM.Devices.DeviceManager.Default, the device LearnLM's models, loaders and trainer use unless told
        otherwise. 'auto' picks CUDA when it is available and the CPU otherwise; asking for CUDA where there is none
        is an error that names the devices this machine has.
        Examples:  #!device auto    #!device cuda:1    #!device cpu
        """;
    public bool WrapsCell => false;

    public Task RunAsync(IReadOnlyList<string> args, MagicContext context)
    {
        MagicArguments.Count(this, args, 1, 1);
        try
        {
            DeviceManager.Default = DeviceManager.Resolve(args[0]);
        }
        catch (ArgumentException e)
        {
            throw MagicArguments.Usage(this, e.Message.Replace($" (Parameter '{e.ParamName}')", ""));
        }
        catch (DeviceNotAvailableException e)
        {
            throw MagicArguments.Usage(this, e.Message);
        }
        context.Host.WriteStream(OutputStream.Stdout, $"Default device: {DeviceManager.Default}\n");
        return Task.CompletedTask;
    }
}
