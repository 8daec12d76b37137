using GraphQL;
using GraphQL.Types;

namespace Distill.Bench.Micro;

/// <summary>The benchmark schema in GraphQL.NET 8.8.5, code-first with expression resolvers (its fast, documented form).</summary>
public sealed class GraphQLDotNetSchema : Schema
{
    public GraphQLDotNetSchema() => Query = new QueryGraphType();

    public sealed class QueryGraphType : ObjectGraphType
    {
        public QueryGraphType()
        {
            Name = "Query";
            Field<NonNullGraphType<ListGraphType<NonNullGraphType<AccountGraphType>>>>("accounts")
                .Argument<NonNullGraphType<IntGraphType>>("first")
                .Argument<FloatGraphType>("minRisk")
                .Resolve(ctx => GraphQLBenchData.Select(ctx.GetArgument<int>("first"), ctx.GetArgument<double>("minRisk")));
        }
    }

    public sealed class AccountGraphType : ObjectGraphType<BenchAccount>
    {
        public AccountGraphType()
        {
            Name = "Account";
            Field(a => a.Id, type: typeof(NonNullGraphType<IdGraphType>));
            Field(a => a.Name, type: typeof(NonNullGraphType<StringGraphType>));
            Field(a => a.Risk, type: typeof(NonNullGraphType<FloatGraphType>));
            Field(a => a.Flagged, type: typeof(NonNullGraphType<BooleanGraphType>));
            Field(a => a.Tags, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>));
            Field(a => a.Payment, type: typeof(NonNullGraphType<PaymentGraphType>));
            Field(a => a.Owner, type: typeof(OperatorGraphType));
        }
    }

    public sealed class PaymentGraphType : ObjectGraphType<BenchPayment>
    {
        public PaymentGraphType()
        {
            Name = "Payment";
            Field(p => p.Id, type: typeof(NonNullGraphType<IdGraphType>));
            Field(p => p.Kind, type: typeof(NonNullGraphType<StringGraphType>));
            Field(p => p.Last4, type: typeof(NonNullGraphType<StringGraphType>));
        }
    }

    public sealed class OperatorGraphType : ObjectGraphType<BenchOperator>
    {
        public OperatorGraphType()
        {
            Name = "Operator";
            Field(o => o.Id, type: typeof(NonNullGraphType<IdGraphType>));
            Field(o => o.Name, type: typeof(NonNullGraphType<StringGraphType>));
            Field(o => o.Confidence, type: typeof(NonNullGraphType<FloatGraphType>));
        }
    }
}
