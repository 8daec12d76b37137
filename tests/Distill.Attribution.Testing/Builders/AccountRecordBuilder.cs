using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Testing.Builders;

/// <summary>Builds an <see cref="AccountRecord"/> with plausible defaults.</summary>
public sealed class AccountRecordBuilder
{
    private AccountRecord record = new(
        "acct-1", TestTime.At(0), "example.org", null, "Ada", null, AccessPathway.SelfServe, "US", AccountStatus.Active);

    public AccountRecordBuilder WithId(string accountId) => Set(record with { AccountId = accountId });
    public AccountRecordBuilder CreatedAt(DateTimeOffset createdAt) => Set(record with { CreatedAt = createdAt });
    public AccountRecordBuilder WithEmailDomain(string? domain) => Set(record with { EmailDomain = domain });
    public AccountRecordBuilder WithEmailHash(string? hash) => Set(record with { EmailHash = hash });
    public AccountRecordBuilder WithDisplayName(string? name) => Set(record with { DisplayName = name });
    public AccountRecordBuilder WithOrgName(string? org) => Set(record with { OrgName = org });
    public AccountRecordBuilder Via(AccessPathway pathway) => Set(record with { AccessPathway = pathway });
    public AccountRecordBuilder InCountry(string? country) => Set(record with { Country = country });
    public AccountRecordBuilder WithStatus(AccountStatus? status) => Set(record with { Status = status });
    public AccountRecord Build() => record;

    private AccountRecordBuilder Set(AccountRecord value)
    {
        record = value;
        return this;
    }
}
