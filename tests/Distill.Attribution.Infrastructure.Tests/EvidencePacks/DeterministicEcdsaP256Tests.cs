using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Distill.Attribution.EvidencePacks;

namespace Distill.Attribution.Infrastructure.Tests.EvidencePacks;

public sealed class DeterministicEcdsaP256Tests
{
    // RFC 6979 appendix A.2.5: the P-256 key, its public point, and the SHA-256 signatures of "sample" and "test";
    // plus the rejection-sampling vector for the same key from C2SP's test vectors (CCTV, rfc6979/README.md).
    private const string RfcPrivateKey = "C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721";
    private const string RfcUx = "60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6";
    private const string RfcUy = "7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299";

    [TestCase("sample",
        "A6E3C57DD01ABE90086538398355DD4C3B17AA873382B0F24D6129493D8AAD60",
        "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716",
        "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8")]
    [TestCase("test",
        "D16B6AE827F17175E040871A1C7EC3500192C4C92677336EC2537ACAEE0008E0",
        "F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367",
        "019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083")]
    // C2SP's CCTV vector for the same key whose first HMAC-DRBG candidate is ≥ n, so step h.3 must run once more.
    [TestCase("wv[vnX",
        "2AE40DF9D9DAB61D688DE3DCB9867A98ECC70DD4D6C0F6C228B6E4E0B18B29BC",
        "EFD9073B652E76DA1B5A019C0E4A2E3FA529B035A6ABB91EF67F0ED7A1F21234",
        "3DB4706C9D9F4A4FE13BB5E08EF0FAB53A57DBAB2061C83A35FA411C68D2BA33")]
    public void ShouldMatchTheRfc6979TestVectorsForP256WithSha256(string message, string k, string r, string s)
    {
        var x = Convert.FromHexString(RfcPrivateKey);
        var digest = SHA256.HashData(Encoding.ASCII.GetBytes(message));

        var nonce = DeterministicEcdsaP256.Nonce(x, digest);
        var signature = DeterministicEcdsaP256.SignHash(x, digest);

        Assert.That(Convert.ToHexString(nonce), Is.EqualTo(k));
        Assert.That(Convert.ToHexString(signature.R), Is.EqualTo(r));
        Assert.That(Convert.ToHexString(signature.S), Is.EqualTo(s));
    }

    [Test]
    public void ShouldDeriveTheRfc6979PublicKeyFromItsPrivateKey()
    {
        var (ux, uy) = DeterministicEcdsaP256.PublicKey(Convert.FromHexString(RfcPrivateKey));

        Assert.That(Convert.ToHexString(ux), Is.EqualTo(RfcUx));
        Assert.That(Convert.ToHexString(uy), Is.EqualTo(RfcUy));
    }

    [Test]
    public void ShouldProduceSignaturesThatDotNetVerifiesForAThousandRandomKeysAndMessages()
    {
        var random = new Random(6979);
        for (var i = 0; i < 1000; i++)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var message = new byte[random.Next(0, 200)];
            random.NextBytes(message);
            var digest = SHA256.HashData(message);
            var d = key.ExportParameters(includePrivateParameters: true).D!;

            var (r, s) = DeterministicEcdsaP256.SignHash(d, digest);

            Assert.That(key.VerifyHash(digest, (byte[])[.. r, .. s], DSASignatureFormat.IeeeP1363FixedFieldConcatenation), Is.True, $"key {i}");
            Assert.That(key.VerifyData(message, DeterministicEcdsaSigner.Der(r, s), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence), Is.True, $"key {i} (DER)");
        }
    }

    [Test]
    public void ShouldGiveTheSameSignatureForTheSameKeyAndMessageAndAnotherNonceForAnotherMessage()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signer = new DeterministicEcdsaSigner(key);
        var d = key.ExportParameters(includePrivateParameters: true).D!;
        var one = SHA256.HashData("manifest one"u8);
        var two = SHA256.HashData("manifest two"u8);

        var first = signer.SignHash(one);
        var again = signer.SignHash(one);
        var other = signer.SignHash(two);

        Assert.That(again, Is.EqualTo(first));
        Assert.That(other, Is.Not.EqualTo(first));
        Assert.That(DeterministicEcdsaP256.Nonce(d, two), Is.Not.EqualTo(DeterministicEcdsaP256.Nonce(d, one)));
    }

    [Test]
    public void ShouldRefuseAKeyThatIsNotP256()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        Assert.Throws<CryptographicException>(() => new DeterministicEcdsaSigner(key).SignHash(SHA256.HashData("x"u8)));
    }

    [Test]
    public void ShouldRefuseAScalarOutsideTheGroupOrder()
    {
        var order = Convert.FromHexString("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");

        Assert.Throws<CryptographicException>(() => DeterministicEcdsaP256.SignHash(order, SHA256.HashData("x"u8)));
        Assert.Throws<CryptographicException>(() => DeterministicEcdsaP256.SignHash(new byte[32], SHA256.HashData("x"u8)));
    }

    [Test]
    public void ShouldProduceASignatureThatOpensslVerifiesAsTheReadmeShows()
    {
        var dir = Directory.CreateTempSubdirectory("sig-").FullName;
        try
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var manifest = "{\"format\":\"distill-evidence-pack/1\"}\n"u8.ToArray();
            var signature = new DeterministicEcdsaSigner(key).SignHash(SHA256.HashData(manifest));
            File.WriteAllBytes(Path.Combine(dir, "manifest.json"), manifest);
            File.WriteAllBytes(Path.Combine(dir, "manifest.der"), signature);
            File.WriteAllText(Path.Combine(dir, "public-key.pem"), key.ExportSubjectPublicKeyInfoPem() + "\n");

            var verified = Openssl(dir, "dgst -sha256 -verify public-key.pem -signature manifest.der manifest.json", out var output);
            manifest[5] ^= 0x01;
            File.WriteAllBytes(Path.Combine(dir, "manifest.json"), manifest);
            var tampered = Openssl(dir, "dgst -sha256 -verify public-key.pem -signature manifest.der manifest.json", out _);

            Assert.That(verified, Is.True, output);
            Assert.That(output, Does.Contain("Verified OK"));
            Assert.That(tampered, Is.False);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static bool Openssl(string directory, string arguments, out string output)
    {
        output = "";
        try
        {
            using var process = Process.Start(new ProcessStartInfo("openssl", arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = directory,
            })!;
            output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Ignore("openssl is not installed.");
            return false;
        }
    }
}
