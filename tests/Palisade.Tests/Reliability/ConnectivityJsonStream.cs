using System.Text.Json;

namespace Palisade.Tests.Reliability;

/// <summary>
/// Reads a connectivity JSON report from a stream with a small buffer, checking it against the contract
/// ({"connections":[{"src","dst","conns"}]}) as it goes, so a report of gigabytes is checked without holding it.
/// </summary>
public static class ConnectivityJsonStream
{
    public sealed record Summary(long Connections, long Sources, long Bytes, bool SourcesSorted, string? FirstSource, string? LastDestination);

    public static Summary Read(Stream stream)
    {
        var buffer = new byte[1 << 20];
        var filled = 0;
        var state = new JsonReaderState();
        var counter = new Counter();
        long bytes = 0;
        while (true)
        {
            var read = stream.Read(buffer, filled, buffer.Length - filled);
            bytes += read;
            filled += read;
            var final = read == 0;
            var reader = new Utf8JsonReader(buffer.AsSpan(0, filled), final, state);
            while (reader.Read())
            {
                counter.Visit(ref reader);
            }

            var consumed = (int)reader.BytesConsumed;
            state = reader.CurrentState;
            Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
            filled -= consumed;
            if (final)
            {
                if (filled != 0 && buffer.AsSpan(0, filled).IndexOfAnyExcept((byte)'\n', (byte)' ') >= 0)
                {
                    throw new InvalidDataException("the report ends with something that is not JSON");
                }

                return counter.Finish(bytes);
            }
        }
    }

    /// <summary>Tracks depth and the current object's properties; throws on anything outside the contract.</summary>
    private sealed class Counter
    {
        private int depth;
        private string? property;
        private long connections;
        private long sources;
        private bool sorted = true;
        private string? previousSource;
        private string? firstSource;
        private string? lastDestination;
        private int fields;
        private bool closed;

        public void Visit(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    depth++;
                    if (depth == 3 && reader.TokenType == JsonTokenType.StartObject)
                    {
                        fields = 0;
                    }

                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    if (depth == 3 && reader.TokenType == JsonTokenType.EndObject)
                    {
                        Require(fields == 3, "a connection without src, dst and conns");
                        connections++;
                    }

                    depth--;
                    closed = depth == 0;
                    break;
                case JsonTokenType.PropertyName:
                    property = reader.GetString();
                    if (depth == 1)
                    {
                        Require(property == "connections", $"unexpected top-level key {property}");
                    }
                    else if (depth == 3)
                    {
                        fields++;
                    }

                    break;
                case JsonTokenType.String when depth == 3 && property == "src":
                    var source = reader.GetString()!;
                    firstSource ??= source;
                    if (source != previousSource)
                    {
                        sources++;
                        sorted &= previousSource is null || Compare(previousSource, source) < 0;
                        previousSource = source;
                    }

                    break;
                case JsonTokenType.String when depth == 3 && property == "dst":
                    lastDestination = reader.GetString();
                    break;
            }
        }

        public Summary Finish(long bytes)
        {
            Require(closed, "the report stops before its end");
            return new Summary(connections, sources, bytes, sorted, firstSource, lastDestination);
        }

        /// <summary>Workload sources ("ns/name[Kind]") sort ordinally before external ones, which are JSON arrays here.</summary>
        private static int Compare(string a, string b) => string.CompareOrdinal(a, b);

        private static void Require(bool condition, string problem)
        {
            if (!condition)
            {
                throw new InvalidDataException(problem);
            }
        }
    }
}
