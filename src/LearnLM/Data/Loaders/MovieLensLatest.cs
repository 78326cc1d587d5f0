using System.Globalization;

namespace LearnLM.Data.Loaders;

/// <summary>
/// MovieLens "latest" CSV format, e.g. ml-latest-small (chapter 12): <c>ratings.csv</c> with header
/// <c>userId,movieId,rating,timestamp</c> (ratings 0.5–5 in half stars) and <c>movies.csv</c> with header
/// <c>movieId,title,genres</c>, titles quoted when they hold commas, genres separated by '|'.
/// </summary>
public static class MovieLensLatest
{
    public static RatingTable ReadRatings(string path)
    {
        var (users, items, values, times) = (new List<int>(), new List<int>(), new List<float>(), new List<long>());
        foreach (var (fields, number, line) in Rows(path, "userId,movieId,rating,timestamp"))
        {
            if (fields.Count != 4
                || !int.TryParse(fields[0], CultureInfo.InvariantCulture, out int user)
                || !int.TryParse(fields[1], CultureInfo.InvariantCulture, out int item)
                || !float.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out float rating) || rating is < 0.5f or > 5f
                || !long.TryParse(fields[3], CultureInfo.InvariantCulture, out long time))
                throw new InvalidDataException($"{path}, line {number}: expected userId,movieId,rating (0.5-5),timestamp, got \"{line}\".");
            users.Add(user); items.Add(item); values.Add(rating); times.Add(time);
        }
        return new RatingTable([.. users], [.. items], [.. values], [.. times]);
    }

    public static IReadOnlyList<Movie> ReadMovies(string path)
    {
        var movies = new List<Movie>();
        foreach (var (fields, number, line) in Rows(path, "movieId,title,genres"))
        {
            if (fields.Count != 3 || !int.TryParse(fields[0], CultureInfo.InvariantCulture, out int id))
                throw new InvalidDataException($"{path}, line {number}: expected movieId,title,genres, got \"{line}\".");
            var genres = fields[2] == "(no genres listed)" ? [] : fields[2].Split('|');
            movies.Add(new Movie(id, fields[1], "", genres));
        }
        return movies;
    }

    static IEnumerable<(List<string> Fields, int Number, string Line)> Rows(string path, string header)
    {
        int number = 0;
        foreach (string line in File.ReadLines(path))
        {
            number++;
            if (number == 1)
            {
                if (line.TrimStart('\uFEFF') != header)
                    throw new InvalidDataException($"{path} must start with the header \"{header}\", not \"{line}\".");
                continue;
            }
            if (line.Length == 0) continue;
            List<string> fields;
            try { fields = CsvLine.Split(line); }
            catch (InvalidDataException e) { throw new InvalidDataException($"{path}, line {number}: {e.Message}.", e); }
            yield return (fields, number, line);
        }
    }
}
