namespace Distill.GraphQL.Language;

/// <summary>Maps character offsets to line and column; the line table is built only when an error needs it.</summary>
internal sealed class SourceText(string text)
{
    private int[]? _lineStarts;

    public string Text { get; } = text;

    public SourceLocation GetLocation(int offset)
    {
        _lineStarts ??= BuildLineStarts(Text);
        var line = Array.BinarySearch(_lineStarts, offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return new SourceLocation(line + 1, offset - _lineStarts[line] + 1);
    }

    private static int[] BuildLineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                starts.Add(i + 1);
            }
            else if (c == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return [.. starts];
    }
}
