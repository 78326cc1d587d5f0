using System.Buffers.Binary;
using System.Text;

namespace LearnLM.Build.NativePatch.Elf;

/// <summary>
/// A 64-bit little-endian ELF shared object held in memory, with just the dynamic-linking tables the
/// TorchSharp patch reads and edits in place: the dynamic section, dynamic symbols, their versions
/// (.gnu.version), the versions required from other libraries (.gnu.version_r) and the versions defined
/// (.gnu.version_d). Nothing is moved or resized, so every offset in the file stays valid.
/// </summary>
public sealed class ElfImage
{
    public const long DT_NULL = 0, DT_NEEDED = 1, DT_STRTAB = 5, DT_STRSZ = 10, DT_SONAME = 14, DT_RPATH = 15, DT_RUNPATH = 29;
    public const ushort VER_FLG_WEAK = 0x2;
    public const ushort VER_NDX_GLOBAL = 1;

    const uint SHT_DYNSYM = 11, SHT_DYNAMIC = 6;
    const uint SHT_GNU_verdef = 0x6ffffffd, SHT_GNU_verneed = 0x6ffffffe, SHT_GNU_versym = 0x6fffffff;

    readonly byte[] _bytes;
    readonly List<Section> _sections = new();

    public string Path { get; }
    public byte[] Bytes => _bytes;

    record struct Section(uint Type, long Offset, long Size, uint Link, long EntrySize);

    ElfImage(string path, byte[] bytes)
    {
        Path = path;
        _bytes = bytes;
        if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
            throw new InvalidDataException($"{path} is not an ELF file (no ELF magic number).");
        if (bytes[4] != 2 || bytes[5] != 1)
            throw new InvalidDataException($"{path} is not a 64-bit little-endian ELF file; only linux-x64 natives are patched.");

        long shoff = (long)U64(0x28);
        int shentsize = U16(0x3A), shnum = U16(0x3C);
        if (shoff == 0 || shnum == 0)
            throw new InvalidDataException($"{path} has no section headers, so its version tables cannot be located.");
        for (int i = 0; i < shnum; i++)
        {
            long h = shoff + (long)i * shentsize;
            _sections.Add(new Section(U32(h + 4), (long)U64(h + 0x18), (long)U64(h + 0x20), U32(h + 0x28), (long)U64(h + 0x38)));
        }
    }

    public static ElfImage Load(string path) => new(path, File.ReadAllBytes(path));

    // ---- little-endian field access -------------------------------------------------------------
    public ushort U16(long at) => BinaryPrimitives.ReadUInt16LittleEndian(_bytes.AsSpan((int)at));
    public uint U32(long at) => BinaryPrimitives.ReadUInt32LittleEndian(_bytes.AsSpan((int)at));
    public ulong U64(long at) => BinaryPrimitives.ReadUInt64LittleEndian(_bytes.AsSpan((int)at));
    public void SetU16(long at, ushort v) => BinaryPrimitives.WriteUInt16LittleEndian(_bytes.AsSpan((int)at), v);
    public void SetU64(long at, ulong v) => BinaryPrimitives.WriteUInt64LittleEndian(_bytes.AsSpan((int)at), v);

    Section? Find(uint type) => _sections.Where(s => s.Type == type).Select(s => (Section?)s).FirstOrDefault();
    Section Require(uint type, string name) =>
        Find(type) ?? throw new InvalidDataException($"{Path} has no {name} section.");

    // ---- dynamic string table -------------------------------------------------------------------
    /// <summary>File offset of .dynstr (the string table the dynamic section and symbols index into).</summary>
    public long DynStrOffset => _sections[(int)Require(SHT_DYNSYM, ".dynsym").Link].Offset;
    public long DynStrSize => _sections[(int)Require(SHT_DYNSYM, ".dynsym").Link].Size;

    public string DynString(uint index)
    {
        long start = DynStrOffset + index, end = start;
        while (_bytes[end] != 0) end++;
        return Encoding.ASCII.GetString(_bytes, (int)start, (int)(end - start));
    }

    // ---- dynamic section ------------------------------------------------------------------------
    public record struct DynamicEntry(int Slot, long FileOffset, long Tag, ulong Value);

    /// <summary>All slots of the dynamic section, including the DT_NULL terminator and any spare DT_NULL slots after it.</summary>
    public IReadOnlyList<DynamicEntry> DynamicSlots()
    {
        var dyn = Require(SHT_DYNAMIC, ".dynamic");
        var slots = new List<DynamicEntry>();
        for (int i = 0; i < dyn.Size / 16; i++)
        {
            long at = dyn.Offset + i * 16L;
            slots.Add(new DynamicEntry(i, at, (long)U64(at), U64(at + 8)));
        }
        return slots;
    }

    /// <summary>The entries before the first DT_NULL: what the dynamic linker reads.</summary>
    public IEnumerable<DynamicEntry> DynamicEntries() => DynamicSlots().TakeWhile(e => e.Tag != DT_NULL);

    public IEnumerable<string> Needed() =>
        DynamicEntries().Where(e => e.Tag == DT_NEEDED).Select(e => DynString((uint)e.Value));

    // ---- dynamic symbols and their versions ------------------------------------------------------
    public record struct DynamicSymbol(int Index, uint NameOffset, string Name);

    public IReadOnlyList<DynamicSymbol> DynamicSymbols()
    {
        var dynsym = Require(SHT_DYNSYM, ".dynsym");
        var symbols = new List<DynamicSymbol>();
        for (int i = 0; i < dynsym.Size / 24; i++)
        {
            uint name = U32(dynsym.Offset + i * 24L);
            symbols.Add(new DynamicSymbol(i, name, DynString(name)));
        }
        return symbols;
    }

    /// <summary>File offset of a symbol's 16-bit entry in .gnu.version.</summary>
    public long VersymOffset(int symbolIndex) => Require(SHT_GNU_versym, ".gnu.version").Offset + symbolIndex * 2L;

    public record struct VersionNeed(string File, uint FileNameOffset, string Version, uint VersionNameOffset, ushort Flags, ushort Index, long AuxOffset);

    /// <summary>Every version this object requires from another library (.gnu.version_r), one row per (file, version).</summary>
    public IReadOnlyList<VersionNeed> VersionNeeds()
    {
        var rows = new List<VersionNeed>();
        if (Find(SHT_GNU_verneed) is not { } verneed) return rows;
        long need = verneed.Offset;
        while (true)
        {
            ushort count = U16(need + 2);
            uint file = U32(need + 4), aux = U32(need + 8), next = U32(need + 12);
            long a = need + aux;
            for (int i = 0; i < count; i++)
            {
                uint name = U32(a + 8);
                rows.Add(new VersionNeed(DynString(file), file, DynString(name), name, U16(a + 4), U16(a + 6), a));
                uint anext = U32(a + 12);
                if (anext == 0) break;
                a += anext;
            }
            if (next == 0) break;
            need += next;
        }
        return rows;
    }

    /// <summary>The version names this object defines (.gnu.version_d), e.g. GLIBCXX_3.4.30 for libstdc++.</summary>
    public IReadOnlySet<string> VersionDefinitions()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (Find(SHT_GNU_verdef) is not { } verdef) return names;
        long def = verdef.Offset;
        while (true)
        {
            ushort count = U16(def + 6);
            uint aux = U32(def + 12), next = U32(def + 16);
            if (count > 0) names.Add(DynString(U32(def + aux)));
            if (next == 0) break;
            def += next;
        }
        return names;
    }

    /// <summary>Writes the image next to its destination, then moves it over, so a reader never sees half a file.</summary>
    public void SaveAtomically(string destination)
    {
        string temp = destination + ".tmp-" + Environment.ProcessId;
        File.WriteAllBytes(temp, _bytes);
        File.Move(temp, destination, overwrite: true);
    }
}
