using System.Globalization;
using System.Text;

namespace Distill.GraphQL.Language;

/// <summary>
/// Turns GraphQL source text into tokens on demand (October 2021 lexical grammar): ignored tokens (BOM, white space,
/// line terminators, commas, comments), punctuators, names, numbers, strings with escapes and block strings.
/// </summary>
internal sealed class Lexer
{
    private readonly string _source;
    private readonly int _maxTokens;
    private int _position;

    public Lexer(string source, int maxTokens = int.MaxValue)
    {
        _source = source;
        _maxTokens = maxTokens;
        Kind = TokenKind.StartOfFile;
    }

    public TokenKind Kind { get; private set; }

    public int Start { get; private set; }

    public int End { get; private set; }

    /// <summary>The decoded value of a Name, Int, Float, String or BlockString token.</summary>
    public string Value { get; private set; } = string.Empty;

    public int TokenCount { get; private set; }

    public string Source => _source;

    public void Advance()
    {
        SkipIgnored();
        Start = _position;
        if (_position >= _source.Length)
        {
            Kind = TokenKind.EndOfFile;
            End = _position;
            return;
        }

        if (++TokenCount > _maxTokens)
        {
            throw new GraphQLSyntaxException(
                $"Document exceeds the maximum of {_maxTokens} tokens.", _position, ErrorCodes.MaxTokensExceeded);
        }

        var c = _source[_position];
        switch (c)
        {
            case '!': Punct(TokenKind.Bang); return;
            case '$': Punct(TokenKind.Dollar); return;
            case '&': Punct(TokenKind.Amp); return;
            case '(': Punct(TokenKind.ParenL); return;
            case ')': Punct(TokenKind.ParenR); return;
            case ':': Punct(TokenKind.Colon); return;
            case '=': Punct(TokenKind.Equals); return;
            case '@': Punct(TokenKind.At); return;
            case '[': Punct(TokenKind.BracketL); return;
            case ']': Punct(TokenKind.BracketR); return;
            case '{': Punct(TokenKind.BraceL); return;
            case '|': Punct(TokenKind.Pipe); return;
            case '}': Punct(TokenKind.BraceR); return;
            case '.':
                if (_position + 2 < _source.Length && _source[_position + 1] == '.' && _source[_position + 2] == '.')
                {
                    Kind = TokenKind.Spread;
                    _position += 3;
                    End = _position;
                    return;
                }

                throw Error(_position, "Unexpected \".\".");
            case '"':
                if (_position + 2 < _source.Length && _source[_position + 1] == '"' && _source[_position + 2] == '"')
                {
                    ReadBlockString();
                }
                else
                {
                    ReadString();
                }

                return;
            default:
                break;
        }

        if (IsNameStart(c))
        {
            var start = _position++;
            while (_position < _source.Length && IsNameContinue(_source[_position]))
            {
                _position++;
            }

            Kind = TokenKind.Name;
            Value = _source.Substring(start, _position - start);
            End = _position;
            return;
        }

        if (c == '-' || char.IsAsciiDigit(c))
        {
            ReadNumber();
            return;
        }

        throw Error(_position, $"Unexpected character: {Describe(_source, _position)}.");
    }

    internal static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_';

    internal static bool IsNameContinue(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private void Punct(TokenKind kind)
    {
        Kind = kind;
        _position++;
        End = _position;
    }

    private void SkipIgnored()
    {
        var s = _source;
        while (_position < s.Length)
        {
            var c = s[_position];
            if (c is ' ' or '\t' or ',' or '\n' or '\r' or '\uFEFF')
            {
                _position++;
            }
            else if (c == '#')
            {
                while (_position < s.Length && s[_position] != '\n' && s[_position] != '\r')
                {
                    _position++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private void ReadNumber()
    {
        var s = _source;
        var start = _position;
        var isFloat = false;
        if (s[_position] == '-')
        {
            _position++;
        }

        if (_position < s.Length && s[_position] == '0')
        {
            _position++;
            if (_position < s.Length && char.IsAsciiDigit(s[_position]))
            {
                throw Error(_position, $"Invalid number, unexpected digit after 0: {Describe(s, _position)}.");
            }
        }
        else
        {
            ReadDigits();
        }

        if (_position < s.Length && s[_position] == '.')
        {
            isFloat = true;
            _position++;
            ReadDigits();
        }

        if (_position < s.Length && (s[_position] == 'e' || s[_position] == 'E'))
        {
            isFloat = true;
            _position++;
            if (_position < s.Length && (s[_position] == '+' || s[_position] == '-'))
            {
                _position++;
            }

            ReadDigits();
        }

        // A number may not be directly followed by a name start or a dot (e.g. "1.2.3", "0xF").
        if (_position < s.Length && (s[_position] == '.' || IsNameStart(s[_position])))
        {
            throw Error(_position, $"Invalid number, expected digit but got: {Describe(s, _position)}.");
        }

        Kind = isFloat ? TokenKind.Float : TokenKind.Int;
        Value = s.Substring(start, _position - start);
        End = _position;
    }

    private void ReadDigits()
    {
        var s = _source;
        if (_position >= s.Length || !char.IsAsciiDigit(s[_position]))
        {
            throw Error(_position, $"Invalid number, expected digit but got: {Describe(s, _position)}.");
        }

        while (_position < s.Length && char.IsAsciiDigit(s[_position]))
        {
            _position++;
        }
    }

    private void ReadString()
    {
        var s = _source;
        var start = _position;
        _position++;
        var chunkStart = _position;
        StringBuilder? sb = null;
        while (_position < s.Length)
        {
            var c = s[_position];
            if (c == '"')
            {
                string value;
                if (sb is null)
                {
                    value = s.Substring(chunkStart, _position - chunkStart);
                }
                else
                {
                    sb.Append(s, chunkStart, _position - chunkStart);
                    value = sb.ToString();
                }

                _position++;
                Kind = TokenKind.String;
                Value = value;
                Start = start;
                End = _position;
                return;
            }

            if (c == '\n' || c == '\r')
            {
                break;
            }

            if (c == '\\')
            {
                sb ??= new StringBuilder();
                sb.Append(s, chunkStart, _position - chunkStart);
                ReadEscape(sb);
                chunkStart = _position;
                continue;
            }

            if (c < ' ' && c != '\t')
            {
                throw Error(_position, $"Invalid character within String: {Describe(s, _position)}.");
            }

            if (char.IsHighSurrogate(c))
            {
                if (_position + 1 >= s.Length || !char.IsLowSurrogate(s[_position + 1]))
                {
                    throw Error(_position, $"Invalid character within String: {Describe(s, _position)}.");
                }

                _position += 2;
                continue;
            }

            if (char.IsLowSurrogate(c))
            {
                throw Error(_position, $"Invalid character within String: {Describe(s, _position)}.");
            }

            _position++;
        }

        throw Error(_position, "Unterminated string.");
    }

    private void ReadEscape(StringBuilder sb)
    {
        var s = _source;
        var escapeStart = _position;
        if (_position + 1 >= s.Length)
        {
            throw Error(_position, "Unterminated string.");
        }

        var e = s[_position + 1];
        _position += 2;
        switch (e)
        {
            case '"': sb.Append('"'); return;
            case '\\': sb.Append('\\'); return;
            case '/': sb.Append('/'); return;
            case 'b': sb.Append('\b'); return;
            case 'f': sb.Append('\f'); return;
            case 'n': sb.Append('\n'); return;
            case 'r': sb.Append('\r'); return;
            case 't': sb.Append('\t'); return;
            case 'u':
                var point = ReadUnicodeEscape(escapeStart);
                if (point >= 0xD800 && point <= 0xDBFF)
                {
                    // A leading surrogate must be followed by an escaped trailing surrogate (legacy \uXXXX\uXXXX pairs).
                    if (_position + 1 < s.Length && s[_position] == '\\' && s[_position + 1] == 'u')
                    {
                        var trailStart = _position;
                        _position += 2;
                        var trail = ReadUnicodeEscape(trailStart);
                        if (trail >= 0xDC00 && trail <= 0xDFFF)
                        {
                            sb.Append((char)point).Append((char)trail);
                            return;
                        }
                    }

                    throw Error(escapeStart, $"Invalid Unicode escape sequence: \"{s[escapeStart.._position]}\".");
                }

                if ((point >= 0xDC00 && point <= 0xDFFF) || point > 0x10FFFF)
                {
                    throw Error(escapeStart, $"Invalid Unicode escape sequence: \"{s[escapeStart.._position]}\".");
                }

                sb.Append(char.ConvertFromUtf32(point));
                return;
            default:
                throw Error(escapeStart, $"Invalid character escape sequence: \"\\{e}\".");
        }
    }

    /// <summary>Reads the part after <c>\u</c>: four hex digits or a braced variable-width code point.</summary>
    private int ReadUnicodeEscape(int escapeStart)
    {
        var s = _source;
        if (_position < s.Length && s[_position] == '{')
        {
            var close = s.IndexOf('}', _position);
            if (close < 0 || close - _position - 1 is < 1 or > 8
                || !int.TryParse(s.AsSpan(_position + 1, close - _position - 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var big))
            {
                throw Error(escapeStart, "Invalid Unicode escape sequence.");
            }

            _position = close + 1;
            // Eight hex digits can overflow into a negative int (0x80000000 and above): out of range too.
            if (big is < 0 or (>= 0xD800 and <= 0xDFFF) or > 0x10FFFF)
            {
                throw Error(escapeStart, $"Invalid Unicode escape sequence: \"{s[escapeStart.._position]}\".");
            }

            return big;
        }

        if (_position + 4 > s.Length
            || !int.TryParse(s.AsSpan(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
        {
            throw Error(escapeStart, $"Invalid Unicode escape sequence: \"{s[escapeStart..Math.Min(s.Length, _position + 4)]}\".");
        }

        _position += 4;
        return code;
    }

    private void ReadBlockString()
    {
        var s = _source;
        var start = _position;
        _position += 3;
        var sb = new StringBuilder();
        var chunkStart = _position;
        while (_position < s.Length)
        {
            var c = s[_position];
            if (c == '"' && _position + 2 < s.Length && s[_position + 1] == '"' && s[_position + 2] == '"')
            {
                sb.Append(s, chunkStart, _position - chunkStart);
                _position += 3;
                Kind = TokenKind.BlockString;
                Value = BlockString.Dedent(sb.ToString());
                Start = start;
                End = _position;
                return;
            }

            if (c == '\\' && _position + 3 < s.Length && s[_position + 1] == '"' && s[_position + 2] == '"' && s[_position + 3] == '"')
            {
                sb.Append(s, chunkStart, _position - chunkStart).Append("\"\"\"");
                _position += 4;
                chunkStart = _position;
                continue;
            }

            if (c < ' ' && c != '\t' && c != '\n' && c != '\r')
            {
                throw Error(_position, $"Invalid character within String: {Describe(s, _position)}.");
            }

            _position++;
        }

        throw Error(_position, "Unterminated string.");
    }

    private static string Describe(string s, int position)
    {
        if (position >= s.Length)
        {
            return "<EOF>";
        }

        var c = s[position];
        return c is >= ' ' and <= '~' && c != '"'
            ? $"\"{c}\""
            : c == '"' ? "'\"'" : $"U+{(int)c:X4}";
    }

    private static GraphQLSyntaxException Error(int offset, string message) =>
        new($"Syntax Error: {message}", offset, ErrorCodes.ParseFailed);
}
