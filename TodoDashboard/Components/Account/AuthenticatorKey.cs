using System.Text;
using QRCoder;

namespace TodoDashboard.Components.Account;

/// <summary>How the set-up page shows an authenticator key: in groups of four to type, and as an otpauth:// QR code to scan.</summary>
public static class AuthenticatorKey
{
    public const string Issuer = "TodoDashboard";

    public const int RecoveryCodeCount = 10;

    public static string Format(string key)
    {
        var formatted = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            formatted.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return formatted.ToString().TrimEnd().ToLowerInvariant();
    }

    /// <summary>The key-uri format authenticator apps read (github.com/google/google-authenticator/wiki/Key-Uri-Format).</summary>
    public static string Uri(string account, string key) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(Issuer)}:{System.Uri.EscapeDataString(account)}?secret={key}&issuer={System.Uri.EscapeDataString(Issuer)}&digits=6";

    /// <summary>A PNG data: URI (the Content-Security-Policy allows data: images; no script draws it).</summary>
    public static string QrCodeDataUri(string account, string key)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(Uri(account, key), QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(pixelsPerModule: 5);
        return $"data:image/png;base64,{Convert.ToBase64String(png)}";
    }
}
