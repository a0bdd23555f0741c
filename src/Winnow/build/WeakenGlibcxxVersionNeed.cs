// MSBuild task, compiled by RoslynCodeTaskFactory from Winnow.targets (this repository imports it
// in Directory.Build.targets; the Winnow package ships it in build/ and buildTransitive/, so an
// app that references Winnow gets the same fix in its own build and publish output).
//
// Why: libLibTorchSharp.so in TorchSharp-cpu 0.107.0 carries a version-need entry for
// GLIBCXX_3.4.32 (GCC 13's libstdc++). Its only symbol of that version,
// std::ios_base_library_init(), has no relocation, so nothing ever binds to it; only the
// loader's version check fails on Debian 12 (GCC 12, newest GLIBCXX_3.4.30). Setting
// VER_FLG_WEAK (0x2) on that Elf64_Vernaux entry makes glibc treat the missing version as a
// warning. The change is two bytes, written through a temporary file and a rename so that a
// hard link into the package cache is never modified.
//
// No-op when the system libstdc++ already provides the version, when the flag is already set,
// or when the directory holds no libLibTorchSharp.so.
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class WeakenGlibcxxVersionNeed : Task
{
    private const string FileName = "libLibTorchSharp.so";
    private const string Version = "GLIBCXX_3.4.32";
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    [Required]
    public string Directory { get; set; } = "";

    public override bool Execute()
    {
        if (!System.IO.Directory.Exists(Directory)) return true;
        if (SystemLibstdcxxHasVersion())
        {
            Log.LogMessage(MessageImportance.Low, $"System libstdc++ provides {Version}; {FileName} left as shipped.");
            return true;
        }
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, FileName, SearchOption.AllDirectories))
        {
            try
            {
                var outcome = Patch(path);
                Log.LogMessage(MessageImportance.Normal, $"{path}: {outcome}");
            }
            catch (Exception e) when (e is IOException || e is InvalidDataException || e is UnauthorizedAccessException)
            {
                Log.LogError($"Could not mark {Version} weak in {path}: {e.Message}");
                return false;
            }
        }
        return true;
    }

    private static bool SystemLibstdcxxHasVersion()
    {
        string[] candidates =
        {
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6", "/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6",
        };
        var needle = Encoding.ASCII.GetBytes(Version + "\0");
        foreach (var candidate in candidates)
        {
            if (!File.Exists(candidate)) continue;
            return IndexOf(File.ReadAllBytes(candidate), needle, 0) >= 0;
        }
        return false;
    }

    /// <summary>Sets VER_FLG_WEAK on the GLIBCXX_3.4.32 need; returns what it did.</summary>
    private static string Patch(string path)
    {
        var elf = File.ReadAllBytes(path);
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (elf[4] != 2 || elf[5] != 1) throw new InvalidDataException("not a little-endian 64-bit ELF file");

        var shoff = (long)BitConverter.ToUInt64(elf, 0x28);
        int shentsize = BitConverter.ToUInt16(elf, 0x3A);
        int shnum = BitConverter.ToUInt16(elf, 0x3C);
        for (var s = 0; s < shnum; s++)
        {
            var sh = checked((int)(shoff + (long)s * shentsize));
            if (BitConverter.ToUInt32(elf, sh + 4) != ShtGnuVerneed) continue;
            var offset = checked((int)BitConverter.ToUInt64(elf, sh + 24));
            var link = (int)BitConverter.ToUInt32(elf, sh + 40);
            var entries = (int)BitConverter.ToUInt32(elf, sh + 44);
            var strtab = checked((int)BitConverter.ToUInt64(elf, checked((int)(shoff + (long)link * shentsize)) + 24));

            var need = offset;
            for (var n = 0; n < entries; n++)
            {
                int count = BitConverter.ToUInt16(elf, need + 2);
                var aux = need + (int)BitConverter.ToUInt32(elf, need + 8);
                for (var a = 0; a < count; a++)
                {
                    var name = ReadCString(elf, strtab + (int)BitConverter.ToUInt32(elf, aux + 8));
                    if (name == Version)
                    {
                        var flags = BitConverter.ToUInt16(elf, aux + 4);
                        if ((flags & VerFlgWeak) != 0) return $"{Version} already weak";
                        var patched = (ushort)(flags | VerFlgWeak);
                        elf[aux + 4] = (byte)(patched & 0xff);
                        elf[aux + 5] = (byte)(patched >> 8);
                        ReplaceFile(path, elf);
                        return $"marked {Version} weak";
                    }
                    aux += (int)BitConverter.ToUInt32(elf, aux + 12);
                }
                need += (int)BitConverter.ToUInt32(elf, need + 12);
            }
        }
        return $"no {Version} need found";
    }

    // RoslynCodeTaskFactory compiles against netstandard2.0: no File.Move(overwrite) or
    // Unix file modes, so copy (which keeps the mode), patch the copy, then swap it in.
    private static void ReplaceFile(string path, byte[] content)
    {
        var stamp = File.GetLastWriteTimeUtc(path);
        var temp = path + ".patching";
        File.Copy(path, temp, overwrite: true);
        File.WriteAllBytes(temp, content);
        // Keep the original time stamp so incremental builds see an unchanged file and skip the copy.
        File.SetLastWriteTimeUtc(temp, stamp);
        File.Delete(path);
        File.Move(temp, path);
    }

    private static string ReadCString(byte[] data, int start)
    {
        var end = start;
        while (end < data.Length && data[end] != 0) end++;
        return Encoding.ASCII.GetString(data, start, end - start);
    }

    private static int IndexOf(byte[] haystack, byte[] needle, int from)
    {
        for (var i = from; i <= haystack.Length - needle.Length; i++)
        {
            var j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j]) j++;
            if (j == needle.Length) return i;
        }
        return -1;
    }
}
