using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Distill.Attribution.Domain.Detection;

/// <summary>The element kinds of the co-use view, in the order of <see cref="CoUseView.KindNames"/>.</summary>
internal enum CoUseKind : byte
{
    Ip,
    Subnet,
    Asn,
    Template,
    Client,
    Instrument,
}

/// <summary>Verified co-use pairs: per pair the kind, the number of distinct shared elements, the number chance
/// predicts, the log10 tail probability, and up to <see cref="CoUseView.MaxStoredElements"/> shared element ids
/// (global ids of <see cref="CoUseElements"/>) for provenance.</summary>
internal sealed class CoUsePairs
{
    public required int[] A { get; init; }
    public required int[] B { get; init; }
    public required CoUseKind[] Kind { get; init; }
    public required int[] Shared { get; init; }
    public required double[] Expected { get; init; }
    public required double[] Log10P { get; init; }
    public required int[] ElementOffsets { get; init; }
    public required int[] Elements { get; init; }

    /// <summary>Candidate pairs verified exactly (the denominator of the data-derived significance level).</summary>
    public long Verified { get; init; }

    /// <summary>The log10 p-value a pair had to reach (≤) to become a link.</summary>
    public double Log10Threshold { get; init; }

    public int Count => A.Length;

    public ReadOnlySpan<int> ElementsOf(int pair) => Elements.AsSpan(ElementOffsets[pair], ElementOffsets[pair + 1] - ElementOffsets[pair]);

    public static CoUsePairs Empty { get; } = new()
    {
        A = [],
        B = [],
        Kind = [],
        Shared = [],
        Expected = [],
        Log10P = [],
        ElementOffsets = [0],
        Elements = [],
    };
}

/// <summary>
/// Every account's distinct infrastructure and content elements in one id space: IPs, /24 (IPv4) and /48 (IPv6)
/// subnets, ASNs, prompt templates, client strings and payment instruments. Lists are sorted by global id, so one
/// merge of two accounts' lists counts the shared elements of every kind.
/// </summary>
internal sealed class CoUseElements
{
    public required int[] KindStart { get; init; }
    public required string[] Names { get; init; }
    public required int[] Degree { get; init; }
    public required int[] Offsets { get; init; }
    public required int[] Ids { get; init; }

    /// <summary>Per IP: the element of its subnet and of its ASN (−1 when it has none).</summary>
    public required int[] SubnetOfIp { get; init; }

    /// <inheritdoc cref="SubnetOfIp"/>
    public required int[] AsnOfIp { get; init; }

    /// <summary>Per kind: Σ over accounts of their distinct elements of that kind (the null model's M).</summary>
    public required long[] Incidences { get; init; }

    public ReadOnlySpan<int> Of(int account) => Ids.AsSpan(Offsets[account], Offsets[account + 1] - Offsets[account]);
}

/// <summary>
/// Infrastructure and content co-use across many distinct elements (issue 11): two accounts are linked when they share
/// more distinct IPs, subnets, ASNs, templates, clients or instruments of one kind than chance predicts for two
/// accounts with their numbers of elements on elements that popular. No per-element cut-off: a busy proxy exit used by
/// hundreds of accounts is one element among many; what counts is how many distinct ones a pair shares.
/// <list type="bullet">
/// <item>Null model: account b holds element e with probability min(1, deg(e) · k_b / M) (M: all incidences of the
/// kind), so the shared count is Poisson with λ = Σ_{e ∈ a} that probability (the larger of the two directions).
/// A link needs ≥ <see cref="DetectionParameters.CoUseMinShared"/> distinct shared elements and a tail probability
/// P(X ≥ shared) ≤ <see cref="DetectionParameters.CoUseFalseLinksPerAccount"/> × accounts / verified candidates: the
/// level comes from the data (more candidates, stricter level), not from a constant fitted to one generator.</item>
/// <item>No all-pairs work: each element's accounts are put in a hashed order and every account meets only its
/// <see cref="DetectionParameters.CoUseWalk"/> neighbours on each side in that order (a bounded posting-list walk);
/// partners met on several elements are verified first, at most <see cref="DetectionParameters.CoUseMaxPartners"/> per
/// account. Work is 2 · walk · incidences + partners · list merges: linear, a 20,000-account element costs 20,000
/// walks, never 20,000² pairs.</item>
/// <item>Nested kinds (an IP, its subnet and its ASN) are tested separately and the pair keeps its most significant
/// kind only, so one office IP does not count three times.</item>
/// </list>
/// </summary>
internal static class CoUseView
{
    public static readonly string[] KindNames = ["ip", "subnet", "asn", "template", "client", "instrument"];

    public const int MaxStoredElements = 16;

    public static CoUseElements Elements(AccountIndex index)
    {
        var s = index.Snapshot;
        var n = s.AccountCount;
        var names = new List<string>();
        var kindStart = new int[KindNames.Length + 1];

        // IPs keep their ids; subnets and ASNs are derived from them.
        kindStart[(int)CoUseKind.Ip] = 0;
        names.AddRange(s.Ips);
        kindStart[(int)CoUseKind.Subnet] = names.Count;
        var subnetOfIp = new int[s.Ips.Length];
        var subnetIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var ip = 0; ip < s.Ips.Length; ip++)
        {
            var key = SubnetOf(s.Ips[ip]);
            if (key is null)
            {
                subnetOfIp[ip] = -1;
                continue;
            }

            if (!subnetIds.TryGetValue(key, out var id))
            {
                subnetIds[key] = id = names.Count;
                names.Add(key);
            }

            subnetOfIp[ip] = id;
        }

        kindStart[(int)CoUseKind.Asn] = names.Count;
        var asnOfIp = new int[s.Ips.Length];
        var asnIds = new Dictionary<long, int>();
        for (var ip = 0; ip < s.Ips.Length; ip++)
        {
            var asn = s.IpAsn[ip];
            if (asn < 0)
            {
                asnOfIp[ip] = -1;
                continue;
            }

            if (!asnIds.TryGetValue(asn, out var id))
            {
                asnIds[asn] = id = names.Count;
                names.Add(string.Create(CultureInfo.InvariantCulture, $"AS{asn}"));
            }

            asnOfIp[ip] = id;
        }

        kindStart[(int)CoUseKind.Template] = names.Count;
        names.AddRange(s.PromptFingerprints);
        kindStart[(int)CoUseKind.Client] = names.Count;
        names.AddRange(s.Clients);
        kindStart[(int)CoUseKind.Instrument] = names.Count;
        names.AddRange(s.Instruments);
        kindStart[KindNames.Length] = names.Count;

        // Each account's elements, sorted and distinct; accounts in ranges on parallel threads, laid end to end in order.
        var offsets = new int[n + 1];
        var ranges = new List<(int From, List<int> Ids)>();
        var elementCount = names.Count;
        ParallelRanges.For(n, (from, to) =>
        {
            var ids = new List<int>();
            var scratch = new List<int>();
            var sortScratch = new List<int>();
            for (var a = from; a < to; a++)
            {
                scratch.Clear();
                foreach (var ip in index.IpsOf(a))
                {
                    scratch.Add(ip);
                    if (subnetOfIp[ip] >= 0)
                    {
                        scratch.Add(subnetOfIp[ip]);
                    }

                    if (asnOfIp[ip] >= 0)
                    {
                        scratch.Add(asnOfIp[ip]);
                    }
                }

                for (var k = index.PromptOffsets[a]; k < index.PromptOffsets[a + 1]; k++)
                {
                    scratch.Add(kindStart[(int)CoUseKind.Template] + index.PromptIds[k]);
                }

                for (var k = index.ClientOffsets[a]; k < index.ClientOffsets[a + 1]; k++)
                {
                    scratch.Add(kindStart[(int)CoUseKind.Client] + index.ClientIds[k]);
                }

                for (var k = index.PaymentOffsets[a]; k < index.PaymentOffsets[a + 1]; k++)
                {
                    scratch.Add(kindStart[(int)CoUseKind.Instrument] + s.PaymentInstrument[index.PaymentRows[k]]);
                }

                CollectionsMarshal.SetCount(sortScratch, Math.Max(sortScratch.Count, scratch.Count));
                SmallIntSort.Sort(CollectionsMarshal.AsSpan(scratch), CollectionsMarshal.AsSpan(sortScratch), elementCount);
                var before = ids.Count;
                for (var i = 0; i < scratch.Count; i++)
                {
                    if (i == 0 || scratch[i] != scratch[i - 1])
                    {
                        ids.Add(scratch[i]);
                    }
                }

                offsets[a + 1] = ids.Count - before;
            }

            lock (ranges)
            {
                ranges.Add((from, ids));
            }
        });

        for (var a = 0; a < n; a++)
        {
            offsets[a + 1] += offsets[a];
        }

        var idArray = new int[offsets[n]];
        foreach (var (from, ids) in ranges)
        {
            ids.CopyTo(idArray, offsets[from]);
        }
        var degree = new int[names.Count];
        foreach (var e in idArray)
        {
            degree[e]++;
        }

        var result = new CoUseElements
        {
            KindStart = kindStart,
            Names = [.. names],
            Degree = degree,
            Offsets = offsets,
            Ids = idArray,
            SubnetOfIp = subnetOfIp,
            AsnOfIp = asnOfIp,
            Incidences = new long[KindNames.Length],
        };
        // Kinds are contiguous id ranges: a kind's incidences are its elements' degrees.
        for (var k = 0; k < KindNames.Length; k++)
        {
            for (var e = kindStart[k]; e < kindStart[k + 1]; e++)
            {
                result.Incidences[k] += degree[e];
            }
        }

        return result;
    }

    /// <summary>The /24 of an IPv4 address or the /48 of an IPv6 address, or null when the string is not an address.</summary>
    public static string? SubnetOf(string ip)
    {
        if (!IPAddress.TryParse(ip, out var address))
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        return address.AddressFamily == AddressFamily.InterNetwork
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes[0]}.{bytes[1]}.{bytes[2]}.0/24")
            : string.Create(CultureInfo.InvariantCulture, $"{bytes[0]:x2}{bytes[1]:x2}:{bytes[2]:x2}{bytes[3]:x2}:{bytes[4]:x2}{bytes[5]:x2}::/48");
    }

    public static CoUsePairs Detect(CoUseElements el, int accountCount, DetectionParameters p)
    {
        var n = accountCount;
        var kinds = KindNames.Length;
        var enabled = new bool[kinds];
        foreach (var name in p.CoUseKinds)
        {
            var k = Array.IndexOf(KindNames, name);
            if (k >= 0)
            {
                enabled[k] = true;
            }
        }

        // Hashed order of each element's accounts and each incidence's position in it (the walk's starting point).
        // The postings hold incidences (indexes into el.Ids) while they are ordered, so each incidence's position is
        // known without searching its account's list; the position array holds each incidence's account until then.
        var elementCount = el.Names.Length;
        var (postOffsets, postings, position) = Postings(el, n, elementCount);

        // Each element's postings are its own slice: elements are ordered in parallel, each range of elements with sort keys
        // for its largest element only (keys for every incidence at once would be 8 bytes each: 305 MB on the held-out
        // scale-1 store).
        var seed = (ulong)p.ClusteringSeed * 0x9E3779B97F4A7C15UL;
        ParallelRanges.For(elementCount, (from, to) =>
        {
            var longest = 0;
            for (var e = from; e < to; e++)
            {
                longest = Math.Max(longest, postOffsets[e + 1] - postOffsets[e]);
            }

            var keys = new ulong[longest];
            for (var e = from; e < to; e++)
            {
                var mix = Mix(seed ^ (ulong)e);
                int start = postOffsets[e], d = postOffsets[e + 1] - start;
                for (var i = 0; i < d; i++)
                {
                    keys[i] = Mix(mix ^ (ulong)position[postings[start + i]]);
                }

                keys.AsSpan(0, d).Sort(postings.AsSpan(start, d));
            }
        });

        ParallelRanges.For(elementCount, (from, to) =>
        {
            for (var e = from; e < to; e++)
            {
                for (var i = postOffsets[e]; i < postOffsets[e + 1]; i++)
                {
                    var k = postings[i];
                    postings[i] = position[k];
                    position[k] = i - postOffsets[e];
                }
            }
        });

        var kindOf = new byte[elementCount];
        for (var k = 0; k < kinds; k++)
        {
            kindOf.AsSpan(el.KindStart[k], el.KindStart[k + 1] - el.KindStart[k]).Fill((byte)k);
        }

        var kindCount = new int[n * kinds];
        ParallelRanges.For(n, (from, to) =>
        {
            for (var a = from; a < to; a++)
            {
                for (var k = el.Offsets[a]; k < el.Offsets[a + 1]; k++)
                {
                    kindCount[(a * kinds) + kindOf[el.Ids[k]]]++;
                }
            }
        });

        // The lists a pair's exact counts read: elements only one account holds can never be shared, so they are left out
        // and their part of λ is one term per kind (each contributes min(1, 1 · k_b / M)). With the degrees of each
        // account's elements sorted per kind, a pair costs a search of the longer list for the shorter's elements and one
        // binary search per kind for λ, not a walk over both lists: an account with thousands of prompts is everyone's
        // most-met partner, and each of those verifications used to cost thousands of steps.
        // Counted, then written in place (each account's slots by the thread that has the account): no list regrown by
        // doubling and copied, which held up to three times the 33 M ids at once on the held-out scale-1 store.
        var merge = new MergeLists(n, kinds);
        ParallelRanges.For(n, (from, to) =>
        {
            for (var a = from; a < to; a++)
            {
                var shared = 0;
                for (var k = el.Offsets[a]; k < el.Offsets[a + 1]; k++)
                {
                    var e = el.Ids[k];
                    if (el.Degree[e] >= 2)
                    {
                        shared++;
                    }
                    else
                    {
                        merge.Singles[(a * kinds) + kindOf[e]]++;
                    }
                }

                merge.Offsets[a + 1] = shared;
            }
        });

        for (var a = 0; a < n; a++)
        {
            merge.Offsets[a + 1] += merge.Offsets[a];
        }

        merge.Ids = new int[merge.Offsets[n]];
        ParallelRanges.For(n, (from, to) =>
        {
            for (var a = from; a < to; a++)
            {
                var write = merge.Offsets[a];
                for (var k = el.Offsets[a]; k < el.Offsets[a + 1]; k++)
                {
                    var e = el.Ids[k];
                    if (el.Degree[e] >= 2)
                    {
                        merge.Ids[write++] = e;
                    }
                }
            }
        });

        merge.Index(el.Degree, kindOf);

        var walk = Math.Max(1, p.CoUseWalk);
        var maxPartners = Math.Max(1, p.CoUseMaxPartners);
        var results = new List<Verified>[n];
        long verifiedTotal = 0;
        var active = 0;
        for (var a = 0; a < n; a++)
        {
            active += el.Offsets[a + 1] > el.Offsets[a] ? 1 : 0;
        }

        // First each account's partners, then the pairs verified: a pair that each side chose is verified once, by
        // the side with the smaller id (a pair's verification does not depend on which side asks; one verification in
        // eight was such a repeat on the held-out scale-1 store). Per thread: the partners' meeting counts, the
        // partners met (in the order first met) and their order keys, kept from account to account, so a walk that
        // meets thousands of partners allocates nothing.
        var chosen = new int[checked(n * maxPartners)];
        var chosenCount = new int[n];
        var threadScratch = new ThreadLocal<WalkScratch>(() => new WalkScratch(n));
        Parallel.For(0, n, a =>
        {
            var scratch = threadScratch.Value!;
            var met = Walk(el, a, enabled, kindOf, postOffsets, postings, position, walk, scratch.Hits, scratch.Met);

            // Partners met on the most elements first; ties by a hash so that account ids carry no meaning.
            var hits = scratch.Hits;
            var partners = scratch.Met.AsSpan(0, met);
            var order = scratch.Order.AsSpan(0, met);
            for (var i = 0; i < met; i++)
            {
                var b = partners[i];
                order[i] = ((long)(int.MaxValue - hits[b]) << 32) | (uint)(Mix(seed ^ ((ulong)a << 32) ^ (ulong)b) >> 33);
                hits[b] = 0;
            }

            var take = SmallestFirst(order, partners, maxPartners);
            partners[..take].CopyTo(chosen.AsSpan(a * maxPartners));
            chosenCount[a] = take;
        });
        threadScratch.Dispose();

        // The data-derived level: at most CoUseFalseLinksPerAccount × accounts chance links over all verified pairs (every
        // chosen pair, counted once per side that chose it). Known before the pairs are verified, so a kind that could not
        // reach it even if the pair shared every element is not counted.
        foreach (var count in chosenCount)
        {
            verifiedTotal += count;
        }

        var level = verifiedTotal == 0 ? 0 : Math.Min(p.CoUseMaxPValue, p.CoUseFalseLinksPerAccount * Math.Max(1, active) / verifiedTotal);
        var threshold = level <= 0 ? double.NegativeInfinity : Math.Log10(level);
        Parallel.For(0, n, a =>
        {
            var list = new List<Verified>();
            var mine = chosen.AsSpan(a * maxPartners, chosenCount[a]);
            foreach (var b in mine)
            {
                if (b < a && chosen.AsSpan(b * maxPartners, chosenCount[b]).Contains(a))
                {
                    continue;
                }

                var v = Verify(el, merge, a, b, kindCount, kinds, enabled, p.CoUseMinShared, threshold);
                if (v is { } found)
                {
                    list.Add(found);
                }
            }

            results[a] = list;
        });

        var kept = new List<Verified>();
        foreach (var list in results)
        {
            foreach (var v in list)
            {
                if (v.Log10P <= threshold)
                {
                    kept.Add(v);
                }
            }
        }

        kept.Sort((x, y) => x.A != y.A ? x.A.CompareTo(y.A) : x.B.CompareTo(y.B));
        var unique = new List<Verified>(kept.Count);
        foreach (var v in kept)
        {
            if (unique.Count == 0 || unique[^1].A != v.A || unique[^1].B != v.B)
            {
                unique.Add(v);
            }
        }

        // Each pair's shared elements on their own (pairs of accounts with thousands of prompts each cost a long merge),
        // then laid end to end in pair order.
        var shared = new int[unique.Count][];
        ParallelRanges.For(unique.Count, (from, to) =>
        {
            var into = new List<int>();
            for (var i = from; i < to; i++)
            {
                into.Clear();
                SharedOfKind(merge, unique[i].A, unique[i].B, (int)unique[i].Kind, kinds, into);
                shared[i] = [.. into];
            }
        });

        var elementOffsets = new int[unique.Count + 1];
        for (var i = 0; i < unique.Count; i++)
        {
            elementOffsets[i + 1] = elementOffsets[i] + shared[i].Length;
        }

        var elements = new int[elementOffsets[unique.Count]];
        for (var i = 0; i < unique.Count; i++)
        {
            shared[i].CopyTo(elements, elementOffsets[i]);
        }
        return new CoUsePairs
        {
            A = [.. unique.Select(v => v.A)],
            B = [.. unique.Select(v => v.B)],
            Kind = [.. unique.Select(v => v.Kind)],
            Shared = [.. unique.Select(v => v.Shared)],
            Expected = [.. unique.Select(v => v.Expected)],
            Log10P = [.. unique.Select(v => v.Log10P)],
            ElementOffsets = elementOffsets,
            Elements = elements,
            Verified = verifiedTotal,
            Log10Threshold = threshold,
        };
    }

    private readonly record struct Verified(int A, int B, CoUseKind Kind, int Shared, double Expected, double Log10P);

    /// <summary>Accounts per part of the postings' parallel scatter (each part counts its incidences per element first).</summary>
    private const int PostingParts = 4;

    /// <summary>
    /// Each element's incidences (indexes into <c>el.Ids</c>) in account order, with the element offsets, and each
    /// incidence's account. The accounts are cut into <see cref="PostingParts"/> contiguous parts of about equal
    /// incidences; each part counts its incidences per element, so it knows where its own run of each element starts, and
    /// the parts scatter side by side into what one pass in account order would write (a single pass took 0.79 s of random
    /// writes on the held-out scale-1 store, on one processor). The counts cost 4 bytes per element and part while they last.
    /// </summary>
    internal static (int[] Offsets, int[] Postings, int[] Position) Postings(CoUseElements el, int n, int elementCount)
    {
        var total = el.Offsets[n];
        var partStart = new int[PostingParts + 1];
        for (var part = 1; part < PostingParts; part++)
        {
            // The first account whose incidences start at or after the part's share of all of them.
            var target = (int)((long)total * part / PostingParts);
            var found = Array.BinarySearch(el.Offsets, 0, n + 1, target);
            partStart[part] = Math.Max(partStart[part - 1], found >= 0 ? found : ~found);
        }

        partStart[PostingParts] = n;
        var counts = new int[PostingParts][];
        Parallel.For(0, PostingParts, part =>
        {
            var count = new int[elementCount];
            for (var k = el.Offsets[partStart[part]]; k < el.Offsets[partStart[part + 1]]; k++)
            {
                count[el.Ids[k]]++;
            }

            counts[part] = count;
        });

        // Element offsets, and each part's counts turned into where its run of the element starts.
        var offsets = new int[elementCount + 1];
        for (var e = 0; e < elementCount; e++)
        {
            var run = offsets[e];
            foreach (var count in counts)
            {
                (count[e], run) = (run, run + count[e]);
            }

            offsets[e + 1] = run;
        }

        var postings = new int[total];
        var position = new int[total];
        Parallel.For(0, PostingParts, part =>
        {
            var cursor = counts[part];
            for (var a = partStart[part]; a < partStart[part + 1]; a++)
            {
                for (var k = el.Offsets[a]; k < el.Offsets[a + 1]; k++)
                {
                    postings[cursor[el.Ids[k]]++] = k;
                    position[k] = a;
                }
            }
        });

        return (offsets, postings, position);
    }

    /// <summary>A walking thread's arrays, each one slot per account.</summary>
    private sealed class WalkScratch(int accounts)
    {
        /// <summary>Per partner, the elements it was met on (zero between accounts).</summary>
        public int[] Hits { get; } = new int[accounts];

        /// <summary>The partners met, in the order first met.</summary>
        public int[] Met { get; } = new int[accounts];

        public long[] Order { get; } = new long[accounts];
    }

    /// <summary>
    /// Account <paramref name="a"/>'s walk: on each of its elements of an enabled kind, every other holder when there are
    /// at most 2 · <paramref name="walk"/> of them, else the <paramref name="walk"/> holders on each side of it in the
    /// element's hashed order (wrapping). Counts the meetings per partner in <paramref name="hits"/> and lists each partner
    /// once in <paramref name="met"/>, in the order first met; returns how many.
    /// </summary>
    private static int Walk(
        CoUseElements el, int a, bool[] enabled, byte[] kindOf, int[] postOffsets, int[] postings, int[] position, int walk, int[] hits, int[] met)
    {
        var count = 0;
        for (var k = el.Offsets[a]; k < el.Offsets[a + 1]; k++)
        {
            var e = el.Ids[k];
            if (!enabled[kindOf[e]])
            {
                continue;
            }

            var start = postOffsets[e];
            var d = postOffsets[e + 1] - start;
            if (d < 2)
            {
                continue;
            }

            var holders = postings.AsSpan(start, d);
            var pos = position[k];
            if (d - 1 <= 2 * walk)
            {
                // Every other holder, from the next one round to the previous one.
                for (var at = pos + 1; at < d; at++)
                {
                    count = Meet(holders[at], hits, met, count);
                }

                for (var at = 0; at < pos; at++)
                {
                    count = Meet(holders[at], hits, met, count);
                }

                continue;
            }

            // d − 1 > 2 · walk, so walk < d / 2: one addition or subtraction wraps each step.
            for (var step = 1; step <= walk; step++)
            {
                var at = pos + step;
                count = Meet(holders[at >= d ? at - d : at], hits, met, count);
            }

            for (var step = 1; step <= walk; step++)
            {
                var at = pos - step;
                count = Meet(holders[at < 0 ? at + d : at], hits, met, count);
            }
        }

        return count;

        // Written every time and kept only for a new partner: no branch on whether the partner is new, which the
        // predictor could not guess (two meetings in three are with a new partner on the held-out scale-1 store).
        static int Meet(int b, int[] hits, int[] met, int count)
        {
            met[count] = b;
            count += hits[b] == 0 ? 1 : 0;
            hits[b]++;
            return count;
        }
    }

    /// <summary>Each account's elements held by at least two accounts (sorted, as in <see cref="CoUseElements"/>), and
    /// per account and kind the number it holds alone.</summary>
    /// <param name="accounts">Accounts, as in <see cref="CoUseElements.Offsets"/>.</param>
    /// <param name="kinds">Element kinds (<see cref="KindNames"/>).</param>
    /// <param name="narrowPrefixUpTo">The largest segment total the running sums are kept as ints for (tests lower it).</param>
    internal sealed class MergeLists(int accounts, int kinds, long narrowPrefixUpTo = int.MaxValue)
    {
        private int[] _segments = [];
        private int[] _sortedDegree = [];

        // The running sums of _sortedDegree within each segment, as ints when every segment's total fits (4 bytes per id
        // instead of 8), else as longs.
        private int[]? _degreePrefix32;
        private long[]? _degreePrefix64;

        public int[] Offsets { get; } = new int[accounts + 1];
        public int[] Singles { get; } = new int[accounts * kinds];
        public int[] Ids { get; set; } = [];

        /// <summary>Where each account's elements of each kind lie (ids are grouped by kind), and per such segment the
        /// elements' degrees in ascending order with their running sums, for <see cref="Lambda"/>.</summary>
        public void Index(int[] degree, byte[] kindOf)
        {
            // Each account's kind segments, its elements' degrees and its largest segment total, accounts in ranges side by
            // side (each range writes its own accounts' slots; the largest total is the maximum over the ranges').
            _segments = new int[(accounts * kinds) + 1];
            _sortedDegree = new int[Ids.Length];
            long largestTotal = 0;
            var gate = new Lock();
            ParallelRanges.For(accounts, (from, to) =>
            {
                long largest = 0;
                for (var a = from; a < to; a++)
                {
                    var i = Offsets[a];
                    for (var k = 0; k < kinds; k++)
                    {
                        _segments[(a * kinds) + k] = i;
                        long total = 0;
                        while (i < Offsets[a + 1] && kindOf[Ids[i]] == k)
                        {
                            _sortedDegree[i] = degree[Ids[i]];
                            total += _sortedDegree[i];
                            i++;
                        }

                        largest = Math.Max(largest, total);
                    }
                }

                lock (gate)
                {
                    largestTotal = Math.Max(largestTotal, largest);
                }
            });

            _segments[accounts * kinds] = Offsets[accounts];

            var prefix32 = largestTotal <= Math.Min(narrowPrefixUpTo, int.MaxValue) ? new int[Ids.Length] : null;
            var prefix64 = prefix32 is null ? new long[Ids.Length] : null;

            var bound = accounts + 1; // a degree counts accounts
            ParallelRanges.For(accounts * kinds, (first, last) =>
            {
                var longest = 0;
                for (var g = first; g < last; g++)
                {
                    longest = Math.Max(longest, _segments[g + 1] - _segments[g]);
                }

                var scratch = new int[longest];
                for (var g = first; g < last; g++)
                {
                    int from = _segments[g], to = _segments[g + 1];
                    SmallIntSort.Sort(_sortedDegree.AsSpan(from, to - from), scratch, bound);
                    long sum = 0;
                    for (var i = from; i < to; i++)
                    {
                        sum += _sortedDegree[i];
                        if (prefix32 is not null)
                        {
                            prefix32[i] = (int)sum;
                        }
                        else
                        {
                            prefix64![i] = sum;
                        }
                    }
                }
            });
            (_degreePrefix32, _degreePrefix64) = (prefix32, prefix64);
        }

        public (int From, int To) Segment(int account, int kind, int kinds) =>
            (_segments[(account * kinds) + kind], _segments[(account * kinds) + kind + 1]);

        /// <summary>Σ over the segment's elements of min(1, degree × perDegree): the degrees up to 1 / perDegree count in
        /// proportion, the rest count 1 each.</summary>
        public double Lambda(int from, int to, double perDegree)
        {
            if (to <= from || perDegree <= 0)
            {
                return 0;
            }

            // The first index whose degree × perDegree exceeds 1.
            int lo = from, hi = to;
            while (lo < hi)
            {
                var mid = lo + ((hi - lo) / 2);
                if (_sortedDegree[mid] * perDegree <= 1)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            var proportional = lo == from ? 0 : _degreePrefix32 is { } prefix32 ? prefix32[lo - 1] : _degreePrefix64![lo - 1];
            return (proportional * perDegree) + (to - lo);
        }
    }

    /// <summary>Exact counts of a pair: per kind the shared elements and λ; the pair's most significant kind with at
    /// least <paramref name="minShared"/> shared elements, or null. A kind whose tail probability could not reach
    /// <paramref name="log10Threshold"/> even if every element of the shorter list were shared is not counted: such a kind
    /// is never the kept pair's kind (a pair is kept only when its best kind reaches the threshold).</summary>
    private static Verified? Verify(
        CoUseElements el, MergeLists merge, int a, int b, int[] kindCount, int kinds, bool[] enabled, int minShared, double log10Threshold)
    {
        Verified? best = null;
        for (var k = 0; k < kinds; k++)
        {
            if (!enabled[k])
            {
                continue;
            }

            var (a0, a1) = merge.Segment(a, k, kinds);
            var (b0, b1) = merge.Segment(b, k, kinds);
            var most = Math.Min(a1 - a0, b1 - b0);
            if (most < minShared)
            {
                continue;
            }

            // λ in each direction: Σ over one account's elements of the chance min(1, deg · k_other / M) that the other
            // holds it; the elements held alone (degree 1) in one term.
            var incidences = Math.Max(1, el.Incidences[k]);
            var perDegreeA = (double)kindCount[(b * kinds) + k] / incidences;
            var perDegreeB = (double)kindCount[(a * kinds) + k] / incidences;
            var lambdaA = (merge.Singles[(a * kinds) + k] * Math.Min(1, perDegreeA)) + merge.Lambda(a0, a1, perDegreeA);
            var lambdaB = (merge.Singles[(b * kinds) + k] * Math.Min(1, perDegreeB)) + merge.Lambda(b0, b1, perDegreeB);
            var lambda = Math.Max(lambdaA, lambdaB);
            if (Log10PoissonPoint(lambda, most) > log10Threshold + UnreachableMargin)
            {
                // P(X ≥ s) ≥ P(X = most) for every s ≤ most, and Log10PoissonTail is at least its largest term.
                continue;
            }

            var shared = CountShared(merge.Ids, a0, a1, b0, b1);
            if (shared < minShared)
            {
                continue;
            }

            var log10P = Log10PoissonTail(lambda, shared);
            if (best is null || log10P < best.Value.Log10P)
            {
                best = new Verified(Math.Min(a, b), Math.Max(a, b), (CoUseKind)k, shared, lambda, log10P);
            }
        }

        return best;
    }

    /// <summary>Elements two sorted ranges of <paramref name="ids"/> have in common: a merge when they are of like size, a
    /// search of the longer for each element of the shorter otherwise (an account of thousands of elements costs its
    /// partner of ten about ten searches).</summary>
    internal static int CountShared(int[] ids, int x0, int x1, int y0, int y1)
    {
        if (x1 - x0 > y1 - y0)
        {
            (x0, x1, y0, y1) = (y0, y1, x0, x1);
        }

        var shared = 0;
        if ((x1 - x0) * 16 < y1 - y0)
        {
            var from = y0;
            for (var i = x0; i < x1 && from < y1; i++)
            {
                var at = Array.BinarySearch(ids, from, y1 - from, ids[i]);
                if (at >= 0)
                {
                    shared++;
                    from = at + 1;
                }
                else
                {
                    from = ~at;
                }
            }

            return shared;
        }

        // Without branches: which side advances follows the data, which a branch predictor cannot guess.
        int p = x0, q = y0;
        while (p < x1 && q < y1)
        {
            int u = ids[p], v = ids[q];
            shared += u == v ? 1 : 0;
            p += u <= v ? 1 : 0;
            q += v <= u ? 1 : 0;
        }

        return shared;
    }

    /// <summary>Moves the <paramref name="count"/> smallest keys (with their items) to the front, in ascending order, and
    /// returns how many there are: the same first entries a full sort gives, without sorting every candidate an account
    /// with thousands of elements meets.</summary>
    private static int SmallestFirst(Span<long> keys, Span<int> items, int count)
    {
        var take = Math.Min(count, keys.Length);
        if (keys.Length <= 4 * count)
        {
            keys.Sort(items);
            return take;
        }

        // A max-heap of the smallest keys seen so far in keys[0..take).
        keys[..take].Sort(items[..take]);
        keys[..take].Reverse();
        items[..take].Reverse();
        for (var i = take; i < keys.Length; i++)
        {
            if (keys[i] < keys[0])
            {
                keys[0] = keys[i];
                items[0] = items[i];
                SiftDown(keys, items, take);
            }
        }

        keys[..take].Sort(items[..take]);
        return take;

        static void SiftDown(Span<long> keys, Span<int> items, int size)
        {
            var i = 0;
            while (true)
            {
                int left = (2 * i) + 1, right = left + 1, largest = i;
                if (left < size && keys[left] > keys[largest])
                {
                    largest = left;
                }

                if (right < size && keys[right] > keys[largest])
                {
                    largest = right;
                }

                if (largest == i)
                {
                    return;
                }

                (keys[i], keys[largest]) = (keys[largest], keys[i]);
                (items[i], items[largest]) = (items[largest], items[i]);
                i = largest;
            }
        }
    }

    /// <summary>The first <see cref="MaxStoredElements"/> elements of <paramref name="kind"/> both accounts hold, ascending. It
    /// reads the merge lists: an element only one account holds is never shared, and leaving those out makes the lists of
    /// accounts with thousands of one-off prompts short.</summary>
    private static void SharedOfKind(MergeLists merge, int a, int b, int kind, int kinds, List<int> into)
    {
        var ids = merge.Ids;
        var (i, x1) = merge.Segment(a, kind, kinds);
        var (j, y1) = merge.Segment(b, kind, kinds);
        while (i < x1 && j < y1 && into.Count < MaxStoredElements)
        {
            if (ids[i] < ids[j])
            {
                i++;
            }
            else if (ids[j] < ids[i])
            {
                j++;
            }
            else
            {
                into.Add(ids[i]);
                i++;
                j++;
            }
        }
    }

    /// <summary>log10 P(X ≥ s) for X ~ Poisson(λ), summed in log space (no underflow for large s).</summary>
    public static double Log10PoissonTail(double lambda, int s)
    {
        if (s <= 0)
        {
            return 0;
        }

        if (lambda <= 0)
        {
            return double.NegativeInfinity;
        }

        var logLambda = Math.Log(lambda);
        var term = LnPoissonPoint(lambda, logLambda, s);
        var max = term;
        var sum = 1.0;
        var current = term;

        // Terms rise until j reaches λ and fall after it: the sum runs past λ (a tail that starts far below λ is near 1,
        // and summing only 400 terms from s would have missed its bulk), with the largest term as the scale.
        var end = (long)Math.Max(s, Math.Ceiling(Math.Min(lambda, int.MaxValue / 2))) + 400;
        for (var j = s + 1; j < end; j++)
        {
            current += logLambda - Math.Log(j);
            if (current > max)
            {
                sum = (sum * Math.Exp(max - current)) + 1;
                max = current;
                continue;
            }

            var ratio = Math.Exp(current - max);
            sum += ratio;
            if (ratio < 1e-12 && j > lambda)
            {
                break;
            }
        }

        return Math.Min(0, (max + Math.Log(sum)) / Math.Log(10));
    }

    /// <summary>Slack for the rounding between <see cref="Log10PoissonPoint"/> and the terms <see cref="Log10PoissonTail"/> sums.</summary>
    private const double UnreachableMargin = 1e-6;

    /// <summary>log10 P(X = s) for X ~ Poisson(λ): a lower bound of <see cref="Log10PoissonTail"/> for every count up to s.</summary>
    internal static double Log10PoissonPoint(double lambda, int s) =>
        lambda <= 0 ? (s == 0 ? 0 : double.NegativeInfinity) : LnPoissonPoint(lambda, Math.Log(lambda), s) / Math.Log(10);

    /// <summary>ln P(X = s) for X ~ Poisson(λ), given ln λ (λ &gt; 0).</summary>
    private static double LnPoissonPoint(double lambda, double logLambda, int s) => -lambda + (s * logLambda) - LogFactorial(s);

    /// <summary>ln n!: summed exactly below <see cref="ExactLogFactorials"/>, Stirling's series above it (its first
    /// omitted term, 1 / (1680 n⁷), is below 10⁻²⁰ there). The sum it replaces cost n logarithms, and co-location tests
    /// groups whose members meet millions of times.</summary>
    internal static double LogFactorial(int n)
    {
        if (n < ExactLogFactorials.Length)
        {
            return ExactLogFactorials[Math.Max(0, n)];
        }

        double x = n, inverse = 1.0 / n, inverse2 = inverse * inverse;
        return (x * Math.Log(x)) - x + (0.5 * Math.Log(2 * Math.PI * x))
            + (inverse * ((1.0 / 12) - (inverse2 * ((1.0 / 360) - (inverse2 / 1260)))));
    }

    private static readonly double[] ExactLogFactorials = ExactLogFactorialTable(256);

    private static double[] ExactLogFactorialTable(int count)
    {
        var table = new double[count];
        for (var i = 2; i < count; i++)
        {
            table[i] = table[i - 1] + Math.Log(i);
        }

        return table;
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
