using System.Globalization;
using Distill.GraphQL.TypeSystem;

namespace Distill.GraphQL.Introspection;

/// <summary>The introspection types (__Schema, __Type, ...) and the meta fields __schema, __type and __typename.</summary>
internal sealed class IntrospectionTypes
{
    public IntrospectionTypes()
    {
        var typeKind = EnumType.From<TypeKind>("__TypeKind", "An enum describing what kind of type a given `__Type` is.");
        var location = EnumType.From<DirectiveLocation>("__DirectiveLocation", "A Directive can be adjacent to many parts of the GraphQL language, a __DirectiveLocation describes one such possible adjacencies.");
        var type = new ObjectType("__Type")
        {
            Description = "The fundamental unit of any GraphQL Schema is the type. There are many kinds of types in GraphQL as represented by the `__TypeKind` enum.",
        };
        var field = new ObjectType("__Field") { Description = "Object and Interface types are described by a list of Fields, each of which has a name, potentially a list of arguments, and a return type." };
        var inputValue = new ObjectType("__InputValue") { Description = "Arguments provided to Fields or Directives and the input fields of an InputObject are represented as Input Values which describe their type and optionally a default value." };
        var enumValue = new ObjectType("__EnumValue") { Description = "One possible value for a given Enum. Enum values are unique values, not a placeholder for a string or numeric value. However an Enum value is returned in a JSON response as a string." };
        var directive = new ObjectType("__Directive") { Description = "A Directive provides a way to describe alternate runtime execution and type validation behavior in a GraphQL document." };
        var schema = new ObjectType("__Schema") { Description = "A GraphQL Schema defines the capabilities of a GraphQL server. It exposes all available types and directives on the server, as well as the entry points for query, mutation, and subscription operations." };

        var typeList = Types.List(Types.NonNull(type));
        schema.Field("description").Type(Types.String).ResolveFrom<Schema>(s => s.Description)
            .Field("types").Type(Types.NonNull(typeList)).Description("A list of all types supported by this server.").ResolveFrom<Schema>(s => s.TypeList)
            .Field("queryType").Type(Types.NonNull(type)).Description("The type that query operations will be rooted at.").ResolveFrom<Schema>(s => s.Query)
            .Field("mutationType").Type(type).Description("If this server supports mutation, the type that mutation operations will be rooted at.").ResolveFrom<Schema>(s => s.Mutation)
            .Field("subscriptionType").Type(type).Description("If this server support subscription, the type that subscription operations will be rooted at.").ResolveFrom<Schema>(s => s.Subscription)
            .Field("directives").Type(Types.NonNull(Types.List(Types.NonNull(directive)))).Description("A list of all directives supported by this server.").ResolveFrom<Schema>(s => s.DirectiveList);

        type.Field("kind").Type(Types.NonNull(typeKind)).ResolveFrom<GraphQLType>(t => t.Kind)
            .Field("name").Type(Types.String).ResolveFrom<GraphQLType>(t => (t as NamedType)?.Name)
            .Field("description").Type(Types.String).ResolveFrom<GraphQLType>(t => (t as NamedType)?.Description)
            .Field("specifiedByURL").Type(Types.String).ResolveFrom<GraphQLType>(t => (t as ScalarType)?.SpecifiedByUrl)
            .Field("fields").Type(Types.List(Types.NonNull(field))).Argument("includeDeprecated", Types.Boolean, false)
            .Resolve(ctx => ctx.Parent<GraphQLType>() is ComplexType c
                ? (ctx.Arg<bool>("includeDeprecated") ? c.Fields : c.Fields.Where(f => f.DeprecationReason is null && !f.Name.StartsWith("__", StringComparison.Ordinal)).ToArray())
                : null)
            .Field("interfaces").Type(Types.List(Types.NonNull(type))).ResolveFrom<GraphQLType>(t => (t as ComplexType)?.Interfaces)
            .Field("possibleTypes").Type(Types.List(Types.NonNull(type)))
            .Resolve(ctx => ctx.Parent<GraphQLType>() is InterfaceType or UnionType ? ctx.Schema.GetPossibleTypes((NamedType)ctx.Parent<GraphQLType>()) : null)
            .Field("enumValues").Type(Types.List(Types.NonNull(enumValue))).Argument("includeDeprecated", Types.Boolean, false)
            .Resolve(ctx => ctx.Parent<GraphQLType>() is EnumType e
                ? (ctx.Arg<bool>("includeDeprecated") ? e.Values : e.Values.Where(v => v.DeprecationReason is null).ToArray())
                : null)
            .Field("inputFields").Type(Types.List(Types.NonNull(inputValue))).Argument("includeDeprecated", Types.Boolean, false)
            .Resolve(ctx => ctx.Parent<GraphQLType>() is InputObjectType io
                ? (ctx.Arg<bool>("includeDeprecated") ? io.Fields : io.Fields.Where(v => v.DeprecationReason is null).ToArray())
                : null)
            .Field("ofType").Type(type).ResolveFrom<GraphQLType>(t => t switch
            {
                ListType l => l.OfType,
                NonNullType n => n.OfType,
                _ => null,
            });

        field.Field("name").Type(Types.NonNull(Types.String)).ResolveFrom<FieldDefinition>(f => f.Name)
            .Field("description").Type(Types.String).ResolveFrom<FieldDefinition>(f => f.Description)
            .Field("args").Type(Types.NonNull(Types.List(Types.NonNull(inputValue)))).Argument("includeDeprecated", Types.Boolean, false)
            .Resolve(ctx =>
            {
                var f = ctx.Parent<FieldDefinition>();
                return ctx.Arg<bool>("includeDeprecated") ? f.Arguments : f.Arguments.Where(a => a.DeprecationReason is null).ToArray();
            })
            .Field("type").Type(Types.NonNull(type)).ResolveFrom<FieldDefinition>(f => f.Type)
            .Field("isDeprecated").Type(Types.NonNull(Types.Boolean)).ResolveFrom<FieldDefinition>(f => f.DeprecationReason is not null)
            .Field("deprecationReason").Type(Types.String).ResolveFrom<FieldDefinition>(f => f.DeprecationReason);

        inputValue.Field("name").Type(Types.NonNull(Types.String)).ResolveFrom<InputValueDefinition>(a => a.Name)
            .Field("description").Type(Types.String).ResolveFrom<InputValueDefinition>(a => a.Description)
            .Field("type").Type(Types.NonNull(type)).ResolveFrom<InputValueDefinition>(a => a.Type)
            .Field("defaultValue").Type(Types.String)
            .Description("A GraphQL-formatted string representing the default value for this input value.")
            .ResolveFrom<InputValueDefinition>(a => a.HasDefaultValue ? ValuePrinter.Print(a.DefaultValue, a.Type) : null)
            .Field("isDeprecated").Type(Types.NonNull(Types.Boolean)).ResolveFrom<InputValueDefinition>(a => a.DeprecationReason is not null)
            .Field("deprecationReason").Type(Types.String).ResolveFrom<InputValueDefinition>(a => a.DeprecationReason);

        enumValue.Field("name").Type(Types.NonNull(Types.String)).ResolveFrom<EnumValueDefinition>(v => v.Name)
            .Field("description").Type(Types.String).ResolveFrom<EnumValueDefinition>(v => v.Description)
            .Field("isDeprecated").Type(Types.NonNull(Types.Boolean)).ResolveFrom<EnumValueDefinition>(v => v.DeprecationReason is not null)
            .Field("deprecationReason").Type(Types.String).ResolveFrom<EnumValueDefinition>(v => v.DeprecationReason);

        directive.Field("name").Type(Types.NonNull(Types.String)).ResolveFrom<DirectiveDefinition>(d => d.Name)
            .Field("description").Type(Types.String).ResolveFrom<DirectiveDefinition>(d => d.Description)
            .Field("isRepeatable").Type(Types.NonNull(Types.Boolean)).ResolveFrom<DirectiveDefinition>(d => d.IsRepeatable)
            .Field("locations").Type(Types.NonNull(Types.List(Types.NonNull(location)))).ResolveFrom<DirectiveDefinition>(d => d.Locations)
            .Field("args").Type(Types.NonNull(Types.List(Types.NonNull(inputValue)))).Argument("includeDeprecated", Types.Boolean, false)
            .Resolve(ctx =>
            {
                var d = ctx.Parent<DirectiveDefinition>();
                return ctx.Arg<bool>("includeDeprecated") ? d.Arguments : d.Arguments.Where(a => a.DeprecationReason is null).ToArray();
            });

        All = [schema, type, typeKind, field, inputValue, enumValue, directive, location];

        var holder = new ObjectType("__Meta");
        SchemaField = holder.Field("__schema").Type(Types.NonNull(schema))
            .Description("Access the current type schema of this server.").Resolve(ctx => ctx.Schema).Definition;
        TypeField = holder.Field("__type").Type(type).Argument("name", Types.NonNull(Types.String))
            .Description("Request the type information of a single type.")
            .Resolve(ctx => ctx.Schema.GetType(ctx.Arg<string>("name"))).Definition;
        TypeNameField = holder.Field("__typename").Type(Types.NonNull(Types.String))
            .Description("The name of the current Object type at runtime.").Definition;
    }

    public IReadOnlyList<NamedType> All { get; }

    public FieldDefinition SchemaField { get; }

    public FieldDefinition TypeField { get; }

    public FieldDefinition TypeNameField { get; }

    /// <summary>Whether a type name belongs to introspection (never printed in SDL).</summary>
    public static bool IsIntrospectionName(string name) => name.StartsWith("__", StringComparison.Ordinal);

    internal static string FormatInvariant(double d) => d.ToString("R", CultureInfo.InvariantCulture);
}
