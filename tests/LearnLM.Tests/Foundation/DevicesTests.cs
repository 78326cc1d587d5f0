using LearnLM.Devices;
using TorchSharp;

namespace LearnLM.Tests.Foundation;

public sealed class DevicesTests
{
    [Fact]
    public void Cpu_is_always_listed_and_resolves()
    {
        Assert.Equal("cpu", DeviceManager.List()[0].Name);
        Assert.Equal(DeviceType.CPU, DeviceManager.Resolve("cpu").type);
    }

    [Fact]
    public void Asking_for_absent_cuda_names_the_devices_that_exist_and_what_to_install()
    {
        if (DeviceManager.CudaAvailable) Assert.Skip("this machine has CUDA; the no-CUDA path is tested on machines without it.");
        var error = Assert.Throws<DeviceNotAvailableException>(() => DeviceManager.Resolve("cuda:0"));
        Assert.Contains("cpu", error.Message);
        Assert.Contains("TorchSharp-cuda-linux", error.Message);
        Assert.Contains("auto", error.Message);
    }

    [Fact]
    public void Auto_falls_back_to_the_cpu_without_cuda()
    {
        var expected = DeviceManager.CudaAvailable ? DeviceType.CUDA : DeviceType.CPU;
        Assert.Equal(expected, DeviceManager.Resolve("auto").type);
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:x")]
    [InlineData("cuda:-1")]
    public void A_name_that_is_no_device_is_refused_with_the_accepted_forms(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => DeviceManager.Resolve(name));
        Assert.Contains(name, error.Message);
    }
}
