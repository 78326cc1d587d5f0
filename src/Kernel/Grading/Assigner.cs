using System.Text.Json.Nodes;
using LearnLM.Kernel.Notebooks;

namespace LearnLM.Kernel.Grading;

/// <summary>
/// `learnlm assign`: from the teacher's exercise notebook, the student copy (solution regions replaced by
/// <c>throw new NotImplementedException();</c>, hidden checks removed, outputs cleared, check cells locked)
/// and the grading key (every exercise, its points, all its checks). Chapter 1 (setup) introduces exercises.
/// </summary>
public static class Assigner
{
    public sealed record Assignment(Notebook StudentCopy, GradingKey Key);

    /// <param name="studentFileName">The student copy's file name, recorded in the key.</param>
    /// <exception cref="GradingFormatException">A marker or solution region is malformed, or an exercise has nothing to grade it.</exception>
    public static Assignment Prepare(Notebook source, string studentFileName)
    {
        var student = source.Clone();
        var cells = (JsonArray)student.Root["cells"]!;
        var checks = new List<(string Exercise, KeyCheck Check)>();
        var exercises = new List<string>();
        var teacherCells = source.Cells;

        for (int i = 0, cellNumber = 1; i < cells.Count; cellNumber++)
        {
            var cell = new NotebookCell((JsonObject)cells[i]!);
            var marker = ExerciseMarker.Read(cell, cellNumber);
            if (marker is not null && !exercises.Contains(marker.ExerciseId)) exercises.Add(marker.ExerciseId);
            if (marker is { IsCheck: true })
            {
                checks.Add((marker.ExerciseId, new KeyCheck(teacherCells[cellNumber - 1].Source, marker.Role == ExerciseRole.HiddenCheck, marker.Points, cellNumber)));
                if (marker.Role == ExerciseRole.HiddenCheck) { cells.RemoveAt(i); continue; }
                // Jupyter honours these: students see the check but cannot edit or delete it by accident.
                cell.Metadata["editable"] = false;
                cell.Metadata["deletable"] = false;
            }
            if (cell.IsCode)
            {
                if (SolutionRegions.Contains(cell.Source)) cell.Source = SolutionRegions.Strip(cell.Source, cellNumber);
                cell.Json["outputs"] = new JsonArray();
                cell.ExecutionCount = null;
            }
            i++;
        }

        var ungraded = exercises.Where(e => checks.All(c => c.Exercise != e)).ToList();
        if (ungraded.Count > 0)
            throw new GradingFormatException($"exercise {string.Join(", ", ungraded.Select(e => $"'{e}'"))} has no check cell, so nothing would grade it. Add a cell starting '// exercise: {ungraded[0]} check points: 1'.");
        if (exercises.Count == 0)
            throw new GradingFormatException("the notebook has no exercises. Mark check cells with a first line like '// exercise: ex1 check points: 1' (see Grading/README.md).");

        var key = new GradingKey(GradingKey.CurrentFormat, studentFileName,
            exercises.Select(e => new KeyExercise(e, checks.Where(c => c.Exercise == e).Select(c => c.Check).ToList())).ToList());
        return new Assignment(student, key);
    }

    /// <summary>Writes DIR/student/NAME.ipynb and DIR/teacher/NAME.key.json, each atomically; returns their paths.</summary>
    public static (string StudentPath, string KeyPath) Write(string sourcePath, string outDir)
    {
        string name = Path.GetFileName(sourcePath);
        var assignment = Prepare(Notebook.Load(sourcePath), name);
        string studentPath = Path.Combine(outDir, "student", name);
        string keyPath = Path.Combine(outDir, "teacher", Path.ChangeExtension(name, ".key.json"));
        if (Path.GetFullPath(studentPath) == Path.GetFullPath(sourcePath))
            throw new GradingFormatException($"--out {outDir} would overwrite the source notebook; choose another folder.");
        assignment.Key.Save(keyPath);
        AtomicFile.WriteAllText(studentPath, assignment.StudentCopy.ToJson());
        return (studentPath, keyPath);
    }
}
