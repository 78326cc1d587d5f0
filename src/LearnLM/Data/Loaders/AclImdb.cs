using System.Text.RegularExpressions;

namespace LearnLM.Data.Loaders;

/// <summary>One review of the IMDB dataset (chapter 9): its id, the star rating from its file name, label 1 = pos, 0 = neg.</summary>
public readonly record struct Review(int Id, int Rating, int Label, string Text);

/// <summary>
/// The Large Movie Review Dataset's folder format (chapter 9; Maas et al., ACL 2011): <c>train/pos</c>,
/// <c>train/neg</c>, <c>test/pos</c>, <c>test/neg</c>, one UTF-8 review per file named <c>id_rating.txt</c>
/// (ratings 7–10 positive, 1–4 negative). Reviews contain <c>&lt;br /&gt;</c> line breaks, kept as they are.
/// </summary>
public static partial class AclImdb
{
    /// <summary>The reviews of one split ("train" or "test"), negatives then positives, each in id order.</summary>
    public static IReadOnlyList<Review> Load(string folder, string split, int? limitPerClass = null)
    {
        if (split is not ("train" or "test")) throw new ArgumentException($"split must be \"train\" or \"test\", not \"{split}\".", nameof(split));
        var reviews = new List<Review>();
        foreach (var (label, sub) in new[] { (0, "neg"), (1, "pos") })
        {
            string dir = Path.Combine(folder, split, sub);
            if (!Directory.Exists(dir))
                throw new DirectoryNotFoundException($"{dir} is missing: an aclImdb folder holds train/ and test/, each with pos/ and neg/.");
            var files = Directory.EnumerateFiles(dir, "*.txt").Select(path => (path, name: ParseName(path))).OrderBy(f => f.name.Id).ToList();
            foreach (var (path, (id, rating)) in limitPerClass is { } limit ? files.Take(limit) : files)
            {
                if ((label == 1) != (rating >= 7) || rating is < 1 or > 10 or 5 or 6)
                    throw new InvalidDataException($"{path}: rating {rating} does not belong in {sub}/ (negative is 1–4, positive 7–10).");
                reviews.Add(new Review(id, rating, label, File.ReadAllText(path)));
            }
        }
        return reviews;
    }

    static (int Id, int Rating) ParseName(string path)
    {
        var match = FileName().Match(Path.GetFileName(path));
        if (!match.Success)
            throw new InvalidDataException($"{path}: review files are named id_rating.txt (e.g. 200_8.txt).");
        return (int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value));
    }

    [GeneratedRegex(@"^(\d+)_(\d+)\.txt$")]
    private static partial Regex FileName();
}
