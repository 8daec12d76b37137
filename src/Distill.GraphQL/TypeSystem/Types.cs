namespace Distill.GraphQL.TypeSystem;

/// <summary>The built-in and custom scalars, and helpers to write type expressions: <c>Types.NonNull(Types.List(Types.NonNull(account)))</c>.</summary>
public static class Types
{
    public static ScalarType Int { get; } = new BuiltInScalars(
        "Int", "The `Int` scalar type represents non-fractional signed whole numeric values. Int can represent values between -(2^31) and 2^31 - 1.",
        null, BuiltInScalars.ScalarKind.Int) { IsBuiltIn = true };

    public static ScalarType Float { get; } = new BuiltInScalars(
        "Float", "The `Float` scalar type represents signed double-precision fractional values as specified by [IEEE 754](https://en.wikipedia.org/wiki/IEEE_floating_point).",
        null, BuiltInScalars.ScalarKind.Float) { IsBuiltIn = true };

    public static ScalarType String { get; } = new BuiltInScalars(
        "String", "The `String` scalar type represents textual data, represented as UTF-8 character sequences. The String type is most often used by GraphQL to represent free-form human-readable text.",
        null, BuiltInScalars.ScalarKind.String) { IsBuiltIn = true };

    public static ScalarType Boolean { get; } = new BuiltInScalars(
        "Boolean", "The `Boolean` scalar type represents `true` or `false`.", null, BuiltInScalars.ScalarKind.Boolean) { IsBuiltIn = true };

    public static ScalarType ID { get; } = new BuiltInScalars(
        "ID", "The `ID` scalar type represents a unique identifier, often used to refetch an object or as key for a cache. The ID type appears in a JSON response as a String; however, it is not intended to be human-readable. When expected as an input type, any string (such as `\"4\"`) or integer (such as `4`) input value will be accepted as an ID.",
        null, BuiltInScalars.ScalarKind.Id) { IsBuiltIn = true };

    /// <summary>A 64-bit signed integer, written as a JSON number.</summary>
    public static ScalarType Long { get; } = new BuiltInScalars(
        "Long", "A 64-bit signed integer.", null, BuiltInScalars.ScalarKind.Long);

    /// <summary>An RFC 3339 date-time with offset; inputs are normalised to UTC and outputs are written in UTC.</summary>
    public static ScalarType DateTime { get; } = new BuiltInScalars(
        "DateTime", "A date-time string in RFC 3339 format with an offset, e.g. 2024-05-01T12:00:00Z; returned in UTC.",
        "https://datatracker.ietf.org/doc/html/rfc3339", BuiltInScalars.ScalarKind.DateTime);

    /// <summary>Any JSON value; inputs arrive as <see cref="System.Text.Json.JsonElement"/>, outputs may be any JSON-serializable value.</summary>
    public static ScalarType Json { get; } = new BuiltInScalars(
        "JSON", "Any JSON value.", "https://www.rfc-editor.org/rfc/rfc8259", BuiltInScalars.ScalarKind.Json);

    public static NonNullType NonNull(GraphQLType type) => new(type);

    public static ListType List(GraphQLType type) => new(type);

    /// <summary><c>[T!]!</c>, the usual shape of a list field.</summary>
    public static NonNullType NonNullList(GraphQLType itemType) => new(new ListType(new NonNullType(itemType)));

    /// <summary>A forward reference to a type declared later in the same schema.</summary>
    public static TypeReference Named(string name) => new(name);
}
