using System.Collections.Concurrent;
using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Serverless.Functions.Hosting;

namespace Serverless.Functions.LocalRunner;

/// <summary>What one local invocation hands a function: its trigger's value, binding data by name, the request's context.</summary>
public sealed record FunctionInput(object? Trigger, IReadOnlyDictionary<string, object?> BindingData, HttpContext? Http = null)
{
    public static FunctionInput ForHttp(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return new(http.Request, http.Request.RouteValues.ToDictionary(v => v.Key, v => v.Value, StringComparer.OrdinalIgnoreCase), http);
    }
}

/// <summary>
/// Runs a <c>[Function]</c> method without the Functions host: its class activated from DI (as the worker does), the
/// trigger's value on the trigger parameter, route values and other binding data by parameter name, the
/// cancellation token. Anything else (a <see cref="FunctionContext"/>, output bindings) has no local meaning and is
/// refused when the runner starts, not on the first call.
/// </summary>
public static class FunctionInvoker
{
    private static readonly ConcurrentDictionary<Type, ObjectFactory> Factories = new();

    /// <summary>Throws when a parameter of <paramref name="function"/> cannot be bound locally.</summary>
    public static void CheckBindable(FunctionDescriptor function)
    {
        ArgumentNullException.ThrowIfNull(function);
        foreach (var parameter in function.Method.GetParameters())
        {
            if (parameter != function.TriggerParameter && parameter.ParameterType != typeof(CancellationToken) && !IsBindingData(parameter.ParameterType))
            {
                throw new InvalidOperationException(
                    $"Function {function.Name}: the local runner cannot bind parameter '{parameter.Name}' ({parameter.ParameterType.Name}).");
            }
        }
    }

    /// <summary>Invokes the function; answers what it returned, awaited (null for a Task or void).</summary>
    public static async Task<object?> InvokeAsync(FunctionDescriptor function, IServiceProvider services, FunctionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(input);
        var method = function.Method;
        var target = method.IsStatic ? null : Factories.GetOrAdd(method.DeclaringType!, type => ActivatorUtilities.CreateFactory(type, Type.EmptyTypes))(services, null);
        try
        {
            var arguments = method.GetParameters().Select(p => Bind(function, p, input, cancellationToken)).ToArray();
            object? returned;
            try
            {
                returned = method.Invoke(target, arguments);
            }
            catch (TargetInvocationException e) when (e.InnerException is { } inner)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(inner);
                throw;
            }

            switch (returned)
            {
                case Task task:
                    await task;
                    var result = task.GetType().IsGenericType ? task.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(task) : null;
                    return result?.GetType().FullName == "System.Threading.Tasks.VoidTaskResult" ? null : result;
                case ValueTask valueTask:
                    await valueTask;
                    return null;
                default:
                    return returned;
            }
        }
        finally
        {
            switch (target)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    private static object? Bind(FunctionDescriptor function, ParameterInfo parameter, FunctionInput input, CancellationToken cancellationToken)
    {
        if (parameter == function.TriggerParameter)
        {
            return Convert(input.Trigger, parameter.ParameterType);
        }

        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return cancellationToken;
        }

        if (input.BindingData.TryGetValue(parameter.Name!, out var value))
        {
            return Convert(value, parameter.ParameterType);
        }

        return parameter.HasDefaultValue ? parameter.DefaultValue : null;
    }

    private static bool IsBindingData(Type type)
    {
        var plain = Nullable.GetUnderlyingType(type) ?? type;
        return plain == typeof(string) || plain.IsPrimitive || plain == typeof(Guid) || plain == typeof(DateTimeOffset);
    }

    private static object? Convert(object? value, Type type)
    {
        if (value is null || type.IsInstanceOfType(value))
        {
            return value;
        }

        if (value is BinaryData data && type == typeof(string))
        {
            return data.ToString();
        }

        var text = System.Convert.ToString(value, CultureInfo.InvariantCulture);
        return TypeDescriptor.GetConverter(type).ConvertFromInvariantString(text!);
    }
}
