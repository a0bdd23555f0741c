namespace Winnow.Data.Images;

/// <summary>
/// What a class-per-folder tree holds, in a fixed order: class folders sorted ordinally (labels must
/// not depend on the file system's listing order or the culture), then each class's images sorted
/// ordinally by relative path. Images may sit in subfolders of a class folder (as torchvision's
/// ImageFolder allows); names starting with '.' are ignored at every level, as are files directly in
/// the root, files of other types, and linked subfolders below a class folder (a link cycle must not
/// loop; class folders themselves may be links).
/// </summary>
internal sealed class ImageFolderListing
{
    public static readonly string[] Extensions = [".jpg", ".jpeg", ".png", ".webp", ".bmp"];

    private ImageFolderListing(string root, IReadOnlyList<string> classNames, ImageFile[] files)
    {
        Root = root;
        ClassNames = classNames;
        Files = files;
    }

    /// <summary>The folder's absolute path.</summary>
    public string Root { get; }

    /// <summary>The class folders this folder holds, sorted ordinally.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Class by class, each class's images by relative path.</summary>
    public ImageFile[] Files { get; }

    /// <param name="role">"training" or "test", for messages.</param>
    /// <param name="labelsFrom">The training classes that a test folder's labels index; null for the training folder (its own classes).</param>
    public static ImageFolderListing Read(string folder, string role, IReadOnlyList<string>? labelsFrom)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        if (!Directory.Exists(root)) throw new WinnowException($"{role} image folder not found: {folder}");
        try
        {
            var classNames = new DirectoryInfo(root).EnumerateDirectories()
                .Select(d => d.Name).Where(n => !n.StartsWith('.')).Order(StringComparer.Ordinal).ToArray();
            if (classNames.Length == 0)
                throw new WinnowException($"{role} image folder {root} has no class folders: it should hold one subfolder of images per class");
            var files = new List<ImageFile>();
            foreach (var name in classNames)
            {
                var label = labelsFrom is null ? Array.IndexOf(classNames, name) : IndexOf(labelsFrom, name);
                if (label < 0)
                    throw new WinnowException($"{role} image folder {root} has class folder '{name}', which the training folder does not have");
                var found = new List<ImageFile>();
                Collect(new DirectoryInfo(Path.Combine(root, name)), name + "/", label, found);
                if (found.Count == 0)
                    throw new WinnowException($"class folder '{name}' in {root} has no images ({string.Join(", ", Extensions)})");
                files.AddRange(found.OrderBy(f => f.RelativePath, StringComparer.Ordinal));
            }
            return new ImageFolderListing(root, classNames, files.ToArray());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WinnowException($"cannot read {role} image folder {root}: {e.Message}");
        }
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
            if (string.Equals(names[i], name, StringComparison.Ordinal)) return i;
        return -1;
    }

    private static void Collect(DirectoryInfo directory, string relative, int label, List<ImageFile> into)
    {
        foreach (var entry in directory.EnumerateFileSystemInfos())
        {
            if (entry.Name.StartsWith('.')) continue;
            if (entry is DirectoryInfo sub)
            {
                if (sub.LinkTarget is null) Collect(sub, relative + sub.Name + "/", label, into);
            }
            else if (entry is FileInfo file && IsImage(file.Name))
            {
                var exists = file.Exists;
                into.Add(new ImageFile(relative + file.Name, file.FullName, label,
                    exists ? file.Length : -1, exists ? file.LastWriteTimeUtc.Ticks : 0));
            }
        }
    }

    private static bool IsImage(string name) =>
        Extensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase));
}
