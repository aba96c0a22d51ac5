namespace Checkpoint.Providers;

/// <summary>The comparison of a <see cref="FilterCondition"/>.</summary>
public enum FilterOperator
{
    /// <summary><c>$eq</c>: the field is present and deeply equal to the operand (numbers by value).</summary>
    Eq,

    /// <summary><c>$ne</c>: the field is absent or not deeply equal to the operand.</summary>
    Ne,

    /// <summary><c>$gt</c>: the field and operand are both numbers or both strings, and the field is greater.</summary>
    Gt,

    /// <summary><c>$gte</c>: as <see cref="Gt"/>, or equal.</summary>
    Gte,

    /// <summary><c>$lt</c>: the field and operand are both numbers or both strings, and the field is less.</summary>
    Lt,

    /// <summary><c>$lte</c>: as <see cref="Lt"/>, or equal.</summary>
    Lte,

    /// <summary><c>$in</c>: the operand is an array and the field is present and deeply equal to one of its items.</summary>
    In,

    /// <summary><c>$nin</c>: the operand is an array and the field is absent or deeply equal to none of its items.</summary>
    Nin,
}
