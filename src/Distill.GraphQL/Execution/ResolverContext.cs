using System.Security.Claims;
using System.Text.Json;
using Distill.GraphQL.TypeSystem;

namespace Distill.GraphQL.Execution;

/// <summary>Everything a resolver can reach: parent value, arguments, services, caller, cancellation and data loaders.</summary>
public sealed class ResolverContext
{
    private static readonly JsonSerializerOptions ConversionOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
    private readonly ExecutionContext _execution;
    private readonly ResponsePath _path;

    internal ResolverContext(
        ExecutionContext execution,
        ObjectType objectType,
        FieldDefinition field,
        object? parent,
        IReadOnlyDictionary<string, object?> arguments,
        ResponsePath path)
    {
        _execution = execution;
        ObjectType = objectType;
        Field = field;
        ParentValue = parent;
        Arguments = arguments;
        _path = path;
    }

    public ObjectType ObjectType { get; }

    public FieldDefinition Field { get; }

    public object? ParentValue { get; }

    /// <summary>The coerced arguments (defaults applied; absent optional arguments are missing).</summary>
    public IReadOnlyDictionary<string, object?> Arguments { get; }

    public Schema Schema => _execution.Schema;

    /// <summary>The request's service provider (the HTTP request scope when served over HTTP).</summary>
    public IServiceProvider Services => _execution.Request.Services ?? EmptyServiceProvider.Instance;

    /// <summary>The caller as the host authenticated it.</summary>
    public ClaimsPrincipal? User => _execution.Request.User;

    public IDictionary<string, object?> Items => _execution.Request.Items;

    /// <summary>Cancelled when the client goes away or the execution timeout passes.</summary>
    public CancellationToken CancellationToken => _execution.CancellationToken;

    public DataLoaderScope DataLoaders => _execution.DataLoaders;

    /// <summary>The response path of this field, e.g. <c>["clusters", "nodes", 3, "id"]</c>.</summary>
    public IReadOnlyList<object> Path => _path.ToArray();

    public T Parent<T>() => (T)ParentValue!;

    public bool HasArgument(string name) => Arguments.ContainsKey(name);

    /// <summary>An argument converted to <typeparamref name="T"/> (input objects can be read as records or classes).</summary>
    public T Arg<T>(string name)
    {
        if (!Arguments.TryGetValue(name, out var value) || value is null)
        {
            return default!;
        }

        return Convert<T>(value);
    }

    /// <summary>Gets or creates a request-scoped data loader.</summary>
    public DataLoader<TKey, TValue> DataLoader<TKey, TValue>(
        string name,
        Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch)
        where TKey : notnull => _execution.DataLoaders.GetOrCreate(name, fetch);

    internal static T Convert<T>(object value)
    {
        if (value is T typed)
        {
            return typed;
        }

        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        switch (value)
        {
            case int i when target == typeof(long):
                return (T)(object)(long)i;
            case int i when target == typeof(double):
                return (T)(object)(double)i;
            case long l when target == typeof(int) && l is >= int.MinValue and <= int.MaxValue:
                return (T)(object)(int)l;
            case string s when target.IsEnum:
                return (T)Enum.Parse(target, s.Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true);
            case string s when target == typeof(Guid):
                return (T)(object)Guid.Parse(s);
            default:
                break;
        }

        // Lists and input objects: go through JSON so that records and collections bind by name.
        var json = JsonSerializer.SerializeToUtf8Bytes(ToPlain(value), ConversionOptions);
        return JsonSerializer.Deserialize<T>(json, ConversionOptions)!;
    }

    private static object? ToPlain(object? value) => value switch
    {
        IReadOnlyDictionary<string, object?> map => map.ToDictionary(kv => kv.Key, kv => ToPlain(kv.Value), StringComparer.Ordinal),
        object?[] list => list.Select(ToPlain).ToArray(),
        Enum e => e.ToString(),
        _ => value,
    };

    private sealed class EmptyServiceProvider : IServiceProvider
    {
        public static readonly EmptyServiceProvider Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
