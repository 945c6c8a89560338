namespace Shop;

/// <summary>Naming.</summary>
public sealed class Naming : Legacy.IVisitor
{
    private readonly int _count;
    private readonly int _total;
    private int retries; // expect RBCS205

    /// <summary>Max.</summary>
    public const int MAX_SIZE = 3; // expect RBCS203

    /// <summary>Value.</summary>
    public int get_value() => _count + _total + retries++; // expect RBCS201

    /// <summary>Visit.</summary>
    public void visit_node(int node) { }

    /// <summary>Ship.</summary>
    public int Ship(int Order) => Order; // expect RBCS204

    /// <inheritdoc/>
    public override string ToString() => "";
}

/// <summary>Runner.</summary>
public sealed class Runner : Legacy.Base
{
    /// <inheritdoc/>
    protected override void on_start() { }
}

/// <summary>Bad.</summary>
public sealed class order_line { } // expect RBCS202

/// <summary>Repo.</summary>
public interface Repository { } // expect RBCS206
