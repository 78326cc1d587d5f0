using System.Globalization;
using LearnLM.Models.Recommenders;
using LearnLM.Tests.Common;

namespace LearnLM.Tests.Models;

/// <summary>ML-100K's tab-separated "user item rating timestamp" files; a test-local reader until the data loaders land.</summary>
static class MovieLensFiles
{
    public static List<Rating> Read(string file)
    {
        string path = Path.Combine(SharedData.Require("ml-100k"), file);
        return File.ReadLines(path).Where(l => l.Length > 0).Select(line =>
        {
            var f = line.Split('\t');
            return new Rating(int.Parse(f[0]), int.Parse(f[1]), float.Parse(f[2], CultureInfo.InvariantCulture), long.Parse(f[3]));
        }).ToList();
    }
}
