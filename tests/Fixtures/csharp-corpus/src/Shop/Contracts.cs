#pragma warning disable CS1591

namespace Shop;

public sealed class Contract
{
    public int Id { get; set; }

    public string Name { get; set; } = "";
}

#pragma warning restore CS1591

public sealed class Uncovered // expect RBCS301
{
}
