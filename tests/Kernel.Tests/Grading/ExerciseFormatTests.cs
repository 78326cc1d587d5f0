using System.Text.Json.Nodes;
using LearnLM.Kernel.Grading;
using LearnLM.Kernel.Notebooks;

namespace LearnLM.Kernel.Tests.Grading;

public sealed class ExerciseFormatTests
{
    static ExerciseMarker? Marker(string source) => ExerciseMarker.FromComment(source, 3);

    [Fact]
    public void Comment_markers_name_the_exercise_role_and_points()
    {
        Assert.Equal(new ExerciseMarker("ex1-sigmoid", ExerciseRole.Solution, 0), Marker("// exercise: ex1-sigmoid\nTensor Sigmoid(Tensor x) => x;"));
        Assert.Equal(new ExerciseMarker("ex1", ExerciseRole.Check, 2), Marker("\n  // Exercise: ex1 check points: 2\nCheck.That(true, \"\");"));
        Assert.Equal(new ExerciseMarker("ex1", ExerciseRole.HiddenCheck, 1.5), Marker("// exercise: ex1 hidden check points=1.5"));
        Assert.Equal(new ExerciseMarker("ex1", ExerciseRole.HiddenCheck, 1), Marker("// exercise: ex1 hidden"));
        Assert.Equal(new ExerciseMarker("ex1", ExerciseRole.Check, 1), Marker("//exercise:ex1 check"));
        Assert.Null(Marker("var x = 1; // exercise: ex1"));
        Assert.Null(Marker("// an ordinary comment\n// exercise: ex1 check"));
    }

    [Theory]
    [InlineData("// exercise: ex1 chekc", "chekc")]
    [InlineData("// exercise: ex1 check points: two", "two")]
    [InlineData("// exercise: ex1 points: 2", "points belong on check cells")]
    [InlineData("// exercise: ", "names no exercise")]
    [InlineData("// exercise: ex 1 check", "'1'")]
    public void Malformed_markers_say_which_cell_and_what_is_wrong(string source, string expected)
    {
        var error = Assert.Throws<GradingFormatException>(() => Marker(source));
        Assert.Contains("cell 3", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Metadata_markers_read_like_comment_markers()
    {
        var notebook = Notebook.Create();
        var cell = notebook.AddCell("code", "Check.That(true, \"\");");
        cell.Metadata["learnlm"] = new JsonObject { ["exercise"] = "ex2", ["kind"] = "hidden-check", ["points"] = 3 };
        Assert.Equal(new ExerciseMarker("ex2", ExerciseRole.HiddenCheck, 3), ExerciseMarker.Read(cell, 1));
        cell.Metadata["learnlm"] = new JsonObject { ["exercise"] = "ex2", ["kind"] = "test" };
        Assert.Contains("\"hidden-check\"", Assert.Throws<GradingFormatException>(() => ExerciseMarker.Read(cell, 1)).Message);
    }

    [Fact]
    public void Solution_regions_become_one_throw_at_their_indentation()
    {
        string teacher = "Tensor F(Tensor x)\n{\n    // BEGIN SOLUTION\n    var y = x * 2;\n    return y;\n    // END SOLUTION\n}\n";
        Assert.Equal("Tensor F(Tensor x)\n{\n    throw new NotImplementedException();\n}\n", SolutionRegions.Strip(teacher, 1));
        Assert.Equal("a\n  throw new NotImplementedException();\nb", SolutionRegions.Strip("a\n  //BEGIN SOLUTION\n  x\n  // end solution\nb", 1));
    }

    [Theory]
    [InlineData("// BEGIN SOLUTION\nx", "never closed")]
    [InlineData("x\n// END SOLUTION", "without a BEGIN")]
    [InlineData("// BEGIN SOLUTION\n// BEGIN SOLUTION\n// END SOLUTION", "inside the region")]
    public void Broken_regions_are_errors_naming_the_line(string source, string expected)
    {
        var error = Assert.Throws<GradingFormatException>(() => SolutionRegions.Strip(source, 4));
        Assert.Contains("cell 4, line", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Assign_strips_solutions_and_hidden_checks_and_keeps_them_in_the_key()
    {
        var source = Notebook.Load(GradingAssets.Exercises);
        var (student, key) = Assigner.Prepare(source, "exercises.ipynb");

        string studentJson = student.ToJson();
        Assert.DoesNotContain(GradingAssets.HiddenMarker, studentJson);
        Assert.DoesNotContain("torch.exp(-x)", studentJson);          // ex1's solution
        Assert.DoesNotContain("BEGIN SOLUTION", studentJson);
        Assert.Equal(3, student.Cells.Count(c => c.IsCode && c.Source.Contains(SolutionRegions.Placeholder)));
        Assert.All(student.Cells.Where(c => c.IsCode), c => { Assert.Empty(c.Outputs); Assert.Null(c.ExecutionCount); });
        Assert.Equal(source.Cells.Count - 3, student.Cells.Count);    // three hidden checks removed
        var visibleCheck = student.Cells.Single(c => c.Source.StartsWith("// exercise: ex2-softmax check"));
        Assert.False(visibleCheck.Metadata["editable"]!.GetValue<bool>());

        Assert.Equal(["ex1-sigmoid", "ex2-softmax", "ex3-gradient-step"], key.Exercises.Select(e => e.Id));
        Assert.Equal([2.0, 2.0, 3.0], key.Exercises.Select(e => e.MaxPoints));
        Assert.Equal(3, key.Exercises.Sum(e => e.Checks.Count(c => c.Hidden)));
        Assert.All(key.Exercises.SelectMany(e => e.Checks).Where(c => c.Hidden), c => Assert.Contains(GradingAssets.HiddenMarker, c.Source));
    }

    [Fact]
    public void Assign_writes_both_files_and_the_key_loads_back()
    {
        using var dir = new TempDir();
        var (studentPath, keyPath) = Assigner.Write(GradingAssets.Exercises, dir.Path);
        Assert.Equal(Path.Combine(dir.Path, "student", "exercises.ipynb"), studentPath);
        Assert.Equal(Path.Combine(dir.Path, "teacher", "exercises.key.json"), keyPath);
        Assert.DoesNotContain(GradingAssets.HiddenMarker, File.ReadAllText(studentPath));
        var key = GradingKey.Load(keyPath);
        Assert.Equal(7, key.MaxPoints);
        Assert.Equal("exercises.ipynb", key.Notebook);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp-*", SearchOption.AllDirectories));
    }

    [Fact]
    public void An_exercise_without_checks_is_refused()
    {
        var notebook = Notebook.Create();
        notebook.AddCell("code", "// exercise: lonely\nint F() {\n// BEGIN SOLUTION\nreturn 1;\n// END SOLUTION\n}");
        Assert.Contains("'lonely' has no check cell", Assert.Throws<GradingFormatException>(() => Assigner.Prepare(notebook, "n.ipynb")).Message);
    }

    [Fact]
    public void A_key_with_an_exercise_without_checks_is_refused()
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "bad.key.json");
        File.WriteAllText(path, "{\"format\": \"learnlm-grading-key/1\", \"notebook\": \"n.ipynb\", \"exercises\": [{\"id\": \"ex1\", \"checks\": []}]}");
        Assert.Contains("exercise 1 needs an id and at least one check", Assert.Throws<GradingFormatException>(() => GradingKey.Load(path)).Message);
    }

    [Fact]
    public void A_notebook_is_not_a_key()
    {
        var error = Assert.Throws<GradingFormatException>(() => GradingKey.Load(GradingAssets.Exercises));
        Assert.Contains("--self", error.Message);
    }

    [Fact]
    public void The_key_replaces_the_students_checks_and_places_each_exercise_s_checks_after_its_cells()
    {
        var (student, key) = Assigner.Prepare(Notebook.Load(GradingAssets.Exercises), "exercises.ipynb");
        // A student who "fixes" a visible check to pass trivially gains nothing: the key's check runs instead.
        student.Cells.Single(c => c.Source.StartsWith("// exercise: ex1-sigmoid check")).Source = "// exercise: ex1-sigmoid check\nCheck.That(true, \"\");";
        var plan = GradingPlan.ForKey(key, student).Where(p => p.Runs).ToList();

        Assert.DoesNotContain(plan, p => p.Source.Contains("Check.That(true"));
        Assert.Equal(7, plan.Where(p => p.IsCheck).Sum(p => p.Points));
        int sigmoid = plan.FindIndex(p => p.Kind == PlannedKind.Student && p.ExerciseId == "ex1-sigmoid");
        Assert.Equal([PlannedKind.Check, PlannedKind.HiddenCheck], plan.Skip(sigmoid + 1).Take(2).Select(p => p.Kind));
        Assert.Equal("ex2-softmax", plan[sigmoid + 3].ExerciseId);
    }

    [Fact]
    public void Student_names_fall_back_to_folders_when_file_names_collide()
    {
        Assert.Equal(["alice", "bob"], ClassGrading.StudentNames(["in/alice.ipynb", "in/bob.ipynb"]));
        Assert.Equal(["alice-hw1", "bob-hw1"], ClassGrading.StudentNames(["alice/hw1.ipynb", "bob/hw1.ipynb"]));
    }
}

public sealed class GradeReasonTests
{
    [Fact]
    public void Reasons_quote_checks_and_exceptions_but_not_a_hidden_check_s_own_names()
    {
        Assert.Equal("check failed: expected 6, got 7.", Grader.ErrorReason(new("CheckFailedException", "expected 6, got 7.", []), hidden: true, ""));
        Assert.Equal("DivideByZeroException: Attempted to divide by zero.", Grader.ErrorReason(new("DivideByZeroException", "Attempted to divide by zero.", []), hidden: true, ""));
        var missingStudentName = new LearnLM.Kernel.Grading.Worker.WorkerError("CompilationError", "(2,5): error CS0103: The name 'Sigmoid' does not exist in the current context", []);
        var missingHiddenName = new LearnLM.Kernel.Grading.Worker.WorkerError("CompilationError", "(3,9): error CS0128: A local variable named 'secretProbe' is already defined", []);
        string studentCode = "Tensor Sigmoid(Tensor x) => x;";
        Assert.Contains("'Sigmoid' does not exist", Grader.ErrorReason(missingStudentName, hidden: true, studentCode));
        Assert.DoesNotContain("secretProbe", Grader.ErrorReason(missingHiddenName, hidden: true, studentCode));
        Assert.Contains("secretProbe", Grader.ErrorReason(missingHiddenName, hidden: false, studentCode)); // a visible check's names are no secret
    }
}
