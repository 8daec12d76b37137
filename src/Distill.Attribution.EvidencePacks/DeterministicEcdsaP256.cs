using System.Numerics;
using System.Security.Cryptography;

namespace Distill.Attribution.EvidencePacks;

/// <summary>
/// Deterministic ECDSA over P-256 with SHA-256 (RFC 6979): the nonce k comes from HMAC-DRBG seeded with the
/// private scalar and the message hash, so the same key and message always give the same signature. .NET only
/// signs with a random nonce, which would make every pack's manifest.sig differ; a byte-identical pack needs this.
/// The curve arithmetic is plain <see cref="BigInteger"/> in Jacobian coordinates with a Montgomery ladder (the
/// same sequence of operations whatever the scalar's bits). BigInteger is not constant-time; that is acceptable
/// for signing one manifest per pack on the operator's own machine, not for a signing service. The output is
/// checked by .NET's own verifier before it is used (<see cref="DeterministicEcdsaSigner"/>).
/// </summary>
internal static class DeterministicEcdsaP256
{
    private const int ScalarBytes = 32;

    // FIPS 186-4 D.1.2.3 / SEC 2 §2.4.2: the field prime, the group order, the curve's b and the base point (a = -3).
    private static readonly BigInteger P = Hex("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff");
    private static readonly BigInteger N = Hex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
    private static readonly BigInteger B = Hex("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b");
    private static readonly BigInteger Gx = Hex("6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296");
    private static readonly BigInteger Gy = Hex("4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5");

    /// <summary>
    /// Signs a SHA-256 digest with the private scalar <paramref name="privateKey"/> (32 bytes, big-endian).
    /// Returns r and s, each 32 bytes big-endian (IEEE P1363 halves).
    /// </summary>
    public static (byte[] R, byte[] S) SignHash(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> digest)
    {
        CheckLengths(privateKey, digest);
        var d = ToInt(privateKey);
        if (d.IsZero || d >= N)
        {
            throw new CryptographicException("The private key is not a valid P-256 scalar.");
        }

        // qlen = hlen = 256, so bits2int is the plain big-endian integer and needs no truncation.
        var e = ToInt(digest);
        var nonces = new NonceGenerator(privateKey, digest);
        while (true)
        {
            var k = nonces.Next();
            var (x, _) = ToAffine(Multiply(k, (Gx, Gy, BigInteger.One)));
            var r = x % N;
            if (r.IsZero)
            {
                continue;
            }

            var s = Mod(BigInteger.ModPow(k, N - 2, N) * (e + (r * d)), N);
            if (s.IsZero)
            {
                continue;
            }

            return (ToBytes(r), ToBytes(s));
        }
    }

    /// <summary>The RFC 6979 §3.2 nonce for this key and digest (the first candidate in [1, n-1]); exposed for the RFC's test vectors.</summary>
    public static byte[] Nonce(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> digest)
    {
        CheckLengths(privateKey, digest);
        return ToBytes(new NonceGenerator(privateKey, digest).Next());
    }

    /// <summary>The public point d·G as (x, y), 32 bytes each, big-endian.</summary>
    public static (byte[] X, byte[] Y) PublicKey(ReadOnlySpan<byte> privateKey)
    {
        var (x, y) = ToAffine(Multiply(ToInt(privateKey), (Gx, Gy, BigInteger.One)));
        return (ToBytes(x), ToBytes(y));
    }

    private static void CheckLengths(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> digest)
    {
        if (privateKey.Length != ScalarBytes || digest.Length != ScalarBytes)
        {
            throw new CryptographicException("P-256 with SHA-256 needs a 32-byte private key and a 32-byte digest.");
        }
    }

    /// <summary>Montgomery ladder: one addition and one doubling per bit of the scalar, whatever the bit.</summary>
    private static (BigInteger X, BigInteger Y, BigInteger Z) Multiply(BigInteger k, (BigInteger X, BigInteger Y, BigInteger Z) point)
    {
        var r0 = (X: BigInteger.One, Y: BigInteger.One, Z: BigInteger.Zero); // the point at infinity
        var r1 = point;
        for (var bit = 255; bit >= 0; bit--)
        {
            if (((k >> bit) & BigInteger.One).IsZero)
            {
                r1 = Add(r0, r1);
                r0 = Double(r0);
            }
            else
            {
                r0 = Add(r0, r1);
                r1 = Double(r1);
            }
        }

        return r0;
    }

    // dbl-2001-b (a = -3) in Jacobian coordinates: (X, Y, Z) is the affine point (X/Z², Y/Z³).
    private static (BigInteger X, BigInteger Y, BigInteger Z) Double((BigInteger X, BigInteger Y, BigInteger Z) q)
    {
        if (q.Z.IsZero || q.Y.IsZero)
        {
            return (BigInteger.One, BigInteger.One, BigInteger.Zero);
        }

        var delta = Mod(q.Z * q.Z, P);
        var gamma = Mod(q.Y * q.Y, P);
        var beta = Mod(q.X * gamma, P);
        var alpha = Mod(3 * (q.X - delta) * (q.X + delta), P);
        var x3 = Mod((alpha * alpha) - (8 * beta), P);
        var z3 = Mod(((q.Y + q.Z) * (q.Y + q.Z)) - gamma - delta, P);
        var y3 = Mod((alpha * ((4 * beta) - x3)) - (8 * gamma * gamma), P);
        return (x3, y3, z3);
    }

    // add-1998-cmo-2 in Jacobian coordinates, with the cases it does not cover (infinity, equal or opposite points).
    private static (BigInteger X, BigInteger Y, BigInteger Z) Add((BigInteger X, BigInteger Y, BigInteger Z) p1, (BigInteger X, BigInteger Y, BigInteger Z) p2)
    {
        if (p1.Z.IsZero)
        {
            return p2;
        }

        if (p2.Z.IsZero)
        {
            return p1;
        }

        var z1z1 = Mod(p1.Z * p1.Z, P);
        var z2z2 = Mod(p2.Z * p2.Z, P);
        var u1 = Mod(p1.X * z2z2, P);
        var u2 = Mod(p2.X * z1z1, P);
        var s1 = Mod(p1.Y * p2.Z * z2z2, P);
        var s2 = Mod(p2.Y * p1.Z * z1z1, P);
        if (u1 == u2)
        {
            return s1 == s2 ? Double(p1) : (BigInteger.One, BigInteger.One, BigInteger.Zero);
        }

        var h = Mod(u2 - u1, P);
        var r = Mod(s2 - s1, P);
        var hh = Mod(h * h, P);
        var hhh = Mod(hh * h, P);
        var x3 = Mod((r * r) - hhh - (2 * u1 * hh), P);
        var y3 = Mod((r * ((u1 * hh) - x3)) - (s1 * hhh), P);
        var z3 = Mod(p1.Z * p2.Z * h, P);
        return (x3, y3, z3);
    }

    private static (BigInteger X, BigInteger Y) ToAffine((BigInteger X, BigInteger Y, BigInteger Z) q)
    {
        if (q.Z.IsZero)
        {
            throw new CryptographicException("The point at infinity has no affine coordinates.");
        }

        var zInverse = BigInteger.ModPow(q.Z, P - 2, P);
        var zInverse2 = Mod(zInverse * zInverse, P);
        var x = Mod(q.X * zInverse2, P);
        var y = Mod(q.Y * zInverse2 * zInverse, P);
        // A cheap fault check: the result must lie on y² = x³ - 3x + b.
        if (Mod((y * y) - ((x * x * x) - (3 * x) + B), P) != BigInteger.Zero)
        {
            throw new CryptographicException("P-256 arithmetic produced a point off the curve.");
        }

        return (x, y);
    }

    private static BigInteger Mod(BigInteger value, BigInteger modulus)
    {
        var r = value % modulus;
        return r.Sign < 0 ? r + modulus : r;
    }

    private static BigInteger ToInt(ReadOnlySpan<byte> bigEndian) => new(bigEndian, isUnsigned: true, isBigEndian: true);

    private static BigInteger Hex(string hex) => ToInt(Convert.FromHexString(hex));

    private static byte[] ToBytes(BigInteger value)
    {
        var bytes = new byte[ScalarBytes];
        var length = value.GetByteCount(isUnsigned: true);
        if (!value.TryWriteBytes(bytes.AsSpan(ScalarBytes - length), out _, isUnsigned: true, isBigEndian: true))
        {
            throw new CryptographicException("A P-256 scalar does not fit in 32 bytes.");
        }

        return bytes;
    }

    /// <summary>RFC 6979 §3.2 steps b–h with HMAC-SHA256: K and V, then candidates until one lies in [1, n-1].</summary>
    private sealed class NonceGenerator
    {
        // Fresh arrays on each step (HashData returning a new array) rather than hashing in place: a one-shot HMAC
        // whose output overlaps its key or input is not something to rely on.
        private byte[] key = new byte[ScalarBytes];
        private byte[] v = new byte[ScalarBytes];
        private bool first = true;

        public NonceGenerator(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> digest)
        {
            // bits2octets(h1): the digest as an integer, reduced once mod n, as 32 bytes.
            var h = ToInt(digest);
            var reduced = ToBytes(h >= N ? h - N : h);
            v.AsSpan().Fill(0x01);
            Update(0x00, privateKey, reduced);
            Update(0x01, privateKey, reduced);
            CryptographicOperations.ZeroMemory(reduced);
        }

        public BigInteger Next()
        {
            Span<byte> input = stackalloc byte[ScalarBytes + 1];
            while (true)
            {
                if (!first)
                {
                    // Step h.3: the candidate was out of range (or gave r = 0 or s = 0); move the state on.
                    v.CopyTo(input);
                    input[ScalarBytes] = 0x00;
                    key = HMACSHA256.HashData(key, input);
                    v = HMACSHA256.HashData(key, v);
                }

                first = false;
                // qlen = hlen = 256 bits: one HMAC block is one candidate.
                v = HMACSHA256.HashData(key, v);
                var k = ToInt(v);
                if (!k.IsZero && k < N)
                {
                    return k;
                }
            }
        }

        // Steps d–g: K = HMAC_K(V || marker || int2octets(x) || bits2octets(h1)); V = HMAC_K(V).
        private void Update(byte marker, ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> reducedDigest)
        {
            Span<byte> input = stackalloc byte[(3 * ScalarBytes) + 1];
            v.CopyTo(input);
            input[ScalarBytes] = marker;
            privateKey.CopyTo(input[(ScalarBytes + 1)..]);
            reducedDigest.CopyTo(input[((2 * ScalarBytes) + 1)..]);
            key = HMACSHA256.HashData(key, input);
            CryptographicOperations.ZeroMemory(input);
            v = HMACSHA256.HashData(key, v);
        }
    }
}
