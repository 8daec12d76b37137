using System.Buffers.Text;

namespace Distill.Attribution.Testing.Streams;

/// <summary>
/// A read-only stream of a requests CSV (header + rows) generated on the fly, so tests and benchmarks
/// can feed hundreds of megabytes without keeping them anywhere. Rows are valid, deterministic, with
/// unique request ids, a few thousand accounts and realistic field sizes (~120 bytes per row).
/// </summary>
public sealed class SyntheticRequestsStream : Stream
{
    private static readonly byte[] Header = "request_id,account_id,ts,model,capability,prompt_fingerprint,ip,client,input_tokens,output_tokens\n"u8.ToArray();
    private static readonly byte[][] Models = ["model-a"u8.ToArray(), "model-b"u8.ToArray(), "model-c-large"u8.ToArray()];
    private static readonly byte[][] Capabilities = ["reasoning_cot"u8.ToArray(), "rubric_grading"u8.ToArray(), "chat"u8.ToArray(), "agentic_coding"u8.ToArray()];
    private readonly long _rows;
    private readonly byte[] _row = new byte[256];
    private long _next;
    private int _rowLength;
    private int _rowOffset;
    private bool _headerDone;
    private int _headerOffset;

    public SyntheticRequestsStream(long rows) => _rows = rows;

    /// <summary>Rows produced so far.</summary>
    public long RowsProduced => _next;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var written = 0;
        if (!_headerDone)
        {
            var n = Math.Min(buffer.Length, Header.Length - _headerOffset);
            Header.AsSpan(_headerOffset, n).CopyTo(buffer);
            _headerOffset += n;
            written += n;
            _headerDone = _headerOffset == Header.Length;
        }

        while (written < buffer.Length)
        {
            if (_rowOffset == _rowLength)
            {
                if (_next == _rows)
                {
                    break;
                }

                _rowLength = WriteRow(_next++);
                _rowOffset = 0;
            }

            var n = Math.Min(buffer.Length - written, _rowLength - _rowOffset);
            _row.AsSpan(_rowOffset, n).CopyTo(buffer[written..]);
            _rowOffset += n;
            written += n;
        }

        return written;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int WriteRow(long i)
    {
        var s = _row.AsSpan();
        var n = 0;
        n += Put(s[n..], "req-"u8);
        n += Num(s[n..], i, 12);
        n += Put(s[n..], ",acct-"u8);
        n += Num(s[n..], (i * 7919) % 5000, 0);
        n += Put(s[n..], ",2026-01-"u8);
        var second = i % 2_592_000; // a month of seconds, wrapping
        n += Num(s[n..], 1 + (second / 86_400), 2);
        s[n++] = (byte)'T';
        n += Num(s[n..], second / 3600 % 24, 2);
        s[n++] = (byte)':';
        n += Num(s[n..], second / 60 % 60, 2);
        s[n++] = (byte)':';
        n += Num(s[n..], second % 60, 2);
        s[n++] = (byte)'.';
        n += Num(s[n..], i % 1000, 3);
        n += Put(s[n..], "Z,"u8);
        n += Put(s[n..], Models[i % Models.Length]);
        s[n++] = (byte)',';
        n += Put(s[n..], Capabilities[(i / 3) % Capabilities.Length]);
        n += Put(s[n..], ",pf-"u8);
        n += Num(s[n..], (i * 31) % 997, 0);
        n += Put(s[n..], ",203.0."u8);
        n += Num(s[n..], (i / 256) % 256, 0);
        s[n++] = (byte)'.';
        n += Num(s[n..], i % 256, 0);
        n += Put(s[n..], ",distill-sdk/1.4.2,"u8);
        n += Num(s[n..], 100 + (i % 3000), 0);
        s[n++] = (byte)',';
        n += Num(s[n..], 20 + (i % 900), 0);
        s[n++] = (byte)'\n';
        return n;
    }

    private static int Put(Span<byte> target, ReadOnlySpan<byte> text)
    {
        text.CopyTo(target);
        return text.Length;
    }

    private static int Num(Span<byte> target, long value, int digits)
    {
        Utf8Formatter.TryFormat(value, target, out var written, digits > 0 ? new System.Buffers.StandardFormat('D', (byte)digits) : default);
        return written;
    }
}
