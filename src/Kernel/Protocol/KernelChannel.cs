namespace LearnLM.Kernel.Protocol;

/// <summary>The Jupyter sockets that carry messages (the heartbeat only echoes bytes). Chapter 1 (setup).</summary>
public enum KernelChannel { Shell, Control, IOPub, Stdin }
