namespace Orleans.Bcp.Api.Access;

/// <summary>The stable slugs of <see cref="InvalidRow.Error"/>.</summary>
internal static class RowErrors
{
    public const string WrongHeader = "wrong-header";
    public const string MissingColumn = "missing-column";
    public const string ExtraColumn = "extra-column";
    public const string MalformedQuotes = "malformed-quotes";
    public const string FormulaCell = "formula-cell";
    public const string EmptyCell = "empty-cell";
    public const string BadType = "bad-type";
    public const string DuplicateUsername = "duplicate-username";
    public const string UnknownUsername = "unknown-username";

    /// <summary>Valid when checked, but the user was deleted or renamed before the change was written (a concurrent edit).</summary>
    public const string UserChanged = "user-changed";
}
