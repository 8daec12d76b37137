using System.Buffers;
using System.Collections;
using System.Text.Json;
using Distill.GraphQL.TypeSystem;

namespace Distill.GraphQL.Execution;

/// <summary>Value completion (CompleteValue of the spec): scalars, lists, objects, abstract types, null propagation, immutable results.</summary>
public sealed partial class GraphQLExecutor
{
    private ValueTask<object?> CompleteValueAsync(
        ExecutionContext context, GraphQLType type, CollectedField field, object? raw, ResponsePath? parentPath, string? key, int index)
    {
        if (type is NonNullType nonNull)
        {
            var inner = CompleteValueAsync(context, nonNull.OfType, field, raw, parentPath, key, index);
            if (inner.IsCompletedSuccessfully)
            {
                return new ValueTask<object?>(CheckNonNull(context, inner.Result, raw, field, parentPath, key, index));
            }

            return AwaitNonNullAsync(context, inner, raw, field, parentPath, key, index);
        }

        if (raw is null)
        {
            return new ValueTask<object?>((object?)null);
        }

        switch (type)
        {
            case ScalarType scalar:
                return new ValueTask<object?>(scalar.Serialize(raw));
            case EnumType enumType:
                var value = enumType.FindByValue(raw)
                    ?? throw new GraphQLException($"Enum \"{enumType.Name}\" cannot represent value: {raw}");
                return new ValueTask<object?>(value.Name);
            case ListType list:
                return CompleteListAsync(context, list, field, raw, MakePath(parentPath, key, index));
            case ObjectType objectType:
                var plan = SubFields(context, objectType, field);
                return objectType.ImmutableValues && !context.Document.HasVariableDirectives && IsPure(context, objectType, plan)
                    ? CompleteImmutable(context, objectType, raw, plan, parentPath, key, index)
                    : ExecuteSelectionSetAsync(context, objectType, raw, plan, MakePath(parentPath, key, index), false);
            default:
                var resolved = ResolveAbstractType(context, (NamedType)type, raw, field);
                return ExecuteSelectionSetAsync(context, resolved, raw, SubFields(context, resolved, field), MakePath(parentPath, key, index), false);
        }
    }

    /// <summary>
    /// The completed result of <paramref name="plan"/> on an immutable value, reused (serialised) across requests: a
    /// page of 50 evidence chains with their links and provenance is ~20,000 field completions, the same every time.
    /// </summary>
    private ValueTask<object?> CompleteImmutable(
        ExecutionContext context, ObjectType type, object value, CollectedField[] plan, ResponsePath? parentPath, string? key, int index)
    {
        var memo = _immutableResults.GetOrCreateValue(value);
        if (memo.TryGet(plan, out var cached))
        {
            return new ValueTask<object?>(cached);
        }

        var errorsBefore = context.ErrorCount;
        var task = ExecuteSelectionSetAsync(context, type, value, plan, MakePath(parentPath, key, index), false);
        // Parent-resolved fields complete synchronously; anything else (or an error) is simply not kept. What is kept
        // is the serialised JSON, so later requests skip the writing of the subtree too.
        if (task.IsCompletedSuccessfully && task.Result is ResultMap completed && context.ErrorCount == errorsBefore)
        {
            var buffer = new ArrayBufferWriter<byte>(4096);
            using (var writer = new Utf8JsonWriter(buffer, ExecutionResult.WriterOptions))
            {
                ExecutionResult.WriteValue(writer, completed);
            }

            memo.Set(plan, new RawJson(buffer.WrittenSpan.ToArray()));
        }

        return task;
    }

    private bool IsPure(ExecutionContext context, ObjectType type, CollectedField[] plan)
    {
        if (context.Document.PurePlans.TryGetValue(plan, out var pure))
        {
            return pure;
        }

        pure = IsPure(context, type, plan, 0);
        context.Document.PurePlans.TryAdd(plan, pure);
        return pure;
    }

    private bool IsPure(ExecutionContext context, ObjectType type, CollectedField[] plan, int depth)
    {
        if (depth > 64)
        {
            return false;
        }

        foreach (var field in plan)
        {
            if (field.IsTypeName)
            {
                continue;
            }

            var definition = field.Definition;
            if (definition.Resolver is not null || definition.Authorization is not null)
            {
                return false;
            }

            var named = definition.Type;
            while (named is NonNullType or ListType)
            {
                named = named is NonNullType n ? n.OfType : ((ListType)named).OfType;
            }

            if (named is ObjectType objectType)
            {
                if (!IsPure(context, objectType, SubFields(context, objectType, field), depth + 1))
                {
                    return false;
                }
            }
            else if (named is InterfaceType or UnionType)
            {
                foreach (var possible in Schema.GetPossibleTypes((NamedType)named))
                {
                    if (!IsPure(context, possible, SubFields(context, possible, field), depth + 1))
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    private static ResponsePath MakePath(ResponsePath? parent, string? key, int index) =>
        key is not null ? ResponsePath.Field(parent, key) : ResponsePath.Item(parent!, index);

    private static async ValueTask<object?> AwaitNonNullAsync(
        ExecutionContext context, ValueTask<object?> inner, object? raw, CollectedField field, ResponsePath? parentPath, string? key, int index) =>
        CheckNonNull(context, await inner, raw, field, parentPath, key, index);

    private static object? CheckNonNull(ExecutionContext context, object? completed, object? raw, CollectedField field, ResponsePath? parentPath, string? key, int index)
    {
        if (completed is not null && completed != Invalid)
        {
            return completed;
        }

        if (raw is null)
        {
            context.AddError(new GraphQLError(
                $"Cannot return null for non-nullable field {FieldCoordinate(context, field)}.",
                Locations(context, field),
                MakePath(parentPath, key, index).ToArray(),
                ErrorCodes.InternalServerError));
        }

        return Invalid;
    }

    private static string FieldCoordinate(ExecutionContext context, CollectedField field)
    {
        foreach (var t in context.Schema.TypeList)
        {
            if (t is ComplexType c && c.GetField(field.Definition.Name) == field.Definition)
            {
                return c.Name + "." + field.Definition.Name;
            }
        }

        return field.Definition.Name;
    }

    private ValueTask<object?> CompleteListAsync(ExecutionContext context, ListType list, CollectedField field, object raw, ResponsePath path)
    {
        // Checked before any await so that the error surfaces synchronously at the field, like a resolver error.
        if (raw is not IEnumerable enumerable || raw is string)
        {
            throw new GraphQLException($"Expected Iterable, but did not find one for field \"{FieldCoordinate(context, field)}\".");
        }

        return CompleteItemsAsync(context, list, field, raw, enumerable, path);
    }

    private async ValueTask<object?> CompleteItemsAsync(ExecutionContext context, ListType list, CollectedField field, object raw, IEnumerable enumerable, ResponsePath path)
    {
        var itemType = list.OfType;
        var results = raw is ICollection collection ? new List<object?>(collection.Count) : [];
        List<(int Index, ValueTask<object?> Task)>? pending = null;
        var index = 0;
        foreach (var item in enumerable)
        {
            object? completed;
            try
            {
                var task = CompleteValueAsync(context, itemType, field, item, path, null, index);
                if (task.IsCompletedSuccessfully)
                {
                    completed = task.Result;
                }
                else
                {
                    pending ??= [];
                    pending.Add((index, task));
                    completed = null;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
            {
                AddFieldError(context, ex, field, ResponsePath.Item(path, index));
                completed = itemType is NonNullType ? Invalid : null;
            }

            results.Add(completed);
            index++;
        }

        if (pending is not null)
        {
            foreach (var (i, task) in pending)
            {
                try
                {
                    results[i] = await task;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
                {
                    AddFieldError(context, ex, field, ResponsePath.Item(path, i));
                    results[i] = itemType is NonNullType ? Invalid : null;
                }
            }
        }

        var array = new object?[results.Count];
        for (var i = 0; i < array.Length; i++)
        {
            if (results[i] == Invalid)
            {
                return null;
            }

            array[i] = results[i];
        }

        return array;
    }

    private ObjectType ResolveAbstractType(ExecutionContext context, NamedType abstractType, object value, CollectedField field)
    {
        var resolver = abstractType switch
        {
            InterfaceType i => i.ResolveType,
            UnionType u => u.ResolveType,
            _ => null,
        };
        if (resolver?.Invoke(value) is { } name)
        {
            if (Schema.GetType(name) is ObjectType named && Schema.IsPossibleType(abstractType, named))
            {
                return named;
            }

            throw new GraphQLException($"Runtime Object type \"{name}\" is not a possible type for \"{abstractType.Name}\".");
        }

        foreach (var candidate in Schema.GetPossibleTypes(abstractType))
        {
            if (candidate.IsTypeOf?.Invoke(value) == true || (candidate.IsTypeOf is null && candidate.ClrType?.IsInstanceOfType(value) == true))
            {
                return candidate;
            }
        }

        throw new GraphQLException($"Abstract type \"{abstractType.Name}\" must resolve to an Object type at runtime for field \"{FieldCoordinate(context, field)}\".");
    }
}
