using System.Globalization;
using Palisade.Components.Diagnostics;

namespace Palisade.Components.ZeroTrust;

/// <summary>One limit an exposed route declares; each ingress kind says which of them it can enforce.</summary>
public enum EdgeLimit
{
    /// <summary>Sustained requests per second per client address.</summary>
    RequestsPerSecond,

    /// <summary>Requests per client accepted above the rate at once before the limit answers.</summary>
    Burst,

    /// <summary>Concurrent connections per client address.</summary>
    Connections,

    /// <summary>Largest request body accepted.</summary>
    BodySize,

    /// <summary>The status code of a limited request.</summary>
    LimitedStatus,
}

/// <summary>
/// The limits of an exposed route, declared once for every controller: per client address a sustained request rate
/// with a burst and a number of concurrent connections, the largest request body, and the status code a limited
/// request gets. Defaults follow the GovTech seed: 100 requests per second (burst 100), 20 connections, 10 MiB, 429.
/// Each ingress kind compiles them to its own mechanism, and refuses a limit it cannot enforce.
/// </summary>
public sealed record EdgeLimits
{
    public const int MaxRequestsPerSecond = 10_000;
    public const int MaxBurst = 100_000;
    public const int MaxConnections = 10_000;
    public const long MinBodyBytes = 1024;
    public const long MaxBodyBytes = 1024L * 1024 * 1024;
    public const long Mebibyte = 1024L * 1024;

    public static EdgeLimits Default { get; } = new();

    public int RequestsPerSecond { get; init; } = 100;

    /// <summary>Requests above the rate a client may send at once; at least the rate (a burst below it would refuse a client keeping to the rate).</summary>
    public int Burst { get; init; } = 100;

    public int Connections { get; init; } = 20;

    public long BodyBytes { get; init; } = 10 * Mebibyte;

    public int LimitedStatus { get; init; } = 429;

    /// <summary>The key a limit has in declarations and messages.</summary>
    public static string Key(EdgeLimit limit) => limit switch
    {
        EdgeLimit.RequestsPerSecond => "requestsPerSecond",
        EdgeLimit.Burst => "burst",
        EdgeLimit.Connections => "connections",
        EdgeLimit.BodySize => "bodyBytes",
        EdgeLimit.LimitedStatus => "limitedStatus",
        _ => throw new ArgumentOutOfRangeException(nameof(limit), limit, null),
    };

    public static EdgeLimit? Parse(string key) => Enum.GetValues<EdgeLimit>().Cast<EdgeLimit?>().FirstOrDefault(l => Key(l!.Value) == key);

    /// <summary>The declared value of one limit, as a message shows it.</summary>
    public string Show(EdgeLimit limit) => limit switch
    {
        EdgeLimit.RequestsPerSecond => $"{RequestsPerSecond.ToString(CultureInfo.InvariantCulture)} requests/s per client",
        EdgeLimit.Burst => $"burst {Burst.ToString(CultureInfo.InvariantCulture)} per client",
        EdgeLimit.Connections => $"{Connections.ToString(CultureInfo.InvariantCulture)} connections per client",
        EdgeLimit.BodySize => $"bodies up to {BodyBytes.ToString(CultureInfo.InvariantCulture)} bytes",
        EdgeLimit.LimitedStatus => $"status {LimitedStatus.ToString(CultureInfo.InvariantCulture)} when limited",
        _ => throw new ArgumentOutOfRangeException(nameof(limit), limit, null),
    };

    /// <summary>Refuses values no controller could enforce as declared, naming the key and the allowed range.</summary>
    public void Validate(string where)
    {
        Require(RequestsPerSecond is >= 1 and <= MaxRequestsPerSecond, where, EdgeLimit.RequestsPerSecond, RequestsPerSecond,
            $"1 to {MaxRequestsPerSecond} requests per second per client (0 or less would refuse every request)");
        Require(Burst >= RequestsPerSecond && Burst <= MaxBurst, where, EdgeLimit.Burst, Burst,
            $"{RequestsPerSecond} (the rate) to {MaxBurst} requests (a burst below the rate refuses clients that keep to it)");
        Require(Connections is >= 1 and <= MaxConnections, where, EdgeLimit.Connections, Connections,
            $"1 to {MaxConnections} concurrent connections per client");
        Require(BodyBytes is >= MinBodyBytes and <= MaxBodyBytes, where, EdgeLimit.BodySize, BodyBytes,
            $"{MinBodyBytes} to {MaxBodyBytes} bytes (1 KiB to 1 GiB; 0 would turn the limit off)");
        Require(LimitedStatus is 429 or 503, where, EdgeLimit.LimitedStatus, LimitedStatus,
            "429 (Too Many Requests) or 503 (Service Unavailable)");
    }

    private static void Require(bool ok, string where, EdgeLimit limit, long value, string range)
    {
        if (!ok)
        {
            throw new InputError($"{where} limits.{Key(limit)}", $"{value.ToString(CultureInfo.InvariantCulture)} is out of range", $"Use {range}.");
        }
    }
}
