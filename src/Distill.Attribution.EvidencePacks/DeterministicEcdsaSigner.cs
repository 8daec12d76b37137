using System.Formats.Asn1;
using System.Security.Cryptography;

namespace Distill.Attribution.EvidencePacks;

/// <summary>
/// Signs with an in-memory P-256 key by RFC 6979 (<see cref="DeterministicEcdsaP256"/>), so the same key and
/// manifest give the same manifest.sig, and checks every signature with .NET's own verifier before returning it.
/// The caller owns <paramref name="key"/>.
/// </summary>
internal sealed class DeterministicEcdsaSigner(ECDsa key) : IManifestSigner
{
    public byte[] ExportSubjectPublicKeyInfo() => key.ExportSubjectPublicKeyInfo();

    public byte[] SignHash(ReadOnlySpan<byte> sha256Digest)
    {
        var parameters = key.ExportParameters(includePrivateParameters: true);
        try
        {
            if (parameters.D is not { Length: 32 } d || parameters.Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
            {
                throw new CryptographicException("Deterministic manifest signing needs a P-256 private key.");
            }

            var (r, s) = DeterministicEcdsaP256.SignHash(d, sha256Digest);
            var signature = Der(r, s);
            // Our own curve arithmetic must never put an unverifiable signature into a pack.
            if (!key.VerifyHash(sha256Digest, signature, DSASignatureFormat.Rfc3279DerSequence))
            {
                throw new CryptographicException("The deterministic signature did not verify; refusing to write it.");
            }

            return signature;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(parameters.D);
        }
    }

    /// <summary>SEQUENCE { INTEGER r, INTEGER s } (RFC 3279 §2.2.3), as openssl and .NET's Rfc3279DerSequence expect.</summary>
    internal static byte[] Der(byte[] r, byte[] s)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteIntegerUnsigned(Minimal(r));
            writer.WriteIntegerUnsigned(Minimal(s));
        }

        return writer.Encode();
    }

    // DER wants the shortest encoding: a fixed-width half that starts with zero bytes (1 in 256 signatures) drops them.
    private static ReadOnlySpan<byte> Minimal(byte[] value)
    {
        var start = 0;
        while (start < value.Length - 1 && value[start] == 0)
        {
            start++;
        }

        return value.AsSpan(start);
    }
}
