using Palisade.Components.Graph;

namespace Palisade.Components.Aws;

/// <summary>One Allow statement of an IAM policy: actions on resources (no conditions).</summary>
public sealed record IamStatement(IReadOnlyList<string> Actions, IReadOnlyList<string> Resources)
{
    public MapValue ToValue() => new MapBuilder
    {
        { "Effect", "Allow" },
        { "Action", Actions.Count == 1 ? new StringValue(Actions[0]) : ListValue.OfStrings(Actions) },
        { "Resource", Resources.Count == 1 ? new StringValue(Resources[0]) : ListValue.OfStrings(Resources) },
    };
}

/// <summary>IAM JSON documents built with <c>fn::toJSON</c>, so the emitted program shows them as data.</summary>
internal static class IamDocuments
{
    public const string Version = "2012-10-17";

    /// <summary>Trust policy that lets an AWS service (eks.amazonaws.com, ec2.amazonaws.com) assume the role.</summary>
    public static Value ServiceTrust(string service) => new FunctionCall("toJSON", new MapBuilder
    {
        { "Version", Version },
        {
            "Statement", ListValue.Of(new MapBuilder
            {
                { "Effect", "Allow" },
                { "Principal", new MapBuilder { { "Service", service } }.Build() },
                { "Action", "sts:AssumeRole" },
            }.Build())
        },
    }.Build());

    /// <summary>A permissions policy from Allow statements, or from statements already written as values.</summary>
    public static Value Policy(IEnumerable<Value> statements) => new FunctionCall("toJSON", new MapBuilder
    {
        { "Version", Version },
        { "Statement", ListValue.Of(statements) },
    }.Build());

    public static Value Policy(IEnumerable<IamStatement> statements) => Policy(statements.Select(s => (Value)s.ToValue()));
}
