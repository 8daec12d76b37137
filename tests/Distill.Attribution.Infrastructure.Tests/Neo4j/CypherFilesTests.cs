using System.Reflection;
using Distill.Attribution.Neo4j;

namespace Distill.Attribution.Infrastructure.Tests.Neo4j;

/// <summary>Every Cypher file is embedded and used by the code; every file the code names exists.</summary>
public sealed class CypherFilesTests
{
    private static readonly string RepoRoot = FindRepoRoot();

    private static IReadOnlyList<(string Name, string Path)> Constants =>
        [.. typeof(CypherFiles).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (f.Name, (string)f.GetRawConstantValue()!))];

    private static IReadOnlyList<string> FilesOnDisk =>
        [.. Directory.EnumerateFiles(Path.Combine(RepoRoot, "cypher"), "*.cypher", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Path.Combine(RepoRoot, "cypher"), f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];

    [Test]
    public void ShouldEmbedEveryCypherFile()
    {
        Assert.That(CypherScripts.Default.Paths, Is.EqualTo(FilesOnDisk));
    }

    [Test]
    public void ShouldNameOnlyFilesThatExist()
    {
        foreach (var (name, path) in Constants)
        {
            if (path.EndsWith('/'))
            {
                Assert.That(CypherScripts.Default.Under(path), Is.Not.Empty, $"{name}: no files under {path}");
            }
            else
            {
                Assert.That(CypherScripts.Default.Paths, Does.Contain(path), $"{name} names a missing file");
            }
        }
    }

    [Test]
    public void ShouldNameEveryFileOutsideTheSchemaFolder()
    {
        var named = Constants.Select(c => c.Path).ToHashSet(StringComparer.Ordinal);
        var unnamed = FilesOnDisk.Where(f => !f.StartsWith(CypherFiles.SchemaFolder, StringComparison.Ordinal) && !named.Contains(f));

        Assert.That(unnamed, Is.Empty, "a Cypher file that no code runs");
    }

    [Test]
    public void ShouldUseEveryNamedFileInTheStoreCode()
    {
        var source = string.Concat(Directory
            .EnumerateFiles(Path.Combine(RepoRoot, "src", "Distill.Attribution.Neo4j"), "*.cs")
            .Where(f => !f.EndsWith("CypherFiles.cs", StringComparison.Ordinal))
            .Select(File.ReadAllText));

        foreach (var (name, _) in Constants)
        {
            Assert.That(source, Does.Contain($"CypherFiles.{name}"), $"CypherFiles.{name} is never used");
        }
    }

    [Test]
    public void ShouldHoldOneStatementPerFileWithoutATrailingSemicolon()
    {
        foreach (var path in CypherScripts.Default.Paths)
        {
            var text = CypherScripts.Default[path];
            Assert.That(text, Is.Not.Empty, path);
            Assert.That(text.TrimEnd(), Does.Not.EndWith(";"), path);
        }
    }

    [Test]
    public void ShouldKeepCypherOutOfTheCSharpCode()
    {
        var keywords = new[] { "MATCH (", "MERGE (", "UNWIND $", "CREATE CONSTRAINT", "RETURN count(" };
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoRoot, "src", "Distill.Attribution.Neo4j"), "*.cs"))
        {
            var text = File.ReadAllText(file);
            Assert.That(keywords.Where(k => text.Contains(k, StringComparison.Ordinal)), Is.Empty, Path.GetFileName(file));
        }
    }

    [Test]
    public void ShouldRunTheSchemaFilesInNameOrderWithTheSequenceLast()
    {
        var schema = CypherScripts.Default.Under(CypherFiles.SchemaFolder);

        Assert.That(schema, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
        Assert.That(schema[^1], Is.EqualTo(CypherFiles.RequestSequence));
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Distill.Attribution.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Repository root (Distill.Attribution.sln) not found above the test directory.");
    }
}
