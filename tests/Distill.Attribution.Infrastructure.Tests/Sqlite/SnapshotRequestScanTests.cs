using Distill.Attribution.Sqlite;

namespace Distill.Attribution.Infrastructure.Tests.Sqlite;

/// <summary>
/// The snapshot's shared request scan: ranges of row ids taken by two threads and completed in any order are placed once
/// each, in row-id order, one at a time.
/// </summary>
public sealed class SnapshotRequestScanTests
{
    [TestCase(1L, 1L)]
    [TestCase(1L, 63L)]
    [TestCase(5L, 1_000L)]
    [TestCase(1L, 26_589_462L)]
    public void ShouldCoverEveryRowIdOnceWithAtMostSixtyFourRanges(long first, long last)
    {
        var bounds = new SqliteSnapshotReader.ScanRangeBounds(first, last);
        Assert.That(bounds.Ranges, Is.InRange(1, 64));
        var expected = first;
        for (var range = 0; range < bounds.Ranges; range++)
        {
            var (from, to) = bounds.Of(range);
            Assert.That(from, Is.EqualTo(expected), $"range {range}");
            Assert.That(to, Is.GreaterThanOrEqualTo(from), $"range {range}");
            expected = to + 1;
        }

        Assert.That(expected, Is.EqualTo(last + 1));
    }

    [Test]
    public void ShouldPlaceRangesCompletedInAnyOrderByTwoThreadsInRowIdOrderOneAtATime([Range(1, 8)] int seed)
    {
        var bounds = new SqliteSnapshotReader.ScanRangeBounds(1, 10_000);
        var placed = new List<long>();
        var placing = 0;
        var overlapped = false;
        var scan = new SqliteSnapshotReader.RequestScan(bounds, chunk =>
        {
            overlapped |= Interlocked.Increment(ref placing) > 1;
            for (var r = 0; r < chunk.Count; r++)
            {
                placed.Add(chunk.RowId[r]);
            }

            Thread.Sleep(chunk.Count % 3); // a placement long enough for the other thread to complete ranges meanwhile
            Interlocked.Decrement(ref placing);
        });

        // Each thread stages its range's ids in chunks of at most 50, after a random pause, so ranges complete out of order.
        void Work(int thread)
        {
            var random = new Random((seed * 2) + thread);
            while (scan.Take(out var range, out var from, out var to))
            {
                var chunks = new List<SqliteSnapshotReader.StagedRequests>();
                var chunk = scan.Rent();
                for (var id = from; id <= to; id++)
                {
                    if (chunk.Count == 50)
                    {
                        chunks.Add(chunk);
                        chunk = scan.Rent();
                    }

                    chunk.RowId[chunk.Count++] = id;
                }

                chunks.Add(chunk);
                Thread.Sleep(random.Next(4));
                scan.Complete(range, chunks, beside: thread == 1);
            }
        }

        var other = Task.Run(() => Work(1));
        Work(0);
        other.GetAwaiter().GetResult();

        Assert.That(scan.AllPlaced, Is.True);
        Assert.That(overlapped, Is.False, "two placements at once");
        Assert.That(placed, Is.EqualTo(Enumerable.Range(1, 10_000).Select(id => (long)id)), "every id once, in order");
        Assert.That(scan.RowsReadBeside, Is.InRange(0, 10_000));
    }
}
