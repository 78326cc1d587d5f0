using System.Text;

namespace LearnLM.Data.Loaders;

/// <summary>Splits one CSV line (RFC 4180): fields in double quotes may hold commas, and "" is a quote.</summary>
static class CsvLine
{
    public static List<string> Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        if (quoted) throw new InvalidDataException("a quoted field is not closed");
        fields.Add(field.ToString());
        return fields;
    }
}
