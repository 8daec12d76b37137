using Distill.Attribution.Application.Ingestion.Reading;
using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Application.Ingestion.Validation;

/// <summary>The contract's rules for an accounts row.</summary>
public sealed class AccountRecordValidator : RawRecordValidator
{
    public AccountRecordValidator()
        : base(RecordKind.Accounts)
    {
        Required(AccountFields.AccountId).Length1To128();
        Required(AccountFields.CreatedAt).Timestamp();
        Optional(AccountFields.EmailHash).Hex64();
        Required(AccountFields.AccessPathway).OneOf<AccessPathway>();
        Optional(AccountFields.Country).Country();
        Optional(AccountFields.Status).OneOf<AccountStatus>();
    }
}
