namespace LearnLM.Kernel.Extensions.Hosts;

public enum OutputStream { Stdout, Stderr }

/// <summary>
/// The narrow interface every host implements — the Jupyter kernel (as stream / display_data /
/// update_display_data messages), the headless runner (into the notebook's outputs), the REPL (to the terminal),
/// and .NET Interactive through extension.dib. Formatters, magics and visualisers talk only to this.
/// </summary>
public interface IDisplayHost
{
    /// <summary>Text written to standard output or error while a cell runs.</summary>
    void WriteStream(OutputStream stream, string text);

    /// <summary>Shows a bundle. With a display id, later <see cref="UpdateDisplay"/> calls replace it in place.</summary>
    void Display(MimeBundle bundle, string? displayId = null);

    /// <summary>Replaces what an earlier <see cref="Display"/> with the same id shows.</summary>
    void UpdateDisplay(MimeBundle bundle, string displayId);

    /// <summary>True where output can be updated in place (notebook frontends); false for plain terminals and logs.</summary>
    bool SupportsUpdates { get; }
}
