using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;

namespace Distill.GraphQL.Execution;

/// <summary>Resolves a field without a resolver: dictionary entry, JSON property or CLR property (compiled once per type).</summary>
internal static class DefaultResolver
{
    private static readonly ConcurrentDictionary<(Type, string), Func<object, object?>?> Getters = new();

    public static object? Resolve(object? parent, string name)
    {
        switch (parent)
        {
            case null:
                return null;
            case IReadOnlyDictionary<string, object?> map:
                return map.TryGetValue(name, out var v) ? v : null;
            case JsonElement { ValueKind: JsonValueKind.Object } element:
                return element.TryGetProperty(name, out var p) ? p.ValueKind == JsonValueKind.Null ? null : p : null;
            default:
                var getter = Getters.GetOrAdd((parent.GetType(), name), static key => Compile(key.Item1, key.Item2));
                return getter?.Invoke(parent);
        }
    }

    private static Func<object, object?>? Compile(Type type, string name)
    {
        var property = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property?.GetMethod is null)
        {
            return null;
        }

        var o = Expression.Parameter(typeof(object), "o");
        var body = Expression.Convert(Expression.Property(Expression.Convert(o, type), property), typeof(object));
        return Expression.Lambda<Func<object, object?>>(body, o).Compile();
    }
}
