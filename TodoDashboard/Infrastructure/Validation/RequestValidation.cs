using System.ComponentModel.DataAnnotations;

namespace TodoDashboard.Infrastructure.Validation;

public static class RequestValidation
{
    /// <summary>
    /// The request's DataAnnotations and <see cref="IValidatableObject"/> errors by property, as the endpoint filter
    /// finds them; for callers that reach a service without passing through an endpoint (components, commands).
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> Errors(object request)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(request, new ValidationContext(request), results, validateAllProperties: true);
        return results
            .SelectMany(r => (r.MemberNames.Any() ? r.MemberNames : [""]).Select(member => (member, message: r.ErrorMessage ?? "")))
            .GroupBy(e => e.member, e => e.message)
            .ToDictionary(g => g.Key, g => g.ToArray());
    }
}
