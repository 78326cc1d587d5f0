using System.Text;
using LearnLM.Data.Loaders;
using LearnLM.Tests.Common;
using TorchSharp;

namespace LearnLM.Tests.Data;

public sealed class MovieLensTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("learnlm-movielens-").FullName;
    public void Dispose() => Directory.Delete(_dir, true);
    string At(string name) => Path.Combine(_dir, name);

    [Fact]
    public void U_data_reads_into_tensors_and_a_data_frame()
    {
        File.WriteAllText(At("u.data"), "196\t242\t3\t881250949\n186\t302\t3\t891717742\n22\t377\t1\t878887116\n");
        var ratings = MovieLens100K.ReadRatings(At("u.data"));
        Assert.Equal(3, ratings.Count);
        var (input, target) = ratings.ToTensors(torch.CPU);
        using (input) using (target)
        {
            Assert.Equal(new long[] { 3, 2 }, input.shape);
            Assert.Equal([196L, 242, 186, 302, 22, 377], input.data<long>().ToArray());
            Assert.Equal([3f, 3f, 1f], target.data<float>().ToArray());
        }
        var frame = ratings.ToDataFrame();
        Assert.Equal(["user", "item", "rating", "timestamp"], frame.Columns.Select(c => c.Name));
        Assert.Equal(878887116L, frame["timestamp"][2]);
    }

    [Fact]
    public void A_bad_u_data_line_is_refused_naming_the_line()
    {
        File.WriteAllText(At("u.data"), "1\t2\t3\t4\n1\t2\t6\t4\n");
        var error = Assert.Throws<InvalidDataException>(() => MovieLens100K.ReadRatings(At("u.data")));
        Assert.Contains("line 2", error.Message);
    }

    [Fact]
    public void U_item_is_latin1_and_pipe_separated_with_19_genre_flags()
    {
        string flags(params int[] on) => string.Join("|", Enumerable.Range(0, 19).Select(g => on.Contains(g) ? "1" : "0"));
        File.WriteAllBytes(At("u.item"), Encoding.Latin1.GetBytes(
            $"1|Toy Story (1995)|01-Jan-1995||http://us.imdb.com/M/title-exact?Toy%20Story%20(1995)|{flags(3, 4, 5)}\n" +
            $"2|Misérables, Les (1995)|01-Jan-1995||http://x|{flags(8, 17)}\n"));
        var movies = MovieLens100K.ReadItems(At("u.item"));
        Assert.Equal("Misérables, Les (1995)", movies[1].Title);
        Assert.Equal(["Animation", "Children's", "Comedy"], movies[0].Genres);
        Assert.Equal(["Drama", "War"], movies[1].Genres);
        var frame = Movie.ToDataFrame(movies);
        Assert.Equal(2, frame.Rows.Count);
        Assert.Equal("Animation|Children's|Comedy", frame["genres"][0]);
    }

    [Fact]
    public void Ml_latest_csv_reads_quoted_titles_and_half_star_ratings()
    {
        File.WriteAllText(At("ratings.csv"), "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,3,3.5,964981247\n");
        File.WriteAllText(At("movies.csv"),
            "movieId,title,genres\n1,Toy Story (1995),Adventure|Animation\n11,\"American President, The (1995)\",Comedy|Drama|Romance\n" +
            "12,\"Dracula: \"\"Dead\"\" and Loving It (1995)\",Comedy|Horror\n13,Nothing (2010),(no genres listed)\n");
        var ratings = MovieLensLatest.ReadRatings(At("ratings.csv"));
        Assert.Equal([4f, 3.5f], ratings.Values);
        var movies = MovieLensLatest.ReadMovies(At("movies.csv"));
        Assert.Equal("American President, The (1995)", movies[1].Title);
        Assert.Equal("Dracula: \"Dead\" and Loving It (1995)", movies[2].Title);
        Assert.Equal(["Comedy", "Drama", "Romance"], movies[1].Genres);
        Assert.Empty(movies[3].Genres);
        File.WriteAllText(At("wrong.csv"), "user,movie,rating,timestamp\n");
        Assert.Contains("header", Assert.Throws<InvalidDataException>(() => MovieLensLatest.ReadRatings(At("wrong.csv"))).Message);
    }

    [Fact]
    public void The_real_ml_100k_has_100000_ratings_943_users_1682_items_and_five_80_20_folds()
    {
        string folder = SharedData.Require("ml-100k");
        var ratings = MovieLens100K.ReadRatings(Path.Combine(folder, "u.data"));
        Assert.Equal(100_000, ratings.Count);
        Assert.Equal(943, ratings.DistinctUsers);
        Assert.Equal(1_682, ratings.DistinctItems);
        Assert.Equal(1_682, MovieLens100K.ReadItems(Path.Combine(folder, "u.item")).Count);
        for (int fold = 1; fold <= 5; fold++)
        {
            var (train, test) = MovieLens100K.Fold(folder, fold);
            Assert.Equal(80_000, train.Count);
            Assert.Equal(20_000, test.Count);
        }
    }

    [Fact]
    public void The_shipped_synthetic_sample_is_what_the_documented_generator_makes()
    {
        var generated = SyntheticRatings.Generate();
        string sample = Path.Combine(SharedData.RepoRoot, "datasets", "samples", SyntheticRatings.SampleName, "u.data");
        if (Environment.GetEnvironmentVariable("LEARNLM_WRITE_SAMPLES") == "1") SyntheticRatings.WriteUData(generated, sample);
        string written = At("u.data");
        SyntheticRatings.WriteUData(generated, written);
        Assert.Equal(File.ReadAllBytes(sample), File.ReadAllBytes(written));
    }

    [Fact]
    public void Synthetic_ratings_look_like_ml_100k_and_carry_the_latent_signal()
    {
        var options = new SyntheticRatingsOptions { Users = 200, Items = 300 };
        var ratings = SyntheticRatings.Generate(options);
        Assert.Equal(200, ratings.DistinctUsers);
        Assert.All(ratings.Users.GroupBy(u => u), g => Assert.True(g.Count() >= options.MinRatingsPerUser));
        Assert.Equal(ratings.Count, ratings.Users.Zip(ratings.Items).Distinct().Count()); // no pair rated twice
        Assert.Equal([1f, 2f, 3f, 4f, 5f], ratings.Values.Distinct().Order());
        // Without taste or noise, every rating is the rounded biases only: the taste term is what spreads ratings apart.
        var flat = SyntheticRatings.Generate(options with { TasteStd = 0, NoiseStd = 0, UserBiasStd = 0, ItemBiasStd = 0 });
        Assert.All(flat.Values, v => Assert.Equal(4f, v)); // round(3.5) = 4 (banker's rounding: to even)
    }

    [Fact]
    public void Without_ml_100k_the_synthetic_sample_stands_in_and_says_so()
    {
        var store = new LearnLM.Data.Download.DatasetStore(
            LearnLM.Data.Download.DatasetCatalog.Load(Path.Combine(SharedData.RepoRoot, "datasets", "manifests")),
            new LearnLM.Data.Download.DataLocations(At("cache"), []));
        var (ratings, source) = MovieLens100K.LoadOrSynthetic(store);
        Assert.Contains("synthetic", source);
        Assert.Equal(500, ratings.DistinctUsers);
    }
}
