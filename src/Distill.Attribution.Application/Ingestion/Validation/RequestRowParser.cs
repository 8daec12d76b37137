using System.Text;
using Distill.Attribution.Application.Ingestion.Reading;
using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Application.Ingestion.Validation;

/// <summary>
/// The hot path for requests: checks the same rules as <see cref="RequestRecordValidator"/>, in the
/// same order and with the same messages, straight from the row's bytes, and builds the record with
/// shared strings for repeated values. FluentValidation costs a few microseconds per row (rule
/// delegates, a result object, a string per field), too slow for tens of millions of rows.
/// </summary>
internal sealed class RequestRowParser
{
    private static readonly string[] Names = RequestFields.Names;
    private readonly Utf8StringCache _accounts = new();
    private readonly Utf8StringCache _values = new();

    public bool TryParse(RawRow row, out RequestRecord? record, out string? field, out string? reason)
    {
        record = null;
        field = null;
        reason = null;
        if (!row.Has(RequestFields.RequestId))
        {
            return Fail(RequestFields.RequestId, FieldMessages.Required, out field, out reason);
        }

        if (!row.Has(RequestFields.AccountId))
        {
            return Fail(RequestFields.AccountId, FieldMessages.Required, out field, out reason);
        }

        // The two values with many distinct strings (hundreds of thousands of templates, tens of thousands of ips)
        // are hashed first and their cache slots fetched while the rest of the row is checked.
        var fingerprintHash = row.Has(RequestFields.PromptFingerprint) ? _values.Prefetch(row.Get(RequestFields.PromptFingerprint)) : 0;
        var ipHash = row.Has(RequestFields.Ip) ? _values.Prefetch(row.Get(RequestFields.Ip)) : 0;
        var accountId = _accounts.Get(row.Get(RequestFields.AccountId));
        if (!FieldRules.IsLength1To128(accountId))
        {
            return Fail(RequestFields.AccountId, FieldMessages.Length1To128, out field, out reason);
        }

        if (!row.Has(RequestFields.Ts))
        {
            return Fail(RequestFields.Ts, FieldMessages.Required, out field, out reason);
        }

        if (!FieldRules.TryParseTimestamp(row.Get(RequestFields.Ts), out var ts, out var missingOffset))
        {
            return Fail(RequestFields.Ts, missingOffset ? FieldMessages.TimestampWithoutOffset : FieldMessages.Timestamp, out field, out reason);
        }

        _values.PrefetchValue(fingerprintHash);
        _values.PrefetchValue(ipHash);
        if (!row.Has(RequestFields.Model))
        {
            return Fail(RequestFields.Model, FieldMessages.Required, out field, out reason);
        }

        string? ip = null;
        if (row.Has(RequestFields.Ip))
        {
            var text = _values.Get(row.Get(RequestFields.Ip), ipHash);
            if (!FieldRules.TryNormaliseIp(text, out ip))
            {
                return Fail(RequestFields.Ip, FieldMessages.Ip, out field, out reason);
            }
        }

        if (!TryTokens(row, RequestFields.InputTokens, out var inputTokens, out reason))
        {
            field = Names[RequestFields.InputTokens];
            return false;
        }

        if (!TryTokens(row, RequestFields.OutputTokens, out var outputTokens, out reason))
        {
            field = Names[RequestFields.OutputTokens];
            return false;
        }

        record = new RequestRecord(
            Encoding.UTF8.GetString(row.Get(RequestFields.RequestId)),
            accountId,
            ts,
            _values.Get(row.Get(RequestFields.Model)),
            Optional(row, RequestFields.Capability),
            row.Has(RequestFields.PromptFingerprint) ? _values.Get(row.Get(RequestFields.PromptFingerprint), fingerprintHash) : null,
            ip,
            Optional(row, RequestFields.Client),
            inputTokens,
            outputTokens);
        return true;
    }

    private static bool TryTokens(RawRow row, int slot, out long? value, out string? reason)
    {
        value = null;
        reason = null;
        if (!row.Has(slot))
        {
            return true;
        }

        if (!FieldRules.TryParseInteger(row.Get(slot), out var n))
        {
            reason = FieldMessages.Integer;
            return false;
        }

        if (n < 0)
        {
            reason = FieldMessages.NonNegative;
            return false;
        }

        value = n;
        return true;
    }

    private static bool Fail(int slot, string message, out string? field, out string? reason)
    {
        field = Names[slot];
        reason = message;
        return false;
    }

    private string? Optional(RawRow row, int slot) => row.Has(slot) ? _values.Get(row.Get(slot)) : null;
}
