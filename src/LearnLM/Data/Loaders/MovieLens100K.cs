using System.Globalization;
using System.Text;
using Microsoft.Data.Analysis;

namespace LearnLM.Data.Loaders;

/// <summary>A movie (chapter 12): id, title, release date as written (may be empty), and its genres.</summary>
public sealed record Movie(int Id, string Title, string ReleaseDate, IReadOnlyList<string> Genres)
{
    /// <summary>Columns id, title, release, genres ('|'-joined), one row per movie.</summary>
    public static DataFrame ToDataFrame(IReadOnlyList<Movie> movies) => new(
        new Int32DataFrameColumn("id", movies.Select(m => m.Id)),
        new StringDataFrameColumn("title", movies.Select(m => m.Title)),
        new StringDataFrameColumn("release", movies.Select(m => m.ReleaseDate)),
        new StringDataFrameColumn("genres", movies.Select(m => string.Join('|', m.Genres))));
}

/// <summary>
/// MovieLens 100K (chapter 12; Harper and Konstan, 2015): <c>u.data</c> is "user TAB item TAB rating TAB timestamp"
/// per line; <c>u.item</c> is pipe-separated Latin-1: id|title|release date|video date|IMDb URL|19 genre flags;
/// <c>u1..u5.base/test</c> are the official 80/20 five-fold splits in the u.data format.
/// MovieLens may not be redistributed: LearnLM ships only a generated look-alike (<see cref="SyntheticRatings"/>).
/// </summary>
public static class MovieLens100K
{
    /// <summary>The 19 genres in u.item's flag order.</summary>
    public static readonly IReadOnlyList<string> Genres =
    [
        "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama", "Fantasy",
        "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
    ];

    /// <summary>Reads a file in the u.data format (u.data, uN.base, uN.test, ua/ub).</summary>
    public static RatingTable ReadRatings(string path)
    {
        var (users, items, values, times) = (new List<int>(), new List<int>(), new List<float>(), new List<long>());
        int number = 0;
        foreach (string line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0) continue;
            var fields = line.Split('\t');
            if (fields.Length != 4
                || !int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out int user)
                || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out int item)
                || !int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out int rating) || rating is < 1 or > 5
                || !long.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out long time))
                throw new InvalidDataException(
                    $"{path}, line {number}: expected 'user<TAB>item<TAB>rating 1-5<TAB>timestamp' in whole numbers, got \"{line}\".");
            users.Add(user); items.Add(item); values.Add(rating); times.Add(time);
        }
        return new RatingTable([.. users], [.. items], [.. values], [.. times]);
    }

    /// <summary>Reads u.item (Latin-1, pipe-separated, 24 fields).</summary>
    public static IReadOnlyList<Movie> ReadItems(string path)
    {
        var movies = new List<Movie>();
        int number = 0;
        foreach (string line in File.ReadLines(path, Encoding.Latin1))
        {
            number++;
            if (line.Length == 0) continue;
            var fields = line.Split('|');
            if (fields.Length != 5 + Genres.Count || !int.TryParse(fields[0], CultureInfo.InvariantCulture, out int id))
                throw new InvalidDataException($"{path}, line {number}: expected 24 '|'-separated fields starting with the movie id, got {fields.Length}.");
            var genres = Genres.Where((_, g) => fields[5 + g] == "1").ToList();
            movies.Add(new Movie(id, fields[1], fields[2], genres));
        }
        return movies;
    }

    /// <summary>
    /// The ML-100K ratings when a copy is present (the team's, Debian's or the cache), else the shipped synthetic
    /// look-alike; Source says which, so a notebook can print it.
    /// </summary>
    public static (RatingTable Ratings, string Source) LoadOrSynthetic(Download.DatasetStore? store = null)
    {
        string? folder = null;
        try { folder = (store ?? Download.DatasetStore.Default()).Find("ml-100k"); }
        catch (DirectoryNotFoundException) { } // no manifests beside this build: only the sample can be used
        if (folder is not null) return (ReadRatings(Path.Combine(folder, "u.data")), $"MovieLens 100K from {folder}");
        return (SyntheticRatings.LoadSample(),
            $"synthetic MovieLens look-alike (datasets/samples/{SyntheticRatings.SampleName}): ML-100K was not found; `learnlm data fetch ml-100k` gets it");
    }

    /// <summary>The official split <paramref name="fold"/> (1–5): uN.base for training, uN.test for testing.</summary>
    public static (RatingTable Train, RatingTable Test) Fold(string folder, int fold)
    {
        if (fold is < 1 or > 5) throw new ArgumentOutOfRangeException(nameof(fold), fold, "ML-100K's official folds are 1 to 5 (u1..u5).");
        return (ReadRatings(Path.Combine(folder, $"u{fold}.base")), ReadRatings(Path.Combine(folder, $"u{fold}.test")));
    }
}
