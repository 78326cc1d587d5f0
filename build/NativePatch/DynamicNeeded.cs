using System.Text;
using LearnLM.Build.NativePatch.Elf;

namespace LearnLM.Build.NativePatch;

/// <summary>
/// Adds a DT_NEEDED entry without growing the file. That takes two things the file must already have:
/// a spare DT_NULL slot after the dynamic section's terminator (GNU ld leaves a few), and room in .dynstr
/// for the new name. The room comes from the library's RUNPATH: entries that do not exist on this machine
/// (TorchSharp's carries its build agent's folders, e.g. <c>/__w/1/s/bin/obj/…</c>) are dropped from its end
/// until the name fits in the bytes they free. <c>$ORIGIN</c> entries are always kept, so the library and
/// the shim beside it are still found.
/// </summary>
public static class DynamicNeeded
{
    public static void Add(ElfImage image, string name)
    {
        var slots = image.DynamicSlots();
        int terminator = slots.ToList().FindIndex(s => s.Tag == ElfImage.DT_NULL);
        if (terminator < 0 || terminator + 1 >= slots.Count || slots[terminator + 1].Tag != ElfImage.DT_NULL)
            throw new PatchException($"{image.Path}: the dynamic section has no spare slot for a DT_NEEDED entry.");

        var runpath = image.DynamicEntries().FirstOrDefault(e => e.Tag is ElfImage.DT_RUNPATH or ElfImage.DT_RPATH);
        if (runpath.Tag == ElfImage.DT_NULL)
            throw new PatchException($"{image.Path}: no RUNPATH whose unused entries could make room for '{name}'.");

        uint start = (uint)runpath.Value;
        string old = image.DynString(start);
        EnsureNotShared(image, start, old.Length);

        var kept = old.Split(':').ToList();
        while (Encoding.ASCII.GetByteCount(string.Join(':', kept)) + 1 + name.Length > old.Length)
        {
            int drop = kept.FindLastIndex(p => !p.StartsWith("$ORIGIN", StringComparison.Ordinal) && !Directory.Exists(p));
            if (drop < 0)
                throw new PatchException($"{image.Path}: RUNPATH '{old}' has no unused entries to make room for '{name}'.");
            kept.RemoveAt(drop);
        }

        string newRunpath = string.Join(':', kept);
        byte[] region = new byte[old.Length + 1];   // zero-filled: the old string's bytes and its terminator
        Encoding.ASCII.GetBytes(newRunpath, region);
        Encoding.ASCII.GetBytes(name, region.AsSpan(newRunpath.Length + 1));
        region.CopyTo(image.Bytes, image.DynStrOffset + start);

        var slot = slots[terminator];
        image.SetU64(slot.FileOffset, (ulong)ElfImage.DT_NEEDED);
        image.SetU64(slot.FileOffset + 8, start + (uint)newRunpath.Length + 1);
    }

    /// <summary>Linkers merge string tails, so another name may end inside the RUNPATH string; rewriting it would corrupt that name.</summary>
    static void EnsureNotShared(ElfImage image, uint start, int length)
    {
        var references = image.DynamicSymbols().Select(s => s.NameOffset)
            .Concat(image.VersionNeeds().SelectMany(n => new[] { n.FileNameOffset, n.VersionNameOffset }))
            .Concat(image.DynamicEntries()
                .Where(e => e.Tag is ElfImage.DT_NEEDED or ElfImage.DT_SONAME or ElfImage.DT_RPATH or ElfImage.DT_RUNPATH)
                .Where(e => e.Value != start)
                .Select(e => (uint)e.Value));
        if (references.Any(r => r > start && r <= start + length))
            throw new PatchException($"{image.Path}: the RUNPATH string shares bytes with another name and cannot be rewritten.");
    }
}
