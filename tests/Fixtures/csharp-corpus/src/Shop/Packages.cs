using Newtonsoft.Json;
using System.Text;

namespace Shop;

/// <summary>Uses a package the review cannot see: no using is provably unused.</summary>
public static class Packages
{
    /// <summary>Write.</summary>
    public static string Write(object value) => JsonConvert.SerializeObject(value);
}
