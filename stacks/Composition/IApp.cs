using Palisade.Components.ZeroTrust;

namespace Palisade.Stacks.Composition;

/// <summary>An application defined in the user's code: the name stacks list in <c>palisade:apps</c> and its spec.</summary>
public interface IApp
{
    string Name { get; }

    AppSpec Define();
}
