namespace Orleans.Bcp.Tests.Resilience;

/// <summary>The JSON shape a checked body field must have; anything else in it is a 400.</summary>
public enum FieldKind
{
    /// <summary>A string (text, enum, id, reference, script content).</summary>
    String,

    Bool,

    /// <summary>An array of strings (reference ids, permission names, entity types).</summary>
    StringArray,
}
