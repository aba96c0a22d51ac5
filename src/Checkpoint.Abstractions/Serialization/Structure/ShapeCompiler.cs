using System.Linq.Expressions;
using System.Reflection;

namespace Checkpoint;

/// <summary>
/// Compiles the per-type work of <see cref="SerializedEquality"/> and <see cref="DeserializedCopy"/> for object shapes
/// into typed delegates: properties are read directly (no boxing of structs such as <c>ChatRole</c>), leaves are
/// compared by typed <see cref="LeafEquality"/> calls and shared when copied, and only nested objects, collections and
/// untyped values go back through the general walkers. Where a shape's members cannot be reached this way, nothing is
/// compiled and the walkers use the contract's own accessors.
/// </summary>
internal static class ShapeCompiler
{
    private static readonly MethodInfo LeafEqual = typeof(LeafEquality).GetMethod(nameof(LeafEquality.Equal))!;
    private static readonly MethodInfo NullableLeafEqual = typeof(LeafEquality).GetMethod(nameof(LeafEquality.NullableEqual))!;
    private static readonly MethodInfo StringEqual = typeof(LeafEquality).GetMethod(nameof(LeafEquality.StringEqual))!;
    private static readonly MethodInfo UriEqual = typeof(LeafEquality).GetMethod(nameof(LeafEquality.UriEqual))!;
    private static readonly MethodInfo NestedEqual = typeof(SerializedEquality).GetMethod(nameof(SerializedEquality.EqualMember))!;
    private static readonly MethodInfo NestedCopy = typeof(DeserializedCopy).GetMethod(nameof(DeserializedCopy.CopyMember))!;

    /// <summary>Compiles a comparer of two non-null values written with an object shape's contract.</summary>
    public static Func<object, object, bool>? CompileEquality(ValueShape shape)
    {
        if (shape.Kind != ShapeKind.Object || shape.Properties.Any(p => Readable(p) is null))
        {
            return null;
        }

        try
        {
            var a = Expression.Parameter(typeof(object), "a");
            var b = Expression.Parameter(typeof(object), "b");
            var x = Expression.Variable(shape.Type, "x");
            var y = Expression.Variable(shape.Type, "y");
            Expression all = Expression.Constant(true);
            foreach (var property in shape.Properties)
            {
                var member = Readable(property)!;
                var equal = Compare(property, Expression.MakeMemberAccess(x, member), Expression.MakeMemberAccess(y, member));
                all = all is ConstantExpression ? equal : Expression.AndAlso(all, equal);
            }

            var body = Expression.Block(typeof(bool), [x, y], Expression.Assign(x, Expression.Convert(a, shape.Type)), Expression.Assign(y, Expression.Convert(b, shape.Type)), all);
            return Expression.Lambda<Func<object, object, bool>>(body, a, b).Compile();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Compiles a copier that rebuilds a value of a constructible object shape the way deserialization builds it.</summary>
    public static Func<object, CopyContext, object>? CompileCopy(ValueShape shape)
    {
        if (shape.Kind != ShapeKind.Object || !shape.Constructible || shape.Properties.Any(p => Readable(p) is null || (p.Set is not null && Writable(p) is null)))
        {
            return null;
        }

        try
        {
            var source = Expression.Parameter(typeof(object), "source");
            var context = Expression.Parameter(typeof(CopyContext), "context");
            var original = Expression.Variable(shape.Type, "original");
            var copy = Expression.Variable(shape.Type, "copy");
            var body = new List<Expression> { Expression.Assign(original, Expression.Convert(source, shape.Type)) };
            if (shape.Constructor is { } constructor)
            {
                var parameters = constructor.GetParameters();
                var arguments = parameters.Select((p, i) => (Expression)Expression.Constant(shape.ConstructorDefaults[i], p.ParameterType)).ToArray();
                foreach (var property in shape.Properties.Where(p => p.ConstructorPosition >= 0))
                {
                    arguments[property.ConstructorPosition] = Expression.Convert(CopyOf(property, original, context), parameters[property.ConstructorPosition].ParameterType);
                }

                body.Add(Expression.Assign(copy, Expression.New(constructor, arguments)));
            }
            else
            {
                body.Add(Expression.Assign(copy, Expression.Convert(Expression.Invoke(Expression.Constant(shape.Info!.CreateObject!)), shape.Type)));
            }

            if (shape.Info!.OnDeserializing is { } deserializing)
            {
                body.Add(Expression.Invoke(Expression.Constant(deserializing), Expression.Convert(copy, typeof(object))));
            }

            foreach (var property in shape.Properties.Where(p => p.Set is not null))
            {
                body.Add(Expression.Assign(Expression.MakeMemberAccess(copy, Writable(property)!), Expression.Convert(CopyOf(property, original, context), property.Type)));
            }

            if (shape.Info.OnDeserialized is { } deserialized)
            {
                body.Add(Expression.Invoke(Expression.Constant(deserialized), Expression.Convert(copy, typeof(object))));
            }

            body.Add(Expression.Convert(copy, typeof(object)));
            return Expression.Lambda<Func<object, CopyContext, object>>(Expression.Block(typeof(object), [original, copy], body), source, context).Compile();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException)
        {
            return null;
        }
    }

    private static Expression Compare(ShapeProperty property, Expression a, Expression b)
    {
        var type = property.Type;
        var underlying = Nullable.GetUnderlyingType(type);
        if (property.Shape.Kind == ShapeKind.Leaf)
        {
            if (type == typeof(string))
            {
                return Expression.Call(StringEqual, a, b);
            }

            if (type == typeof(Uri))
            {
                return Expression.Call(UriEqual, a, b);
            }

            if (underlying is not null)
            {
                return Expression.Call(NullableLeafEqual.MakeGenericMethod(underlying), a, b);
            }

            if (type.IsValueType)
            {
                return Expression.Call(LeafEqual.MakeGenericMethod(type), a, b);
            }
        }

        // Members that are often absent on both sides (annotations, additional properties) are settled without a call.
        var x = Expression.Variable(typeof(object), "x");
        var y = Expression.Variable(typeof(object), "y");
        return Expression.Block(
            typeof(bool),
            [x, y],
            Expression.Assign(x, Expression.Convert(a, typeof(object))),
            Expression.Assign(y, Expression.Convert(b, typeof(object))),
            Expression.Condition(
                Expression.ReferenceEqual(x, Expression.Constant(null)),
                Expression.ReferenceEqual(y, Expression.Constant(null)),
                Expression.AndAlso(Expression.ReferenceNotEqual(y, Expression.Constant(null)), Expression.Call(NestedEqual, x, y, Expression.Constant(property.Shape)))));
    }

    // Leaves are immutable and shared; everything else is copied by the walker with the member's declared shape.
    private static Expression CopyOf(ShapeProperty property, Expression original, ParameterExpression context)
    {
        var value = Expression.MakeMemberAccess(original, Readable(property)!);
        if (property.Shape.Kind == ShapeKind.Leaf)
        {
            return value;
        }

        // An absent member copies to null without a call.
        var member = Expression.Variable(typeof(object), "member");
        return Expression.Block(
            typeof(object),
            [member],
            Expression.Assign(member, Expression.Convert(value, typeof(object))),
            Expression.Condition(
                Expression.ReferenceEqual(member, Expression.Constant(null)),
                Expression.Constant(null),
                Expression.Call(NestedCopy, member, Expression.Constant(property.Shape), context)));
    }

    private static MemberInfo? Readable(ShapeProperty property) => property.Member switch
    {
        PropertyInfo { GetMethod: not null } p when p.GetIndexParameters().Length == 0 && p.PropertyType == property.Type => p,
        FieldInfo f when f.FieldType == property.Type => f,
        _ => null,
    };

    private static MemberInfo? Writable(ShapeProperty property) => property.Member switch
    {
        PropertyInfo { SetMethod: not null } p => Readable(property),
        FieldInfo { IsInitOnly: false, IsLiteral: false } f => Readable(property),
        _ => null,
    };
}
