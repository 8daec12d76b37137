using Distill.GraphQL.Execution;
using Distill.GraphQL.Language;
using Distill.GraphQL.TypeSystem;

namespace Distill.GraphQL.Validation;

/// <summary>Values: literals and variables against their input types (ValuesOfCorrectType), and where variables are used.</summary>
internal sealed partial class DocumentValidator
{
    private void ValidateValue(ValueNode value, GraphQLType? type, SyntaxNode owner, bool hasLocationDefault)
    {
        if (value is VariableNode variable)
        {
            Usages(owner).Add(new VariableUsage(variable, type, hasLocationDefault));
            return;
        }

        if (type is null)
        {
            // Unknown argument or field: still record the variables inside so they count as used.
            RecordVariables(value, owner);
            return;
        }

        if (type is NonNullType nonNull)
        {
            if (value is NullValueNode)
            {
                Report($"Expected value of type \"{type}\", found null.", value);
                return;
            }

            ValidateValue(value, nonNull.OfType, owner, false);
            return;
        }

        if (value is NullValueNode)
        {
            return;
        }

        switch (type)
        {
            case ListType list:
                if (value is ListValueNode items)
                {
                    foreach (var item in items.Values)
                    {
                        ValidateValue(item, list.OfType, owner, false);
                    }
                }
                else
                {
                    ValidateValue(value, list.OfType, owner, false);
                }

                return;
            case InputObjectType io:
                if (value is not ObjectValueNode obj)
                {
                    Report($"Expected value of type \"{io.Name}\", found {Printer.PrintValue(value)}.", value);
                    RecordVariables(value, owner);
                    return;
                }

                for (var i = 0; i < obj.Fields.Count; i++)
                {
                    var field = obj.Fields[i];
                    for (var j = 0; j < i; j++)
                    {
                        if (obj.Fields[j].Name.Value == field.Name.Value)
                        {
                            Report($"There can be only one input field named \"{field.Name.Value}\".", obj.Fields[j].Name, field.Name);
                            break;
                        }
                    }

                    var definition = io.GetField(field.Name.Value);
                    if (definition is null)
                    {
                        Report($"Field \"{field.Name.Value}\" is not defined by type \"{io.Name}\".", field);
                    }

                    ValidateValue(field.Value, definition?.Type, owner, definition?.HasDefaultValue == true);
                }

                foreach (var definition in io.Fields)
                {
                    if (definition.Type is NonNullType && !definition.HasDefaultValue && !obj.Fields.Any(f => f.Name.Value == definition.Name))
                    {
                        Report($"Field \"{io.Name}.{definition.Name}\" of required type \"{definition.Type}\" was not provided.", value);
                    }
                }

                return;
            case EnumType e:
                if (value is not EnumValueNode enumValue)
                {
                    Report($"Enum \"{e.Name}\" cannot represent non-enum value: {Printer.PrintValue(value)}.", value);
                }
                else if (e.GetValue(enumValue.Value) is null)
                {
                    Report($"Value \"{enumValue.Value}\" does not exist in \"{e.Name}\" enum.", value);
                }

                return;
            case ScalarType scalar:
                if (GraphQLExecutor.ContainsVariable(value))
                {
                    Report($"Expected value of type \"{scalar.Name}\", found {Printer.PrintValue(value)}.", value);
                    RecordVariables(value, owner);
                    return;
                }

                try
                {
                    scalar.ParseLiteral(value);
                }
                catch (InputCoercionException ex)
                {
                    Report(ex.Message, value);
                }

                return;
            default:
                return;
        }
    }

    private void RecordVariables(ValueNode value, SyntaxNode owner)
    {
        switch (value)
        {
            case VariableNode v:
                Usages(owner).Add(new VariableUsage(v, null, false));
                break;
            case ListValueNode l:
                foreach (var item in l.Values)
                {
                    RecordVariables(item, owner);
                }

                break;
            case ObjectValueNode o:
                foreach (var f in o.Fields)
                {
                    RecordVariables(f.Value, owner);
                }

                break;
            default:
                break;
        }
    }
}
