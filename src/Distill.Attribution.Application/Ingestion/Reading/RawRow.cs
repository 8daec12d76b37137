namespace Distill.Attribution.Application.Ingestion.Reading;

/// <summary>
/// One row as read, before validation: for each schema slot a slice of UTF-8 bytes (or absent). The
/// slices point into the reader's buffer or into a scratch buffer, so they are valid only until the
/// next read: converters copy what they keep. Reused from row to row to avoid per-row allocation.
/// </summary>
internal sealed class RawRow
{
    private readonly int[] _start;
    private readonly int[] _length;
    private readonly bool[] _inScratch;
    private byte[] _data = [];
    private byte[] _scratch = new byte[256];
    private int _scratchUsed;

    public RawRow(int slots)
    {
        _start = new int[slots];
        _length = new int[slots];
        _inScratch = new bool[slots];
        Clear();
    }

    /// <summary>1-based physical line where the row starts (the header is line 1 in CSV).</summary>
    public long Line { get; set; }

    /// <summary>Set when the reader itself rejects the row (invalid UTF-8, too long, malformed).</summary>
    public string? ErrorField { get; private set; }

    public string? ErrorReason { get; private set; }

    public bool HasError => ErrorReason is not null;

    public int SlotCount => _start.Length;

    public void Reset(byte[] data, long line)
    {
        _data = data;
        Line = line;
        Clear();
    }

    public void Reject(string? field, string reason)
    {
        ErrorField = field;
        ErrorReason = reason;
    }

    /// <summary>Sets a slot to a slice of the data buffer; an empty slice means absent.</summary>
    public void Set(int slot, int start, int length)
    {
        _start[slot] = start;
        _length[slot] = length == 0 ? -1 : length;
        _inScratch[slot] = false;
    }

    /// <summary>Reserves room in the scratch buffer for a value that had to be unescaped.</summary>
    public Span<byte> RentScratch(int maxLength, out int offset)
    {
        if (_scratchUsed + maxLength > _scratch.Length)
        {
            Array.Resize(ref _scratch, Math.Max(_scratch.Length * 2, _scratchUsed + maxLength));
        }

        offset = _scratchUsed;
        return _scratch.AsSpan(_scratchUsed, maxLength);
    }

    public void SetScratch(int slot, int offset, int length)
    {
        _start[slot] = offset;
        _length[slot] = length == 0 ? -1 : length;
        _inScratch[slot] = true;
        _scratchUsed = offset + length;
    }

    public void SetAbsent(int slot) => _length[slot] = -1;

    public bool Has(int slot) => _length[slot] > 0;

    public ReadOnlySpan<byte> Get(int slot)
    {
        var length = _length[slot];
        if (length <= 0)
        {
            return default;
        }

        return _inScratch[slot] ? _scratch.AsSpan(_start[slot], length) : _data.AsSpan(_start[slot], length);
    }

    private void Clear()
    {
        Array.Fill(_length, -1);
        _scratchUsed = 0;
        ErrorField = null;
        ErrorReason = null;
    }
}
