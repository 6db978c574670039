namespace TodoDashboard.Features.Customers;

/// <summary>
/// Splits a full-text search into the part read as whole words (web search syntax: quotes, <c>or</c>, <c>-</c>) and
/// the word being typed at its end, which matches as a prefix so that "mar" finds Maria on the way to "maria".
/// </summary>
public static class CustomerSearchTerms
{
    /// <summary>
    /// The prefix is the run of letters and digits that ends the search, so it can hold no tsquery operator. There is
    /// none when the search ends with anything else (a closing quote, punctuation: the word is finished), inside an
    /// open quote, or when the last word is a negation or "or". After "or" the prefix is an
    /// <paramref name="search"/>'s alternative (<c>Alternative</c>): web search syntax ORs the words either side of it.
    /// </summary>
    public static (string Complete, string? Prefix, bool Alternative) Split(string search)
    {
        var start = search.Length;
        while (start > 0 && char.IsLetterOrDigit(search[start - 1]))
        {
            start--;
        }

        var wordStart = start;
        while (wordStart > 0 && !char.IsWhiteSpace(search[wordStart - 1]))
        {
            wordStart--;
        }

        var word = search[wordStart..];
        var insideQuote = search.AsSpan(0, start).Count('"') % 2 == 1;
        if (start == search.Length || insideQuote || word.StartsWith('-') || word.Equals("or", StringComparison.OrdinalIgnoreCase))
        {
            return (search, null, false);
        }

        var complete = search[..start].TrimEnd();
        var alternative = complete.Equals("or", StringComparison.OrdinalIgnoreCase)
            || complete.EndsWith(" or", StringComparison.OrdinalIgnoreCase);
        return (alternative ? complete[..^2].TrimEnd() : complete, search[start..], alternative);
    }
}
