using System.Security.Cryptography;

namespace Distill.Attribution.EvidencePacks;

/// <summary>
/// The pack signing key: ECDSA P-256 in a PKCS#8 PEM file, created on first use with mode 0600 (owner only).
/// The private key never leaves this class except as the <see cref="ECDsa"/> object it returns.
/// </summary>
internal sealed class PemSigningKeyProvider(EvidencePackOptions options)
{
    private static readonly Lock CreateLock = new();

    public ECDsa Load()
    {
        var path = Path.GetFullPath(options.KeyPath);
        lock (CreateLock)
        {
            if (!File.Exists(path))
            {
                using var created = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                var pem = created.ExportPkcs8PrivateKeyPem();
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, fileOptions);
                writer.Write(pem);
            }
        }

        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(path));
        if (key.KeySize != 256)
        {
            key.Dispose();
            throw new CryptographicException($"The pack signing key at {path} is not a P-256 key.");
        }

        return key;
    }
}
