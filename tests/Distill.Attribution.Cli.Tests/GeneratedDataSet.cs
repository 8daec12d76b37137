namespace Distill.Attribution.Cli.Tests;

/// <summary>
/// One <c>distill generate --scale 0.02 --seed 11</c> data set and one clean ingest of it, made once for the
/// whole test run (each takes seconds) and shared read-only by the tests.
/// </summary>
[SetUpFixture]
public sealed class GeneratedDataSet
{
    public const string Scale = "0.02";
    public const string Seed = "11";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static TempDirectory? directory;
    private static bool ingested;

    internal static string Input => Path.Combine(Root, "data", "input");

    internal static string Truth => Path.Combine(Root, "data", "truth.csv");

    /// <summary>A store holding one clean ingest of <see cref="Input"/>; tests copy it, never write to it.</summary>
    internal static string CleanStore => Path.Combine(Root, "clean.db");

    private static string Root => directory?.Path ?? throw new InvalidOperationException("The data set was not generated.");

    internal static async Task EnsureAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (directory is null)
            {
                var made = new TempDirectory();
                var generate = await DistillProcess.RunAsync("generate", "--out", Path.Combine(made.Path, "data"), "--scale", Scale, "--seed", Seed);
                Assert.That(generate.ExitCode, Is.Zero, generate.ToString());
                directory = made;
            }

            if (!ingested)
            {
                var ingest = await DistillProcess.RunAsync("ingest", "--store", CleanStore, "--rejects", Path.Combine(Root, "rejects.jsonl"), Input);
                Assert.That(ingest.ExitCode, Is.Zero, ingest.ToString());
                ingested = true;
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A private copy of the clean store (checkpointed, so the copy is one self-contained file).</summary>
    internal static async Task<string> CopyCleanStoreAsync(TempDirectory into)
    {
        await EnsureAsync();
        var target = into.File("store.db");
        StoreDump.Checkpoint(CleanStore);
        File.Copy(CleanStore, target);
        return target;
    }

    [OneTimeTearDown]
    public void DeleteDataSet()
    {
        directory?.Dispose();
        directory = null;
        ingested = false;
    }
}
