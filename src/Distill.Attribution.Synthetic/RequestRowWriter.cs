namespace Distill.Attribution.Synthetic;

/// <summary>
/// Formats one account's requests (and its sessions) as CSV bytes. Everything an account writes
/// depends only on its own seed and the shared read-only world, so shards can run on any thread in any
/// order and the files stay byte-identical. One instance per worker (it owns a scratch array).
/// </summary>
internal sealed class RequestRowWriter
{
    /// <summary>Upper bound of one request row's bytes (ids, timestamp, model, template, IPv6, client, tokens).</summary>
    private const int MaxRowBytes = 512;
    private const long Hour = 3_600_000L;
    private const long Day = 24 * Hour;

    // Local-hour weights of human use: quiet nights, a working-day plateau, an evening tail.
    private static readonly WeightedChoice Hours = new(
    [
        (0, 1), (1, .6), (2, .4), (3, .3), (4, .3), (5, .4), (6, .8), (7, 1.5), (8, 2.5), (9, 3.5), (10, 4), (11, 4),
        (12, 3.5), (13, 4), (14, 4), (15, 4), (16, 3.8), (17, 3), (18, 2.5), (19, 2.5), (20, 2.6), (21, 2.4), (22, 2), (23, 1.5),
    ]);

    private readonly SyntheticWorld _world;
    private readonly ulong _idSalt;
    private long[] _times = new long[8192];

    public RequestRowWriter(SyntheticWorld world)
    {
        _world = world;
        _idSalt = SyntheticRandom.Derive(world.Seed, 7);
    }

    public const string Header = "request_id,account_id,ts,model,capability,prompt_fingerprint,ip,client,input_tokens,output_tokens";

    public void WriteRequests(PlannedAccount account, Utf8RowBuffer buffer)
    {
        var b = account.Behaviour;
        var rng = new SyntheticRandom(account.Seed);
        var n = b.RequestCount;
        if (_times.Length < n)
        {
            _times = new long[Math.Max(n, _times.Length * 2)];
        }

        var times = _times.AsSpan(0, n);
        var lo = b.ActiveStart;
        var hi = Math.Min(b.ActiveEnd, _world.PeriodEnd);
        var work = (int)((n * b.WorkShare) + 0.5);
        var schedule = b.Schedule;
        var b0 = schedule is null ? 0 : rng.Next(schedule.Length);
        long queueAt = 0;
        var runLeft = 0;
        for (var k = 0; k < work; k++)
        {
            long t;
            if (schedule is not null)
            {
                var idx = b0 + k;
                switch (b.Scheduler)
                {
                    case Scheduler.RandomSubset:
                        t = schedule[rng.Next(schedule.Length)] + ((long)rng.Next(b.SlotTicks) * b.TickMs);
                        break;
                    case Scheduler.RoundRobin:
                        t = schedule[idx % schedule.Length] + ((long)(b.MemberIndex + ((idx / schedule.Length) * b.CrewSize)) * b.TickMs);
                        break;
                    case Scheduler.WorkQueue:
                        if (runLeft == 0)
                        {
                            queueAt = schedule[rng.Next(schedule.Length)] + rng.NextLong(b.SessionLengthMs);
                            runLeft = rng.Between(b.RunMin, b.RunMax);
                        }

                        t = queueAt;
                        queueAt += 500 + (long)(-Math.Log(1.0 - rng.NextDouble()) * b.ServiceMeanMs);
                        runLeft--;
                        break;
                    default:
                        t = schedule[idx % schedule.Length] + ((long)(idx / schedule.Length) * b.TickMs);
                        break;
                }

                if (b.JitterMs > 0)
                {
                    t += rng.Next((2 * b.JitterMs) + 1) - b.JitterMs;
                }
            }
            else if (b.Scheduler == Scheduler.Poisson)
            {
                t = lo + rng.NextLong(Math.Max(1, hi - lo));
            }
            else if (b.WorkWindowEnd > b.WorkWindowStart)
            {
                t = b.WorkWindowStart + rng.NextLong(b.WorkWindowEnd - b.WorkWindowStart);
            }
            else
            {
                t = Diurnal(ref rng, b.TimeZoneHours, lo, hi);
            }

            if (t < lo || t >= hi)
            {
                t = Diurnal(ref rng, b.TimeZoneHours, lo, hi);
            }

            times[k] = (t << 1) | 1;
        }

        for (var k = work; k < n; k++)
        {
            times[k] = Diurnal(ref rng, b.TimeZoneHours, lo, hi) << 1;
        }

        times.Sort();

        var models = _world.ModelsUtf8;
        var releases = _world.ModelReleases;
        var delays = b.AdoptDelayMs;
        var index = account.FirstRequestIndex;
        var id = account.IdUtf8;
        for (var k = 0; k < n; k++)
        {
            var isWork = (times[k] & 1) == 1;
            var t = times[k] >> 1;

            var m = models.Length - 1;
            while (m > 0 && (delays[m] == long.MaxValue || releases[m] + delays[m] > t))
            {
                m--;
            }

            if (!rng.Chance(isWork ? b.NewestShareWork : b.NewestShareOrdinary) && m > 0)
            {
                var older = m - 1 - rng.Next(Math.Min(m, 2));
                if (delays[older] != long.MaxValue)
                {
                    m = older;
                }
            }

            var capability = isWork ? b.WorkCapabilities.Pick(ref rng) : b.OrdinaryCapabilities.Pick(ref rng);
            var template = -1;
            if (!rng.Chance(b.NoFingerprintShare))
            {
                if (isWork && b.WorkTemplates.Length > 0 && rng.Chance(b.WorkTemplateShare))
                {
                    template = b.WorkTemplates[rng.Next(b.WorkTemplates.Length)];
                }
                else if (b.PrivateTemplates.Length > 0)
                {
                    template = b.PrivateTemplates[rng.Next(b.PrivateTemplates.Length)];
                }
            }

            var ips = isWork ? b.WorkIps : b.OrdinaryIps;
            var ip = isWork && b.IpRotationMs > 0
                ? ips[(int)(((t / b.IpRotationMs) + b.IpPhase) % ips.Length)]
                : ips[rng.Next(ips.Length)];
            var client = b.AltClientShare > 0 && rng.Chance(b.AltClientShare) ? b.AltClient : b.Client;
            var input = isWork ? rng.Between(b.WorkInputMin, b.WorkInputMax) : rng.Between(b.OrdinaryInputMin, b.OrdinaryInputMax);
            var output = isWork ? rng.Between(b.WorkOutputMin, b.WorkOutputMax) : rng.Between(b.OrdinaryOutputMin, b.OrdinaryOutputMax);

            buffer.Reserve(MaxRowBytes);
            buffer.Append("rq"u8);
            buffer.AppendHex16(SyntheticRandom.Mix(unchecked((ulong)index + _idSalt)));
            buffer.Append((byte)',');
            buffer.Append(id);
            buffer.Append((byte)',');
            buffer.AppendTimestamp(t, milliseconds: true);
            buffer.Append((byte)',');
            buffer.Append(models[m]);
            buffer.Append((byte)',');
            buffer.Append(_world.CapabilitiesUtf8[capability]);
            buffer.Append((byte)',');
            if (template >= 0)
            {
                buffer.Append(_world.TemplatesUtf8[template]);
            }

            buffer.Append((byte)',');
            buffer.Append(_world.Ips[ip].Utf8);
            buffer.Append((byte)',');
            buffer.Append(_world.ClientsUtf8[client]);
            buffer.Append((byte)',');
            buffer.AppendInt(input);
            buffer.Append((byte)',');
            buffer.AppendInt(output);
            buffer.Append((byte)'\n');
            index++;
        }
    }

    /// <summary>Session rows: every IP the account uses, seen one to three times within its active window.</summary>
    public void WriteSessions(PlannedAccount account, CsvTextWriter sessions)
    {
        var b = account.Behaviour;
        var rng = new SyntheticRandom(SyntheticRandom.Derive(account.Seed, 2));
        var lo = b.ActiveStart;
        var hi = Math.Min(b.ActiveEnd, _world.PeriodEnd);
        Span<long> seen = stackalloc long[3];
        WriteSessionIps(account, b.WorkIps, [], sessions, ref rng, lo, hi, seen);
        WriteSessionIps(account, b.OrdinaryIps, b.WorkIps, sessions, ref rng, lo, hi, seen);
    }

    private void WriteSessionIps(PlannedAccount account, int[] ips, int[] skip, CsvTextWriter sessions, ref SyntheticRandom rng, long lo, long hi, Span<long> seen)
    {
        for (var i = 0; i < ips.Length; i++)
        {
            var ip = ips[i];
            if (Array.IndexOf(ips, ip, 0, i) >= 0 || Array.IndexOf(skip, ip) >= 0)
            {
                continue;
            }

            var entry = _world.Ips[ip];
            var count = rng.Between(1, 3);
            for (var k = 0; k < count; k++)
            {
                seen[k] = lo + rng.NextLong(hi - lo);
            }

            seen[..count].Sort();
            for (var k = 0; k < count; k++)
            {
                sessions.Field(account.Id).Field(entry.Text).Timestamp(seen[k]).Field(entry.Asn).Field(entry.AsnOrg).Field(entry.IpType).EndRow();
            }
        }
    }

    private static long Diurnal(ref SyntheticRandom rng, int timeZoneHours, long lo, long hi)
    {
        var t = lo + rng.NextLong(hi - lo);
        var dayStart = t - (t % Day);
        var utcHour = ((Hours.Pick(ref rng) - timeZoneHours) % 24 + 24) % 24;
        var shaped = dayStart + (utcHour * Hour) + rng.NextLong(Hour);
        return shaped >= lo && shaped < hi ? shaped : t;
    }
}
