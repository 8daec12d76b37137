using System.Text;

namespace Distill.Attribution.Synthetic.Tests;

/// <summary>A deliberately plain RFC 4180 reader for the tests (independent of the generator's writer).</summary>
internal static class SimpleCsv
{
    public static (string[] Header, List<string[]> Rows) Read(string path)
    {
        var text = File.ReadAllText(path, new UTF8Encoding(false, true));
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
            }
            else
            {
                // A plain test per character (an NUnit constraint and a message string per character made this reader,
                // and the suite, minutes slow); the assertion runs only for the character that breaks the rule.
                if (c is '"' or '\r')
                {
                    Assert.Fail($"stray character {(int)c} in an unquoted field of {path} at offset {i}");
                }

                field.Append(c);
            }
        }

        Assert.That(quoted, Is.False, $"unterminated quote in {path}");
        Assert.That(field.Length + fields.Count, Is.Zero, $"{path} must end with a line break");
        Assert.That(records, Is.Not.Empty, $"{path} has no header");
        var header = records[0];
        records.RemoveAt(0);
        foreach (var record in records)
        {
            Assert.That(record, Has.Length.EqualTo(header.Length), $"{path}: a row with the wrong number of fields");
        }

        return (header, records);
    }
}
