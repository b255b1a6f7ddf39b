using Palisade.Components.ZeroTrust;

namespace Palisade.Stacks.Platform;

/// <summary>
/// What an ingress kind does with each edge limit: how it enforces the limits it can (for the plan and the README),
/// and which declared values it cannot express (a limit missing from <see cref="How"/> it cannot enforce at all).
/// </summary>
internal sealed record EdgeSupport(IReadOnlyDictionary<EdgeLimit, string> How, Func<EdgeLimits, EdgeLimit, string?>? Refuses = null)
{
    /// <summary>Why the kind cannot enforce one declared limit as declared; null when it can.</summary>
    public string? Problem(EdgeLimits limits, EdgeLimit limit) =>
        !How.ContainsKey(limit) ? "the kind has no mechanism for it" : Refuses?.Invoke(limits, limit);

    /// <summary>A kind that enforces nothing itself (the controller is someone else's and unknown).</summary>
    public static EdgeSupport None { get; } = new(new Dictionary<EdgeLimit, string>());
}
