namespace LearnLM.Models.Recommenders;

/// <summary>One user's rating of one item at a time (chapter 12); implicit-feedback code uses only who and what.</summary>
public readonly record struct Rating(int User, int Item, float Value, long Timestamp = 0);

/// <summary>Root mean squared error of predicted against true ratings (chapter 12).</summary>
public static class RatingMetrics
{
    public static double Rmse(IReadOnlyList<Rating> ratings, Func<Rating, double> predict)
    {
        if (ratings.Count == 0) throw new ArgumentException("RMSE needs at least one rating.", nameof(ratings));
        double sum = 0;
        foreach (var rating in ratings) { double error = predict(rating) - rating.Value; sum += error * error; }
        return Math.Sqrt(sum / ratings.Count);
    }
}
