using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Infrastructure.Neo4j;

/// <summary>
/// <c>DetectionSnapshot.InputHash</c>, byte for byte the definition the SQLite store uses
/// (<c>SqliteInputHash</c> on the store branch): per record type a multiset hash of canonical rows
/// (the sum of the rows' SHA-256 modulo 2^256, so ingest order and row ids do not matter), then SHA-256
/// over a domain tag and, per type in <see cref="RecordKind"/> order, the type byte, the row count and
/// the digest. A canonical row is the type byte then tagged fields: null = <c>0</c>; text = <c>1</c>,
/// UTF-8 length (int32 LE) and bytes; integer = <c>2</c> and int64 LE; real = <c>3</c> and IEEE double
/// LE. Timestamps are Unix milliseconds and enums their byte values, as the contract stores them.
/// Once both stores are merged this and the SQLite copy should become one helper.
/// </summary>
internal sealed class StoreContentHash
{
    private static readonly byte[] Domain = "distill-store-contents/1"u8.ToArray();

    private readonly long[] rows = new long[6];
    private readonly Digest[] digests = new Digest[6];
    private byte[] buffer = new byte[512];
    private int length;

    public void Account(string accountId, long createdAtMs, string? emailDomain, string? emailHash, string? displayName, string? orgName, AccessPathway pathway, string? country, AccountStatus? status)
    {
        Start(RecordKind.Accounts).Text(accountId).Int(createdAtMs).Text(emailDomain).Text(emailHash).Text(displayName).Text(orgName)
            .Int((long)pathway).Text(country).Int(status is { } s ? (long)s : null).Add(RecordKind.Accounts);
    }

    public void Payment(string accountId, string instrument, PaymentKind? kind, string? bin, string? issuerCountry, long firstSeenMs) =>
        Start(RecordKind.Payments).Text(accountId).Text(instrument).Int(kind is { } k ? (long)k : null).Text(bin).Text(issuerCountry)
            .Int(firstSeenMs).Add(RecordKind.Payments);

    public void Session(string accountId, string ip, long seenAtMs, long? asn, string? asnOrg, IpType? ipType) =>
        Start(RecordKind.Sessions).Text(accountId).Text(ip).Int(seenAtMs).Int(asn).Text(asnOrg).Int(ipType is { } t ? (long)t : null)
            .Add(RecordKind.Sessions);

    public void Request(string requestId, string accountId, long tsMs, string model, string? capability, string? promptFingerprint, string? ip, string? client, long? inputTokens, long? outputTokens) =>
        Start(RecordKind.Requests).Text(requestId).Text(accountId).Int(tsMs).Text(model).Text(capability).Text(promptFingerprint)
            .Text(ip).Text(client).Int(inputTokens).Int(outputTokens).Add(RecordKind.Requests);

    public void Release(string model, long releasedAtMs) =>
        Start(RecordKind.Releases).Text(model).Int(releasedAtMs).Add(RecordKind.Releases);

    public void Indicator(IndicatorRecord i) =>
        Start(RecordKind.Indicators).Text(i.OperatorId).Int((long)i.Kind).Text(i.Value).Text(i.OperatorName).Real(i.Confidence)
            .Text(i.Source).Add(RecordKind.Indicators);

    public string Finish()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Domain);
        Span<byte> count = stackalloc byte[8];
        for (var kind = 0; kind < rows.Length; kind++)
        {
            hash.AppendData([(byte)kind]);
            BinaryPrimitives.WriteInt64LittleEndian(count, rows[kind]);
            hash.AppendData(count);
            hash.AppendData(digests[kind].ToBytes());
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private StoreContentHash Start(RecordKind kind)
    {
        length = 0;
        Reserve(1);
        buffer[length++] = (byte)kind;
        return this;
    }

    private StoreContentHash Text(string? value)
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

    private StoreContentHash Int(long? value)
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

    private StoreContentHash Real(double value)
    {
        Reserve(9);
        buffer[length] = 3;
        BinaryPrimitives.WriteDoubleLittleEndian(buffer.AsSpan(length + 1), value);
        length += 9;
        return this;
    }

    private void Add(RecordKind kind)
    {
        Span<byte> rowHash = stackalloc byte[32];
        SHA256.HashData(buffer.AsSpan(0, length), rowHash);
        rows[(int)kind]++;
        digests[(int)kind].Add(rowHash);
    }

    private void Reserve(int bytes)
    {
        if (length + bytes > buffer.Length)
        {
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + bytes));
        }
    }

    /// <summary>A 256-bit little-endian accumulator: the sum of row hashes modulo 2^256.</summary>
    private struct Digest
    {
        private ulong w0;
        private ulong w1;
        private ulong w2;
        private ulong w3;

        public void Add(ReadOnlySpan<byte> hash)
        {
            var carry = 0UL;
            w0 = AddWithCarry(w0, BinaryPrimitives.ReadUInt64LittleEndian(hash), ref carry);
            w1 = AddWithCarry(w1, BinaryPrimitives.ReadUInt64LittleEndian(hash[8..]), ref carry);
            w2 = AddWithCarry(w2, BinaryPrimitives.ReadUInt64LittleEndian(hash[16..]), ref carry);
            w3 = AddWithCarry(w3, BinaryPrimitives.ReadUInt64LittleEndian(hash[24..]), ref carry);
        }

        public readonly byte[] ToBytes()
        {
            var bytes = new byte[32];
            BinaryPrimitives.WriteUInt64LittleEndian(bytes, w0);
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(8), w1);
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(16), w2);
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(24), w3);
            return bytes;
        }

        private static ulong AddWithCarry(ulong a, ulong b, ref ulong carry)
        {
            var sum = a + b;
            var carryOut = sum < a ? 1UL : 0UL;
            var withCarry = sum + carry;
            carryOut |= withCarry < sum ? 1UL : 0UL;
            carry = carryOut;
            return withCarry;
        }
    }
}
