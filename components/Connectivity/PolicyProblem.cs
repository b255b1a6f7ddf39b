namespace Palisade.Components.Connectivity;

/// <summary>Why a NetworkPolicy is invalid: the key path inside the object, what is wrong, and how to fix it.</summary>
internal sealed record PolicyProblem(string KeyPath, string Problem, string Fix);
