namespace Checkpoint.Graph;

/// <summary>Keeps a property of the state class out of the graph state (it is neither stored nor updated).</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class IgnoreStateAttribute : Attribute
{
}
