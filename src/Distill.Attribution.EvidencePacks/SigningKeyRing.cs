using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Distill.Attribution.EvidencePacks;

/// <summary>
/// The pack signing keys of a store: the active private key (the PEM file of <see cref="EvidencePackOptions.KeyPath"/>)
/// and a public register beside it, <c>&lt;key&gt;.public-keys.json</c>, of every key that signed or may sign
/// packs, with ids and creation and retirement dates. Rotation makes a new key and retires the old one: its
/// private half is gone, its public half stays in the register (and in every pack it signed), so packs signed
/// before the rotation still verify against the published list.
/// </summary>
public sealed class SigningKeyRing
{
    private const string Format = "distill-signing-keys/1";
    private static readonly Lock RegisterLock = new();
    private readonly EvidencePackOptions options;
    private readonly PemSigningKeyProvider keys;

    public SigningKeyRing(EvidencePackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        keys = new PemSigningKeyProvider(options);
    }

    /// <summary>The private key file.</summary>
    public string KeyPath => Path.GetFullPath(options.KeyPath);

    /// <summary>The public register beside it.</summary>
    public string RegisterPath => KeyPath + ".public-keys.json";

    /// <summary>
    /// The active key (created on first use), registered if it was not yet: a key made before the register
    /// existed gets its key file's modification time as its creation date.
    /// </summary>
    public SigningKeyInfo Active()
    {
        lock (RegisterLock)
        {
            var active = Describe(keys.Load(), File.GetLastWriteTimeUtc(KeyPath));
            var all = ReadRegister();
            var known = all.Find(k => k.Fingerprint == active.Fingerprint);
            if (known is not null)
            {
                return known;
            }

            all.Add(active);
            WriteRegister(all);
            return active;
        }
    }

    /// <summary>Every registered key, oldest first (the active one included once <see cref="Active"/> has run).</summary>
    public IReadOnlyList<SigningKeyInfo> All()
    {
        Active();
        lock (RegisterLock)
        {
            return ReadRegister();
        }
    }

    /// <summary>Makes a new active key and retires the current one (its public key stays registered).</summary>
    public SigningKeyInfo Rotate(DateTimeOffset now)
    {
        var previous = Active();
        lock (RegisterLock)
        {
            using var created = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var fresh = KeyPath + ".new";
            File.Delete(fresh);
            var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var writer = new StreamWriter(fresh, Encoding.ASCII, fileOptions))
            {
                writer.Write(created.ExportPkcs8PrivateKeyPem());
            }

            // The key file first: a crash after this leaves the new key active and the old one still registered.
            File.Move(fresh, KeyPath, overwrite: true);
            var next = Describe(created, now.UtcDateTime);
            var all = ReadRegister();
            var i = all.FindIndex(k => k.Fingerprint == previous.Fingerprint);
            if (i >= 0)
            {
                all[i] = all[i] with { RetiredAt = now };
            }

            all.Add(next);
            WriteRegister(all);
            return next;
        }
    }

    /// <summary>
    /// The list a provider publishes and a legal team pins (<c>distill verify-pack --trusted-keys FILE</c>): one
    /// fingerprint per line, then its key id and dates; lines starting with # are comments.
    /// </summary>
    public string TrustedKeysText()
    {
        var text = new StringBuilder();
        text.Append("# Distill.Attribution evidence-pack signing keys: SHA-256 of each public key (DER SubjectPublicKeyInfo).\n");
        text.Append("# Pin with: distill verify-pack PACK --trusted-keys THIS_FILE (first word of each line is the fingerprint).\n");
        foreach (var k in All())
        {
            text.Append(k.Fingerprint).Append("  ").Append(k.KeyId).Append(" created ").Append(PackText.Time(k.CreatedAt));
            if (k.RetiredAt is { } retired)
            {
                text.Append(" retired ").Append(PackText.Time(retired));
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static SigningKeyInfo Describe(ECDsa key, DateTime createdUtc)
    {
        using (key)
        {
            var spki = key.ExportSubjectPublicKeyInfo();
            var fingerprint = PackManifest.Sha256(spki);
            // Milliseconds, as the register stores them, so a key reads back equal to how it was described.
            var created = DateTimeOffset.FromUnixTimeMilliseconds(new DateTimeOffset(DateTime.SpecifyKind(createdUtc, DateTimeKind.Utc)).ToUnixTimeMilliseconds());
            return new SigningKeyInfo(SigningKeyInfo.IdOf(fingerprint), fingerprint, created, null,
                new string(PemEncoding.Write("PUBLIC KEY", spki)) + "\n");
        }
    }

    private List<SigningKeyInfo> ReadRegister()
    {
        if (!File.Exists(RegisterPath))
        {
            return [];
        }

        using var doc = JsonDocument.Parse(File.ReadAllBytes(RegisterPath));
        var list = new List<SigningKeyInfo>();
        foreach (var k in doc.RootElement.GetProperty("keys").EnumerateArray())
        {
            var retired = k.TryGetProperty("retiredAt", out var r) && r.ValueKind == JsonValueKind.String ? Parse(r.GetString()!) : (DateTimeOffset?)null;
            list.Add(new SigningKeyInfo(k.GetProperty("keyId").GetString()!, k.GetProperty("sha256").GetString()!,
                Parse(k.GetProperty("createdAt").GetString()!), retired, k.GetProperty("publicKeyPem").GetString()!));
        }

        return list;
    }

    private void WriteRegister(List<SigningKeyInfo> all)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format", Format);
            json.WriteStartArray("keys");
            foreach (var k in all)
            {
                json.WriteStartObject();
                json.WriteString("keyId", k.KeyId);
                json.WriteString("sha256", k.Fingerprint);
                json.WriteString("createdAt", PackText.Time(k.CreatedAt));
                if (k.RetiredAt is { } retired)
                {
                    json.WriteString("retiredAt", PackText.Time(retired));
                }

                json.WriteString("publicKeyPem", k.PublicKeyPem);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        var temporary = RegisterPath + ".tmp";
        File.WriteAllBytes(temporary, buffer.ToArray());
        File.Move(temporary, RegisterPath, overwrite: true);
    }

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
