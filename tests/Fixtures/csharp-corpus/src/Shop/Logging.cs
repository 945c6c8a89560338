using Microsoft.Extensions.Logging;

namespace Shop;

/// <summary>Logs.</summary>
public sealed class Shipping(ILogger<Shipping> logger)
{
    /// <summary>Ship.</summary>
    public void Ship(string country)
    {
        logger.LogInformation($"Shipped to {country}"); // expect RBCS701
        logger.LogInformation("Shipped to {Country}", country);
        try
        {
            Console.WriteLine(country); // expect RBCS703
        }
        catch (InvalidOperationException ex)
        {
            logger.LogWarning("Failed: {Error}", ex.Message); // expect RBCS702
        }
        catch (ArgumentException ex)
        {
            logger.LogWarning(ex, "Failed for {Country}", country);
        }
    }
}
