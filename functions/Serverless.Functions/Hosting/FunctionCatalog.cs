using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Azure.Functions.Worker;

namespace Serverless.Functions.Hosting;

/// <summary>
/// The app's functions as their attributes declare them, found by reflection over <c>[Function]</c> methods: the one
/// list both hosts work from (the Worker SDK writes the same attributes into <c>functions.metadata</c>).
/// </summary>
public sealed class FunctionCatalog
{
    private readonly Dictionary<string, FunctionDescriptor> _byName;

    public FunctionCatalog(IEnumerable<Assembly> assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        Functions = assemblies
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false })
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Function: m.GetCustomAttribute<FunctionAttribute>()))
            .Where(f => f.Function is not null)
            .Select(f => FunctionDescriptor.Describe(f.Function!.Name, f.Method))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
        _byName = Functions.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The functions of this app.</summary>
    public static FunctionCatalog ForApp { get; } = new([typeof(FunctionCatalog).Assembly]);

    public IReadOnlyList<FunctionDescriptor> Functions { get; }

    public FunctionDescriptor? Find(string name) => _byName.GetValueOrDefault(name);

    public FunctionDescriptor Get(string name) =>
        Find(name) ?? throw new InvalidOperationException($"No [Function(\"{name}\")] in this app.");
}

/// <summary>One <c>[Function]</c> method: its trigger, and for HTTP its route, methods and who may call it.</summary>
public sealed record FunctionDescriptor(string Name, MethodInfo Method, ParameterInfo? TriggerParameter, Attribute? Trigger)
{
    /// <summary>The Functions host's HTTP route prefix (<c>host.json</c> <c>extensions.http.routePrefix</c>).</summary>
    public const string RoutePrefix = "api";

    public HttpTriggerAttribute? Http => Trigger as HttpTriggerAttribute;

    /// <summary>The path the function answers on in either host: the prefix, then the attribute's route.</summary>
    public string? Path => Http is null ? null : "/" + RoutePrefix + "/" + (Http.Route ?? Name).TrimStart('/');

    /// <summary>HTTP methods, upper case.</summary>
    public IReadOnlyList<string> HttpMethods => Http?.Methods?.Select(m => m.ToUpperInvariant()).ToArray() ?? [];

    /// <summary>
    /// What a caller needs: nothing for <c>[AllowAnonymous]</c>, else the <c>[Authorize]</c> attributes on the method
    /// or its class, or (with none) any authenticated caller.
    /// </summary>
    public IReadOnlyList<IAuthorizeData> Authorization { get; } = AuthorizationOf(Method);

    public bool AllowsAnonymous => Authorization.Count == 0;

    public static FunctionDescriptor Describe(string name, MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var trigger = method.GetParameters()
            .Select(p => (Parameter: p, Attribute: p.GetCustomAttributes().FirstOrDefault(a => a.GetType().Name.EndsWith("TriggerAttribute", StringComparison.Ordinal))))
            .FirstOrDefault(p => p.Attribute is not null);
        return new FunctionDescriptor(name, method, trigger.Parameter, trigger.Attribute);
    }

    private static List<IAuthorizeData> AuthorizationOf(MethodInfo method)
    {
        if (method.IsDefined(typeof(AllowAnonymousAttribute)) || method.DeclaringType?.IsDefined(typeof(AllowAnonymousAttribute)) == true)
        {
            return [];
        }

        var declared = method.GetCustomAttributes<AuthorizeAttribute>()
            .Concat(method.DeclaringType?.GetCustomAttributes<AuthorizeAttribute>() ?? [])
            .Cast<IAuthorizeData>()
            .ToList();
        return declared.Count > 0 ? declared : [new AuthorizeAttribute()];
    }
}
