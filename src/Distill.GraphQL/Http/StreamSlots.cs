namespace Distill.GraphQL.Http;

/// <summary>Counts open event streams in total and per caller (one instance per server, held by its options).</summary>
internal sealed class StreamSlots
{
    private readonly Dictionary<string, int> _perCaller = new(StringComparer.Ordinal);
    private int _total;

    public int Total
    {
        get
        {
            lock (_perCaller)
            {
                return _total;
            }
        }
    }

    /// <summary>Takes a slot for <paramref name="caller"/>; null (nothing taken) when a cap is reached, with the reason.</summary>
    public Slot? TryAcquire(string caller, int maxTotal, int maxPerCaller, out string? refusal)
    {
        lock (_perCaller)
        {
            if (_total >= maxTotal)
            {
                refusal = $"The server has {maxTotal} open subscriptions, its maximum; retry later.";
                return null;
            }

            var open = _perCaller.GetValueOrDefault(caller);
            if (open >= maxPerCaller)
            {
                refusal = $"This caller already has {maxPerCaller} open subscriptions, the maximum per caller; close one first.";
                return null;
            }

            _perCaller[caller] = open + 1;
            _total++;
            refusal = null;
            return new Slot(this, caller);
        }
    }

    private void Release(string caller)
    {
        lock (_perCaller)
        {
            _total--;
            if (--_perCaller[caller] == 0)
            {
                _perCaller.Remove(caller);
            }
        }
    }

    internal sealed class Slot(StreamSlots owner, string caller) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release(caller);
            }
        }
    }
}
