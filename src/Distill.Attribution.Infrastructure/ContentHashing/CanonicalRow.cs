using System.Buffers.Binary;
using System.Text;

namespace Distill.Attribution.Infrastructure.ContentHashing;

/// <summary>
/// A reusable buffer for the canonical bytes of one row, the input of its content hash. Every field is
/// tagged and length-prefixed, so that no two different rows serialize alike (null differs from "", and
/// a field boundary cannot move). Values are the contract's own (strings, Unix ms), never store row ids,
/// which depend on ingest order.
/// </summary>
internal sealed class CanonicalRow
{
    private byte[] buffer = new byte[512];
    private int length;

    public ReadOnlySpan<byte> Bytes => buffer.AsSpan(0, length);

    public CanonicalRow Start(byte table)
    {
        length = 0;
        Reserve(1);
        buffer[length++] = table;
        return this;
    }

    public CanonicalRow Text(string? value)
    {
        if (value is null)
        {
            Reserve(1);
            buffer[length++] = 0;
            return this;
        }

        Reserve(5 + Encoding.UTF8.GetMaxByteCount(value.Length));
        buffer[length] = 1;
        var written = Encoding.UTF8.GetBytes(value, buffer.AsSpan(length + 5));
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(length + 1), written);
        length += 5 + written;
        return this;
    }

    /// <summary>The UTF-8 bytes of the first field, which must be a non-null <see cref="Text"/> (a request's id).</summary>
    public ReadOnlySpan<byte> FirstText => buffer.AsSpan(6, BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(2)));

    public CanonicalRow Int(long? value)
    {
        Reserve(9);
        if (value is { } v)
        {
            buffer[length] = 2;
            BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(length + 1), v);
            length += 9;
        }
        else
        {
            buffer[length++] = 0;
        }

        return this;
    }

    public CanonicalRow Real(double value)
    {
        Reserve(9);
        buffer[length] = 3;
        BinaryPrimitives.WriteDoubleLittleEndian(buffer.AsSpan(length + 1), value);
        length += 9;
        return this;
    }

    private void Reserve(int bytes)
    {
        if (length + bytes > buffer.Length)
        {
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + bytes));
        }
    }
}
