using System.Buffers.Text;
using System.Text.Json;

namespace TodoDashboard.Features.Customers;

/// <summary>
/// A position in a sorted listing: the sort key's value and the id of a row, and which way to read from it.
/// Opaque to clients (base64url JSON); it carries its sort so it cannot be replayed against another order.
/// </summary>
public sealed record CustomerCursor(CustomerSort Sort, bool Descending, bool Backward, string? Value, long Id)
{
    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(
        new Wire((int)Sort, Descending ? 1 : 0, Backward ? 1 : 0, Value, Id)));

    public static bool TryDecode(string? text, out CustomerCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text) || text.Length > 1024)
        {
            return false;
        }

        try
        {
            var wire = JsonSerializer.Deserialize<Wire>(Base64Url.DecodeFromChars(text));
            if (wire is null || !Enum.IsDefined((CustomerSort)wire.S) || wire.D is not (0 or 1) || wire.B is not (0 or 1)
                || (wire.V is not null && !CustomerSortKeys.For((CustomerSort)wire.S).IsValid(wire.V)))
            {
                return false;
            }

            cursor = new CustomerCursor((CustomerSort)wire.S, wire.D == 1, wire.B == 1, wire.V, wire.I);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return false;
        }
    }

    private sealed record Wire(int S, int D, int B, string? V, long I);
}
