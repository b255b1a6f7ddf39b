using Palisade.Components.Graph;
using Palisade.Stacks.Composition;

namespace Palisade.Stacks.Platform;

internal abstract partial record CloudTarget
{
    /// <summary>Creates the cluster (or the provider for an existing one) and names the stack's outputs about it.</summary>
    public abstract StackCluster Compose(ResourceGraph graph, StackPlatform platform);
}
