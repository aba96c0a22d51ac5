using System.Reflection;

namespace Checkpoint;

/// <summary>
/// Closes a private static generic method over type arguments known only at run time and binds it to a delegate, so
/// that per-type work (a typed loop, a typed constructor call) is built once per type and then called without reflection.
/// </summary>
internal static class GenericDelegates
{
    /// <summary>Creates a <typeparamref name="TDelegate"/> for <paramref name="owner"/>'s private static method <paramref name="method"/>, closed over <paramref name="arguments"/>.</summary>
    public static TDelegate Create<TDelegate>(Type owner, string method, params Type[] arguments)
        where TDelegate : Delegate =>
        owner.GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(arguments).CreateDelegate<TDelegate>();
}
