using LearnLM.Data.Loaders;
using LearnLM.Models.Recommenders;
using LearnLM.Tests.Common;

namespace LearnLM.Tests.Models;

/// <summary>An ML-100K ratings file ("user item rating timestamp") as the recommenders' <see cref="Rating"/> list.</summary>
static class MovieLensFiles
{
    public static List<Rating> Read(string file)
    {
        var table = MovieLens100K.ReadRatings(Path.Combine(SharedData.Require("ml-100k"), file));
        return Enumerable.Range(0, table.Count)
            .Select(i => new Rating(table.Users[i], table.Items[i], table.Values[i], table.Timestamps[i]))
            .ToList();
    }
}
