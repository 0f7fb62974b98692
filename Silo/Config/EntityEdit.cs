using System.Text.Json.Nodes;

namespace Orleans.Bcp.Silo.Config;

/// <summary>
/// What an edit through <see cref="EntityWriter.EditAsync"/> makes of an entity's current version:
/// the data to write, or the outcome that ends the write without writing.
/// </summary>
public sealed record EntityEdit(JsonObject? Next, EntityWriteOutcome Outcome)
{
    public static EntityEdit Write(JsonObject next) => new(next, EntityWriteOutcome.Replaced);

    public static EntityEdit Stop(EntityWriteOutcome outcome) => new(null, outcome);
}
