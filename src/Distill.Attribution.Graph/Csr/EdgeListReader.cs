using System.Buffers.Text;

namespace Distill.Attribution.Graph.Csr;

/// <summary>
/// Reads a whitespace-separated edge list, one edge per line: <c>u v [w]</c> with 0-based node ids and an
/// optional weight (default 1). Blank lines and lines starting with <c>#</c> are skipped. Parses straight
/// from bytes; the node count is the largest id + 1.
/// </summary>
public static class EdgeListReader
{
    /// <summary>Reads every edge of <paramref name="stream"/> into a <see cref="CsrGraph"/>.</summary>
    /// <exception cref="FormatException">A line is not <c>u v [w]</c> with non-negative ids and weight.</exception>
    public static CsrGraph Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var from = new int[1 << 16];
        var to = new int[1 << 16];
        var weight = new double[1 << 16];
        var count = 0;
        var maxNode = -1;
        var buffer = new byte[1 << 20];
        var filled = 0;
        var line = 0;
        var end = false;
        while (!end)
        {
            var read = stream.Read(buffer, filled, buffer.Length - filled);
            end = read == 0;
            filled += read;
            var data = buffer.AsSpan(0, filled);
            var consumed = 0;
            while (true)
            {
                var rest = data[consumed..];
                var newline = rest.IndexOf((byte)'\n');
                if (newline < 0)
                {
                    if (!end || rest.IsEmpty)
                    {
                        break;
                    }

                    newline = rest.Length;
                }

                line++;
                var text = rest[..newline];
                consumed += Math.Min(rest.Length, newline + 1);
                if (!TryParseLine(text, out var u, out var v, out var w, out var blank))
                {
                    throw new FormatException($"Line {line}: expected 'u v [w]' with non-negative ids and a finite non-negative weight.");
                }

                if (blank)
                {
                    continue;
                }

                if (count == from.Length)
                {
                    Array.Resize(ref from, count * 2);
                    Array.Resize(ref to, count * 2);
                    Array.Resize(ref weight, count * 2);
                }

                from[count] = u;
                to[count] = v;
                weight[count++] = w;
                maxNode = Math.Max(maxNode, Math.Max(u, v));
            }

            if (consumed == 0 && filled == buffer.Length)
            {
                throw new FormatException($"Line {line + 1} is longer than {buffer.Length} bytes.");
            }

            data[consumed..].CopyTo(buffer);
            filled -= consumed;
        }

        var builder = new CsrGraphBuilder(maxNode + 1, count);
        for (var i = 0; i < count; i++)
        {
            builder.AddEdge(from[i], to[i], weight[i]);
        }

        return builder.Build();
    }

    private static bool TryParseLine(ReadOnlySpan<byte> text, out int u, out int v, out double w, out bool blank)
    {
        u = v = 0;
        w = 1;
        var i = SkipSpace(text, 0);
        blank = i == text.Length || text[i] == (byte)'#';
        if (blank)
        {
            return true;
        }

        if (!TryParseId(text, ref i, out u) || SkipSpace(text, i) == i)
        {
            return false;
        }

        i = SkipSpace(text, i);
        if (!TryParseId(text, ref i, out v))
        {
            return false;
        }

        var afterV = i;
        i = SkipSpace(text, i);
        if (i == text.Length)
        {
            return true;
        }

        if (i == afterV || !Utf8Parser.TryParse(text[i..], out w, out var used) || !(w >= 0) || double.IsInfinity(w))
        {
            return false;
        }

        return SkipSpace(text, i + used) == text.Length;
    }

    private static bool TryParseId(ReadOnlySpan<byte> text, ref int i, out int value)
    {
        value = 0;
        var start = i;
        while (i < text.Length && (uint)(text[i] - '0') <= 9)
        {
            var next = (value * 10L) + (text[i] - '0');
            if (next > int.MaxValue - 1)
            {
                return false;
            }

            value = (int)next;
            i++;
        }

        return i > start;
    }

    private static int SkipSpace(ReadOnlySpan<byte> text, int i)
    {
        while (i < text.Length && (text[i] == (byte)' ' || text[i] == (byte)'\t' || text[i] == (byte)'\r'))
        {
            i++;
        }

        return i;
    }
}
