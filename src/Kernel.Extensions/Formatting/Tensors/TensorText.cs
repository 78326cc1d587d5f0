using System.Text;

namespace LearnLM.Kernel.Extensions.Formatting.Tensors;

/// <summary>Writes a <see cref="TensorPreview"/> the way PyTorch prints a tensor: nested brackets, <c>...</c> where items are elided.</summary>
static class TensorText
{
    public static string Values(TensorPreview preview, TensorPrintOptions options)
    {
        var format = ValueFormat.For(preview.DType, preview.Values, options.Precision);
        const string prefix = "tensor(";
        if (preview.Rank == 0) return prefix + format.Format(preview.Values[0]).Trim() + ")";
        if (preview.Values.Length == 0) return prefix + "[]" + ", size=" + TensorNames.Shape(preview.Shape) + ")";
        var text = new StringBuilder(prefix);
        int offset = 0;
        Write(text, preview, format, 0, ref offset, prefix.Length);
        return text.Append(')').ToString();
    }

    static void Write(StringBuilder text, TensorPreview preview, ValueFormat format, int dim, ref int offset, int indent)
    {
        int count = preview.Indices[dim].Length;
        int half = count / 2;
        text.Append('[');
        if (dim == preview.Rank - 1)
        {
            for (int i = 0; i < count; i++)
            {
                if (i > 0) text.Append(", ");
                if (preview.Elided[dim] && i == half) text.Append("..., ");
                text.Append(format.Format(preview.Values[offset++]));
            }
        }
        else
        {
            // Sub-tensors of dimension d are separated by (rank - d - 1) line breaks, as PyTorch does.
            string separator = "," + new string('\n', preview.Rank - dim - 1) + new string(' ', indent + 1);
            for (int i = 0; i < count; i++)
            {
                if (i > 0) text.Append(separator);
                if (preview.Elided[dim] && i == half) text.Append("...").Append(separator);
                Write(text, preview, format, dim + 1, ref offset, indent + 1);
            }
        }
        text.Append(']');
    }
}
