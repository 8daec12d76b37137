using System.Diagnostics;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Access.Authorization;
using Distill.Attribution.Application.Ingestion.IngestFiles;
using Distill.Attribution.Application.Ingestion.Validation;
using Distill.Attribution.Application.Messaging;
using Distill.Attribution.Domain.Access;
using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Application.Ingestion.IngestRecords;

/// <summary>
/// Validate and load records a tool already holds in memory, with the same rules as files (a raw card number
/// is refused, ids are 1-128 characters, IPs are normalised, counts are non-negative). Records are written in
/// kind order (accounts first), in batches of <see cref="IngestOptions.BatchSize"/>, each atomic.
/// </summary>
/// <param name="Records">The records, by kind.</param>
/// <param name="Source">A name for where the records came from, kept as their provenance (like a file name).</param>
public sealed record IngestRecordsCommand(RecordSet Records, string Source = "in-memory")
    : IRequest<IngestRecordsResult>, IRequireRight
{
    /// <summary>Progress after each batch; optional.</summary>
    public IProgress<IngestProgress>? Progress { get; init; }

    public AccessRight RequiredRight => AccessRight.Ingest;
}

/// <summary>Records of every kind for <see cref="IngestRecordsCommand"/>; a kind left empty is skipped.</summary>
public sealed record RecordSet
{
    public IReadOnlyList<AccountRecord> Accounts { get; init; } = [];

    public IReadOnlyList<PaymentRecord> Payments { get; init; } = [];

    public IReadOnlyList<SessionRecord> Sessions { get; init; } = [];

    public IReadOnlyList<RequestRecord> Requests { get; init; } = [];

    public IReadOnlyList<ReleaseRecord> Releases { get; init; } = [];

    public IReadOnlyList<IndicatorRecord> Indicators { get; init; } = [];

    public long Count => (long)Accounts.Count + Payments.Count + Sessions.Count + Requests.Count + Releases.Count + Indicators.Count;
}

/// <summary>One in-memory record that broke a rule: its kind, its index in that kind's list, the field and why (never the value).</summary>
public sealed record RecordReject(RecordKind Kind, int Index, string Field, string Reason);

/// <summary>What an in-memory ingest read, wrote and rejected.</summary>
public sealed record IngestRecordsResult(long Read, long Written, IReadOnlyList<RecordReject> Rejects, TimeSpan Elapsed);

/// <summary>Handles <see cref="IngestRecordsCommand"/>.</summary>
public sealed class IngestRecordsHandler(IIngestStore store, IngestOptions? options = null)
    : IRequestHandler<IngestRecordsCommand, IngestRecordsResult>
{
    private readonly IngestOptions _options = options ?? new IngestOptions();

    public async Task<IngestRecordsResult> Handle(IngestRecordsCommand request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var clock = Stopwatch.StartNew();
        await store.MigrateAsync(ct).ConfigureAwait(false);
        var rejects = new List<RecordReject>();
        var total = request.Records.Count;
        var state = new State(request, total, clock, rejects);
        var r = request.Records;
        await WriteAsync(state, RecordKind.Accounts, r.Accounts, CheckAccount, b => new IngestBatch { Kind = RecordKind.Accounts, Source = request.Source, Accounts = b }, ct).ConfigureAwait(false);
        await WriteAsync(state, RecordKind.Payments, r.Payments, CheckPayment, b => new IngestBatch { Kind = RecordKind.Payments, Source = request.Source, Payments = b }, ct).ConfigureAwait(false);
        await WriteAsync(state, RecordKind.Sessions, r.Sessions, CheckSession, b => new IngestBatch { Kind = RecordKind.Sessions, Source = request.Source, Sessions = b }, ct).ConfigureAwait(false);
        await WriteAsync(state, RecordKind.Requests, r.Requests, CheckRequest, b => new IngestBatch { Kind = RecordKind.Requests, Source = request.Source, Requests = b }, ct).ConfigureAwait(false);
        await WriteAsync(state, RecordKind.Releases, r.Releases, CheckRelease, b => new IngestBatch { Kind = RecordKind.Releases, Source = request.Source, Releases = b }, ct).ConfigureAwait(false);
        await WriteAsync(state, RecordKind.Indicators, r.Indicators, CheckIndicator, b => new IngestBatch { Kind = RecordKind.Indicators, Source = request.Source, Indicators = b }, ct).ConfigureAwait(false);
        await store.CompleteAsync(ct).ConfigureAwait(false);
        return new IngestRecordsResult(state.Read, state.Written, rejects, clock.Elapsed);
    }

    /// <summary>Checks one record; returns the record to store (IPs normalised) or sets field and reason.</summary>
    private delegate T? Check<T>(T record, out string field, out string reason)
        where T : class;

    private async Task WriteAsync<T>(State state, RecordKind kind, IReadOnlyList<T> records, Check<T> check, Func<List<T>, IngestBatch> toBatch, CancellationToken ct)
        where T : class
    {
        var batchSize = kind == RecordKind.Requests ? _options.RequestBatchSize : _options.BatchSize;
        var batch = new List<T>(Math.Min(batchSize, records.Count));
        for (var i = 0; i < records.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            state.Read++;
            var record = records[i] is { } given ? check(given, out var field, out var reason) : Null(out field, out reason);
            if (record is null)
            {
                state.Rejects.Add(new RecordReject(kind, i, field, reason));
                continue;
            }

            batch.Add(record);
            if (batch.Count == batchSize)
            {
                await FlushAsync(state, batch, toBatch, ct).ConfigureAwait(false);
                batch = new List<T>(batchSize);
            }
        }

        if (batch.Count > 0)
        {
            await FlushAsync(state, batch, toBatch, ct).ConfigureAwait(false);
        }

        static T? Null(out string field, out string reason)
        {
            field = "record";
            reason = FieldMessages.Required;
            return null;
        }
    }

    private async Task FlushAsync<T>(State state, List<T> batch, Func<List<T>, IngestBatch> toBatch, CancellationToken ct)
    {
        var ingest = toBatch(batch);
        ingest.Prepared = store.PrepareBatch(ingest);
        state.Written += await store.WriteBatchAsync(ingest, ct).ConfigureAwait(false);
        state.Request.Progress?.Report(new IngestProgress(state.Request.Source, 0, 0, state.Read, state.Rejects.Count, state.Clock.Elapsed));
    }

    private static AccountRecord? CheckAccount(AccountRecord a, out string field, out string reason) =>
        Id(a.AccountId, "account_id", out field, out reason)
        && Optional(a.EmailHash, FieldRules.IsHex64, "email_hash", FieldMessages.EmailHash, out field, out reason)
        && Optional(a.Country, FieldRules.IsCountry, "country", FieldMessages.Country, out field, out reason)
        && Defined(a.AccessPathway, "access_pathway", out field, out reason)
        && (a.Status is not { } s || Defined(s, "status", out field, out reason))
            ? a : null;

    private static PaymentRecord? CheckPayment(PaymentRecord p, out string field, out string reason)
    {
        // The card-number check comes first, so no other message can be about a card number.
        if (p.InstrumentFingerprint is not null && FieldRules.IsCardNumber(p.InstrumentFingerprint))
        {
            return Fail<PaymentRecord>("instrument_fingerprint", FieldMessages.CardNumber, out field, out reason);
        }

        return Id(p.AccountId, "account_id", out field, out reason)
            && Id(p.InstrumentFingerprint, "instrument_fingerprint", out field, out reason)
            && Optional(p.Bin, FieldRules.IsBin, "bin", FieldMessages.Bin, out field, out reason)
            && Optional(p.IssuerCountry, FieldRules.IsCountry, "issuer_country", FieldMessages.Country, out field, out reason)
            && (p.Kind is not { } k || Defined(k, "kind", out field, out reason))
                ? p : null;
    }

    private static SessionRecord? CheckSession(SessionRecord s, out string field, out string reason)
    {
        if (!Id(s.AccountId, "account_id", out field, out reason))
        {
            return null;
        }

        if (s.Ip is null || !FieldRules.TryNormaliseIp(s.Ip, out var ip))
        {
            return Fail<SessionRecord>("ip", s.Ip is null ? FieldMessages.Required : FieldMessages.Ip, out field, out reason);
        }

        if (s.Asn is < 0)
        {
            return Fail<SessionRecord>("asn", FieldMessages.NonNegative, out field, out reason);
        }

        return s.IpType is { } t && !Defined(t, "ip_type", out field, out reason) ? null : s with { Ip = ip };
    }

    private static RequestRecord? CheckRequest(RequestRecord q, out string field, out string reason)
    {
        if (!NotEmpty(q.RequestId, "request_id", out field, out reason) || !Id(q.AccountId, "account_id", out field, out reason)
            || !NotEmpty(q.Model, "model", out field, out reason))
        {
            return null;
        }

        var ip = q.Ip;
        if (ip is not null && !FieldRules.TryNormaliseIp(ip, out ip))
        {
            return Fail<RequestRecord>("ip", FieldMessages.Ip, out field, out reason);
        }

        if (q.InputTokens is < 0)
        {
            return Fail<RequestRecord>("input_tokens", FieldMessages.NonNegative, out field, out reason);
        }

        if (q.OutputTokens is < 0)
        {
            return Fail<RequestRecord>("output_tokens", FieldMessages.NonNegative, out field, out reason);
        }

        return ReferenceEquals(ip, q.Ip) ? q : q with { Ip = ip };
    }

    private static ReleaseRecord? CheckRelease(ReleaseRecord r, out string field, out string reason) =>
        NotEmpty(r.Model, "model", out field, out reason) ? r : null;

    private static IndicatorRecord? CheckIndicator(IndicatorRecord i, out string field, out string reason)
    {
        if (!NotEmpty(i.OperatorId, "operator_id", out field, out reason) || !Defined(i.Kind, "kind", out field, out reason)
            || !NotEmpty(i.Value, "value", out field, out reason))
        {
            return null;
        }

        if (IndicatorRecordValidator.ValueProblem(i.Kind, i.Value) is { } problem)
        {
            return Fail<IndicatorRecord>("value", problem, out field, out reason);
        }

        return i.Confidence is >= 0 and <= 1 ? i : Fail<IndicatorRecord>("confidence", FieldMessages.Confidence, out field, out reason);
    }

    private static bool Id(string? value, string name, out string field, out string reason) =>
        value is null ? Failed(name, FieldMessages.Required, out field, out reason)
        : FieldRules.IsLength1To128(value) ? Passed(name, out field, out reason) : Failed(name, FieldMessages.Length1To128, out field, out reason);

    private static bool NotEmpty(string? value, string name, out string field, out string reason) =>
        !string.IsNullOrEmpty(value) ? Passed(name, out field, out reason) : Failed(name, FieldMessages.Required, out field, out reason);

    private static bool Optional(string? value, Func<string, bool> rule, string name, string message, out string field, out string reason) =>
        value is null || rule(value) ? Passed(name, out field, out reason) : Failed(name, message, out field, out reason);

    private static bool Defined<TEnum>(TEnum value, string name, out string field, out string reason)
        where TEnum : struct, Enum =>
        Enum.IsDefined(value) ? Passed(name, out field, out reason) : Failed(name, FieldMessages.Enum<TEnum>(), out field, out reason);

    private static bool Passed(string name, out string field, out string reason)
    {
        field = name;
        reason = string.Empty;
        return true;
    }

    private static bool Failed(string name, string message, out string field, out string reason)
    {
        field = name;
        reason = message;
        return false;
    }

    private static T? Fail<T>(string name, string message, out string field, out string reason)
        where T : class
    {
        Failed(name, message, out field, out reason);
        return null;
    }

    private sealed class State(IngestRecordsCommand request, long total, Stopwatch clock, List<RecordReject> rejects)
    {
        public IngestRecordsCommand Request { get; } = request;

        public long Total { get; } = total;

        public Stopwatch Clock { get; } = clock;

        public List<RecordReject> Rejects { get; } = rejects;

        public long Read { get; set; }

        public long Written { get; set; }
    }
}
