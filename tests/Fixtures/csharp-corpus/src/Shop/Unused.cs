using System.Text; // expect RBCS401
using System.Globalization;

namespace Shop;

/// <summary>Unused.</summary>
public sealed class Unused
{
    private readonly int _legacy = 3; // expect RBCS403
    private readonly int _used = 1;

    /// <summary>Compute.</summary>
    public int Compute(int value)
    {
        var total = value * 2; // expect RBCS402
        return Helper(value, 1) + _used + int.Parse("1", CultureInfo.InvariantCulture);
    }

    private static int Helper(int value, int factor) => value; // expect RBCS404
}
