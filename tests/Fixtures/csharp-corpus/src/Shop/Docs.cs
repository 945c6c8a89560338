namespace Shop;

public sealed class Undocumented // expect RBCS301
{
    /// <summary>Documented.</summary>
    public int Value { get; set; }
}

internal sealed class Internal
{
    public int Value { get; set; }
}
