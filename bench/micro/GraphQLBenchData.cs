namespace Distill.Bench.Micro;

/// <summary>An account of the GraphQL benchmark's data (plain objects in memory, the same for both engines).</summary>
public sealed class BenchAccount
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required double Risk { get; init; }

    public required bool Flagged { get; init; }

    public required string[] Tags { get; init; }

    public required BenchPayment Payment { get; init; }

    public BenchOperator? Owner { get; init; }
}

/// <summary>A payment method of a benchmark account.</summary>
public sealed class BenchPayment
{
    public required string Id { get; init; }

    public required string Kind { get; init; }

    public required string Last4 { get; init; }
}

/// <summary>A suspected operator of a benchmark account.</summary>
public sealed class BenchOperator
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required double Confidence { get; init; }
}

/// <summary>The data and the query document shared by both engines.</summary>
public static class GraphQLBenchData
{
    /// <summary>
    /// A list of 200 accounts with two nested objects each, two arguments and a fragment: what an investigator
    /// screen asks for, minus I/O.
    /// </summary>
    public const string Query = """
        query Bench {
          accounts(first: 200, minRisk: 0.0) {
            ...AccountFields
            payment { id kind last4 }
            owner { id name confidence }
          }
        }

        fragment AccountFields on Account {
          id
          name
          risk
          flagged
          tags
        }
        """;

    public static BenchAccount[] Accounts { get; } = CreateAccounts(250);

    public static IEnumerable<BenchAccount> Select(int first, double minRisk)
    {
        var taken = 0;
        foreach (var account in Accounts)
        {
            if (taken == first)
            {
                yield break;
            }

            if (account.Risk >= minRisk)
            {
                taken++;
                yield return account;
            }
        }
    }

    private static BenchAccount[] CreateAccounts(int count)
    {
        var random = new Random(7);
        var operators = new BenchOperator[10];
        for (var i = 0; i < operators.Length; i++)
        {
            operators[i] = new BenchOperator { Id = $"op-{i:D3}", Name = $"Operator {i}", Confidence = Math.Round(random.NextDouble(), 3) };
        }

        var accounts = new BenchAccount[count];
        for (var i = 0; i < count; i++)
        {
            accounts[i] = new BenchAccount
            {
                Id = $"acct-{i:D6}",
                Name = $"Account number {i}",
                Risk = Math.Round(random.NextDouble(), 3),
                Flagged = random.Next(4) == 0,
                Tags = random.Next(3) switch { 0 => [], 1 => ["proxy"], _ => ["proxy", "shared-card", "template"] },
                Payment = new BenchPayment { Id = $"pm-{i:D6}", Kind = i % 3 == 0 ? "card" : "wallet", Last4 = $"{random.Next(10_000):D4}" },
                Owner = i % 4 == 0 ? null : operators[i % operators.Length],
            };
        }

        return accounts;
    }
}
