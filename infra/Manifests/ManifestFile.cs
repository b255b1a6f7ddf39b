namespace Palisade.Infra.Manifests;

/// <summary>A manifest file's path (as shown in messages) and its text.</summary>
public sealed record ManifestFile(string Path, string Text);
