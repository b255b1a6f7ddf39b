using Palisade.Stacks.Config;

namespace Palisade.Stacks.Platform;

/// <summary>
/// A cluster the stack does not create: the Kubernetes provider takes its kubeconfig (secret) and context from
/// stack config, so nothing depends on the operator's ambient ~/.kube/config by accident.
/// </summary>
public sealed partial record ExistingCluster(Configured? KubeContext, bool HasKubeconfig) : CloudTarget
{
    public const string KindName = "existing";

    public static CloudKind Kind { get; } = new(KindName, Read);

    public override string Name => KindName;

    private static CloudTarget Read(SettingsReader reader) =>
        new ExistingCluster(reader.Referenced(ConfigSchema.KubeContext), reader.Has(ConfigSchema.Kubeconfig));
}
